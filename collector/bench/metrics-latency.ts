// Latency of the metrics route as a dashboard sees it: sequential HTTP requests on a kept-alive
// connection, timed from send to the last byte of the body.
import { addDays, localDay } from '../src/lib/local-time';
import { percentile } from './stats';

export interface MetricsQuery {
  name: string;
  query: string;
  /** Scores per value of an attribute: a budget of its own. */
  segmented?: boolean;
}

export interface MetricsTiming {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** `responses` of the last answer, to check the collector read the seeded data. */
  responses: number;
  /** How many segments the last answer held (0 for unsegmented queries). */
  segments: number;
}

/**
 * All time, by month, and the last 30 days by day (today in the site's zone included); then
 * segmented by one attribute, over all time and over the last 30 days.
 */
export function metricsQueries(timezone: string, now = Date.now()): MetricsQuery[] {
  const today = localDay(now, timezone);
  return [
    { name: 'all time', query: '' },
    { name: 'by month', query: '?interval=month' },
    { name: 'last 30 days by day', query: `?from=${addDays(today, -29)}&interval=day` },
    { name: 'segmented by plan, all time by month', query: '?segment=plan', segmented: true },
    { name: 'segmented by country, last 30 days by day', query: `?segment=country&from=${addDays(today, -29)}&interval=day`, segmented: true },
  ];
}

export async function timeMetrics(
  baseUrl: string,
  site: { id: string; secretKey: string },
  q: MetricsQuery,
  requests: number,
  warmup = 10,
): Promise<MetricsTiming> {
  const url = `${baseUrl}/v1/sites/${site.id}/metrics${q.query}`;
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const times: number[] = [];
  let responses = 0;
  let segments = 0;
  for (let i = 0; i < warmup + requests; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.text();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
    if (i >= warmup) times.push(elapsed);
    const parsed = JSON.parse(body) as { responses: number; segments?: unknown[] };
    responses = parsed.responses;
    segments = parsed.segments?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  return { name: q.name, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), responses, segments };
}
