// Team accounts (issue 16): the set-up link, sessions in HttpOnly cookies with CSRF tokens,
// sign-in throttling, invitations and roles per site, enforced by the API itself.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap';
import { ADMIN_TOKEN, answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let setupToken: string;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { name: 'Atelier' });
  const boot = await bootstrap(t.app, { adminToken: ADMIN_TOKEN, demo: false, baseUrl: 'http://127.0.0.1:8787' });
  setupToken = new URL(boot.setupUrl!).searchParams.get('token')!;
});
afterEach(async () => {
  await t.close();
});

interface Browser {
  cookie: string;
  csrf: string;
}

const cookieOf = (res: LightMyRequestResponse) => {
  const set = String(res.headers['set-cookie']);
  return set.split(';')[0]!;
};

async function setup(): Promise<Browser> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/setup', payload: { token: setupToken, email: 'Owner@Shop.example', password: 'correct horse battery', name: 'Olivia' } });
  expect(res.statusCode, res.body).toBe(201);
  return { cookie: cookieOf(res), csrf: res.json().csrfToken };
}

const as = (b: Browser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown, csrf = true) =>
  t.app.inject({ method, url, headers: { cookie: b.cookie, ...(csrf && { 'x-csrf-token': b.csrf }) }, ...(payload !== undefined && { payload: payload as object }) });

async function invite(owner: Browser, role: string, siteId = site.id, email?: string) {
  const res = await as(owner, 'POST', `/v1/sites/${siteId}/invites`, { role, ...(email && { email }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; url: string; token: string };
}

async function join(token: string, email: string): Promise<Browser> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token, email, password: 'another good password' } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: cookieOf(res), csrf: res.json().csrfToken };
}

