// Customers, from the billing system and the help desk (issue 17): churn per period and whether
// detractors leave more, support tickets and their times, and the customers to call this week.
import { Fragment, h } from 'preact';
import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { z } from 'zod';
import type { AtRiskSchema, Churn, TicketMetrics } from '@plaudit/shared';
import { sitePath } from '../api';
import { changeInWords } from '../change';
import { Legend, TrendChart } from '../components/chart';
import { PeriodPicker, rangeOf, useQueryState } from '../components/filters';
import { DataTable, Empty, ErrorNote, FiguresTable, Loading, Section } from '../components/ui';
import { useApp } from '../context';
import { useData } from '../hooks';
import type { Formats, T } from '../i18n';

type AtRisk = z.infer<typeof AtRiskSchema>;
type AtRiskCustomer = AtRisk['customers'][number];
type Signal = AtRisk['signals'][number];
type TicketFigures = Pick<TicketMetrics['totals'], 'volume' | 'firstResponse' | 'resolution' | 'reopenRate'>;

/** A period's or a topic's ticket figures, as the cells of its row (volume, medians, reopen rate). */
function TicketFigureCells({ f, figures }: { f: Formats; figures: TicketFigures }) {
  return (
    <>
      <td>{f.int(figures.volume)}</td>
      <td>{f.hours(figures.firstResponse.calendar.median)}</td>
      <td>{f.hours(figures.resolution.calendar.median)}</td>
      <td>{f.pct(figures.reopenRate)}</td>
    </>
  );
}

/** The figures of the API's English words (its thresholds, a count), to say them in the reader's language. */
const figures = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

/** How a signal counts, in the reader's language; the API's words when its figures are not found. */
function signalText(s: Signal, t: T): string {
  const n = figures(s.description);
  if (s.signal === 'scoreDrop') return n[0] !== undefined ? t('signal_scoreDrop', { n: n[0] }) : s.description;
  if (s.signal === 'manyTickets') return n.length >= 2 ? t('signal_manyTickets', { n: n[0]!, days: n[1]! }) : s.description;
  return t(`signal_${s.signal}`);
}

/** Why a customer is at risk, in the reader's language, from the customer's own figures. */
function reasonText(r: AtRiskCustomer['reasons'][number], c: AtRiskCustomer, t: T, f: Formats): string {
  const n = figures(r.detail);
  switch (r.signal) {
    case 'detractor':
      return c.latestNps ? t('reason_detractor', { score: c.latestNps.score, day: f.date(c.latestNps.at) }) : r.detail;
    case 'notContacted':
      return c.latestNps ? t('reason_notContacted', { day: f.date(c.latestNps.at) }) : r.detail;
    case 'scoreDrop':
      return c.latestNps && c.previousNps !== null ? t('reason_scoreDrop', { before: c.previousNps, after: c.latestNps.score }) : r.detail;
    case 'overdueTicket':
      return n[0] === undefined ? r.detail : n[0] === 1 ? t('reason_overdueTicket_one') : t('reason_overdueTicket', { n: f.int(n[0]) });
    case 'manyTickets':
      return n.length >= 2 ? t('reason_manyTickets', { n: f.int(n[0]!), days: n[1]! }) : r.detail;
    default:
      return r.detail;
  }
}
const TABS = ['at-risk', 'churn', 'tickets'] as const;

export default function Customers() {
  const { t, href } = useApp();
  const { params } = useRoute();
  const tab = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as (typeof TABS)[number]) : 'at-risk';
  return (
    <section class="view" aria-labelledby="customers-title">
      <div class="view-head">
        <h1 id="customers-title">{t('customersTitle')}</h1>
      </div>
      <nav class="subnav" aria-label={t('customersTitle')}>
        {TABS.map((k) => (
          <a key={k} href={href(`/dashboard/customers/${k}`)} aria-current={tab === k ? 'page' : undefined}>
            {t(`tab_${k}`)}
          </a>
        ))}
      </nav>
      {tab === 'at-risk' ? <AtRiskView /> : tab === 'churn' ? <ChurnView /> : <TicketsView />}
    </section>
  );
}

