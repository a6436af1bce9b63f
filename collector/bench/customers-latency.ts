// Latency of the customer routes (issue 17) as the dashboard's Customers view asks them: churn per
// month (alone and by NPS category), tickets per month (alone, per topic, per NPS category; in
// calendar and business hours when the site has a support schedule) and the customers at risk.
// Each route is timed over sequential requests on a kept-alive connection, from send to the last
// byte; then the event loop is watched while each runs, through /healthz requests sent meanwhile,
// against as many with nothing else running.
import { addDays, localDay } from '../src/lib/local-time';
import { percentile } from './stats';

interface Site {
  id: string;
  secretKey: string;
}

export interface CustomerQuery {
  name: string;
  /** Path under /v1/sites/:id, with its query string. */
  path: string;
  /** What the answer said, for the report. */
  note: (body: unknown) => string;
}

export interface CustomerTiming {
  name: string;
  path: string;
  /** Over every timed request; a failed one counts with the time it failed after (a lower bound). */
  medianMs: number;
  p95Ms: number;
  /** The same question answered from the collector's kept answer (a minute, plugins/reports.ts). */
  keptMedianMs: number;
  requests: number;
  /** The last successful answer's note ('' when none succeeded). */
  note: string;
  /** Requests with no 200 answer (a dropped connection, an error status): when, and why. */
  failures: { ms: number; error: string }[];
}

export interface HealthDuring {
  /** /healthz answers while the customer routes ran: how many, their p99 and the slowest. */
  requests: number;
  p99Ms: number;
  maxMs: number;
  /** The same count with nothing else running: the baseline. */
  idleP99Ms: number;
  idleMaxMs: number;
  /** Customer requests the probes ran beside. */
  during: number;
}

type Churn = {
  series: unknown[];
  totals: { customersAtStart: number; acquired: number; lost: number };
  byNps?: { groups: { category: string; share: number | null }[] };
};
type Hours = { median: number | null } | null;
type Tickets = {
  series: unknown[];
  schedule: unknown;
  totals: { volume: number; firstResponse: { calendar: Hours; business: Hours } };
};
type AtRisk = { total: number; customers: unknown[]; medianFirstResponseHours: number | null };

const churnNote = (b: unknown) => {
  const c = b as Churn;
  const byNps = c.byNps ? `; left: ${c.byNps.groups.map((g) => `${g.category} ${g.share ?? '–'}%`).join(', ')}` : '';
  return `${c.series.length} months, ${c.totals.acquired} acquired, ${c.totals.lost} lost${byNps}`;
};
const ticketsNote = (b: unknown) => {
  const m = b as Tickets;
  const business = m.totals.firstResponse.business;
  return (
    `${m.series.length} months, ${m.totals.volume} tickets, first response median ${m.totals.firstResponse.calendar?.median ?? '–'} h` +
    (m.schedule ? `, business hours ${business?.median ?? '–'} h (the seed's schedule)` : ', no schedule: calendar hours only')
  );
};
const atRiskNote = (b: unknown) => {
  const r = b as AtRisk;
  return `${r.total} customers with a score, ${r.customers.length} listed, median first response ${r.medianFirstResponseHours ?? '–'} h`;
};

/**
 * The questions, all time, and the two the dashboard's Customers view asks (its default period:
 * the last 365 days to today in the site's zone, by month); tickets carry business hours in the
 * same answer when a schedule is set.
 */
export function customerQueries(timezone: string, now = Date.now()): CustomerQuery[] {
  const today = localDay(now, timezone);
  const year = `from=${addDays(today, -364)}&to=${today}&interval=month`;
  return [
    { name: 'churn by month', path: '/metrics/churn?interval=month', note: churnNote },
    { name: 'churn by month, by NPS category', path: '/metrics/churn?interval=month&groupBy=nps', note: churnNote },
    { name: 'tickets by month', path: '/metrics/tickets?interval=month', note: ticketsNote },
    { name: 'tickets by month, per topic', path: '/metrics/tickets?interval=month&groupBy=topic', note: ticketsNote },
    { name: 'tickets by month, per NPS category', path: '/metrics/tickets?interval=month&groupBy=nps', note: ticketsNote },
    { name: 'customers at risk (50)', path: '/customers/at-risk', note: atRiskNote },
    { name: 'churn, last 12 months by month, by NPS category (as the dashboard asks)', path: `/metrics/churn?${year}&groupBy=nps`, note: churnNote },
    { name: 'tickets, last 12 months by month, per topic (as the dashboard asks)', path: `/metrics/tickets?${year}&groupBy=topic`, note: ticketsNote },
  ];
}

