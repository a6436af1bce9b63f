// pnpm bench [--quick] [--only=widget,ingest,metrics]: ingest throughput against a bare Fastify baseline, the collector's memory,
// whether every acknowledged answer was stored, metrics latency on 100k and 1M seeded answers,
// the customer routes on 100k customers and 500k tickets, each dashboard view in Chromium on 1M
// answers, and the widget's bytes. Progress goes to stderr; one markdown table goes to stdout at the end.
// Exit 0 when the benchmark ran, whatever the budgets say; 1 when it broke or lost answers.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBulkRepository } from '../src/store/sqlite/bulk';
import { openDatabase } from '../src/store/sqlite/database';
import { SEED_ORIGINS, SEED_TIMEZONE, seedSite, type SeedResult } from '../scripts/seed/seed-site';
import { IdLog, runLoad, type LoadResult, type LoadTarget } from './load';
import { describeMachine } from './machine';
import { median, percentile } from './stats';
import { metricsQueries, timeMetrics } from './metrics-latency';
import { ROOT, readMemory, startServer, type ServerProcess } from './processes';
import { measureWidgetCost } from './widget-cost';
import { startCluster, type Cluster } from '../test/pg-cluster';
import { urlWithSchema } from '../test/test-database';
import { copySqliteToPostgres } from '../scripts/copy/copy';
import pg from 'pg';
import { measureWidget } from './widget-size';
import { timeInsights, timeThemes } from './insights-latency';
import { probe, startEndpoint } from './webhook-latency';
import { customerQueries, healthDuring, timeCustomerQuery } from './customers-latency';
import { createOwner, timeDashboardViews } from './dashboard-views';

const QUICK = process.argv.includes('--quick');
/** `--only=ingest,metrics` runs those parts alone (widget, ingest, webhooks, metrics, postgres, customers, dashboard); all by default. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const runs = (part: 'widget' | 'ingest' | 'webhooks' | 'metrics' | 'postgres' | 'customers' | 'dashboard') => !ONLY || ONLY.includes(part);
const PLAN = QUICK
  ? { warmupSeconds: 1, runSeconds: 3, rounds: 1, seedSizes: [100_000] }
  : { warmupSeconds: 2, runSeconds: 3, rounds: 5, seedSizes: [100_000, 1_000_000, 10_000_000] };
/** Seeds that are copied into PostgreSQL and measured there too. */
const POSTGRES_SEEDS = QUICK ? [100_000] : [1_000_000, 10_000_000];
const CONNECTIONS = [10, 50, 100];
const METRICS_REQUESTS = 50;
/**
 * Issue 17: the customer routes on 100k customers and 500k tickets (answers from 400k, whose pool
 * is the 100k customers); the quick plan a tenth of it. Requests per route, after one discarded;
 * rounds of every route while /healthz is watched.
 */
const CUSTOMERS_PLAN = QUICK
  ? { responses: 40_000, customers: 10_000, tickets: 50_000, requests: 5, healthRounds: 1 }
  : { responses: 400_000, customers: 100_000, tickets: 500_000, requests: 10, healthRounds: 2 };
/** Loads of each dashboard view after the first (issue 16). */
const DASHBOARD_NAVIGATIONS = QUICK ? 3 : 5;
/** The seed the dashboard views are timed on: 1M answers, or the largest of the quick plan. */
const DASHBOARD_SEED = QUICK ? PLAN.seedSizes.at(-1)! : 1_000_000;
const BUDGET = {
  /** Bytes (10⁶ per MB). */
  collectorMemory: 150e6,
  metricsMedianMs: 10,
  /** Issue 12: metrics at 10M answers on SQLite. */
  metricsMedianMsAt10M: 50,
  segmentedMedianMs: 100,
  loaderGzip: 2048,
  ingestRatio: 0.5,
  p99MsAt50: 25,
  fullGzip: 12288,
  /** Issue 13: compare answers like a metrics query with two ranges. */
  compareMedianMs: 20,
  /** Issue 13: themes over 100k comments, worked out (not from the cache). */
  themesMs: 1000,
  /** The event loop while themes are worked out: /healthz p99 at most this slow. */
  healthP99Ms: 20,
  /** Issue 15: what streaming an export of every answer may add to the collector's RSS (flat memory). */
  exportGrowth: 50e6,
  /** Issue 15: a detractor's answer reaches the webhook endpoint within this, from its 202. */
  webhookP99Ms: 2000,
  /** Ingest p99 at 50 connections while an export and sparse list queries run (issue 9). */
  p99MsUnderReads: 50,
  /** Issue 17 names no figure for churn, tickets and at risk: a dashboard view's second (issue 16). */
  customersMedianMs: 1000,
  /** Issue 16: each dashboard view shows its data within 1 s of navigation in Chromium. */
  dashboardViewMs: 1000,
};
/** An origin the seeded and benchmark sites allow, sent like a browser would. */
const ORIGIN = SEED_ORIGINS[0]!;

type Verdict = 'PASS' | 'FAIL' | 'n/a' | '—';
interface TableRow {
  area: string;
  figure: string;
  measured: string;
  budget: string;
  result: Verdict;
}

const rows: TableRow[] = [];
/** Reasons the benchmark itself broke; any of them makes the exit code 1. */
const broken: string[] = [];
const servers = new Set<ServerProcess>();

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

async function start(server: Promise<ServerProcess>): Promise<ServerProcess> {
  const s = await server;
  servers.add(s);
  return s;
}

async function stop(server: ServerProcess): Promise<number | null> {
  const code = await server.stop();
  servers.delete(server);
  return code;
}

