// Latency of the insight routes as a dashboard sees them: compare, a survey's results and themes.
// Themes are worked out on a worker thread and kept for a minute, so they are timed three ways:
// the first request (the thread starts), requests no answer is kept for (each a different
// question), and a kept answer; and the event loop is watched while the thread works, through
// the latency of /healthz requests sent meanwhile.
import { addDays, localDay } from '../src/lib/local-time';
import { median, percentile } from './stats';

export interface Timing {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** What the answer said, for the report. */
  note: string;
}

interface Site {
  id: string;
  secretKey: string;
}

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms: elapsed, body: JSON.parse(text) as unknown };
}

async function repeat(name: string, url: string, headers: Record<string, string>, requests: number, note: (body: unknown) => string): Promise<Timing> {
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < 3 + requests; i++) {
    const r = await timed(url, headers);
    if (i >= 3) times.push(r.ms);
    last = r.body;
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), note: note(last) };
}

/** Compare (last 30 days against the 30 before, whole site and one segment) and one survey's results. */
export async function timeInsights(baseUrl: string, site: Site, surveyId: string, timezone: string, requests: number): Promise<Timing[]> {
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const today = localDay(Date.now(), timezone);
  const from = addDays(today, -29);
  const base = `${baseUrl}/v1/sites/${site.id}`;
  const compareNote = (b: unknown) => {
    const c = b as { current: { responses: number }; previous: { responses: number }; nps: { pValue: number | null } };
    return `${c.current.responses} vs ${c.previous.responses} answers, p = ${c.nps.pValue}`;
  };
  const resultsNote = (b: unknown) => `${(b as { questions: { answered: number }[] }).questions.map((q) => q.answered).join(' and ')} answers`;
  return [
    await repeat('compare, last 30 days vs the 30 before', `${base}/metrics/compare?from=${from}&to=${today}`, headers, requests, compareNote),
    await repeat('compare, segment plan:pro', `${base}/metrics/compare?from=${from}&to=${today}&segment=plan:pro`, headers, requests, compareNote),
    await repeat('survey results, all time', `${base}/surveys/${surveyId}/results`, headers, Math.min(requests, 10), resultsNote),
    await repeat('survey results, last 30 days', `${base}/surveys/${surveyId}/results?from=${from}&to=${today}`, headers, requests, resultsNote),
  ];
}

export interface ThemesTiming {
  comments: number;
  firstMs: number;
  /** Each request a question no answer is kept for. */
  uncachedMs: number[];
  cachedMedianMs: number;
  /** /healthz answers while uncached themes were worked out: how many, their p99 and the slowest. */
  healthRequests: number;
  healthP99Ms: number;
  healthMaxMs: number;
  /** The same count of /healthz requests with nothing else running: the baseline. */
  idleP99Ms: number;
  idleMaxMs: number;
  top: { detractor: string[]; promoter: string[] };
}

export async function timeThemes(baseUrl: string, site: Site): Promise<ThemesTiming> {
  const headers = { authorization: `Bearer ${site.secretKey}` };
  const url = (query: string) => `${baseUrl}/v1/sites/${site.id}/themes${query}`;
  type Themes = { comments: number; themes: { label: string }[] };
  const first = await timed(url('?category=detractor&limit=5'), headers);
  const top = { detractor: (first.body as Themes).themes.map((t) => t.label), promoter: [] as string[] };

  // Different questions (limit is part of the question), so none is answered from the cache.
  const questions = ['?category=promoter&limit=5', '?category=passive&limit=5', '?category=detractor&limit=6', '?category=promoter&limit=6', '?category=detractor&limit=7', '?category=promoter&limit=7'];
  const uncachedMs: number[] = [];
  const health: number[] = [];
  const healthz = async () => {
    const started = performance.now();
    await fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer());
    return performance.now() - started;
  };
  for (const q of questions) {
    let done = false;
    const themes = timed(url(q), headers).finally(() => (done = true));
    // Meanwhile, the event loop must keep answering.
    while (!done) health.push(await healthz());
    const r = await themes;
    uncachedMs.push(r.ms);
    if (q === '?category=promoter&limit=5') top.promoter = (r.body as Themes).themes.map((t) => t.label);
  }
  const idle: number[] = [];
  while (idle.length < health.length) idle.push(await healthz());
  const cached: number[] = [];
  for (let i = 0; i < 20; i++) cached.push((await timed(url('?category=detractor&limit=5'), headers)).ms);
  health.sort((a, b) => a - b);
  idle.sort((a, b) => a - b);
  return {
    comments: (first.body as Themes).comments,
    firstMs: first.ms,
    uncachedMs,
    cachedMedianMs: median(cached),
    healthRequests: health.length,
    healthP99Ms: percentile(health, 0.99),
    healthMaxMs: health.at(-1) ?? Number.NaN,
    idleP99Ms: percentile(idle, 0.99),
    idleMaxMs: idle.at(-1) ?? Number.NaN,
    top,
  };
}
