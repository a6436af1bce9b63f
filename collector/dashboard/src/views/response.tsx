// One response, at /dashboard/responses/:id: where webhook messages and alert e-mails link. The
// link names no site, so the response's site is the first of the reader's sites (the open one
// first) that knows it.
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
        let response: StoredResponse;
        try {
          response = await api('GET', sitePath(candidate, `/responses/${encodeURIComponent(id)}`));
        } catch {
          continue;
        }
        if (candidate !== siteId) {
          location.route(withQuery(location.path, { site: candidate }), true);
          return;
        }
        if (live) setState({ response, siteId: candidate });
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
        <p class="empty">{t('responseNotFound')}</p>
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
