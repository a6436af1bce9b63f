// Closing the loop (issue 15): a response's follow-up state, owner and notes with their history,
// the list's filters and text search, and the metrics' time to first contact (hand-computed).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

const api = (method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, payload?: unknown, token = site.secretKey) =>
  t.app.inject({ method, url: `/v1/sites/${site.id}${path}`, headers: bearer(token), ...(payload !== undefined && { payload: payload as object }) });

async function respond(fields: Record<string, unknown>) {
  const body = answer(site, survey, fields);
  expect((await postResponses(t.app, body)).statusCode).toBe(202);
  return body.id;
}

describe('follow-up of a response', () => {
  it('starts open, records the first contact once, and keeps every change with who made it', async () => {
    const id = await respond({ nps: 2, comment: 'Parcel lost' });
    const fresh = (await api('GET', `/responses/${id}/follow-up`)).json();
    expect(fresh).toEqual({ state: 'open', assignee: null, firstContactAt: null, changedAt: null, history: [] });

    const contacted = await api('PATCH', `/responses/${id}/follow-up`, { state: 'contacted', assignee: '  Camille  ' });
    expect(contacted.statusCode, contacted.body).toBe(200);
    const c = contacted.json();
    expect(c).toMatchObject({ state: 'contacted', assignee: 'Camille' });
    expect(Date.parse(c.firstContactAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(c.history.map((h: { kind: string; body: string; actor: string }) => [h.kind, h.body, h.actor])).toEqual([
      ['state', 'contacted', 'secret key'],
      ['assignee', 'Camille', 'secret key'],
    ]);

    // The same again changes nothing; a later move keeps the first contact.
    expect((await api('PATCH', `/responses/${id}/follow-up`, { state: 'contacted' })).json().history).toHaveLength(2);
    const resolved = (await api('PATCH', `/responses/${id}/follow-up`, { state: 'resolved', assignee: null }, ADMIN_TOKEN)).json();
    expect(resolved.firstContactAt).toBe(c.firstContactAt);
    expect(resolved.assignee).toBeNull();
    expect(resolved.history.slice(2).map((h: { kind: string; body: string | null; actor: string }) => [h.kind, h.body, h.actor])).toEqual([
      ['state', 'resolved', 'admin token'],
      ['assignee', null, 'admin token'],
    ]);
    // The list shows where it stands.
    const listed = (await api('GET', '/responses')).json().items[0];
    expect(listed.followUp).toEqual({ state: 'resolved', assignee: null, firstContactAt: c.firstContactAt, changedAt: resolved.changedAt });
  });

  it('keeps notes as plain text in the history, and forgets them with the response', async () => {
    const id = await respond({ nps: 3 });
    const note = await api('POST', `/responses/${id}/notes`, { body: '  Called: <b>refund</b> sent\r\n  ' });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'note', body: 'Called: <b>refund</b> sent', actor: 'secret key' });
    expect((await api('GET', `/responses/${id}/follow-up`)).json().history).toHaveLength(1);
    expect((await api('DELETE', `/responses/${id}`)).statusCode).toBe(200);
    const [left] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM follow_up_log');
    expect(Number(left!.n)).toBe(0);
  });

  it.each([
    ['an unknown state', 'PATCH', 'follow-up', { state: 'done' }],
    ['an empty change', 'PATCH', 'follow-up', {}],
    ['an unknown field', 'PATCH', 'follow-up', { state: 'open', priority: 1 }],
    ['an empty note', 'POST', 'notes', { body: '   ' }],
    ['a note too long', 'POST', 'notes', { body: 'x'.repeat(5001) }],
  ])('refuses %s with 400', async (_name, method, what, payload) => {
    const id = await respond({ nps: 1 });
    expectError(await api(method as 'PATCH' | 'POST', `/responses/${id}/${what}`, payload), 400, 'validation_failed');
    expect((await api('GET', `/responses/${id}/follow-up`)).json().history).toEqual([]);
  });

  it('answers 404 for an unknown response and for another site’s', async () => {
    const other = await createSite(t.app);
    const theirs = await createSurvey(t.app, other);
    const body = answer(other, theirs, { nps: 1 });
    await postResponses(t.app, body);
    for (const id of ['nope', body.id]) {
      expectError(await api('PATCH', `/responses/${id}/follow-up`, { state: 'contacted' }), 404, 'not_found');
      expectError(await api('POST', `/responses/${id}/notes`, { body: 'x' }), 404, 'not_found');
      expectError(await api('GET', `/responses/${id}/follow-up`), 404, 'not_found');
    }
  });
});