/** The node flags `pnpm start` gives the collector (collector/package.json), so the bench runs the same process. */
function readStartFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'collector/package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode ((?:--[\w-]+(?:=\S+)? )*)dist\/server\.js/.exec(pkg.scripts.start);
  if (!match) throw new Error('collector/package.json: the start script no longer runs `node … dist/server.js`');
  return match[1]!.split(' ').filter(Boolean);
}
const START_FLAGS = readStartFlags();

function startCollector(dbPath: string, adminToken: string, extraEnv: Record<string, string> = {}, name = 'collector'): Promise<ServerProcess> {
  return start(
    startServer({
      name,
      // The production build (pnpm bench builds it first), run by plain node like `pnpm start`.
      script: 'collector/dist/server.js',
      nodeArgs: START_FLAGS,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        PLAUDIT_DB: dbPath,
        PLAUDIT_RATE_LIMIT: '0',
        PLAUDIT_DEMO: '0',
        PLAUDIT_ADMIN_TOKEN: adminToken,
        PLAUDIT_LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      ready: /Plaudit collector listening on (http:\/\/127\.0\.0\.1:\d+)/,
    }),
  );
}

async function postJson<T>(url: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function widgetRows(): void {
  const sizes = measureWidget(path.join(ROOT, 'widget/dist'));
  if (!sizes) {
    log('widget/dist/widget.js not found: widget sizes are n/a');
    rows.push(
      { area: 'Widget', figure: 'loader widget.js, raw / gzip', measured: 'n/a (widget/dist missing)', budget: `≤ ${int(BUDGET.loaderGzip)} B gzip`, result: 'n/a' },
      { area: 'Widget', figure: 'survey shown: loader + UI + largest language, raw / gzip', measured: 'n/a (widget/dist missing)', budget: `≤ ${int(BUDGET.fullGzip)} B gzip`, result: 'n/a' },
    );
    return;
  }
  rows.push(
    {
      area: 'Widget',
      figure: 'loader widget.js, raw / gzip',
      measured: `${int(sizes.loader.raw)} B / ${int(sizes.loader.gzip)} B`,
      budget: `≤ ${int(BUDGET.loaderGzip)} B gzip`,
      result: verdict(sizes.loader.gzip <= BUDGET.loaderGzip),
    },
    {
      area: 'Widget',
      figure: 'survey shown: loader + UI + largest language, raw / gzip',
      measured: `${int(sizes.shown.raw)} B / ${int(sizes.shown.gzip)} B`,
      budget: `≤ ${int(BUDGET.fullGzip)} B gzip`,
      result: verdict(sizes.shown.gzip <= BUDGET.fullGzip),
    },
    {
      area: 'Widget',
      figure: `whole build, never all downloaded (${sizes.all.files} files: 4 languages, outbox flush), raw / gzip`,
      measured: `${int(sizes.all.raw)} B / ${int(sizes.all.gzip)} B`,
      budget: '—',
      result: '—',
    },
  );
}

/** Rounds of one server as one figure: the median rate, and percentiles of every latency. */
function pooled(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sum = (f: (r: LoadResult) => number) => runs.reduce((total, r) => total + f(r), 0);
  return {
    connections: runs[0]!.connections,
    seconds: sum((r) => r.seconds),
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    latencies,
    sent: sum((r) => r.sent),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

const loadSummary = (r: LoadResult) => `${int(r.requestsPerSecond)} req/s · p50 ${ms(r.p50Ms)} · p99 ${ms(r.p99Ms)}`;

async function ingestBench(tmp: string): Promise<void> {
  const adminToken = `adm_bench_${randomBytes(18).toString('base64url')}`;
  const dbPath = path.join(tmp, 'ingest.db');
  const [collector, echo] = await Promise.all([
    startCollector(dbPath, adminToken),
    start(
      startServer({
        name: 'echo server',
        script: 'collector/bench/echo-server.ts',
        env: { PORT: '0', HOST: '127.0.0.1' },
        ready: /Echo server listening on (http:\/\/127\.0\.0\.1:\d+)/,
      }),
    ),
  ]);
  log(`collector (node ${START_FLAGS.join(' ')}) pid ${collector.pid} at ${collector.url}; echo server pid ${echo.pid} at ${echo.url}`);
  const idle = readMemory(collector.pid);

  const site = await postJson<{ id: string; publicKey: string; secretKey: string }>(`${collector.url}/v1/sites`, adminToken, {
    name: 'Bench shop',
    origins: [ORIGIN],
    timezone: SEED_TIMEZONE,
  });
  const survey = await postJson<{ id: string }>(`${collector.url}/v1/sites/${site.id}/surveys`, site.secretKey, {
    name: 'Bench NPS',
    questions: ['nps', 'comment'],
  });
  const target = (server: ServerProcess): LoadTarget => ({ url: server.url, publicKey: site.publicKey, surveyId: survey.id, origin: ORIGIN });

  const acknowledged = new IdLog();
  let cutOff = 0;
  let non2xx = 0;
  let errors = 0;
  const account = (name: 'echo' | 'ingest', phase: string, connections: number, r: LoadResult) => {
    log(`${name} ${connections} conn ${phase}: ${loadSummary(r)}; non-2xx ${r.non2xx}, errors ${r.errors}`);
    non2xx += r.non2xx;
    errors += r.errors;
    if (name === 'ingest') {
      cutOff += r.sent - r.ok - r.non2xx;
      log(`collector VmRSS ${mb(readMemory(collector.pid).rss)}`);
    }
  };
  const byName = { echo, ingest: collector };
  for (const connections of CONNECTIONS) {
    for (const name of ['echo', 'ingest'] as const) {
      const r = await runLoad(target(byName[name]), connections, PLAN.warmupSeconds, name === 'ingest' ? acknowledged : new IdLog());
      account(name, 'warm-up', connections, r);
    }
    // Short runs in alternating order, rather than one long run each: a slow spell of this shared
    // machine then lands on both servers, and the median ratio of the rounds shrugs it off.
    const runs: Record<'echo' | 'ingest', LoadResult[]> = { echo: [], ingest: [] };
    for (let round = 0; round < PLAN.rounds; round++) {
      for (const name of round % 2 === 0 ? (['echo', 'ingest'] as const) : (['ingest', 'echo'] as const)) {
        const r = await runLoad(target(byName[name]), connections, PLAN.runSeconds, name === 'ingest' ? acknowledged : new IdLog());
        account(name, `round ${round + 1}`, connections, r);
        runs[name].push(r);
        await sleep(200);
      }
    }
    const ingest = pooled(runs.ingest);
    const baseline = pooled(runs.echo);
    const ratios = runs.ingest.map((r, i) => r.requestsPerSecond / runs.echo[i]!.requestsPerSecond);
    const ratio = median(ratios);
    // The issue's budgets: p99 ≤ 25 ms at 50 connections; ≥ 50% of the echo's req/s, a budget of
    // CPU per request, so it is judged under load (50 and 100 connections). At 10 connections
    // each answer waits for an fsync of its batch (0.3 ms and ~0.1 ms of kernel CPU each on this
    // machine's disk) while the echo answers in 0.25 ms: the ratio is printed, not judged.
    const p99Budget = connections === 50 ? BUDGET.p99MsAt50 : undefined;
    rows.push(
      {
        area: `Ingest, ${connections} conn`,
        figure: 'collector POST /v1/responses',
        measured: loadSummary(ingest),
        budget: p99Budget ? `p99 ≤ ${p99Budget} ms` : '—',
        result: p99Budget ? verdict(ingest.p99Ms <= p99Budget) : '—',
      },
      { area: `Ingest, ${connections} conn`, figure: 'bare Fastify echo, same body', measured: loadSummary(baseline), budget: '—', result: '—' },
      {
        area: `Ingest, ${connections} conn`,
        figure: 'ratio ingest ÷ echo req/s',
        measured: ratios.length > 1 ? `${ratio.toFixed(2)} (median of ${ratios.map((x) => x.toFixed(2)).join(', ')})` : ratio.toFixed(2),
        budget: connections >= 50 ? `≥ ${BUDGET.ingestRatio.toFixed(2)}` : '— (fsync-bound, see README)',
        result: connections >= 50 ? verdict(ratio >= BUDGET.ingestRatio) : '—',
      },
    );
  }
  rows.push({
    area: 'Ingest',
    figure: 'non-2xx / connection errors, all runs incl. warm-ups',
    measured: `${int(non2xx)} / ${int(errors)}`,
    budget: '0 / 0',
    result: verdict(non2xx === 0 && errors === 0),
  });
  if (non2xx > 0 || errors > 0) broken.push(`load runs got ${non2xx} non-2xx answers and ${errors} connection errors`);

  const memory = readMemory(collector.pid);
  rows.push(
    { area: 'Collector memory', figure: 'VmRSS idle, before the load', measured: mb(idle.rss), budget: '—', result: '—' },
    { area: 'Collector memory', figure: 'VmRSS after the load', measured: mb(memory.rss), budget: `≤ ${mb(BUDGET.collectorMemory)}`, result: verdict(memory.rss <= BUDGET.collectorMemory) },
    { area: 'Collector memory', figure: 'VmHWM (peak RSS)', measured: mb(memory.peak), budget: `≤ ${mb(BUDGET.collectorMemory)}`, result: verdict(memory.peak <= BUDGET.collectorMemory) },
  );
  await stop(echo);
  const exitCode = await stop(collector);
  rows.push({ area: 'Collector', figure: 'exit code after SIGTERM (drain and close)', measured: String(exitCode), budget: '0', result: verdict(exitCode === 0) });
  if (exitCode !== 0) broken.push(`the collector exited with ${exitCode} after SIGTERM`);

  // Read back after the collector has closed the file: every acknowledged id must be there.
  // Requests still in flight when a run ended were answered to nobody; they may be stored too.
  const db = openDatabase(dbPath);
  let stored = 0;
  const acked = new Set(acknowledged.ids());
  let missing = acked.size;
  try {
    for (const id of createBulkRepository(db).responseIds(site.id)) {
      stored++;
      if (acked.has(id)) missing--;
    }
  } finally {
    db.close();
  }
  const unacknowledgedStored = stored - (acked.size - missing);
  const intact = missing === 0 && unacknowledgedStored <= cutOff;
  rows.push({
    area: 'Durability',
    figure: 'rows in responses vs 2xx ingest answers',
    measured:
      `${int(stored)} rows = ${int(acked.size)} acknowledged + ${int(unacknowledgedStored)} cut off unanswered at run ends` +
      ` (${int(cutOff)} were in flight); ${int(missing)} acknowledged missing`,
    budget: 'rows = 2xx + stored cut-offs; 0 missing',
    result: verdict(intact),
  });
  if (!intact) broken.push(`${missing} acknowledged answers missing, ${unacknowledgedStored} unexplained rows`);
}

/** The seeded sizes: metrics on each; the dashboard views on DASHBOARD_SEED (the only one seeded when metrics do not run). */
async function metricsBench(tmp: string, cluster: Cluster | undefined): Promise<void> {
  const adminToken = `adm_bench_${randomBytes(18).toString('base64url')}`;
  const metrics = runs('metrics');
  for (const size of metrics ? PLAN.seedSizes : [DASHBOARD_SEED]) {
    const label = size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
    const dbPath = path.join(tmp, `seed-${label}.db`);
    log(`seeding ${int(size)} answers`);
    const db = openDatabase(dbPath);
    let seeded;
    try {
      let reported = 0;
      seeded = await seedSite(db, {
        responses: size,
        // Customers and tickets where the dashboard's views read them; the customer routes have
        // their own seed (customers-latency.ts), and 2.5M customers would only lengthen the run.
        customers: size === DASHBOARD_SEED ? undefined : false,
        onProgress: (done, total, elapsed) => {
          if (elapsed - reported < 2000 && done < total) return;
          reported = elapsed;
          log(`  ${int(done)} / ${int(total)} rows`);
        },
      });
    } finally {
      db.close();
    }
    rows.push({
      area: `Seed ${label}`,
      figure: 'bulk insert + rollup rebuild',
      measured: `${int(seeded.rowsPerSecond)} rows/s (${(seeded.totalMs / 1000).toFixed(1)} s)`,
      budget: '—',
      result: '—',
    });

    const collector = await startCollector(dbPath, adminToken);
    try {
      for (const q of metrics ? metricsQueries(SEED_TIMEZONE) : []) {
        const t = await timeMetrics(collector.url, { id: seeded.siteId, secretKey: seeded.secretKey }, q, METRICS_REQUESTS);
        log(`metrics ${label} ${q.name}: median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)}`);
        if (q.query === '' && t.responses !== size) broken.push(`metrics at ${label} counted ${t.responses} answers, ${size} were seeded`);
        if (q.segmented && !(t.segments > 1)) broken.push(`metrics at ${label} ${q.name} found ${t.segments} segments`);
        const budgeted = size >= 1_000_000;
        const limit = q.segmented ? BUDGET.segmentedMedianMs : size >= 10_000_000 ? BUDGET.metricsMedianMsAt10M : BUDGET.metricsMedianMs;
        rows.push({
          area: `Metrics, SQLite, ${label} answers`,
          figure: `${q.name}, ${METRICS_REQUESTS} sequential requests${q.segmented ? ` (${t.segments} values)` : ''}`,
          measured: `median ${ms(t.medianMs)} · p95 ${ms(t.p95Ms)}`,
          budget: budgeted ? `median ≤ ${limit} ms` : '—',
          result: budgeted ? verdict(t.medianMs <= limit) : '—',
        });
      }
      if (metrics) await insightsRows(collector, seeded, label, size);
      // After the insight rows, whose first themes request starts the worker thread: that figure stays theirs.
      if (runs('dashboard') && size === DASHBOARD_SEED) await dashboardRows(collector, seeded, label);
      if (metrics && (size === 1_000_000 || (QUICK && size === PLAN.seedSizes.at(-1)))) await exportRows(collector, seeded, label);
      // Last: it adds answers to the seeded ones.
      if (metrics && (size === 1_000_000 || (QUICK && size === PLAN.seedSizes.at(-1)))) await ingestUnderReads(collector, seeded, label);
    } finally {
      await stop(collector);
    }
    if (metrics && cluster && POSTGRES_SEEDS.includes(size)) await postgresMetrics(cluster, dbPath, seeded, label, adminToken);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  }
}

/**
 * Each dashboard view in Chromium, signed in as the instance owner made through the set-up link
 * (issue 16): from the navigation's start to its data in the page, first load and the median of
 * the next ones.
 */
async function dashboardRows(collector: ServerProcess, seeded: SeedResult, label: string): Promise<void> {
  log(`dashboard views in Chromium on ${label} answers`);
  const owner = await createOwner(collector);
  const area = `Dashboard in Chromium, SQLite, ${label} answers`;
  const { views, pageErrors } = await timeDashboardViews(collector.url, seeded.siteId, owner, DASHBOARD_NAVIGATIONS, log);
  if (pageErrors.length > 0) broken.push(`the dashboard threw: ${pageErrors.slice(0, 3).join('; ')}`);
  for (const v of views) {
    if (v.error) broken.push(`dashboard ${v.name}: ${v.error}`);
    rows.push({
      area,
      figure: `${v.name}: navigation start → ${v.what} in the page; first load, then ${DASHBOARD_NAVIGATIONS} more`,
      measured: `median ${ms(v.medianMs)} · max ${ms(v.maxMs)} · first ${ms(v.firstMs)}${v.error ? ` · failed: ${v.error}` : ''}`,
      budget: `median ≤ ${int(BUDGET.dashboardViewMs)} ms, data shown`,
      result: verdict(v.medianMs <= BUDGET.dashboardViewMs && !v.error),
    });
  }
}

/**
 * Churn, tickets and the customers at risk on a database of their own with 100k customers and 500k
 * tickets (issue 17), and /healthz meanwhile: the event loop must keep answering.
 */
async function customersBench(tmp: string): Promise<void> {
  const plan = CUSTOMERS_PLAN;
  const label = `${int(plan.customers / 1000)}k customers, ${int(plan.tickets / 1000)}k tickets`;
  const dbPath = path.join(tmp, 'customers.db');
  log(`seeding ${int(plan.responses)} answers, ${int(plan.customers)} customers and ${int(plan.tickets)} tickets`);
  const db = openDatabase(dbPath);
  let seeded: SeedResult;
  try {
    seeded = await seedSite(db, { responses: plan.responses, customers: plan.customers, tickets: plan.tickets });
  } finally {
    db.close();
  }
  const c = seeded.customers;
  log(`  ${int(c.customers)} customers, ${int(c.events)} billing events, ${int(c.tickets)} tickets in ${(c.ms / 1000).toFixed(1)} s`);
  if (c.customers !== plan.customers || c.tickets !== plan.tickets) broken.push(`the customers seed made ${c.customers} customers and ${c.tickets} tickets, ${plan.customers} and ${plan.tickets} were asked`);
  const area = `Customers, SQLite, ${label}`;
  rows.push(
    { area, figure: `seed: ${int(seeded.rows)} answers, bulk insert + rollup rebuild`, measured: `${int(seeded.rowsPerSecond)} rows/s (${(seeded.totalMs / 1000).toFixed(1)} s)`, budget: '—', result: '—' },
    {
      area,
      figure: `seed: ${int(c.customers)} customers, ${int(c.events)} billing events, ${int(c.tickets)} tickets (drawn from the answers)`,
      measured: `${int(((c.events + c.tickets) * 1000) / c.ms)} rows/s (${(c.ms / 1000).toFixed(1)} s)`,
      budget: '—',
      result: '—',
    },
  );

  const collector = await startCollector(dbPath, adminToken(), {}, 'collector (customers)');
  const site = { id: seeded.siteId, secretKey: seeded.secretKey };
  try {
    for (const q of customerQueries(SEED_TIMEZONE)) {
      const t = await timeCustomerQuery(collector.url, site, q, plan.requests);
      const failed = t.failures.length > 0 ? `; ${t.failures.length} without an answer (${t.failures.map((f) => `after ${ms(f.ms)}: ${f.error}`).join('; ')})` : '';
      log(`customers ${q.name}: median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)}, kept ${ms(t.keptMedianMs)} (${t.note})${failed}`);
      if (failed) broken.push(`GET …${q.path}: ${t.failures.length} of ${t.requests} requests got no answer, first after ${ms(t.failures[0]!.ms)}: ${t.failures[0]!.error}`);
      rows.push({
        area,
        figure: `GET …${q.path}, ${t.requests} sequential requests (${t.note || 'no answer'})`,
        measured: `median ${ms(t.medianMs)} · p95 ${ms(t.p95Ms)} · kept answer ${ms(t.keptMedianMs)}${t.failures.length > 0 ? ` · ${t.failures.length} of ${t.requests} without an answer (counted at the time they failed)` : ''}`,
        budget: `median ≤ ${int(BUDGET.customersMedianMs)} ms, all answered`,
        result: verdict(t.medianMs <= BUDGET.customersMedianMs && t.failures.length === 0),
      });
    }
    const h = await healthDuring(collector.url, site, customerQueries(SEED_TIMEZONE), plan.healthRounds);
    log(`/healthz during ${h.during} customer requests: p99 ${ms(h.p99Ms)}, max ${ms(h.maxMs)} over ${h.requests} (idle ${ms(h.idleP99Ms)} / ${ms(h.idleMaxMs)})`);
    rows.push({
      area,
      figure: `/healthz while churn, tickets and at risk run (${h.requests} sequential requests beside ${h.during}), against as many with nothing running`,
      measured: `p99 ${ms(h.p99Ms)} · max ${ms(h.maxMs)} (idle: p99 ${ms(h.idleP99Ms)} · max ${ms(h.idleMaxMs)})`,
      budget: `p99 ≤ ${BUDGET.healthP99Ms} ms`,
      result: verdict(h.p99Ms <= BUDGET.healthP99Ms),
    });
  } finally {
    await stop(collector);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  }
}

/** Compare, a survey's results and themes on a seeded database (issues 13 and 14). */
async function insightsRows(collector: ServerProcess, seeded: SeedResult, label: string, size: number): Promise<void> {
  const site = { id: seeded.siteId, secretKey: seeded.secretKey };
  const budgeted = size === 1_000_000 || (QUICK && size === PLAN.seedSizes.at(-1));
  for (const t of await timeInsights(collector.url, site, seeded.surveys.inAppNps, SEED_TIMEZONE, METRICS_REQUESTS)) {
    log(`insights ${label} ${t.name}: median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)} (${t.note})`);
    const limit = t.name.startsWith('compare') ? BUDGET.compareMedianMs : undefined;
    rows.push({
      area: `Insights, SQLite, ${label} answers`,
      figure: `${t.name} (${t.note})`,
      measured: `median ${ms(t.medianMs)} · p95 ${ms(t.p95Ms)}`,
      budget: budgeted && limit ? `median ≤ ${limit} ms` : '—',
      result: budgeted && limit ? verdict(t.medianMs <= limit) : '—',
    });
  }
  const th = await timeThemes(collector.url, site);
  log(`themes ${label}: ${int(th.comments)} comments, first ${ms(th.firstMs)}, uncached ${th.uncachedMs.map((x) => ms(x)).join(', ')}, cached ${ms(th.cachedMedianMs)}; /healthz p99 ${ms(th.healthP99Ms)} max ${ms(th.healthMaxMs)} (idle ${ms(th.idleP99Ms)} / ${ms(th.idleMaxMs)}) over ${th.healthRequests}`);
  log(`  detractors: ${th.top.detractor.join(', ')}; promoters: ${th.top.promoter.join(', ')}`);
  const uncached = median(th.uncachedMs);
  // The budget is per 100k comments: a larger site reads more (up to the 250k newest).
  const themesLimit = BUDGET.themesMs * Math.max(1, th.comments / 100_000);
  rows.push(
    {
      area: `Themes, SQLite, ${label} answers`,
      figure: `${int(th.comments)} comments: first request (the worker thread starts)`,
      measured: ms(th.firstMs),
      budget: '—',
      result: '—',
    },
    {
      area: `Themes, SQLite, ${label} answers`,
      figure: `${int(th.comments)} comments, worked out (${th.uncachedMs.length} different questions) · kept for a minute`,
      measured: `median ${ms(uncached)} · max ${ms(Math.max(...th.uncachedMs))} · cached ${ms(th.cachedMedianMs)}`,
      budget: budgeted ? `median ≤ ${int(themesLimit)} ms` : '—',
      result: budgeted ? verdict(uncached <= themesLimit) : '—',
    },
    {
      area: `Themes, SQLite, ${label} answers`,
      figure: `/healthz while themes are worked out (${th.healthRequests} sequential requests), against as many with nothing running`,
      measured: `p99 ${ms(th.healthP99Ms)} · max ${ms(th.healthMaxMs)} (idle: p99 ${ms(th.idleP99Ms)} · max ${ms(th.idleMaxMs)})`,
      budget: budgeted ? `p99 ≤ ${BUDGET.healthP99Ms} ms` : '—',
      result: budgeted ? verdict(th.healthP99Ms <= BUDGET.healthP99Ms) : '—',
    },
  );
}

/** Webhook delivery latency while the collector takes answers at 50 connections (issue 15). */
async function webhookLatencyBench(tmp: string): Promise<void> {
  const token = adminToken();
  const collector = await startCollector(path.join(tmp, 'webhooks.db'), token, { PLAUDIT_WEBHOOK_ALLOW_PRIVATE: '1' }, 'collector (webhooks)');
  const endpoint = await startEndpoint();
  try {
    const site = await postJson<{ id: string; publicKey: string; secretKey: string }>(`${collector.url}/v1/sites`, token, { name: 'Webhook bench', origins: [ORIGIN], timezone: SEED_TIMEZONE });
    const loadSurvey = await postJson<{ id: string }>(`${collector.url}/v1/sites/${site.id}/surveys`, site.secretKey, { name: 'Load', questions: ['nps'] });
    const probeSurvey = await postJson<{ id: string }>(`${collector.url}/v1/sites/${site.id}/surveys`, site.secretKey, { name: 'Probes', questions: ['nps'] });
    await postJson(`${collector.url}/v1/sites/${site.id}/webhooks`, site.secretKey, { url: endpoint.url, events: ['response.created'], filter: { survey: probeSurvey.id, category: 'detractor' } });
    let running = true;
    const probes = probe(collector.url, { publicKey: site.publicKey, surveyId: probeSurvey.id, origin: ORIGIN }, endpoint.receivedAt, () => running);
    const load = await runLoad({ url: collector.url, publicKey: site.publicKey, surveyId: loadSurvey.id, origin: ORIGIN }, 50, PLAN.runSeconds * 3, new IdLog());
    running = false;
    const latency = await probes;
    log(`webhook latency under load (${loadSummary(load)}): ${latency.received}/${latency.probes} received, p50 ${ms(latency.p50Ms)}, p99 ${ms(latency.p99Ms)}, max ${ms(latency.maxMs)}`);
    rows.push(
      { area: 'Webhooks', figure: `ingest meanwhile, 50 conn`, measured: loadSummary(load), budget: '—', result: '—' },
      {
        area: 'Webhooks',
        figure: `a detractor's answer, from its 202 to its receipt at an endpoint on loopback (${latency.received} of ${latency.probes} probes, 10 per second)`,
        measured: `p50 ${ms(latency.p50Ms)} · p99 ${ms(latency.p99Ms)} · max ${ms(latency.maxMs)}`,
        budget: `p99 ≤ ${int(BUDGET.webhookP99Ms)} ms, all received`,
        result: verdict(latency.p99Ms <= BUDGET.webhookP99Ms && latency.received === latency.probes),
      },
    );
  } finally {
    await endpoint.close();
    await stop(collector);
  }
}

/** Both exports of every seeded answer with nothing else running: time, and the collector's memory meanwhile (issue 15). */
async function exportRows(collector: ServerProcess, seeded: SeedResult, label: string): Promise<void> {
  const headers = { authorization: `Bearer ${seeded.secretKey}` };
  for (const format of ['csv', 'ndjson'] as const) {
    const before = readMemory(collector.pid).rss;
    let maxRss = before;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, readMemory(collector.pid).rss)), 100);
    const started = performance.now();
    const res = await fetch(`${collector.url}/v1/sites/${seeded.siteId}/exports/responses.${format}`, { headers });
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    const rows_ = format === 'csv' ? lines - 1 : lines;
    log(`export ${format} at ${label}: ${int(rows_)} rows, ${mb(bytes)}, ${(elapsed / 1000).toFixed(1)} s, RSS ${mb(before)} → max ${mb(maxRss)}`);
    rows.push({
      area: `Exports, SQLite, ${label} answers`,
      figure: `${format.toUpperCase()}: rows, size, time; collector RSS before → highest while streaming`,
      measured: `${int(rows_)} rows, ${mb(bytes)}, ${(elapsed / 1000).toFixed(1)} s; ${mb(before)} → ${mb(maxRss)}`,
      budget: `all rows, RSS + ≤ ${mb(BUDGET.exportGrowth)}`,
      result: verdict(rows_ >= seeded.rows && maxRss - before <= BUDGET.exportGrowth),
    });
  }
}

