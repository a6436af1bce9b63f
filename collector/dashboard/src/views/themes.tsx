// What customers say in their own words: detractors' themes beside promoters', each with how
// often it comes up, the NPS of the answers that mention it against those that do not (what drives
// the score), example comments, and a link to the responses that mention it.
import { h } from 'preact';
import type { z } from 'zod';
import type { ThemesSchema } from '@plaudit/shared';
import { sitePath } from '../api';
import { PeriodPicker, SurveyPicker, rangeOf, useQueryState, useSurveys } from '../components/filters';
import { Empty, ErrorNote, Loading, Field } from '../components/ui';
import { useApp } from '../context';
import { useData } from '../hooks';

type Themes = z.infer<typeof ThemesSchema>;
type Theme = Themes['themes'][number];

export default function ThemesView() {
  const { t, site } = useApp();
  const { query, set } = useQueryState();
  const surveys = useSurveys();
  const range = rangeOf(query, site?.timezone ?? 'UTC', '90d');
  const locale = query.locale || undefined;
  return (
    <section class="view" aria-labelledby="themes-title">
      <div class="view-head">
        <h1 id="themes-title">{t('themesTitle')}</h1>
      </div>
      <p class="lead">{t('themesLead')}</p>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <SurveyPicker surveys={surveys.data?.items ?? []} value={query.survey || undefined} onChange={(v) => set({ survey: v })} />
        <PeriodPicker range={range} withInterval={false} />
        <Field label={t('commentLanguage')}>
<select value={locale ?? ''} onChange={(e) => set({ locale: e.currentTarget.value || undefined })}>
            <option value="">{t('allLanguages')}</option>
            {(['en', 'fr', 'de', 'es'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`lang_${l}`)}
              </option>
            ))}
          </select>
</Field>
      </form>
      {site && (
        <div class="two">
          <Column category="detractor" from={range.from} to={range.to} survey={query.survey || undefined} locale={locale} />
          <Column category="promoter" from={range.from} to={range.to} survey={query.survey || undefined} locale={locale} />
        </div>
      )}
    </section>
  );
}

function Column({ category, ...filters }: { category: 'detractor' | 'promoter'; from?: string | undefined; to?: string | undefined; survey?: string | undefined; locale?: string | undefined }) {
  const { t, f, siteId } = useApp();
  const themes = useData<Themes>(sitePath(siteId, '/themes', { category, limit: 8, ...filters }));
  const id = `themes-${category}`;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{t(category === 'detractor' ? 'themesDetractors' : 'themesPromoters')}</h2>
        {themes.data && <span class="hint">{t('themesRead', { n: f.int(themes.data.comments) })}</span>}
      </div>
      <ErrorNote error={themes.error} />
      {!themes.data && !themes.error && <Loading />}
      {themes.data && themes.data.themes.length === 0 && <Empty>{t('themesNone')}</Empty>}
      <ol class="themes">
        {themes.data?.themes.map((theme) => (
          <ThemeItem key={theme.key} theme={theme} category={category} filters={filters} />
        ))}
      </ol>
    </section>
  );
}

function ThemeItem({ theme, category, filters }: { theme: Theme; category: 'detractor' | 'promoter'; filters: { from?: string | undefined; to?: string | undefined; survey?: string | undefined } }) {
  const { t, f, href } = useApp();
  const own = theme.byCategory[category];
  const withNps = theme.nps.with;
  const without = theme.nps.without;
  const effect = withNps.score !== null && without.score !== null ? withNps.score - without.score : null;
  // The comments' own words find the responses that mention it (the list's text search).
  const search = [...theme.forms].sort((a, b) => a.length - b.length)[0] ?? theme.label;
  return (
    <li class="theme">
      <h3>{theme.label}</h3>
      <p class="theme-figures">
        {t('themeMentions', { n: f.int(own.count), share: f.pct(own.share) })}
        {' · '}
        {t('themeOverall', { n: f.int(theme.count) })}
      </p>
      <p class="theme-nps">
        {t('themeNps', { with: f.num(withNps.score), without: f.num(without.score) })}
        {withNps.interval && <span class="hint"> {t('intervalRange', { low: f.num(withNps.interval.low), high: f.num(withNps.interval.high) })}</span>}
        {effect !== null && <span class={effect < 0 ? 'effect down' : 'effect up'}> {t('themeEffect', { n: f.signed(effect) })}</span>}
      </p>
      {theme.examples.length > 0 && (
        <ul class="examples">
          {theme.examples.map((e) => (
            <li key={e.id}>
              <q>{e.text}</q>
            </li>
          ))}
        </ul>
      )}
      <a href={href('/dashboard/responses', { q: search, survey: filters.survey, ...(filters.from && { period: 'custom', from: filters.from, to: filters.to }) })}>{t('themeResponses', { term: search })}</a>
    </li>
  );
}