describe('set-up and sessions', () => {
  it('makes the instance owner once, with a session cookie that sees every site', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/setup' })).json()).toEqual({ needsSetup: true });
    expectError(await t.app.inject({ method: 'POST', url: '/v1/setup', payload: { token: 'stp_wrongwrongwrong', email: 'x@shop.example', password: 'correct horse battery' } }), 403, 'forbidden');
    const res = await t.app.inject({ method: 'POST', url: '/v1/setup', payload: { token: setupToken, email: 'Owner@Shop.example', password: 'correct horse battery', name: 'Olivia' } });
    expect(res.statusCode).toBe(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^plaudit_session=ses_[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(res.json()).toMatchObject({ user: { email: 'owner@shop.example', name: 'Olivia', instanceOwner: true }, sites: [{ id: site.id, name: 'Atelier', role: 'owner' }] });
    expect((await t.app.inject({ method: 'GET', url: '/v1/setup' })).json()).toEqual({ needsSetup: false });
    // The link worked once.
    expectError(await t.app.inject({ method: 'POST', url: '/v1/setup', payload: { token: setupToken, email: 'y@shop.example', password: 'correct horse battery' } }), 403, 'forbidden');
    // A weak password never makes an account.
    expectError(await t.app.inject({ method: 'POST', url: '/v1/setup', payload: { token: setupToken, email: 'y@shop.example', password: 'short' } }), 400, 'validation_failed');
  });

  it('signs in and out, ends the session on the server, and limits failed attempts', async () => {
    await setup();
    const login = (password: string) => t.app.inject({ method: 'POST', url: '/v1/session', payload: { email: 'owner@shop.example', password } });
    const ok = await login('correct horse battery');
    expect(ok.statusCode).toBe(200);
    const b = { cookie: cookieOf(ok), csrf: ok.json().csrfToken as string };
    expect((await as(b, 'GET', '/v1/session')).json().user.email).toBe('owner@shop.example');
    expect((await as(b, 'DELETE', '/v1/session')).json()).toEqual({ signedOut: true });
    // The cookie is worthless now, even if kept.
    expectError(await as(b, 'GET', '/v1/session'), 401, 'unauthorized');
    for (let i = 0; i < 5; i++) expectError(await login('wrong password!'), 401, 'unauthorized');
    const locked = await login('correct horse battery');
    expectError(locked, 429, 'rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expectError(await t.app.inject({ method: 'POST', url: '/v1/session', payload: { email: 'nobody@shop.example', password: 'whatever at all' } }), 401, 'unauthorized');
  });

  it('refuses a change without the session’s CSRF token, and takes it with', async () => {
    const owner = await setup();
    const survey = await createSurvey(t.app, site);
    expectError(await as(owner, 'PATCH', `/v1/sites/${site.id}/surveys/${survey.id}`, { name: 'Renamed' }, false), 403, 'forbidden');
    expectError(await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}/surveys/${survey.id}`, headers: { cookie: owner.cookie, 'x-csrf-token': 'guess' }, payload: { name: 'Renamed' } }), 403, 'forbidden');
    expect((await as(owner, 'PATCH', `/v1/sites/${site.id}/surveys/${survey.id}`, { name: 'Renamed' })).json().name).toBe('Renamed');
    // Reading needs no token; an expired session is refused.
    expect((await as(owner, 'GET', `/v1/sites/${site.id}/metrics`, undefined, false)).statusCode).toBe(200);
    // The instance owner creates sites like the admin token.
    expect((await as(owner, 'POST', '/v1/sites', { name: 'Second shop', origins: ['https://second.example'] })).statusCode).toBe(201);
  });
});

describe('roles', () => {
  it('lets a viewer read and nothing else, an editor follow up but not touch keys, and hides other sites', async () => {
    const owner = await setup();
    const survey = await createSurvey(t.app, site);
    const body = answer(site, survey, { nps: 2, comment: 'Late' });
    await postResponses(t.app, body);
    const viewer = await join((await invite(owner, 'viewer')).token, 'viewer@shop.example');
    const editor = await join((await invite(owner, 'editor')).token, 'editor@shop.example');

    expect((await as(viewer, 'GET', '/v1/session')).json().sites).toEqual([{ id: site.id, name: 'Atelier', role: 'viewer' }]);
    const metrics = await as(viewer, 'GET', `/v1/sites/${site.id}/metrics`);
    expect(metrics.statusCode).toBe(200);
    expect(metrics.json().nps.score).toBe(-100);
    for (const [method, url, payload] of [
      ['PATCH', `/v1/sites/${site.id}/responses/${body.id}/follow-up`, { state: 'contacted' }],
      ['PATCH', `/v1/sites/${site.id}/surveys/${survey.id}`, { name: 'x' }],
      ['POST', `/v1/sites/${site.id}/keys/rotate`, undefined],
      ['DELETE', `/v1/sites/${site.id}/responses/${body.id}`, undefined],
      ['POST', `/v1/sites/${site.id}/invites`, { role: 'owner' }],
    ] as const) {
      expectError(await as(viewer, method, url, payload), 403, 'forbidden');
    }
    // Nothing changed behind the refusals.
    expect((await as(owner, 'GET', `/v1/sites/${site.id}/responses/${body.id}/follow-up`)).json().state).toBe('open');

    const followed = await as(editor, 'PATCH', `/v1/sites/${site.id}/responses/${body.id}/follow-up`, { state: 'contacted' });
    expect(followed.json().history[0].actor).toBe('editor@shop.example');
    expectError(await as(editor, 'POST', `/v1/sites/${site.id}/keys/rotate`), 403, 'forbidden');
    expectError(await as(editor, 'PUT', `/v1/sites/${site.id}/notifications`, { detractorAlerts: { emails: ['x@shop.example'] } }), 403, 'forbidden');

    // Another site does not exist for them.
    const other = await createSite(t.app, { name: 'Other' });
    expectError(await as(viewer, 'GET', `/v1/sites/${other.id}/metrics`), 404, 'not_found');
    expectError(await as(editor, 'GET', `/v1/sites/${other.id}/responses`), 404, 'not_found');

    // The owner sees the team, changes a role, removes a member.
    const team = (await as(owner, 'GET', `/v1/sites/${site.id}/members`)).json().items;
    expect(team.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['viewer@shop.example', 'viewer'],
      ['editor@shop.example', 'editor'],
    ]);
    const viewerId = team[0].user;
    expect((await as(owner, 'PATCH', `/v1/sites/${site.id}/members/${viewerId}`, { role: 'editor' })).json().role).toBe('editor');
    expect((await as(viewer, 'PATCH', `/v1/sites/${site.id}/surveys/${survey.id}`, { name: 'Now allowed' })).statusCode).toBe(200);
    expect((await as(owner, 'DELETE', `/v1/sites/${site.id}/members/${viewerId}`)).statusCode).toBe(200);
    expectError(await as(viewer, 'GET', `/v1/sites/${site.id}/metrics`), 404, 'not_found');
    // Keys keep working beside sessions.
    expect((await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).statusCode).toBe(200);
  });

  it('uses an invitation once, for its address only, and lets a signed-in account join another site', async () => {
    const owner = await setup();
    const forLea = await invite(owner, 'viewer', site.id, 'lea@shop.example');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token: forLea.token, email: 'mallory@shop.example', password: 'another good password' } }), 403, 'forbidden');
    const lea = await join(forLea.token, 'lea@shop.example');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token: forLea.token, email: 'lea2@shop.example', password: 'another good password' } }), 410, 'gone');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token: 'inv_doesnotexist000', email: 'z@shop.example', password: 'another good password' } }), 403, 'forbidden');
    const second = (await as(owner, 'POST', '/v1/sites', { name: 'Second', origins: ['https://second.example'] })).json();
    const again = await invite(owner, 'editor', second.id);
    const joined = await t.app.inject({ method: 'POST', url: '/v1/invites/accept', headers: { cookie: lea.cookie, 'x-csrf-token': lea.csrf }, payload: { token: again.token } });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().sites.map((s: { name: string; role: string }) => [s.name, s.role])).toEqual([
      ['Atelier', 'viewer'],
      ['Second', 'editor'],
    ]);
    expect(again.url).toMatch(/\/dashboard\/invite\?token=inv_/);
  });

  it('lists the invitations still pending to owners only, and a revoked one no longer opens the team', async () => {
    const owner = await setup();
    const forLea = await invite(owner, 'viewer', site.id, 'lea@shop.example');
    const open = await invite(owner, 'editor');
    const used = await invite(owner, 'viewer');
    const sam = await join(used.token, 'sam@shop.example');

    const listed = await as(owner, 'GET', `/v1/sites/${site.id}/invites`);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as { id: string; email: string | null; role: string; invitedBy: string; createdAt: string; expiresAt: string }[];
    // The accepted one is gone from the list; the token is never in it.
    expect(items.map((i) => [i.id, i.email, i.role, i.invitedBy]).sort()).toEqual(
      [
        [forLea.id, 'lea@shop.example', 'viewer', 'owner@shop.example'],
        [open.id, null, 'editor', 'owner@shop.example'],
      ].sort(),
    );
    expect(listed.body).not.toContain(forLea.token);
    expect(Date.parse(items[0]!.expiresAt) - Date.parse(items[0]!.createdAt)).toBe(7 * 86_400_000);

    // A viewer sees neither the list nor may revoke; the secret key acts as owner.
    expectError(await as(sam, 'GET', `/v1/sites/${site.id}/invites`), 403, 'forbidden');
    expectError(await as(sam, 'DELETE', `/v1/sites/${site.id}/invites/${open.id}`), 403, 'forbidden');
    expect((await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/invites`, headers: bearer(site.secretKey) })).json().items).toHaveLength(2);

    const revoked = await as(owner, 'DELETE', `/v1/sites/${site.id}/invites/${open.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ revoked: true });
    expectError(await as(owner, 'DELETE', `/v1/sites/${site.id}/invites/${open.id}`), 404, 'not_found');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token: open.token, email: 'eve@shop.example', password: 'another good password' } }), 403, 'forbidden');
    // An accepted invitation is history, not revocable; another site's id is not found.
    expectError(await as(owner, 'DELETE', `/v1/sites/${site.id}/invites/${used.id}`), 404, 'not_found');
    const second = (await as(owner, 'POST', '/v1/sites', { name: 'Second', origins: ['https://second.example'] })).json();
    expectError(await as(owner, 'DELETE', `/v1/sites/${second.id}/invites/${forLea.id}`), 404, 'not_found');
    expect((await as(owner, 'GET', `/v1/sites/${site.id}/invites`)).json().items.map((i: { id: string }) => i.id)).toEqual([forLea.id]);
  });
});
