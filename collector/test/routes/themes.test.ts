// The themes route (issue 13): comments' topics ranked off the event loop by the themes worker,
// on the suite's database (SQLite or PostgreSQL), with the figures the engine's own tests check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp({ themesTtlMs: 0 });
  site = await createSite(t.app, { timezone: 'Europe/Paris' });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

const get = (query = '') => t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/themes${query}`, headers: bearer(site.secretKey) });

const DETRACTOR_COMMENTS = [
  'Délai de livraison beaucoup trop long, trois semaines pour un colis',
  'Le délai de livraison est inacceptable',
  'Colis arrivé abîmé et délai de livraison interminable',
  'Service client injoignable, aucune réponse à mes mails',
  'Le service client ne répond pas',
  'Service client absent, très déçu',
  'Délai de livraison trop long, je ne commanderai plus',
];
const PROMOTER_COMMENTS = [
  'Produits de très belle qualité, emballage soigné',
  'Emballage soigné et produits magnifiques',
  'La qualité est au rendez-vous, emballage parfait',
  'Très belle qualité, je recommande',
];

async function sendAll(comments: string[], nps: number) {
  for (const comment of comments) {
    const res = await postResponses(t.app, answer(site, survey, { nps, comment, locale: 'fr' }));
    expect(res.statusCode, res.body).toBe(202);
  }
}

describe('GET /v1/sites/:siteId/themes', () => {
  it('ranks what detractors talk about, with counts per category, the NPS with and without, and examples', async () => {
    await sendAll(DETRACTOR_COMMENTS, 2);
    await sendAll(PROMOTER_COMMENTS, 10);
    const res = await get('?category=detractor&limit=5');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.comments).toBe(11);
    expect(body.truncated).toBe(false);
    const top = body.themes[0];
    expect(top.label).toMatch(/livraison/i);
    expect(top.stems).toEqual(expect.arrayContaining(['livraison']));
    // Four of the seven detractors' comments name the delivery time, no promoter's does.
    expect(top.byCategory.detractor).toEqual({ count: 4, share: 57.1 });
    expect(top.byCategory.promoter).toEqual({ count: 0, share: 0 });
    // With the theme: four detractors (NPS −100); without: three detractors and four promoters (+14.3).
    expect(top.nps.with).toMatchObject({ score: -100, responses: 4 });
    expect(top.nps.without).toMatchObject({ score: 14.3, responses: 7 });
    expect(top.nps.with.interval.low).toBe(-100);
    expect(top.examples).toHaveLength(3);
    for (const e of top.examples) expect(DETRACTOR_COMMENTS).toContain(e.text);
    expect(body.themes.map((th: { label: string }) => th.label.toLowerCase()).join(' ')).toMatch(/service client/);
    expect(body.definitions.ranking).toMatch(/TF-IDF/);
  });

  it('ranks promoters’ themes for category=promoter, and reads the stored keys of comments sent after their score', async () => {
    await sendAll(DETRACTOR_COMMENTS, 3);
    for (const comment of PROMOTER_COMMENTS) {
      const first = answer(site, survey, { nps: 9, locale: 'fr' });
      await postResponses(t.app, first);
      // The comment arrives later, in a message of its own, as the widget sends it.
      expect((await postResponses(t.app, { id: first.id, key: site.publicKey, survey: survey.id, comment })).statusCode).toBe(202);
    }
    const body = (await get('?category=promoter')).json();
    const labels = body.themes.map((th: { label: string }) => th.label.toLowerCase());
    expect(labels[0]).toMatch(/emballage|qualit/);
    expect(labels.join(' ')).not.toMatch(/livraison/);
  });

  it('keeps to the range asked, in the site’s days, and to one survey', async () => {
    await seedAnswer(t.app, site, survey.id, '2026-03-01T23:30:00Z', { nps: 1, comment: 'Délai de livraison trop long' });
    const other = await createSurvey(t.app, site);
    await seedAnswer(t.app, site, other.id, '2026-03-05T10:00:00Z', { nps: 1, comment: 'Délai de livraison trop long' });
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris.
    expect((await get('?from=2026-03-02&to=2026-03-02')).json().comments).toBe(1);
    expect((await get('?from=2026-03-01&to=2026-03-01')).json().comments).toBe(0);
    expect((await get(`?survey=${other.id}`)).json().comments).toBe(1);
    expect((await get()).json().comments).toBe(2);
  });

  it('analyses a comment stored without its keys (before they were kept) when it reads it', async () => {
    for (let i = 0; i < 4; i++) await seedAnswer(t.app, site, survey.id, '2026-03-01T12:00:00Z', { nps: 0, comment: 'Remboursement jamais reçu, remboursement refusé' });
    const [row] = await t.db.query<{ comment_keys: string | null }>('SELECT comment_keys FROM responses LIMIT 1');
    expect(row!.comment_keys).toBeNull();
    const body = (await get()).json();
    expect(body.comments).toBe(4);
    expect(body.themes.map((th: { label: string }) => th.label).join(' ')).toMatch(/rembours/i);
  });

  it.each([
    ['a category that does not exist', '?category=angry'],
    ['a limit of 0', '?limit=0'],
    ['a language it does not read', '?locale=zz'],
    ['a range backwards', '?from=2026-05-02&to=2026-05-01'],
  ])('refuses %s with 400', async (_name, query) => {
    expectError(await get(query), 400, 'validation_failed');
  });

  it('answers 404 for another site’s survey or key, and 401 without a key', async () => {
    const other = await createSite(t.app);
    const theirs = await createSurvey(t.app, other);
    expectError(await get(`?survey=${theirs.id}`), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/themes`, headers: bearer(other.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/themes` }), 401, 'unauthorized');
  });
});
