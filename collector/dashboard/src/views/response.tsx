// One response, at /dashboard/responses/:id: where webhook messages and alert e-mails link. The
// link names no site, so the response's site is the one of the reader's sites whose follow-up
// route knows it; the answer itself is found by its time (the widget's ids are UUIDv7: their first
// 48 bits are the milliseconds it was made).
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { StoredResponse } from '@plaudit/shared';
import { api, sitePath, withQuery } from '../api';
import { useSurveys } from '../components/filters';
import { ResponseCard, TeamNames, seen, type Member } from '../components/response-card';
import { ErrorNote, Loading } from '../components/ui';
import { useApp } from '../context';
import { useData } from '../hooks';

/** The creation time a UUIDv7 carries, or null for other ids. */
export function uuidTime(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/i.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

async function findIn(siteId: string, id: string): Promise<StoredResponse | null> {
  const at = uuidTime(id);
  if (at === null) return null;
  // Narrow first (a clock a few minutes off), then a day either side.
  for (const span of [10 * 60_000, 86_400_000]) {
    let cursor: string | null = null;
    for (let page = 0; page < 6; page++) {
      const answer: { items: StoredResponse[]; nextCursor: string | null } = await api('GET', sitePath(siteId, '/responses', { from: new Date(at - span).toISOString(), to: new Date(at + span).toISOString(), limit: 500, cursor }));
      const found = answer.items.find((r) => r.id === id);
      if (found) return found;
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
  }
  return null;
}

export default function ResponsePage() {
  const { t, siteId, session, href } = useApp();
  const { params } = useRoute();
  const location = useLocation();
  const id = params.id ?? '';
  const [state, setState] = useState<{ response?: StoredResponse; siteId?: string; error?: Error; missing?: boolean }>({});
  const surveys = useSurveys();
  const members = useData<{ items: Member[] }>(sitePath(siteId, '/members'));
  useEffect(() => {
    let live = true;
    const cached = seen.get(id);
    if (cached && cached.siteId === siteId) {
      setState({ response: cached.response, siteId });
      return;
    }
    (async () => {
      // The open site first, then the reader's other sites.
      const order = [siteId, ...session.sites.map((s) => s.id).filter((s) => s !== siteId)];
      for (const candidate of order) {
        try {
          await api('GET', sitePath(candidate, `/responses/${encodeURIComponent(id)}/follow-up`));
        } catch {
          continue;
        }
        if (candidate !== siteId) {
          location.route(withQuery(location.path, { site: candidate }), true);
          return;
        }
        const response = await findIn(candidate, id);
        if (live) setState(response ? { response, siteId: candidate } : { siteId: candidate, missing: true });
        return;
      }
      if (live) setState({ missing: true });
    })().catch((error: Error) => live && setState({ error }));
    return () => void (live = false);
  }, [id, siteId]);

  const survey = state.response && surveys.data?.items.find((s) => s.id === state.response!.survey);
  return (
    <section class="view" aria-labelledby="response-title">
      <p class="crumbs">
        <a href={href('/dashboard/responses')}>← {t('navResponses')}</a>
      </p>
      <h1 id="response-title">{t('responseTitle')}</h1>
      <ErrorNote error={state.error} />
      {state.missing ? (
        <p class="empty">{state.siteId ? t('responseNotLocated') : t('responseNotFound')}</p>
      ) : state.response ? (
        <>
          <TeamNames members={members.data?.items ?? []} />
          <ResponseCard response={state.response} surveyName={survey?.name} questions={survey?.followUps} onChange={(r) => setState((s) => ({ ...s, response: r }))} expanded link={false} />
        </>
      ) : (
        !state.error && <Loading />
      )}
    </section>
  );
}