/**
 * Ingest at 50 connections on a seeded database, alone and then while a client downloads the
 * whole CSV export and another repeats a list query whose filter matches nothing (a CSAT survey's
 * promoters), so that each page scans many rows: long reads must not stall the answers.
 */
async function ingestUnderReads(collector: ServerProcess, seeded: SeedResult, label: string): Promise<void> {
  const target: LoadTarget = { url: collector.url, publicKey: seeded.publicKey, surveyId: seeded.surveys.inAppNps, origin: ORIGIN };
  const headers = { authorization: `Bearer ${seeded.secretKey}` };
  const connections = 50;
  const seconds = PLAN.runSeconds + 2;
  await runLoad(target, connections, PLAN.warmupSeconds, new IdLog());
  const alone = await runLoad(target, connections, seconds, new IdLog());
  log(`ingest alone on ${label}: ${loadSummary(alone)}`);

  let reading = true;
  const exportRun = (async () => {
    const started = performance.now();
    const res = await fetch(`${collector.url}/v1/sites/${seeded.siteId}/exports/responses.csv`, { headers });
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    return { rows: lines - 1, bytes, ms: performance.now() - started };
  })();
  const sparseTimes: number[] = [];
  const sparseRun = (async () => {
    const url = `${collector.url}/v1/sites/${seeded.siteId}/responses?survey=${seeded.surveys.postPurchaseCsat}&category=promoter&limit=50`;
    while (reading) {
      const started = performance.now();
      const res = await fetch(url, { headers });
      await res.text();
      if (res.status !== 200) throw new Error(`sparse list answered ${res.status}`);
      sparseTimes.push(performance.now() - started);
    }
  })();
  // Let both readers get going before the load starts.
  await sleep(300);
  const disturbed = await runLoad(target, connections, seconds, new IdLog());
  log(`ingest during export and sparse lists on ${label}: ${loadSummary(disturbed)}`);
  reading = false;
  await sparseRun;
  const exported = await exportRun;
  sparseTimes.sort((a, b) => a - b);
  const area = `Ingest under long reads, ${label} answers`;
  rows.push(
    { area, figure: `ingest alone, ${connections} conn`, measured: loadSummary(alone), budget: '—', result: '—' },
    {
      area,
      figure: `ingest while a full CSV export and repeated sparse list queries run, ${connections} conn`,
      measured: loadSummary(disturbed),
      budget: `p99 ≤ ${BUDGET.p99MsUnderReads} ms`,
      result: verdict(disturbed.p99Ms <= BUDGET.p99MsUnderReads && disturbed.non2xx === 0),
    },
    {
      area,
      figure: 'the export meanwhile: rows, size, time',
      measured: `${int(exported.rows)} rows, ${mb(exported.bytes)}, ${(exported.ms / 1000).toFixed(1)} s (${int((exported.rows * 1000) / exported.ms)} rows/s)`,
      budget: `all ${label}`,
      result: verdict(exported.rows >= seeded.rows),
    },
    {
      area,
      figure: 'the sparse list meanwhile (a CSAT survey’s promoters: no match, every row scanned)',
      measured: `${int(sparseTimes.length)} requests, median ${ms(percentile(sparseTimes, 0.5))}`,
      budget: '—',
      result: '—',
    },
  );
  if (disturbed.non2xx > 0 || disturbed.errors > 0) broken.push(`ingest under long reads got ${disturbed.non2xx} non-2xx, ${disturbed.errors} errors`);
}