type Outcome = { ok: true; ms: number; body: unknown } | { ok: false; ms: number; error: string };

/** One request; a failure is an outcome, not an exception, with what undici says caused it. */
async function timed(url: string, headers: Record<string, string>): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(url, { headers });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) return { ok: false, ms, error: `answered ${res.status}: ${text.slice(0, 200)}` };
    return { ok: true, ms, body: JSON.parse(text) as unknown };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { ok: false, ms: performance.now() - started, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/**
 * A change that changes nothing: the site's support schedule written back as it is. The collector
 * drops a site's kept reports on any change (plugins/reports.ts), so the next request reads again.
 */
export async function forgetReports(baseUrl: string, site: Site): Promise<void> {
  const url = `${baseUrl}/v1/sites/${site.id}/tickets/schedule`;
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const current = await fetch(url, { headers });
  if (current.status !== 200) throw new Error(`reading the schedule answered ${current.status}`);
  const { schedule } = (await current.json()) as { schedule: unknown };
  const res = schedule
    ? await fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(schedule) })
    : await fetch(url, { method: 'DELETE', headers });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`writing the schedule back answered ${res.status}`);
}

/**
 * `requests` sequential requests after `warmup` discarded ones, each reading again (the kept
 * answer forgotten first), then as many answered from the kept answer (`keptMedianMs`).
 */
export async function timeCustomerQuery(baseUrl: string, site: Site, q: CustomerQuery, requests: number, warmup = 1): Promise<CustomerTiming> {
  const url = `${baseUrl}/v1/sites/${site.id}${q.path}`;
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const times: number[] = [];
  const kept: number[] = [];
  const failures: CustomerTiming['failures'] = [];
  let last: unknown;
  for (let i = 0; i < warmup + requests; i++) {
    await forgetReports(baseUrl, site);
    const r = await timed(url, headers);
    if (r.ok) last = r.body;
    if (i < warmup) continue;
    times.push(r.ms);
    if (!r.ok) failures.push({ ms: r.ms, error: r.error });
  }
  for (let i = 0; i < requests; i++) kept.push((await timed(url, headers)).ms);
  times.sort((a, b) => a - b);
  kept.sort((a, b) => a - b);
  return { name: q.name, path: q.path, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), keptMedianMs: percentile(kept, 0.5), requests, note: last === undefined ? '' : q.note(last), failures };
}

/** Each query `rounds` times, one after the other, with /healthz requests sent one after another meanwhile. */
export async function healthDuring(baseUrl: string, site: Site, queries: CustomerQuery[], rounds: number): Promise<HealthDuring> {
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const healthz = async () => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/healthz`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    return performance.now() - started;
  };
  const health: number[] = [];
  let during = 0;
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      let done = false;
      // Its outcome is not judged here (the timed rows do): only the event loop meanwhile.
      await forgetReports(baseUrl, site);
      const request = timed(`${baseUrl}/v1/sites/${site.id}${q.path}`, headers).finally(() => (done = true));
      while (!done) health.push(await healthz());
      await request;
      during++;
    }
  }
  const idle: number[] = [];
  while (idle.length < health.length) idle.push(await healthz());
  health.sort((a, b) => a - b);
  idle.sort((a, b) => a - b);
  return {
    requests: health.length,
    p99Ms: percentile(health, 0.99),
    maxMs: health.at(-1) ?? Number.NaN,
    idleP99Ms: percentile(idle, 0.99),
    idleMaxMs: idle.at(-1) ?? Number.NaN,
    during,
  };
}
