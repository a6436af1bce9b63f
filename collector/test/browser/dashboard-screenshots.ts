// Screenshots of every dashboard view at 1280 and 390 px wide, in English and French, full page,
// for a person to look at: `npx tsx test/browser/dashboard-screenshots.ts [dir] [prefix]` (only
// the shots whose names start with the prefix, e.g. `customers` or `setup`). Not a test: it
// asserts nothing. The collector runs on a SQLite file seeded like `pnpm seed` (two years of
// answers, customers with billing events and support tickets), so every view shows real figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { openDatabase } from '../../src/store/sqlite/database';
import { SEED_ORIGINS, seedSite } from '../../scripts/seed/seed-site';
import { OWNER, VIEWER, VIEWS, uuid7 } from './dashboard-flow';
import { launchChromium, until } from './harness';

const dir = process.argv[2] ?? '/tmp/dash-shots';
const only = process.argv[3] ?? '';
const wanted = (name: string) => name.startsWith(only);
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const LANGS = ['en', 'fr'] as const;
type Lang = (typeof LANGS)[number];
const ADMIN = 'adm_dashboard_shots_token_01';
// A desktop Chrome user agent: the collector does not count headless browsers.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

fs.mkdirSync(dir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-dash-shots-'));
const dbPath = path.join(tmp, 'plaudit.db');
const db = openDatabase(dbPath);
const seeded = await seedSite(db, { responses: 20_000 });
db.close();

const app = await buildApp({ dbPath, adminToken: ADMIN, rateLimit: 0 });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const { setupUrl } = await bootstrap(app, { adminToken: ADMIN, demo: false, baseUrl: base });
const site = seeded.siteId;
async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(`${base}${p}`, { method, headers: { authorization: `Bearer ${seeded.secretKey}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as any;
}

/** A context in `lang` (the dashboard's remembered choice and the browser's own). */
async function open(browser: Browser, lang: Lang, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, userAgent: USER_AGENT, locale: lang === 'fr' ? 'fr-FR' : 'en-GB', timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
  await context.addInitScript((l) => localStorage.setItem('plaudit.dashboard.lang', l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

async function shot(page: Page, name: string) {
  // Fonts and lazily loaded chunks settled: nothing left to fetch.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  // The viewport as tall as the page, so that sticky parts (the survey editor's Save bar and
  // preview) rest where they would, not halfway down a stitched full-page picture.
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: `${dir}/${name}.png` });
  await page.setViewportSize(viewport);
}

const browser = await launchChromium();
try {
  // Before any account: the set-up page, then the owner made through it.
  for (const lang of LANGS) {
    for (const viewport of WIDTHS) {
      const { context, page } = await open(browser, lang, viewport);
      await page.goto(setupUrl!);
      await page.locator('form button[type="submit"]').waitFor();
      if (wanted('setup')) await shot(page, `setup-${lang}-${viewport.width}`);
      await context.close();
    }
  }
  {
    const { context, page } = await open(browser, 'en', WIDTHS[0]!);
    await page.goto(setupUrl!);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('E-mail address').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByTestId('nps-score').waitFor();
    await context.close();
  }

  // What the seeder does not make: a team (an editor who accepted, an invitation still open),
  // quotes (answers with consent, sent through the widget's route), follow-ups under way, and a
  // fresh detractor's answer from a known customer, whose page a webhook or an alert would link.
  const member = await api('POST', `/v1/sites/${site}/invites`, { role: 'editor' });
  await fetch(`${base}/v1/invites/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: member.token, email: VIEWER.email, password: VIEWER.password, name: VIEWER.name }) });
  await api('POST', `/v1/sites/${site}/invites`, { role: 'viewer', email: 'marie@atelier.example' });
  const invite = await api('POST', `/v1/sites/${site}/invites`, { role: 'viewer' });
  const atRisk = (await api('GET', `/v1/sites/${site}/customers/at-risk`)).customers as { customer: string }[];
  const responseId = uuid7(Date.now() - 3_600_000);
  const answers = [
    { id: responseId, nps: 3, comment: 'The second lamp arrived with a cracked shade and nobody has answered my e-mails for a week.', locale: 'en', customer: { id: atRisk[0]?.customer ?? 'cus_1' } },
    { nps: 10, comment: 'Beautiful lamps, and the parcel came in two days. The handwritten note was a lovely touch.', locale: 'en', consent: true },
    { nps: 9, comment: 'Great quality for the price, I ordered a second one for my sister.', locale: 'en', consent: true },
    { nps: 10, comment: 'Livraison rapide et un petit mot adorable dans le colis. Je recommande sans hésiter\u202f!', locale: 'fr', consent: true },
    { nps: 9, comment: 'La lampe est superbe, la lumière est chaude et douce.', locale: 'fr', consent: true },
    { nps: 10, comment: 'Support was quick to answer and swapped the bulb for free.', locale: 'en', consent: true },
    { nps: 9, comment: 'Emballage soigné, tout est arrivé intact.', locale: 'fr', consent: true },
    { nps: 10, comment: 'The grinder is a joy to use every morning. Solid, quiet, and the grind is even from espresso to filter. I bought it after trying three others and would buy it again without a second thought.', locale: 'en', consent: true },
  ].map(({ id, ...a }, i) => ({ id: id ?? uuid7(Date.now() - 7_200_000 - i * 600_000), key: seeded.publicKey, survey: seeded.surveys.inAppNps, ...a }));
  const sent = await fetch(`${base}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SEED_ORIGINS[0]!, 'user-agent': USER_AGENT }, body: JSON.stringify(answers) });
  if (sent.status !== 202) throw new Error(`answers: ${sent.status} ${await sent.text()}`);
  const quotes = (await until(async () => {
    const items = (await api('GET', `/v1/sites/${site}/testimonials?status=pending`)).items as { response: string }[];
    return items.length >= 7 ? items : null;
  }, 'the quotes'));
  for (const [i, q] of quotes.slice(0, 4).entries()) {
    await api('PATCH', `/v1/sites/${site}/responses/${q.response}/testimonial`, { status: i < 3 ? 'approved' : 'hidden', ...(i < 2 && { displayName: ['Léa M.', 'Tom'][i] }) });
  }
  const detractors = (await api('GET', `/v1/sites/${site}/responses?limit=20&category=detractor&hasComment=true`)).items as { id: string }[];
  for (const [i, r] of detractors.slice(1, 4).entries()) {
    await api('PATCH', `/v1/sites/${site}/responses/${r.id}/follow-up`, { state: (['contacted', 'resolved', 'ignored'] as const)[i] });
  }
  await api('PATCH', `/v1/sites/${site}/responses/${responseId}/follow-up`, { state: 'contacted' });
  await api('POST', `/v1/sites/${site}/responses/${responseId}/notes`, { body: 'Called her back: the carrier broke the shade, a new one is on its way.' });
  const surveyId = seeded.surveys.inAppNps;

  const signedIn: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
    ...VIEWS.map((v) => (v.name === 'response' ? { ...v, path: `/dashboard/responses/${responseId}` } : v)),
    // An existing survey, with its follow-up questions and next step, and its preview.
    { name: 'survey-editor-existing', path: `/dashboard/surveys/${surveyId}`, ready: (p) => p.frameLocator('.preview-box iframe').getByRole('radiogroup').waitFor() },
    { name: 'new-site', path: '/dashboard/sites/new', ready: (p) => p.locator('main form').first().waitFor() },
  ];
  // Stronger than "an empty state or an error": real content in the customers' views.
  const realContent: Record<string, (page: Page) => Promise<unknown>> = {
    customers: (p) => p.locator('.at-risk li').first().waitFor(),
    'customers-churn': (p) => p.locator('.kpi .big').first().waitFor(),
    'customers-tickets': (p) => p.locator('.kpi .big').first().waitFor(),
    themes: (p) => p.locator('.theme').first().waitFor(),
    testimonials: (p) => p.locator('.quote-card').first().waitFor(),
  };

  for (const lang of LANGS) {
    for (const viewport of WIDTHS) {
      const { context, page } = await open(browser, lang, viewport);
      // The invitation, opened signed out.
      await page.goto(invite.url.replace(/^https?:\/\/[^/]+/, base));
      await page.locator('main form, form').first().waitFor();
      if (wanted('invite')) await shot(page, `invite-${lang}-${viewport.width}`);
      await page.goto(`${base}/dashboard/`);
      await page.locator('input[type="password"]').waitFor();
      if (wanted('signin')) await shot(page, `signin-${lang}-${viewport.width}`);
      await page.locator('input[type="email"]').fill(OWNER.email);
      await page.locator('input[type="password"]').fill(OWNER.password);
      await page.locator('form button[type="submit"]').click();
      await page.getByTestId('nps-score').waitFor();
      for (const view of signedIn) {
        if (!wanted(view.name)) continue;
        await page.goto(`${base}${view.path}${view.path.includes('?') ? '&' : '?'}site=${site}`);
        try {
          await view.ready(page);
          await realContent[view.name]?.(page);
        } catch (error) {
          // Shot all the same, named so, to see what is missing.
          console.error(`${view.name} ${lang} ${viewport.width}: ${(error as Error).message.split('\n')[0]}`);
          await shot(page, `${view.name}-${lang}-${viewport.width}-NOT-READY`);
          continue;
        }
        await shot(page, `${view.name}-${lang}-${viewport.width}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${dir}`);