const adminToken = () => `adm_bench_${randomBytes(18).toString('base64url')}`;

/** A schema of its own in the bench's cluster, and the URL that works in it. */
async function postgresSchema(cluster: Cluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${name}`);
  } finally {
    await client.end();
  }
  return urlWithSchema(cluster.url, name);
}

/** A seeded SQLite file copied into PostgreSQL (pnpm plaudit copy), then the metrics timed there. */
async function postgresMetrics(cluster: Cluster, dbPath: string, seeded: SeedResult, label: string, token: string): Promise<void> {
  const url = await postgresSchema(cluster, `seed_${label.toLowerCase()}`);
  log(`copying ${label} into PostgreSQL`);
  const started = performance.now();
  const report = await copySqliteToPostgres(dbPath, url, { pageSize: 10_000, log: (line) => /responses: \d*00000 /.test(line) && log(`  ${line}`) });
  const seconds = (performance.now() - started) / 1000;
  const copied = report.tables.find((t) => t.name === 'responses')?.target ?? 0;
  rows.push({
    area: `Seed ${label}, PostgreSQL`,
    figure: 'pnpm plaudit copy from the SQLite seed, verified (counts, metrics)',
    measured: `${int(copied / seconds)} answers/s (${seconds.toFixed(1)} s)`,
    budget: 'verified',
    result: verdict(report.ok),
  });
  if (!report.ok) broken.push(`copy of ${label} not verified: ${report.problems.join('; ')}`);
  const collector = await startCollector('/nonexistent/ignored.db', token, { PLAUDIT_DATABASE_URL: url }, 'collector on PostgreSQL');
  try {
    for (const q of metricsQueries(SEED_TIMEZONE)) {
      const t = await timeMetrics(collector.url, { id: seeded.siteId, secretKey: seeded.secretKey }, q, METRICS_REQUESTS);
      log(`metrics PostgreSQL ${label} ${q.name}: median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)}`);
      if (q.query === '' && t.responses !== copied) broken.push(`PostgreSQL metrics at ${label} counted ${t.responses} answers, ${copied} were copied`);
      rows.push({
        area: `Metrics, PostgreSQL, ${label} answers`,
        figure: `${q.name}, ${METRICS_REQUESTS} sequential requests${q.segmented ? ` (${t.segments} values)` : ''}`,
        measured: `median ${ms(t.medianMs)} · p95 ${ms(t.p95Ms)}`,
        budget: '—',
        result: '—',
      });
    }
  } finally {
    await stop(collector);
  }
}

/** Ingest on PostgreSQL, 50 connections, with one collector and then two sharing the load. */
async function postgresIngest(cluster: Cluster, token: string): Promise<void> {
  const url = await postgresSchema(cluster, 'ingest');
  const env = { PLAUDIT_DATABASE_URL: url };
  const first = await startCollector('/nonexistent/ignored.db', token, env, 'collector on PostgreSQL');
  const site = await postJson<{ id: string; publicKey: string; secretKey: string }>(`${first.url}/v1/sites`, token, { name: 'Bench shop', origins: [ORIGIN], timezone: SEED_TIMEZONE });
  const survey = await postJson<{ id: string }>(`${first.url}/v1/sites/${site.id}/surveys`, site.secretKey, { name: 'Bench NPS', questions: ['nps', 'comment'] });
  const target = (server: ServerProcess): LoadTarget => ({ url: server.url, publicKey: site.publicKey, surveyId: survey.id, origin: ORIGIN });
  const acknowledged = new IdLog();
  const connections = 50;
  try {
    await runLoad(target(first), connections, PLAN.warmupSeconds, acknowledged);
    const one: LoadResult[] = [];
    for (let round = 0; round < PLAN.rounds; round++) one.push(await runLoad(target(first), connections, PLAN.runSeconds, acknowledged));
    const alone = pooled(one);
    log(`PostgreSQL, one collector: ${loadSummary(alone)}`);
    rows.push({ area: `Ingest, PostgreSQL, ${connections} conn`, figure: 'one collector', measured: loadSummary(alone), budget: '—', result: '—' });

    const second = await startCollector('/nonexistent/ignored.db', token, env, 'second collector on PostgreSQL');
    try {
      await runLoad(target(second), connections / 2, PLAN.warmupSeconds, acknowledged);
      const both: LoadResult[] = [];
      for (let round = 0; round < PLAN.rounds; round++) {
        const [a, b] = await Promise.all([runLoad(target(first), connections / 2, PLAN.runSeconds, acknowledged), runLoad(target(second), connections / 2, PLAN.runSeconds, acknowledged)]);
        both.push({ ...pooled([a!, b!]), requestsPerSecond: a!.requestsPerSecond + b!.requestsPerSecond });
      }
      const together = pooled(both);
      log(`PostgreSQL, two collectors: ${loadSummary(together)}`);
      rows.push({ area: `Ingest, PostgreSQL, ${connections} conn`, figure: 'two collectors, 25 connections each, one database', measured: loadSummary(together), budget: '—', result: '—' });
    } finally {
      await stop(second);
    }
  } finally {
    await stop(first);
  }
  // Every acknowledged answer is in the database.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stored = new Set((await client.query<{ id: string }>('SELECT id FROM responses')).rows.map((r) => r.id));
    let missing = 0;
    let total = 0;
    for (const id of acknowledged.ids()) {
      total++;
      if (!stored.has(id)) missing++;
    }
    rows.push({ area: 'Durability, PostgreSQL', figure: 'acknowledged answers missing', measured: `${int(missing)} of ${int(total)}`, budget: '0', result: verdict(missing === 0) });
    if (missing > 0) broken.push(`${missing} acknowledged answers missing on PostgreSQL`);
  } finally {
    await client.end();
  }
}

function printReport(started: Date): void {
  const header = { area: 'area', figure: 'figure', measured: 'measured', budget: 'budget', result: 'result' };
  const line = (r: Record<keyof TableRow, string>) => `| ${r.area} | ${r.figure} | ${r.measured} | ${r.budget} | ${r.result} |`;
  const out = [
    '',
    `## Plaudit benchmark (${QUICK ? 'quick' : 'full'})`,
    '',
    `Machine: ${describeMachine()}`,
    `Date: ${started.toISOString()}`,
    `Load: autocannon in the bench process, loopback 127.0.0.1, pipelining 1, ${PLAN.warmupSeconds} s warm-up (discarded), then ${PLAN.rounds} rounds of ${PLAN.runSeconds} s per server in alternating order; ` +
      'servers in their own processes; one new UUIDv7 answer id per request, text/plain like the widget.',
    '',
    line(header),
    '|---|---|---|---|---|',
    ...rows.map(line),
    '',
  ];
  if (broken.length > 0) out.push(`Benchmark broken: ${broken.join('; ')}`, '');
  process.stdout.write(out.join('\n'));
}