describe('the responses list', () => {
  it('filters by follow-up state and assignee, and searches comments (wildcards taken literally)', async () => {
    const late = await respond({ nps: 2, comment: 'Delivery was LATE, again' });
    const percent = await respond({ nps: 4, comment: 'Only 50% of the order arrived' });
    const under = await respond({ nps: 9, comment: 'file_name broke nothing' });
    await respond({ nps: 10, comment: 'Lovely' });
    await api('PATCH', `/responses/${late}/follow-up`, { state: 'contacted', assignee: 'Camille' });
    await api('PATCH', `/responses/${percent}/follow-up`, { assignee: 'Hugo' });
    const ids = async (query: string) => (await api('GET', `/responses${query}`)).json().items.map((r: { id: string }) => r.id);
    expect(await ids('?followUp=contacted')).toEqual([late]);
    expect((await ids('?followUp=open')).length).toBe(3);
    expect(await ids('?assignee=Hugo')).toEqual([percent]);
    expect(await ids('?q=late')).toEqual([late]);
    expect(await ids(`?q=${encodeURIComponent('50%')}`)).toEqual([percent]);
    expect(await ids(`?q=${encodeURIComponent('%')}`)).toEqual([percent]);
    expect(await ids('?q=e_n')).toEqual([under]);
    expect(await ids('?q=nothing%20here')).toEqual([]);
    // The export takes the same filters.
    const csv = (await api('GET', '/exports/responses.csv?followUp=contacted')).body.trim().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(late);
  });
});

describe('metrics: how fast detractors are answered', () => {
  it('gives the median and 90th percentile time to first contact and the share within 48 hours (hand-computed)', async () => {
    const at = Date.parse('2026-05-04T09:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await seedAnswer(t.app, site, survey.id, '2026-05-04T09:00:00Z', { nps: i }));
    await seedAnswer(t.app, site, survey.id, '2026-05-04T09:00:00Z', { nps: 10 });
    // Contacted after 1 h, 3 h and 50 h; two detractors never.
    const H = 3_600_000;
    await t.app.store.outreach.update(site.id, ids[0]!, { state: 'contacted' }, 'test', at + 1 * H);
    await t.app.store.outreach.update(site.id, ids[1]!, { state: 'resolved' }, 'test', at + 3 * H);
    await t.app.store.outreach.update(site.id, ids[2]!, { state: 'contacted' }, 'test', at + 50 * H);
    // Ignored is not a contact.
    await t.app.store.outreach.update(site.id, ids[3]!, { state: 'ignored' }, 'test', at + 2 * H);
    const m = (await api('GET', '/metrics?from=2026-05-01&to=2026-05-31')).json();
    // Median of 1, 3, 50 h is 3; p90: h = 1.8 → 3 + 0.8 × 47 = 40.6; 2 of 5 detractors within 48 h.
    expect(m.followUp).toEqual({ detractors: 5, contacted: 3, contactedWithin48h: 2, shareWithin48h: 40, medianHoursToContact: 3, p90HoursToContact: 40.6 });
    expect(m.definitions.followUp).toMatch(/48 hours/);
    // Another month: none.
    expect((await api('GET', '/metrics?from=2026-06-01&to=2026-06-30')).json().followUp).toMatchObject({ detractors: 0, contacted: 0, medianHoursToContact: null });
  });
});

describe('GET …/exports/responses.ndjson', () => {
  it('streams every matching response, one JSON object per line, the same as the list’s items', async () => {
    for (let i = 0; i < 5; i++) await respond({ nps: i * 2, comment: i % 2 ? `line\nbreak "${i}"` : undefined });
    const first = (await api('GET', '/responses?limit=1')).json().items[0];
    await api('PATCH', `/responses/${first.id}/follow-up`, { state: 'ignored' });
    const res = await api('GET', '/exports/responses.ndjson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines.pop()).toBe('');
    const list = (await api('GET', '/responses?limit=100')).json().items;
    expect(lines.map((l) => JSON.parse(l))).toEqual(list);
    const ignored = (await api('GET', '/exports/responses.ndjson?followUp=ignored')).body.trim().split('\n');
    expect(ignored.map((l) => JSON.parse(l).id)).toEqual([first.id]);
    expect((await api('GET', '/exports/responses.ndjson?q=nomatch')).body).toBe('');
  });
});
