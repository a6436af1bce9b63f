// How soon each dashboard view shows its data on a seeded database (issue 16: within 1 s of
// navigation in Chromium). The first account is made the way the dashboard's set-up does it (the
// set-up token the collector printed at start, POST /v1/setup); the owner then signs in through
// the form in Debian's Chromium and loads each view's URL afresh several times. A script added
// before any of the page's own notes, in the page, the first instant an element that carries the
// view's data is in the document with text in it (a MutationObserver, on the page's clock, whose
// zero is the navigation's start): that instant is the figure. No network-idle wait, no sleep.
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/browser/harness';
import { median } from './stats';
import type { ServerProcess } from './processes';

export interface DashboardView {
  name: string;
  path: string;
  /** CSS selectors of elements that exist only once the view's data is there: the view is ready when all have shown. */
  ready: string[];
  /** The data the selector stands for, for the report. */
  what: string;
}

/**
 * The views, by path, and the element that carries each one's data. An explicit empty state
 * (`p.empty`, shown only once the list has loaded and is empty) counts where the seed leaves the
 * list empty: the site's team (the instance owner sees the site without being a member) and the
 * quotes.
 */
export const DASHBOARD_VIEWS: DashboardView[] = [
  { name: 'overview', path: '/dashboard/', ready: ['[data-testid="nps-score"]'], what: 'the NPS figure' },
  { name: 'responses', path: '/dashboard/responses', ready: ['article.response'], what: 'the first answer' },
  {
    name: 'themes',
    path: '/dashboard/themes',
    ready: ['section[aria-labelledby="themes-detractor"] li.theme', 'section[aria-labelledby="themes-promoter"] li.theme'],
    what: 'the first theme of detractors and of promoters',
  },
  // The seed's answers fill no testimonials table (its bulk insert skips what ingest does for consented
  // comments): the list loads and says it is empty.
  { name: 'testimonials', path: '/dashboard/testimonials', ready: ['li.quote-card, p.empty'], what: 'the quotes to review (or the empty list’s note)' },
  { name: 'surveys', path: '/dashboard/surveys', ready: ['li.survey-item'], what: 'the first survey' },
  { name: 'customers (at risk)', path: '/dashboard/customers', ready: ['ol.at-risk > li'], what: 'the first customer at risk' },
  { name: 'customers · churn', path: '/dashboard/customers/churn', ready: ['.kpi .big'], what: 'the churn rate' },
  { name: 'customers · tickets', path: '/dashboard/customers/tickets', ready: ['.kpi .big'], what: 'the tickets’ volume' },
  { name: 'settings', path: '/dashboard/settings', ready: ['#team-section .members li, #team-section p.empty'], what: 'the team list (or the empty team’s note)' },
  { name: 'install', path: '/dashboard/install', ready: ['[data-testid="seen"]'], what: 'whether the widget was seen' },
];

export interface ViewTiming {
  name: string;
  what: string;
  /** The first load of the view (server caches cold for it), then the median and slowest of the rest. */
  firstMs: number;
  medianMs: number;
  maxMs: number;
  navigations: number;
  /** What the element said on the last load. */
  text: string;
  /** Why a load failed (the view's later loads are not tried); the figures are those before it. */
  error?: string;
}

const OWNER = { email: 'owner@bench.example', password: 'bench password, long enough', name: 'Bench owner' };

/** The set-up link's token, from what the collector printed at start (it prints one while no account exists). */
async function setupToken(collector: ServerProcess, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /\/dashboard\/setup\?token=(\S+)/.exec(collector.output());
    if (match) return match[1]!;
    if (Date.now() > deadline) throw new Error(`the collector printed no set-up link (an account exists already?):\n${collector.output().slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Makes the instance owner as the set-up page does: POST /v1/setup with the printed token. */
export async function createOwner(collector: ServerProcess): Promise<typeof OWNER> {
  const token = await setupToken(collector);
  const res = await fetch(`${collector.url}/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...OWNER }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/setup answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return OWNER;
}

