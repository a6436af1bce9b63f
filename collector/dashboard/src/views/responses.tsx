// The inbox: detractors not yet contacted on top, then every response newest first, with the
// filters in the URL, follow-up editable in place, and the exports of what the filters select.
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StoredResponse } from '@plaudit/shared';
import { api, sitePath } from '../api';
import { PeriodPicker, SurveyPicker, rangeOf, useQueryState, useSurveys } from '../components/filters';
import { ResponseCard, STATES, TeamNames, type Member } from '../components/response-card';
import { Empty, ErrorNote, Loading, Field } from '../components/ui';
import { useApp } from '../context';
import { useData } from '../hooks';

type Page = { items: StoredResponse[]; nextCursor: string | null };

export default function Responses() {
  const { t, f, siteId, site, href } = useApp();
  const { query, set } = useQueryState();
  const surveys = useSurveys();
  const members = useData<{ items: Member[] }>(sitePath(siteId, '/members'));
  const range = rangeOf(query, site?.timezone ?? 'UTC', 'all');
  const filters = {
    survey: query.survey || undefined,
    from: range.from,
    to: range.to,
    category: query.category || undefined,
    hasComment: query.hasComment || undefined,
    followUp: query.followUp || undefined,
    assignee: query.assignee || undefined,
    q: query.q || undefined,
  };
  const key = JSON.stringify(filters);
  const first = useData<Page>(site ? sitePath(siteId, '/responses', { ...filters, limit: 25 }) : null);
  const showWaiting = !filters.category && !filters.followUp && !filters.q && !filters.assignee;
  const waiting = useData<Page>(site && showWaiting ? sitePath(siteId, '/responses', { ...filters, category: 'detractor', followUp: 'open', limit: 5 }) : null);
  const [more, setMore] = useState<{ key: string; items: StoredResponse[]; cursor: string | null; error?: Error; busy?: boolean }>({ key, items: [], cursor: null });
  const [edits, setEdits] = useState<Record<string, StoredResponse>>({});
  useEffect(() => setMore({ key, items: [], cursor: null }), [key]);
  const cursor = more.key === key && more.items.length ? more.cursor : (first.data?.nextCursor ?? null);
  const items = useMemo(() => [...(first.data?.items ?? []), ...(more.key === key ? more.items : [])].map((r) => edits[r.id] ?? r), [first.data, more, key, edits]);
  const byId = useMemo(() => new Map((surveys.data?.items ?? []).map((s) => [s.id, s])), [surveys.data]);
  const onChange = (r: StoredResponse) => setEdits((e) => ({ ...e, [r.id]: r }));
  const loadMore = async () => {
    if (!cursor) return;
    setMore((m) => ({ ...m, busy: true }));
    try {
      const page = await api<Page>('GET', sitePath(siteId, '/responses', { ...filters, limit: 25, cursor }));
      setMore((m) => ({ key, items: [...(m.key === key ? m.items : []), ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, busy: false, error: error as Error }));
    }
  };
  const exportQuery = { ...filters };
  const waitingItems = (waiting.data?.items ?? []).map((r) => edits[r.id] ?? r);

  return (
    <section class="view" aria-labelledby="responses-title">
      <div class="view-head">
        <h1 id="responses-title">{t('responsesTitle')}</h1>
        <span class="row-actions">
          <a class="button" href={sitePath(siteId, '/exports/responses.csv', exportQuery)} download>
            {t('exportCsv')}
          </a>
          <a class="button" href={sitePath(siteId, '/exports/responses.ndjson', exportQuery)} download>
            {t('exportNdjson')}
          </a>
        </span>
      </div>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
          set({ q: q || undefined });
        }}
      >
        <span class="search grow">
          <Field label={t('searchComments')} class="grow">
            <input type="search" name="q" defaultValue={filters.q ?? ''} key={filters.q ?? ''} maxLength={200} placeholder={t('searchPlaceholder')} />
          </Field>
          <button type="submit">{t('search')}</button>
        </span>
        <Field label={t('category')}>
<select value={filters.category ?? ''} onChange={(e) => set({ category: e.currentTarget.value || undefined })}>
            <option value="">{t('allCategories')}</option>
            {(['detractor', 'passive', 'promoter'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`cats_${c}`)}
              </option>
            ))}
          </select>
</Field>
        <SurveyPicker surveys={surveys.data?.items ?? []} value={filters.survey} onChange={(v) => set({ survey: v })} />
        <PeriodPicker range={range} withInterval={false} />
        <Field label={t('comment')}>
<select value={filters.hasComment ?? ''} onChange={(e) => set({ hasComment: e.currentTarget.value || undefined })}>
            <option value="">{t('any')}</option>
            <option value="true">{t('withComment')}</option>
            <option value="false">{t('withoutComment')}</option>
          </select>
</Field>
        <Field label={t('followUpState')}>
<select value={filters.followUp ?? ''} onChange={(e) => set({ followUp: e.currentTarget.value || undefined })}>
            <option value="">{t('any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state_${s}`)}
              </option>
            ))}
          </select>
</Field>
        <Field label={t('assignee')}>
<input list="team-members" defaultValue={filters.assignee ?? ''} key={filters.assignee ?? ''} onChange={(e) => set({ assignee: e.currentTarget.value.trim() || undefined })} />
</Field>
      </form>
      <TeamNames members={members.data?.items ?? []} />
      {showWaiting && waitingItems.length > 0 && (
        <section class="waiting" aria-labelledby="waiting-title">
          <div class="card-head">
            <h2 id="waiting-title">{t('waitingTitle')}</h2>
            <a href={href('/dashboard/responses', { ...query, site: undefined, category: 'detractor', followUp: 'open' })}>{t('waitingAll')}</a>
          </div>
          {waitingItems.map((r) => (
            <ResponseCard key={r.id} response={r} surveyName={byId.get(r.survey)?.name} questions={byId.get(r.survey)?.followUps} onChange={onChange} />
          ))}
        </section>
      )}
      <section aria-labelledby="all-title">
        <h2 id="all-title" class="list-title">
          {showWaiting ? t('allResponses') : t('matchingResponses')}
        </h2>
        <ErrorNote error={first.error} />
        {!first.data && !first.error && <Loading />}
        {first.data && items.length === 0 && <Empty>{t('noResponses')}</Empty>}
        <div class="list" aria-busy={first.loading}>
          {items.map((r) => (
            <ResponseCard key={r.id} response={r} surveyName={byId.get(r.survey)?.name} questions={byId.get(r.survey)?.followUps} onChange={onChange} />
          ))}
        </div>
        <ErrorNote error={more.error} />
        {cursor && (
          <p class="more">
            <button type="button" onClick={() => void loadMore()} disabled={more.busy}>
              {t('loadMore')}
            </button>
            <span class="hint"> {t('shownCount', { n: f.int(items.length) })}</span>
          </p>
        )}
      </section>
    </section>
  );
}
