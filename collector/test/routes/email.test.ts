// E-mail (issue 15) against an SMTP server started by the test: detractor alerts (a minute after
// the score, with its comment, once per answer) and the weekly digest in English and in French.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, seedAnswer, type TestApp, type TestSite } from '../helper';
import { until } from '../receiver';
import { startSmtp, type Inbox } from '../smtp';

let t: TestApp;
let inbox: Inbox;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  inbox = await startSmtp();
  t = await buildTestApp({ smtp: { url: inbox.url, from: 'Plaudit <plaudit@test.example>' }, alertDelayMs: 0, publicUrl: 'https://feedback.shop.example', themesTtlMs: 0 });
  site = await createSite(t.app, { name: 'Atelier Test', timezone: 'Europe/Paris' });
  survey = await createSurvey(t.app, site, { name: 'Checkout NPS' });
});
afterEach(async () => {
  await t.close();
  await inbox.close();
});

const api = (method: 'GET' | 'PUT' | 'PATCH', path: string, payload?: unknown) =>
  t.app.inject({ method, url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey), ...(payload !== undefined && { payload: payload as object }) });

describe('notification settings', () => {
  it('default to nobody, and refuse bad or repeated addresses', async () => {
    expect((await api('GET', '/notifications')).json()).toEqual({ detractorAlerts: { emails: [] }, digest: { emails: [], locale: 'en' } });
    expectError(await api('PUT', '/notifications', { detractorAlerts: { emails: ['not an address'] } }), 400, 'validation_failed');
    expectError(await api('PUT', '/notifications', { detractorAlerts: { emails: ['a@shop.example', 'A@shop.example'] } }), 400, 'validation_failed');
    expectError(await api('PUT', '/notifications', { digest: { emails: [], locale: 'de' } }), 400, 'validation_failed');
  });
});

describe('detractor alerts', () => {
  it('e-mail each detractor once, with the comment, and no promoter', async () => {
    expect((await api('PUT', '/notifications', { detractorAlerts: { emails: ['support@shop.example'] } })).statusCode).toBe(200);
    await postResponses(t.app, answer(site, survey, { nps: 10, comment: 'Lovely' }));
    const detractor = answer(site, survey, { nps: 2, comment: 'Parcel lost <b>twice</b>', customer: { id: 'cus_7', email: 'ada@example.com' } });
    expect((await postResponses(t.app, detractor)).statusCode).toBe(202);
    // More of the same answer sends no second alert.
    await postResponses(t.app, { id: detractor.id, key: site.publicKey, survey: survey.id, complete: true });
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toBe('Detractor: NPS 2 on Atelier Test');
    expect(mail!.to).toMatchObject({ value: [{ address: 'support@shop.example' }] });
    expect(mail!.from).toMatchObject({ value: [{ address: 'plaudit@test.example', name: 'Plaudit' }] });
    expect(mail!.text).toContain('“Parcel lost <b>twice</b>”');
    expect(mail!.text).toContain('Customer: cus_7 · ada@example.com');
    expect(mail!.text).toContain(`https://feedback.shop.example/dashboard/responses/${detractor.id}`);
    // In HTML the comment is text, never markup.
    expect(mail!.html).toContain('Parcel lost &lt;b&gt;twice&lt;/b&gt;');
    // The queue holds it as sent, and nothing else for this site.
    const queue = await until(async () => {
      const items = await t.app.store.deliveries.list(site.id, `email:${site.id}`, { limit: 10 });
      return items.every((d) => d.status === 'succeeded') && items;
    });
    expect(queue.map((d) => d.event)).toEqual(['alert.detractor']);
  });

  it('wait for the delay after the score, so the comment sent after it is in the e-mail', async () => {
    t = await (async () => {
      await t.app.close();
      const { buildApp } = await import('../../src/app');
      const app = await buildApp({ ...t.db.location, adminToken: 'adm_test_token_0123456789', rateLimit: 0, smtp: { url: inbox.url, from: 'p@test.example' }, alertDelayMs: 400 });
      await app.ready();
      return { ...t, app, close: async () => (await app.close(), await t.db.close()) };
    })();
    await api('PUT', '/notifications', { detractorAlerts: { emails: ['support@shop.example'] } });
    const body = answer(site, survey, { nps: 1 });
    await postResponses(t.app, body);
    await postResponses(t.app, { id: body.id, key: site.publicKey, survey: survey.id, comment: 'Written after the score' });
    const [mail] = await inbox.waitFor(1);
    expect(mail!.text).toContain('“Written after the score”');
  });
});