function AtRiskView() {
  const { t, f, siteId } = useApp();
  const risk = useData<AtRisk>(sitePath(siteId, '/customers/at-risk', { limit: 50 }));
  const r = risk.data;
  return (
    <>
      <p class="lead">{t('atRiskLead')}</p>
      <ErrorNote error={risk.error} />
      {!r && !risk.error && <Loading />}
      {r && (
        <>
          <p class="hint">
            {t('atRiskTotal', { n: f.int(r.total) })} {r.medianFirstResponseHours !== null && t('atRiskMedian', { h: f.hours(r.medianFirstResponseHours) })}
          </p>
          <details class="figures">
            <summary>{t('atRiskHow')}</summary>
            <ul>
              {r.signals.map((s) => (
                <li key={s.signal}>
                  <b>+{s.points}</b> {signalText(s, t)}
                </li>
              ))}
            </ul>
          </details>
          {r.customers.length === 0 ? (
            <Empty>{t('atRiskNone')}</Empty>
          ) : (
            <ol class="at-risk">
              {r.customers.map((c) => (
                <li key={c.customer} class="card">
                  <div class="card-head">
                    <h2>
                      {c.customer} <span class="risk-score">{t('riskScore', { n: c.score })}</span>
                    </h2>
                    <span class="hint">
                      {c.plan ?? ''} {c.mrr !== null && `· ${f.num(c.mrr, 2)} MRR`} · {t('customerSince', { when: f.date(c.since) })}
                    </span>
                  </div>
                  <ul class="reasons">
                    {c.reasons.map((x) => (
                      <li key={x.signal}>
                        <b>+{x.points}</b> {reasonText(x, c, t, f)}
                      </li>
                    ))}
                  </ul>
                  {c.latestNps && (
                    <p>
                      {t('latestNps', { score: c.latestNps.score, when: f.instant(c.latestNps.at) })}
                      {c.previousNps !== null && ` ${t('previousNps', { score: c.previousNps })}`}
                    </p>
                  )}
                  {c.lastComment && (
                    <blockquote class="comment">
                      {c.lastComment.text}
                    </blockquote>
                  )}
                  {c.tickets.length > 0 && (
                    <ul class="tickets">
                      {c.tickets.map((tk) => (
                        <li key={tk.id}>
                          #{tk.id} {tk.subject ?? tk.topic ?? ''} · {f.instant(tk.openedAt)} · {tk.resolvedAt ? t('ticketResolved') : tk.firstResponseAt ? t('ticketAnswered') : t('ticketWaiting')}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </>
  );
}

function ChurnView() {
  const { t, f, siteId, site } = useApp();
  const { query } = useQueryState();
  const range = rangeOf(query, site?.timezone ?? 'UTC', '12m');
  const churn = useData<Churn>(site ? sitePath(siteId, '/metrics/churn', { from: range.from, to: range.to, interval: range.interval, groupBy: 'nps' }) : null);
  const c = churn.data;
  const days = useMemo(() => c?.series.map((p) => p.start) ?? [], [c]);
  const series = useMemo(() => (c ? [{ label: t('churnRate'), values: c.series.map((p) => p.churnRate), color: '#b91c1c' }] : []), [c, t]);
  return (
    <>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <PeriodPicker range={range} />
      </form>
      <ErrorNote error={churn.error} />
      {!c && !churn.error && <Loading />}
      {c && (
        <>
          <div class="kpis">
            <div class="kpi">
              <h2>{t('churnRate')}</h2>
              <p class="big">{f.pct(c.totals.churnRate)}</p>
              <p class="sub">{t('churnCounts', { lost: f.int(c.totals.lost), start: f.int(c.totals.customersAtStart) })}</p>
            </div>
            <div class="kpi">
              <h2>{t('lostPerAcquired')}</h2>
              <p class="big">{f.pct(c.totals.lostPerAcquired)}</p>
              <p class="sub">{t('acquiredN', { n: f.int(c.totals.acquired) })}</p>
            </div>
            <div class="kpi">
              <h2>{t('retentionRate')}</h2>
              <p class="big">{f.pct(c.totals.retentionRate)}</p>
              {c.totals.mrrChurnRate !== undefined && <p class="sub">{t('mrrChurn', { rate: f.pct(c.totals.mrrChurnRate) })}</p>}
            </div>
          </div>
          <Section title={t('churnTrend')} id="churn-trend">
            <figure class="figure">
              {days.length > 0 && <TrendChart days={days} series={series} formatDay={(d) => f.day(d)} formatTick={f.tick} formatValue={(v) => f.pct(v)} />}
              <figcaption>
                <Legend items={[{ label: t('churnRate'), color: '#b91c1c' }]} />
              </figcaption>
              <FiguresTable head={[t('periodStart'), t('customersAtStart'), t('acquired'), t('lost'), t('churnRate'), t('lostPerAcquired')]}>
                {c.series.map((p) => (
                  <tr key={p.start}>
                    <th scope="row">{f.day(p.start)}</th>
                    <td>{f.int(p.customersAtStart)}</td>
                    <td>{f.int(p.acquired)}</td>
                    <td>{f.int(p.lost)}</td>
                    <td>{f.pct(p.churnRate)}</td>
                    <td>{f.pct(p.lostPerAcquired)}</td>
                  </tr>
                ))}
              </FiguresTable>
            </figure>
          </Section>
          {c.byNps && (
            <Section title={t('churnByNps', { days: c.byNps.days })} id="churn-nps">
              <p>
                <b>{t('detractorsVsPromoters')}</b> {changeInWords(t, f, c.byNps.detractorsVsPromoters, { lowSample: false, unit: 'pointsPct', between: 'groups' })}
              </p>
              <DataTable head={[t('category'), t('customers'), t('left'), t('share'), t('interval95')]}>
                {c.byNps.groups.map((g) => (
                  <tr key={g.category}>
                    <th scope="row">{t(`cats_${g.category}`)}</th>
                    <td>{f.int(g.customers)}</td>
                    <td>{f.int(g.left)}</td>
                    <td>{f.pct(g.share)}</td>
                    <td>{g.interval ? `${f.num(g.interval.low)} – ${f.num(g.interval.high)}` : '–'}</td>
                  </tr>
                ))}
              </DataTable>
            </Section>
          )}
        </>
      )}
    </>
  );
}

function TicketsView() {
  const { t, f, siteId, site } = useApp();
  const { query } = useQueryState();
  const range = rangeOf(query, site?.timezone ?? 'UTC', '90d');
  const tickets = useData<TicketMetrics>(site ? sitePath(siteId, '/metrics/tickets', { from: range.from, to: range.to, interval: range.interval, groupBy: 'topic' }) : null);
  const m = tickets.data;
  const days = useMemo(() => m?.series.map((p) => p.start) ?? [], [m]);
  const series = useMemo(() => (m ? [{ label: t('ticketVolume'), values: m.series.map((p) => p.volume), color: '#64748b' }] : []), [m, t]);
  const rising = m ? m.series.flatMap((p) => p.rising.map((r) => ({ ...r, start: p.start }))).slice(-6).reverse() : [];
  return (
    <>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <PeriodPicker range={range} />
      </form>
      <ErrorNote error={tickets.error} />
      {!m && !tickets.error && <Loading />}
      {m && (
        <>
          <div class="kpis">
            <div class="kpi">
              <h2>{t('ticketVolume')}</h2>
              <p class="big">{f.int(m.totals.volume)}</p>
              <p class="sub">{t('ticketsOpen', { n: f.int(m.totals.open), w: f.int(m.totals.awaitingFirstResponse) })}</p>
            </div>
            <div class="kpi">
              <h2>{t('firstResponse')}</h2>
              <p class="big">{f.hours(m.totals.firstResponse.calendar.median)}</p>
              <p class="sub">{t('p90Mean', { p90: f.hours(m.totals.firstResponse.calendar.p90), mean: f.hours(m.totals.firstResponse.calendar.mean) })}</p>
              {m.totals.firstResponse.business && <p class="sub">{t('businessMedian', { h: f.hours(m.totals.firstResponse.business.median) })}</p>}
            </div>
            <div class="kpi">
              <h2>{t('resolution')}</h2>
              <p class="big">{f.hours(m.totals.resolution.calendar.median)}</p>
              <p class="sub">{t('p90Mean', { p90: f.hours(m.totals.resolution.calendar.p90), mean: f.hours(m.totals.resolution.calendar.mean) })}</p>
            </div>
            <div class="kpi">
              <h2>{t('reopenRate')}</h2>
              <p class="big">{f.pct(m.totals.reopenRate)}</p>
              <p class="sub">{t('ticketCsat', { score: f.pct(m.totals.csat.score), n: f.int(m.totals.csat.responses) })}</p>
            </div>
          </div>
          <Section title={t('ticketTrend')} id="ticket-trend">
            <figure class="figure">
              {days.length > 0 && <TrendChart days={days} series={series} bars formatDay={(d) => f.day(d)} formatTick={f.tick} formatValue={(v) => f.int(v)} />}
              <figcaption>
                <Legend items={[{ label: t('ticketVolume'), color: '#64748b' }]} />
              </figcaption>
              <FiguresTable head={[t('periodStart'), t('ticketVolume'), t('firstResponse'), t('resolution'), t('reopenRate')]}>
                {m.series.map((p) => (
                  <tr key={p.start}>
                    <th scope="row">{f.day(p.start)}</th>
                    <TicketFigureCells f={f} figures={p} />
                  </tr>
                ))}
              </FiguresTable>
            </figure>
          </Section>
          <Section title={t('risingTopics')} id="rising">
            {rising.length === 0 ? (
              <Empty>{t('risingNone')}</Empty>
            ) : (
              <ul>
                {rising.map((r) => (
                  <li key={`${r.start}-${r.topic}`}>
                    <b>{r.topic}</b> {t('risingWords', { count: f.int(r.count), previous: f.int(r.previous), start: f.day(r.start) })} ({f.pValue(r.pValue)})
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {m.totals.groups && (
            <Section title={t('ticketTopics')} id="topics">
              <DataTable head={[t('topic'), t('ticketVolume'), t('firstResponse'), t('resolution'), t('reopenRate')]}>
                {m.totals.groups.map((g) => (
                  <tr key={g.key ?? ''}>
                    <th scope="row">{g.key ?? t('noTopic')}</th>
                    <TicketFigureCells f={f} figures={g} />
                  </tr>
                ))}
              </DataTable>
            </Section>
          )}
        </>
      )}
    </>
  );
}
