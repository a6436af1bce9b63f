// Where do we stand, is it moving for real, and why: NPS and CSAT with their intervals, the
// response rate, the trend with change markers, the distributions, and the change against the
// previous period in words. Every figure is the API's (metrics, compare, markers).
import { Fragment, h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { CompareSchema, Metrics, MarkerSchema } from '@plaudit/shared';
import { percent1 } from '@plaudit/shared/scoring';
import { api, sitePath } from '../api';
import { changeInWords } from '../change';
import { Legend, TrendChart } from '../components/chart';
import { PeriodPicker, SurveyPicker, rangeOf, useQueryState, useSurveys } from '../components/filters';
import { DataTable, Empty, ErrorNote, Field, FiguresTable, Loading, Section, styled } from '../components/ui';
import { useApp } from '../context';
import { useAction, useData } from '../hooks';

type Compare = z.infer<typeof CompareSchema>;
type Marker = z.infer<typeof MarkerSchema>;
type Impact = Compare & { marker: Marker; days: number };

const COLORS = { nps: '#4f46e5', csat: '#0f766e', responses: '#64748b' };

export default function Overview() {
  const app = useApp();
  const { t, f, siteId, site } = app;
  const { query, set } = useQueryState();
  const surveys = useSurveys();
  const range = rangeOf(query, site?.timezone ?? 'UTC');
  const survey = query.survey || undefined;
  const segment = query.segment || undefined;
  const value = query.value || undefined;
  const metrics = useData<Metrics>(site ? sitePath(siteId, '/metrics', { from: range.from, to: range.to, interval: range.interval, survey, segment }) : null);
  const compare = useData<Compare>(
    site && range.from && range.to ? sitePath(siteId, '/metrics/compare', { from: range.from, to: range.to, survey, segment: segment && value ? `${segment}:${value}` : undefined }) : null,
  );
  // Attribute names seen on recent answers, offered for the segment picker.
  const recent = useData<{ items: { attributes: Record<string, unknown> }[] }>(sitePath(siteId, '/responses', { limit: 100 }));
  const attributes = useMemo(() => [...new Set((recent.data?.items ?? []).flatMap((r) => Object.keys(r.attributes)))].sort(), [recent.data]);

  const m = metrics.data;
  const chosen = m && segment && value ? m.segments?.find((s) => s.value === value) : undefined;
  const nps = chosen ? chosen.nps : m?.nps;
  const csat = chosen ? chosen.csat : m?.csat;
  const series = chosen ? chosen.series : m?.series;

  return (
    <section class="view" aria-labelledby="overview-title">
      <div class="view-head">
        <h1 id="overview-title">{t('overviewTitle')}</h1>
        {metrics.loading && m && <span class="updating" role="status">{t('updating')}</span>}
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
        <SurveyPicker surveys={surveys.data?.items ?? []} value={survey} onChange={(v) => set({ survey: v })} />
        <PeriodPicker range={range} />
        <Field label={t('segmentBy')}>
<input list="attribute-names" value={segment ?? ''} placeholder={t('segmentNone')} onChange={(e) => set({ segment: e.currentTarget.value.trim() || undefined, value: undefined })} />
          <datalist id="attribute-names">
            {attributes.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
</Field>
        {segment && m?.segments && (
          <Field label={t('segmentValue')}>
<select value={value ?? ''} onChange={(e) => set({ value: e.currentTarget.value || undefined })}>
              <option value="">{t('segmentAllValues')}</option>
              {m.segments.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.value}
                </option>
              ))}
            </select>
</Field>
        )}
      </form>
      <ErrorNote error={metrics.error} />
      {!m && !metrics.error && <Loading />}
      {m && nps && csat && series && (
        <>
          {chosen && <p class="note">{t('segmentShown', { segment: segment!, value: value! })}</p>}
          <div class="kpis">
            <div class="kpi" data-testid="kpi-nps">
              <h2>{t('nps')}</h2>
              <p class="big" data-testid="nps-score">
                {nps.score === null ? '–' : f.num(nps.score)}
              </p>
              <p class="sub">{nps.interval ? t('intervalRange', { low: f.num(nps.interval.low), high: f.num(nps.interval.high) }) : t('noAnswers')}</p>
              <ShareBar promoters={nps.promoters} passives={nps.passives} detractors={nps.detractors} />
              <p class="sub">{t('npsAnswers', { n: f.int(nps.responses) })}</p>
            </div>
            <div class="kpi" data-testid="kpi-csat">
              <h2>{t('csat')}</h2>
              <p class="big">{f.pct(csat.score)}</p>
              <p class="sub">{csat.interval ? t('intervalRange', { low: f.pct(csat.interval.low), high: f.pct(csat.interval.high) }) : t('noAnswers')}</p>
              <p class="sub">{t('csatMean', { mean: f.num(csat.mean, 2) })}</p>
              <p class="sub">{t('csatAnswers', { n: f.int(csat.responses) })}</p>
            </div>
            <div class="kpi">
              <h2>{t('responseRate')}</h2>
              <p class="big">{f.pct(chosen ? null : m.responseRate)}</p>
              <p class="sub">{chosen ? t('responseRateNoSegment') : t('responsesOfImpressions', { r: f.int(m.responses), i: f.int(m.impressions) })}</p>
              {m.botAnswers > 0 && <p class="sub">{t('botAnswers', { n: f.int(m.botAnswers) })}</p>}
            </div>
            <div class="kpi change" data-testid="kpi-change">
              <h2>{t('changeTitle')}</h2>
              {!range.from ? (
                <p class="sub">{t('changeNeedsPeriod')}</p>
              ) : compare.data ? (
                <>
                  <p>
                    <b>{t('nps')}</b> {changeInWords(t, f, compare.data.nps, { lowSample: compare.data.lowSample, unit: 'points' })}
                  </p>
                  <p>
                    <b>{t('csat')}</b> {changeInWords(t, f, compare.data.csat, { lowSample: false, unit: 'pointsPct' })}
                  </p>
                  <p class="sub">
                    {t('comparedWith', { from: f.day(compare.data.previous.from), to: f.day(compare.data.previous.to) })}
                  </p>
                </>
              ) : compare.error ? (
                <ErrorNote error={compare.error} />
              ) : (
                <Loading />
              )}
            </div>
            <div class="kpi">
              <h2>{t('followUpTitle')}</h2>
              <p class="big">{f.pct(m.followUp.shareWithin48h)}</p>
              <p class="sub">{t('followUpWithin48', { c: f.int(m.followUp.contactedWithin48h), d: f.int(m.followUp.detractors) })}</p>
              <p class="sub">{t('followUpMedian', { h: f.hours(m.followUp.medianHoursToContact), p90: f.hours(m.followUp.p90HoursToContact) })}</p>
            </div>
          </div>
          <Trend series={series} markers={m.markers} />
          {!chosen && (
            <div class="two">
              <NpsDistribution counts={m.npsDistribution} />
              <CsatDistribution counts={m.csat.distribution} />
            </div>
          )}
          {segment && m.segments && <Segments segments={m.segments} attribute={segment} />}
          <Markers markers={m.markers} surveys={surveys.data?.items ?? []} survey={survey} onChange={metrics.reload} />
        </>
      )}
    </section>
  );
}

