// Link surveys: signed links, the hosted page they open, the e-mail block, and answers that
// carry a link's customer and attributes whatever else they say.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signLink } from '../../src/lib/links';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app);
  survey = await createSurvey(t.app, site, { questions: ['csat', 'comment'], texts: { fr: { csatQuestion: 'Comment s’est passée votre livraison ?' } }, theme: { brandColor: '#0f766e' } });
});
afterEach(async () => {
  await t.close();
});

async function createLink(body: unknown, s = survey) {
  const res = await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/surveys/${s.id}/links`, headers: { ...bearer(site.secretKey), host: 'feedback.example:8443' }, payload: body as object });
  return res;
}
const stored = async () => (await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses`, headers: bearer(site.secretKey) })).json().items;

describe('POST …/surveys/:surveyId/links', () => {
  it('signs a customer and attributes into a link to the hosted page', async () => {
    const res = await createLink({ customer: { id: 'cus_7' }, attributes: { ticket: 'T-9' }, expiresAt: '2099-01-01T00:00:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.url).toBe(`http://feedback.example:8443/s/${survey.id}?t=${body.token}`);
    expect(body.expiresAt).toBe('2099-01-01T00:00:00.000Z');
    // An answer sent with the token is the link's customer's, whatever the body claims.
    const sent = await postResponses(t.app, answer(site, survey, { csat: 2, link: body.token, customer: { id: 'someone_else' }, attributes: { ticket: 'forged', plan: 'pro' } }));
    expect(sent.statusCode, sent.body).toBe(202);
    const [row] = await stored();
    expect(row.customer).toEqual({ id: 'cus_7' });
    expect(row.attributes).toEqual({ ticket: 'T-9', plan: 'pro' });
  });

  it('makes an anonymous link without a body, and refuses a past expiry', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/surveys/${survey.id}/links`, headers: bearer(site.secretKey) });
    expect(anonymous.statusCode).toBe(201);
    expect(anonymous.json().token).toBeNull();
    expectError(await createLink({ expiresAt: '2001-01-01T00:00:00Z' }), 400, 'validation_failed');
  });

  it('refuses answers with an edited, expired or foreign token, and stores nothing', async () => {
    const { token } = (await createLink({ customer: { id: 'cus_7' } })).json();
    const other = await createSurvey(t.app, site, { questions: ['nps'] });
    const [payload, signature] = token.split('.');
    const edited = `${Buffer.from(JSON.stringify({ s: survey.id, c: { id: 'cus_8' } })).toString('base64url')}.${signature}`;
    expect(payload).toBeTruthy();
    for (const [s, link] of [
      [survey, edited],
      [other, token],
    ] as const) {
      const res = await postResponses(t.app, answer(site, s, { nps: 9, csat: 3, link }));
      expectError(res, 403, 'forbidden');
    }
    expect(await stored()).toEqual([]);
  });
});

describe('GET /s/:surveyId', () => {
  const open = (query = '', s = survey) => t.app.inject({ method: 'GET', url: `/s/${s.id}${query}`, headers: { host: 'feedback.example' } });

  it('is a page of our own that hands the score, link and attributes to the widget, and records nothing itself', async () => {
    const { token } = (await createLink({ customer: { id: 'cus_7' } })).json();
    const res = await open(`?t=${token}&score=4&locale=fr&a.ticket=T-1&a.bad%20key=x`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    const html = res.body;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`data-key="${site.publicKey}"`);
    expect(html).toContain('data-score="4"');
    expect(html).toContain(`data-link="${token}"`);
    expect(html).toContain('data-attributes="{&quot;ticket&quot;:&quot;T-1&quot;}"');
    expect(html).toContain(`data-plaudit-survey="${survey.id}"`);
    expect(html).not.toMatch(/<script>|<style|style=/);
    // A mail scanner fetches the page without running scripts: nothing is stored.
    expect(await stored()).toEqual([]);
  });

  it.each([
    ['a score out of the question’s range', '?score=9'],
    ['a score that is not a number', '?score=x'],
  ])('drops %s', async (_, query) => {
    expect((await open(query)).body).not.toContain('data-score');
  });

  it('says so when the link is edited, expired or the survey closed', async () => {
    const { token } = (await createLink({ customer: { id: 'cus_7' }, expiresAt: new Date(Date.now() + 60_000).toISOString() })).json();
    expect((await open(`?t=${token.slice(0, -2)}xx`)).statusCode).toBe(403);
    // A link that was valid when made and has expired since (signed here with the site's key).
    const { linkKey } = (await t.app.store.sites.get(site.id))!;
    const expired = signLink({ survey: survey.id, expiresAt: Date.now() - 1000 }, linkKey);
    const gone = await open(`?t=${expired}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('This link has expired.');
    await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}/surveys/${survey.id}`, headers: bearer(site.secretKey), payload: { status: 'paused' } });
    const closed = await open();
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('This survey is closed.');
    expect((await t.app.inject({ method: 'GET', url: '/s/sv_nope' })).statusCode).toBe(404);
  });

  it('speaks the visitor’s language when neither the link nor the survey names one, and the widget with it', async () => {
    const page = (language?: string) =>
      t.app.inject({ method: 'GET', url: `/s/${survey.id}`, headers: { host: 'feedback.example', ...(language && { 'accept-language': language }) } });
    const french = await page('fr-CA,fr;q=0.9,en;q=0.5');
    expect(french.body).toContain('<html lang="fr">');
    expect(french.headers.vary).toContain('Accept-Language');
    expect((await page('ja,nl;q=0.8')).body).toContain('<html lang="en">');
    expect((await page()).body).toContain('<html lang="en">');
    // An explicit ?locale wins over the browser's.
    expect((await t.app.inject({ method: 'GET', url: `/s/${survey.id}?locale=de`, headers: { host: 'feedback.example', 'accept-language': 'fr' } })).body).toContain('<html lang="de">');
  });

  it('escapes the site’s name', async () => {
    await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey), payload: { name: '<img src=x onerror=alert(1)>' } });
    const html = (await open()).body;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('accepts answers sent from its own origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/responses',
      headers: { origin: 'http://feedback.example', host: 'feedback.example', 'content-type': 'text/plain' },
      payload: JSON.stringify(answer(site, survey, { csat: 5 })),
    });
    expect(res.statusCode, res.body).toBe(202);
  });
});

describe('GET …/surveys/:surveyId/email.html', () => {
  it('gives one link per score to the hosted page, in the survey’s words', async () => {
    const { token } = (await createLink({ customer: { id: 'cus_7' } })).json();
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/surveys/${survey.id}/email.html?t=${token}&locale=fr`, headers: { ...bearer(site.secretKey), host: 'feedback.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const links = [...res.body.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll('&amp;', '&')));
    expect(links.map((u) => u.searchParams.get('score'))).toEqual(['1', '2', '3', '4', '5']);
    for (const u of links) {
      expect(u.origin + u.pathname).toBe(`http://feedback.example/s/${survey.id}`);
      expect(u.searchParams.get('t')).toBe(token);
      expect(u.searchParams.get('locale')).toBe('fr');
    }
    expect(res.body).toContain('Comment s’est passée votre livraison ?');
    expect(res.body).toContain('#0f766e');
  });

  it('refuses a token of another survey and a survey without a score question', async () => {
    const other = await createSurvey(t.app, site, { questions: ['comment'] });
    const { token } = (await createLink({ customer: { id: 'c' } }, other)).json();
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/surveys/${survey.id}/email.html?t=${token}`, headers: bearer(site.secretKey) }), 400, 'validation_failed');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/surveys/${other.id}/email.html`, headers: bearer(site.secretKey) }), 400, 'validation_failed');
  });
});