/** What the page notes: per selector, when it first matched an element with text, and that text. */
type Seen = Record<string, { at: number; text: string }>;

/**
 * Runs in every document before its own scripts: notes when each view's data first shows, on the
 * page's clock. Plain JavaScript in a string: a function would go through tsx, whose helpers
 * (`__name`) do not exist in the page.
 */
const watchForData = (selectors: string[]) => `(() => {
  const selectors = ${JSON.stringify(selectors)};
  const seen = {};
  window.__benchSeen = seen;
  new MutationObserver(() => {
    for (const selector of selectors) {
      if (selector in seen) continue;
      const element = document.querySelector(selector);
      const text = element && element.textContent ? element.textContent.trim() : '';
      if (text) seen[selector] = { at: performance.now(), text: text.slice(0, 80) };
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function loadView(page: Page, url: string, view: DashboardView, timeoutMs: number): Promise<{ ms: number; text: string }> {
  await page.goto(url, { waitUntil: 'commit' });
  const errorsShown = () => page.locator('p.error').allTextContents().catch(() => [] as string[]);
  try {
    // The data, or an error note (a request that failed): a view that shows one is not ready.
    for (const selector of view.ready) await page.locator(`${selector}, p.error`).first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    const notes = await errorsShown();
    throw new Error(`${view.what} not shown within ${timeoutMs} ms${notes.length ? ` (errors shown: ${notes.join('; ')})` : ''}: ${String(error).split('\n')[0]}`);
  }
  const notes = await errorsShown();
  if (notes.length > 0) throw new Error(`the view shows an error after ${Math.round(await page.evaluate(() => performance.now()))} ms: ${notes.join('; ')}`);
  const seen = await page.evaluate((selectors) => selectors.map((s) => (globalThis as unknown as { __benchSeen: Seen }).__benchSeen[s]), view.ready);
  const missing = view.ready.filter((_, i) => !seen[i]);
  if (missing.length > 0) throw new Error(`${missing.join(', ')} visible but never noted by the page`);
  const last = seen.reduce((a, b) => (b!.at > a!.at ? b : a))!;
  return { ms: last.at, text: seen.map((x) => x!.text).join(' | ') };
}

/**
 * Signs the owner in through the form, then loads each view `1 + navigations` times: the first
 * load apart, the others for the median. `log` gets each load's figure; `pageErrors` what the
 * dashboard threw meanwhile.
 */
export async function timeDashboardViews(
  baseUrl: string,
  siteId: string,
  owner: { email: string; password: string },
  navigations: number,
  log: (line: string) => void,
  timeoutMs = 30_000,
): Promise<{ views: ViewTiming[]; pageErrors: string[] }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: watchForData([...new Set(DASHBOARD_VIEWS.flatMap((v) => v.ready))]) });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByLabel('E-mail address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: timeoutMs });

    const timings: ViewTiming[] = [];
    for (const view of DASHBOARD_VIEWS) {
      const url = `${baseUrl}${view.path}?site=${encodeURIComponent(siteId)}`;
      const times: number[] = [];
      let text = '';
      let error: string | undefined;
      for (let i = 0; i <= navigations && !error; i++) {
        try {
          const r = await loadView(page, url, view, timeoutMs);
          times.push(r.ms);
          text = r.text;
        } catch (e) {
          error = `load ${i + 1}: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      log(`dashboard ${view.name}: ${times.map((t) => `${Math.round(t)}`).join(', ')} ms (“${text}”)${error ? `; ${error}` : ''}`);
      const rest = times.slice(1);
      timings.push({
        name: view.name,
        what: view.what,
        firstMs: times[0] ?? Number.NaN,
        medianMs: median(rest),
        maxMs: rest.length > 0 ? Math.max(...rest) : Number.NaN,
        navigations: rest.length,
        text,
        ...(error !== undefined && { error }),
      });
    }
    return { views: timings, pageErrors };
  } finally {
    await browser.close();
  }
}
