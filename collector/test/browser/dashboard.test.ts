// The dashboard in Debian's Chromium against a real collector (SQLite, and PostgreSQL in the
// browser-pg project): the owner set up with the set-up link, a viewer invited and signed in, the
// overview's NPS equal to the API's, responses filtered, a follow-up state changed, a quote
// approved, a survey created and previewed, a key rotated; the viewer offered no change and refused
// one by the API; keyboard alone from sign-in to a follow-up change; axe-core on every view; no
// sideways scroll at 390 px; the strict CSP on every page, and a hostile comment shown as text.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardStack, HOSTILE, OWNER, VIEWER, VIEWS, axeViolations, horizontalOverflow, signIn, startDashboardStack } from './dashboard-flow';
import { launchChromium, newPage, until } from './harness';

let stack: DashboardStack;
let browser: Browser;
let inviteUrl = '';

beforeAll(async () => {
  stack = await startDashboardStack();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Console errors but the expected 401 of asking for a session before signing in. */
const real = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

async function api(path: string) {
  return stack.api('GET', path);
}

describe('the dashboard', () => {
  it('is served with a strict CSP, its assets cached for good', async () => {
    for (const path of ['/dashboard/', '/dashboard/setup', '/dashboard/responses/abc', '/dashboard/invite?token=x']) {
      const res = await fetch(`${stack.collectorUrl}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const html = await (await fetch(`${stack.collectorUrl}/dashboard/`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    const asset = html.match(/\/dashboard\/assets\/[^"]+\.js/)![0];
    const res = await fetch(`${stack.collectorUrl}${asset}`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${stack.collectorUrl}/dashboard/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${stack.collectorUrl}/dashboard/preview.html`)).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('sets up the owner with the set-up link, who reads the overview, filters, follows up, approves, creates a survey, invites a viewer and rotates a key', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(stack.setupUrl);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('E-mail address').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create my account' }).click();

    // The overview's NPS is the API's.
    await page.getByTestId('nps-score').waitFor();
    const metrics = (await api(`/v1/sites/${stack.site.id}/metrics?interval=day&from=${day(-29)}&to=${day(0)}`)).json;
    expect(metrics.nps.responses).toBeGreaterThan(100);
    await until(async () => (await page.getByTestId('nps-score').textContent()) === new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(metrics.nps.score), 'the NPS shown');
    await expect(page.getByTestId('kpi-change').textContent()).resolves.toMatch(/NPS (up|down|unchanged|no answers)/);
    await page.getByRole('button', { name: 'Show the figures as a table' }).or(page.getByText('Show the figures as a table')).first().click();
    await page.locator('details.figures table').first().waitFor();

    // Responses: filtered, the hostile comment as text, a follow-up state changed in place.
    await page.getByRole('link', { name: 'Responses' }).click();
    await page.locator('article.response').first().waitFor();
    await page.getByLabel('Group').selectOption('detractor');
    await until(async () => new URL(page.url()).searchParams.get('category') === 'detractor', 'the filter in the URL');
    await until(async () => {
      const scores = await page.locator('section[aria-labelledby="all-title"] article.response .score b').allTextContents();
      return scores.length > 0 && scores.every((s) => Number(s) <= 6);
    }, 'detractors only');
    await page.getByLabel('Search comments').fill('onerror');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hostile = page.locator('article.response .comment', { hasText: 'onerror' });
    await hostile.waitFor();
    expect(await hostile.textContent()).toBe(HOSTILE);
    expect(await page.locator('article.response .comment img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const card = page.locator('article.response').first();
    const id = (await card.getAttribute('data-response'))!;
    await card.getByLabel('Follow-up').selectOption('contacted');
    await until(async () => (await api(`/v1/sites/${stack.site.id}/responses/${id}/follow-up`)).json.state === 'contacted', 'the follow-up stored');
    await card.getByRole('button', { name: 'Notes and history' }).click();
    await card.getByLabel('Add an internal note').fill('Called her: refund sent.');
    await card.getByRole('button', { name: 'Save the note' }).click();
    await card.getByText('Called her: refund sent.').waitFor();
    // The response's own page, as Slack messages and alert e-mails link it.
    await page.goto(`${stack.collectorUrl}/dashboard/responses/${id}`);
    await page.locator('article.response .comment', { hasText: 'onerror' }).waitFor();

    // A quote approved with a display name.
    await page.goto(`${stack.collectorUrl}/dashboard/testimonials`);
    const quote = page.locator('.quote-card').first();
    await quote.waitFor();
    await quote.getByLabel('Name shown').fill('Léa M.');
    await quote.getByRole('button', { name: 'Approve' }).click();
    await until(async () => (await api(`/v1/sites/${stack.site.id}/testimonials?status=approved`)).json.items.some((t: { displayName: string }) => t.displayName === 'Léa M.'), 'the quote approved');
    await page.locator('.testimonial-preview figure').first().waitFor();

    // A survey created without JSON, previewed by the real widget.
    await page.goto(`${stack.collectorUrl}/dashboard/surveys`);
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name', { exact: true }).fill('After delivery');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question (en)').fill('How did you find us?');
    await page.getByLabel('Choice 1 (en)').fill('A friend');
    await page.getByLabel('Choice 2 (en)').fill('A search engine');
    const frame = page.frameLocator('.preview-box iframe');
    await frame.getByRole('radiogroup').waitFor();
    await page.getByRole('button', { name: 'Desktop' }).click();
    await frame.getByRole('radiogroup').waitFor();
    await page.getByRole('button', { name: 'Create the survey' }).click();
    await until(async () => (await api(`/v1/sites/${stack.site.id}/surveys`)).json.items.find((s: { name: string }) => s.name === 'After delivery'), 'the survey created');
    const created = (await api(`/v1/sites/${stack.site.id}/surveys`)).json.items.find((s: { name: string }) => s.name === 'After delivery');
    expect(created.followUps[0]).toMatchObject({ type: 'single', prompt: { en: 'How did you find us?' } });
    await until(async () => page.url().includes(`/dashboard/surveys/${created.id}`), 'the editor of the new survey');

    // A viewer invited.
    await page.goto(`${stack.collectorUrl}/dashboard/settings`);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    inviteUrl = await page.getByLabel('Invitation link').inputValue();
    expect(inviteUrl).toContain('/dashboard/invite?token=inv_');
    // Another, sent astray: listed as waiting, then revoked from the list.
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByLabel('Their e-mail').fill('stray@shop.example');
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const waiting = page.locator('ul[aria-labelledby="invites-title"] li');
    await until(async () => (await waiting.count()) === 2, 'both invitations listed as waiting');
    await waiting.filter({ hasText: 'Anyone with the link' }).getByText('viewer', { exact: true }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke the invitation of stray@shop.example' }).click();
    await until(async () => (await waiting.count()) === 1, 'the revoked invitation gone from the list');
    const pending = (await api(`/v1/sites/${stack.site.id}/invites`)).json.items;
    expect(pending.map((i: { email: string | null; role: string }) => [i.email, i.role])).toEqual([[null, 'viewer']]);

    // The secret key rotated: the new one works, the old one no more.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Rotate the secret key' }).click();
    const secret = await page.getByLabel('Secret key').inputValue();
    expect(secret).toMatch(/^sk_/);
    const check = (key: string) => fetch(`${stack.collectorUrl}/v1/sites/${stack.site.id}`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await check(secret)).toBe(200);
    expect(await check(stack.site.secretKey)).toBe(401);
    stack.site.secretKey = secret;
    expect(real(errors)).toEqual([]);
    await context.close();
  });

  it('lets the invited viewer read everything and change nothing', async () => {
    expect(inviteUrl).not.toBe('');
    const { page, context, errors } = await newPage(browser);
    await page.goto(inviteUrl);
    await page.getByLabel('Your name').fill(VIEWER.name);
    await page.getByLabel('E-mail address').fill(VIEWER.email);
    await page.getByLabel('Password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Create my account and join' }).click();
    await page.getByTestId('nps-score').waitFor();
    await expect(page.locator('.who').textContent()).resolves.toContain('viewer');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, stack.collectorUrl, VIEWER);

    // Nothing to change is offered.
    await page.goto(`${stack.collectorUrl}/dashboard/responses`);
    await page.locator('article.response').first().waitFor();
    expect(await page.locator('article.response select').count()).toBe(0);
    await page.goto(`${stack.collectorUrl}/dashboard/surveys`);
    await page.locator('.survey-item').first().waitFor();
    expect(await page.getByRole('link', { name: 'New survey' }).count()).toBe(0);
    await page.goto(`${stack.collectorUrl}/dashboard/testimonials?status=approved`);
    await page.locator('.quote-card').first().waitFor();
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await page.goto(`${stack.collectorUrl}/dashboard/settings`);
    await page.locator('.members li').first().waitFor();
    for (const name of ['Rotate the secret key', 'Make an invitation link', 'Add the webhook', 'Save']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);

    // Nor does the API take it, CSRF token and all.
    const responseId = (await api(`/v1/sites/${stack.site.id}/responses?limit=1`)).json.items[0].id;
    const statuses = await page.evaluate(
      async ({ site, responseId }) => {
        const session = await (await fetch('/v1/session')).json();
        const send = (method: string, path: string, body?: unknown) =>
          fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.status);
        return [
          await send('PATCH', `/v1/sites/${site}/responses/${responseId}/follow-up`, { state: 'resolved' }),
          await send('POST', `/v1/sites/${site}/surveys`, { name: 'x', questions: ['nps'] }),
          await send('POST', `/v1/sites/${site}/keys/rotate`),
          await send('POST', `/v1/sites/${site}/invites`, { role: 'owner' }),
          await send('GET', `/v1/sites/${site}/invites`),
          await send('PATCH', `/v1/sites/${site}`, { name: 'Taken over' }),
        ];
      },
      { site: stack.site.id, responseId },
    );
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    expect(real(errors).filter((e) => !/status of 403/.test(e))).toEqual([]);
    await context.close();
  });

  it('goes from sign-in to a changed follow-up state with the keyboard alone', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.collectorUrl}/dashboard/`);
    await page.getByLabel('E-mail address').waitFor();
    const tabTo = async (match: (el: { tag: string; label: string; text: string }) => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return { tag: a?.tagName.toLowerCase() ?? '', label: (a as HTMLInputElement | null)?.labels?.[0]?.textContent ?? a?.getAttribute('aria-label') ?? '', text: a?.textContent ?? '' };
        });
        if (match(el)) return;
      }
      throw new Error(`could not reach ${what} with Tab`);
    };
    await tabTo((e) => e.label.includes('E-mail'), 'the e-mail field');
    await page.keyboard.type(OWNER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWNER.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('nps-score').waitFor();
    await tabTo((e) => e.tag === 'a' && e.text === 'Responses', 'the Responses link');
    await page.keyboard.press('Enter');
    await page.locator('article.response').first().waitFor();
    await tabTo((e) => e.tag === 'select' && e.label === 'Follow-up' && true, 'a follow-up state');
    // The first card's: skip the filters' own Follow-up select.
    const target = await page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('data-response') ?? null);
    if (!target) await tabTo((e) => e.tag === 'select' && e.label === 'Follow-up', 'a card’s follow-up state');
    const id = await page.evaluate(() => document.activeElement!.closest('article')!.getAttribute('data-response')!);
    const before = (await api(`/v1/sites/${stack.site.id}/responses/${id}/follow-up`)).json.state;
    await page.keyboard.press('ArrowDown');
    await until(async () => (await api(`/v1/sites/${stack.site.id}/responses/${id}/follow-up`)).json.state !== before, 'the state changed by keyboard');
    await context.close();
  });

  it('passes axe-core on every view, in English and French, and never scrolls sideways at 390 px', async () => {
    const responseId = (await api(`/v1/sites/${stack.site.id}/responses?limit=1`)).json.items[0].id;
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const { page, context, errors } = await newPage(browser, viewport);
      await signIn(page, stack.collectorUrl, OWNER);
      for (const lang of ['en', 'fr'] as const) {
        await page.evaluate((l) => localStorage.setItem('plaudit.dashboard.lang', l), lang);
        for (const view of VIEWS) {
          await page.goto(`${stack.collectorUrl}${view.path || `/dashboard/responses/${responseId}`}`);
          await view.ready(page);
          await page.waitForLoadState('networkidle');
          expect(await axeViolations(page), `${view.name} ${lang} ${viewport.width}`).toEqual([]);
          expect(await horizontalOverflow(page), `${view.name} ${lang} ${viewport.width} scrolls sideways`).toBeLessThanOrEqual(0);
        }
      }
      expect(real(errors)).toEqual([]);
      await context.close();
    }
  });
});

function day(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(Date.now());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + offset)).toISOString().slice(0, 10);
}

export type { Page };