async function widgetCostRows(tmp: string): Promise<void> {
  log('widget cost on a host page in Chromium');
  const c = await measureWidgetCost(tmp);
  rows.push(
    {
      area: 'Widget on a page',
      figure: `bytes on the wire when a survey shows (${c.shownFiles.join(', ')})`,
      measured: `${int(c.shownBytes)} B`,
      budget: `≤ ${int(BUDGET.fullGzip)} B`,
      result: verdict(c.shownBytes <= BUDGET.fullGzip),
    },
    {
      area: 'Widget on a page',
      figure: `bytes on the wire when no survey is due (${c.idleFiles.join(', ')})`,
      measured: `${int(c.idleBytes)} B`,
      budget: 'loader + config only',
      result: verdict(c.idleFiles.join() === '/v1/config,/widget.js'),
    },
    { area: 'Widget on a page', figure: 'longest main-thread task, load to answer', measured: ms(c.longestTaskMs), budget: '≤ 50 ms', result: verdict(c.longestTaskMs <= 50) },
    { area: 'Widget on a page', figure: 'cumulative layout shift', measured: c.layoutShift.toFixed(3), budget: '0', result: verdict(c.layoutShift === 0) },
  );
}

async function main(): Promise<number> {
  const started = new Date();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-bench-'));
  // Also on Ctrl-C, when the finally below never runs: the seeded files are hundreds of MB.
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  try {
    if (runs('widget')) {
      widgetRows();
      await widgetCostRows(tmp);
    }
    if (runs('ingest')) await ingestBench(tmp);
    if (runs('webhooks')) await webhookLatencyBench(tmp);
    if (runs('customers')) await customersBench(tmp);
    const cluster = runs('postgres') ? await startCluster() : undefined;
    try {
      if (cluster) await postgresIngest(cluster, adminToken());
      if (runs('metrics') || runs('dashboard')) await metricsBench(tmp, cluster);
    } finally {
      cluster?.destroy();
    }
  } catch (error) {
    broken.push(error instanceof Error ? error.message : String(error));
  } finally {
    await Promise.all([...servers].map((s) => stop(s).catch(() => undefined)));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  printReport(started);
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