describe('the weekly digest', () => {
  /** Answers in the week of 2026-11-16 and the one before, in Paris time. */
  async function twoWeeks() {
    for (let i = 0; i < 8; i++) await seedAnswer(t.app, site, survey.id, '2026-11-10T10:00:00Z', { nps: i < 2 ? 10 : 3, comment: 'Délai de livraison trop long' });
    for (let i = 0; i < 8; i++) await seedAnswer(t.app, site, survey.id, '2026-11-18T10:00:00Z', { nps: i < 6 ? 10 : 2, comment: i < 6 ? 'Emballage soigné, produits magnifiques' : 'Délai de livraison trop long' });
  }

  it('sums up the week in English: scores with intervals, the change and whether it is real, quotes to approve, detractors to call', async () => {
    await api('PUT', '/notifications', { digest: { emails: ['owner@shop.example'], locale: 'en' } });
    await twoWeeks();
    const quote = answer(site, survey, { nps: 10, comment: 'Best shop in town', consent: true });
    await postResponses(t.app, quote);
    // Monday 23 November, 9:00 in Paris: the week of the 16th is due, once.
    const monday = Date.parse('2026-11-23T08:00:00Z');
    expect(await t.app.queueDigests(monday)).toBe(1);
    expect(await t.app.queueDigests(monday + 3_600_000)).toBe(0);
    // Before 8:00 on Monday, none is due yet for that week.
    expect(await t.app.queueDigests(Date.parse('2026-11-30T06:00:00Z'))).toBe(0);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toBe('Atelier Test: your week (16 November – 22 November)');
    const text = mail!.text!;
    expect(text).toContain('8 answers this week.');
    // 6 promoters and 2 detractors of 8: NPS 50; adjusted Wald: p = 6.75/11, d = 2.75/11,
    // v = p + d − (p − d)² = 0.7314, half = 1.96 × √(v/11) = 50.5 points: −14.2 to 86.9.
    expect(text).toContain('NPS 50 (95% interval −14.2 to 86.9).');
    // Against 2 promoters and 6 detractors (NPS −50): up 100 points.
    expect(text).toMatch(/Up 100 points from the week before; (likely real|could be chance) \(p = [\d.]+\)\./);
    expect(text).toContain('Fewer than 30 answers on a side');
    expect(text).toContain('1 quote waiting for your approval.');
    expect(text).toContain('“Best shop in town”');
    expect(text).toMatch(/detractors? of the last 30 days still open/);
    expect(text).toContain('https://feedback.shop.example/dashboard');
  });

  it('speaks French when asked, with French typography', async () => {
    await api('PUT', '/notifications', { digest: { emails: ['owner@shop.example'], locale: 'fr' } });
    await twoWeeks();
    expect(await t.app.queueDigests(Date.parse('2026-11-23T08:00:00Z'))).toBe(1);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toBe('Atelier Test\u202f: votre semaine (16 novembre – 22 novembre)');
    expect(mail!.text).toContain('8 réponses cette semaine.');
    expect(mail!.text).toMatch(/En hausse de 100 points par rapport à la semaine précédente\u202f; (sans doute réel|peut-être le hasard)/);
    expect(mail!.text).toMatch(/ce dont parlent les clients/i);
    expect(mail!.text).toContain('NPS 50 (intervalle à 95\u202f% de −14,2 à 86,9).');
  });
});