function ShareBar({ promoters, passives, detractors }: { promoters: number; passives: number; detractors: number }) {
  const { t, f } = useApp();
  const n = promoters + passives + detractors;
  const parts = [
    ['promoter', promoters],
    ['passive', passives],
    ['detractor', detractors],
  ] as const;
  return (
    <div class="sharebar-wrap">
      <div class="sharebar" aria-hidden="true">
        {parts.map(([k, c]) => (
          <span key={k} class={k} ref={styled('width', `${n ? (100 * c) / n : 0}%`)} />
        ))}
      </div>
      <ul class="shares">
        {parts.map(([k, c]) => (
          <li key={k} class={k}>
            {t(`cats_${k}`)} {f.pct(percent1(c, n))}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Bucket = Metrics['series'][number] | NonNullable<Metrics['segments']>[number]['series'][number];

function Trend({ series, markers }: { series: Bucket[]; markers: Marker[] }) {
  const { t, f } = useApp();
  const [what, setWhat] = useState<'nps' | 'csat' | 'responses'>('nps');
  const days = useMemo(() => series.map((b) => b.start), [series]);
  const chartSeries = useMemo(() => {
    if (what === 'responses') return [{ label: t('responses'), values: series.map((b) => b.responses), color: COLORS.responses }];
    const pick = (b: Bucket) => (what === 'nps' ? b.nps : b.csat);
    return [
      {
        label: what === 'nps' ? t('nps') : t('csat'),
        values: series.map((b) => pick(b).score),
        low: series.map((b) => pick(b).interval?.low ?? null),
        high: series.map((b) => pick(b).interval?.high ?? null),
        color: COLORS[what],
      },
    ];
  }, [series, what, t]);
  const chartMarkers = useMemo(() => markers.map((m) => ({ date: m.date, label: m.label })), [markers]);
  return (
    <Section title={t('trendTitle')} id="trend" actions={
      <div class="tabs" role="group" aria-label={t('trendShow')}>
        {(['nps', 'csat', 'responses'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={what === k} onClick={() => setWhat(k)}>
            {k === 'responses' ? t('responses') : t(k)}
          </button>
        ))}
      </div>
    }>
      <figure class="figure">
        {series.length === 0 ? (
          <Empty>{t('noAnswersInPeriod')}</Empty>
        ) : (
          <TrendChart
            days={days}
            series={chartSeries}
            markers={chartMarkers}
            bars={what === 'responses'}
            yRange={what === 'nps' ? [-100, 100] : what === 'csat' ? [0, 100] : undefined}
            formatDay={(d) => f.day(d)} formatTick={f.tick}
            formatValue={(v) => f.num(v)}
          />
        )}
        <figcaption>
          <Legend items={[{ label: chartSeries[0]!.label, color: chartSeries[0]!.color, ...(what !== 'responses' && { band: t('bandIs95') }) }, ...(markers.length ? [{ label: t('markersLegend'), color: '#d97706' }] : [])]} />
        </figcaption>
        <FiguresTable head={[t('periodStart'), t('responses'), t('nps'), t('interval95'), t('csat'), t('interval95')]} caption={t('trendTitle')}>
          {series.map((b) => (
            <tr key={b.start}>
              <th scope="row">{f.day(b.start)}</th>
              <td>{f.int(b.responses)}</td>
              <td>{f.num(b.nps.score)}</td>
              <td>{b.nps.interval ? `${f.num(b.nps.interval.low)} – ${f.num(b.nps.interval.high)}` : '–'}</td>
              <td>{f.pct(b.csat.score)}</td>
              <td>{b.csat.interval ? `${f.num(b.csat.interval.low)} – ${f.num(b.csat.interval.high)}` : '–'}</td>
            </tr>
          ))}
        </FiguresTable>
      </figure>
    </Section>
  );
}

/** Bars drawn with CSS inside a table: the table is the chart's text alternative. */
function Bars({ rows, caption }: { rows: { label: string; count: number; kind: string }[]; caption: string }) {
  const { t, f } = useApp();
  const total = rows.reduce((s, r) => s + r.count, 0);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <table class="bars">
      <caption>{caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('score')}</th>
          <th scope="col">{t('answers')}</th>
          <th scope="col">{t('share')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td class="bar-cell">
              <span class="bar-line">
                {/* The longest bar leaves room for its count on the same line. */}
                <span class={`bar ${r.kind}`} ref={styled('width', `${(85 * r.count) / max}%`)} />
                <span class="bar-count">{f.int(r.count)}</span>
              </span>
            </td>
            <td class="bar-share">{f.pct(percent1(r.count, total))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NpsDistribution({ counts }: { counts: number[] }) {
  const { t } = useApp();
  const rows = counts.map((count, score) => ({ label: String(score), count, kind: score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor' })).reverse();
  return (
    <Section title={t('npsDistribution')} id="nps-dist">
      <Bars rows={rows} caption={t('npsDistributionCaption')} />
    </Section>
  );
}

function CsatDistribution({ counts }: { counts: number[] }) {
  const { t } = useApp();
  const rows = counts.map((count, i) => ({ label: String(i + 1), count, kind: i >= 3 ? 'promoter' : i === 2 ? 'passive' : 'detractor' })).reverse();
  return (
    <Section title={t('csatDistribution')} id="csat-dist">
      <Bars rows={rows} caption={t('csatDistributionCaption')} />
    </Section>
  );
}

function Segments({ segments, attribute }: { segments: NonNullable<Metrics['segments']>; attribute: string }) {
  const { t, f } = useApp();
  const { set } = useQueryState();
  return (
    <Section title={t('segmentsTitle', { attribute })} id="segments">
      {segments.length === 0 ? (
        <Empty>{t('segmentsNone')}</Empty>
      ) : (
        <DataTable head={[t('value'), t('responses'), t('nps'), t('interval95'), t('csat')]}>
          {segments.map((s) => (
            <tr key={s.value}>
              <th scope="row">
                <button type="button" class="link" onClick={() => set({ value: s.value })}>
                  {s.value}
                </button>
                {s.lowSample && <span class="tag">{t('lowSample')}</span>}
              </th>
              <td>{f.int(s.responses)}</td>
              <td>{f.num(s.nps.score)}</td>
              <td>{s.nps.interval ? `${f.num(s.nps.interval.low)} – ${f.num(s.nps.interval.high)}` : '–'}</td>
              <td>{f.pct(s.csat.score)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function Markers({ markers, surveys, survey, onChange }: { markers: Marker[]; surveys: { id: string; name: string }[]; survey: string | undefined; onChange(): void }) {
  const { t, f, siteId, can, site } = useApp();
  const [impact, setImpact] = useState<Record<string, Impact | Error>>({});
  const add = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    await api('POST', sitePath(siteId, '/markers'), { date: String(data.get('date')), label: String(data.get('label')).trim(), ...(data.get('survey') && { survey: String(data.get('survey')) }) });
    form.reset();
    onChange();
  });
  const remove = useAction(async (id: string) => {
    await api('DELETE', sitePath(siteId, `/markers/${encodeURIComponent(id)}`));
    onChange();
  });
  const measure = async (id: string) => {
    try {
      const answer = await api<Impact>('GET', sitePath(siteId, `/markers/${encodeURIComponent(id)}/impact`, { days: 30 }));
      setImpact((s) => ({ ...s, [id]: answer }));
    } catch (e) {
      setImpact((s) => ({ ...s, [id]: e as Error }));
    }
  };
  return (
    <Section title={t('markersTitle')} id="markers">
      <p class="hint">{t('markersHint')}</p>
      {markers.length === 0 ? (
        <Empty>{t('markersNone')}</Empty>
      ) : (
        <ul class="markers">
          {markers.map((m) => {
            const result = impact[m.id];
            return (
              <li key={m.id}>
                <span class="marker-date">{f.day(m.date)}</span> <span class="marker-label">{m.label}</span>
                <span class="row-actions">
                  <button type="button" onClick={() => void measure(m.id)}>
                    {t('markerImpact')}
                  </button>
                  {can('editor') && (
                    <button type="button" class="danger" onClick={() => void remove.act(m.id)} aria-label={t('markerDeleteNamed', { label: m.label })}>
                      {t('delete')}
                    </button>
                  )}
                </span>
                {result instanceof Error ? (
                  <ErrorNote error={result} />
                ) : result ? (
                  <p class="impact" role="status">
                    {t('markerImpactWords', { days: result.days })} <b>{t('nps')}</b> {changeInWords(t, f, result.nps, { lowSample: result.lowSample, unit: 'points' })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNote error={remove.error} />
      {can('editor') && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add.act(e.currentTarget);
          }}
        >
          <Field label={t('markerDate')}>
<input type="date" name="date" required defaultValue={site ? new Intl.DateTimeFormat('en-CA', { timeZone: site.timezone }).format(Date.now()) : undefined} />
</Field>
          <Field label={t('markerLabel')} class="grow">
<input name="label" required maxLength={200} placeholder={t('markerLabelExample')} />
</Field>
          <Field label={t('survey')}>
<select name="survey" defaultValue={survey ?? ''}>
              <option value="">{t('wholeSite')}</option>
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
</Field>
          <button type="submit" disabled={add.busy}>
            {t('markerAdd')}
          </button>
          <ErrorNote error={add.error} />
        </form>
      )}
    </Section>
  );
}
