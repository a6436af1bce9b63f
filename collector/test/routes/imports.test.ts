// CSV imports of customer events and tickets (issue 17): every line checked with its line number,
// nothing stored in strict mode when one line is refused (on a file of 100,000 lines with one bad
// line near the end), the valid lines with partial=true, and other requests served while a big
// file is checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createSite, expectError, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
});
afterEach(async () => {
  await t.close();
});

const importCsv = (what: 'customers/events' | 'tickets', csv: string, query = '') =>
  t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/${what}/import${query}`, headers: { ...bearer(site.secretKey), 'content-type': 'text/csv' }, payload: csv });
const count = async (table: 'customer_events' | 'tickets') => Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

const LINES = 100_000;
/** Data line i (0-based) is on line i + 2 of the file: the header is line 1. */
const BAD_INDEX = 99_996;
function bigEventsFile(): string {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const lines = ['id,customer,type,at,plan,mrr'];
  for (let i = 0; i < LINES; i++) {
    const at = i === BAD_INDEX ? 'the day before yesterday' : new Date(start + i * 60_000).toISOString();
    lines.push(`evt_${i},cus_${i % 40_000},${i < 40_000 ? 'acquired' : i % 2 ? 'lost' : 'reactivated'},${at},pro,12.5`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('POST …/customers/events/import', () => {
  it('refuses a 100,000-line file with one bad line near the end, naming its line, and stores nothing', { timeout: 120_000 }, async () => {
    const file = bigEventsFile();
    const res = await importCsv('customers/events', file);
    expectError(res, 400, 'validation_failed');
    const body = res.json();
    expect(body.refused).toBe(1);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].line).toBe(BAD_INDEX + 2);
    expect(body.errors[0].message).toMatch(/^at: /);
    expect(body.error.message).toBe('1 of 100,000 lines refused; nothing was imported (send partial=true to import the valid ones)');
    expect(await count('customer_events')).toBe(0);

    // partial=true stores the 99,999 others, whole.
    const partial = await importCsv('customers/events', file, '?partial=true');
    expect(partial.statusCode, partial.body.slice(0, 300)).toBe(200);
    expect(partial.json()).toEqual({ imported: 99_999, skipped: 1, errors: [{ line: BAD_INDEX + 2, message: body.errors[0].message }] });
    expect(await count('customer_events')).toBe(99_999);
    // Lines 0–39,999 acquire customers 0–39,999. Later line i is customer i mod 40,000, lost when
    // i is odd and reactivated when even: a customer's later lines share its parity, so the 20,000
    // odd customers are lost (a second loss changes nothing) and the even ones, reactivated while
    // active, change nothing. 40,000 − 20,000 stay.
    const totals = (await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics/churn`, headers: bearer(site.secretKey) })).json().totals;
    expect(totals).toMatchObject({ customersAtStart: 0, acquired: 40_000, reactivated: 0, lost: 20_000, customersAtEnd: 20_000 });
  });

  it('keeps serving other requests while a big file is checked', { timeout: 120_000 }, async () => {
    const order: string[] = [];
    const importing = importCsv('customers/events', bigEventsFile()).then(() => order.push('import'));
    // Asked after the import started: answered before it ends only if the import lets the event loop run.
    const health = t.app.inject({ method: 'GET', url: '/healthz' }).then(() => order.push('healthz'));
    await Promise.all([importing, health]);
    expect(order).toEqual(['healthz', 'import']);
  });

  it.each([
    ['an unknown column', 'id,customer,type,at,amount\r\n', /unknown column "amount"/],
    ['a missing column', 'id,customer,at\r\n', /missing column type/],
    ['a column twice', 'id,id,customer,type,at\r\n', /column "id" appears twice/],
    ['an empty file', '', /empty/],
  ])('refuses %s in the header', async (_, csv, message) => {
    const res = await importCsv('customers/events', csv);
    expectError(res, 400, 'validation_failed');
    expect(res.json().error.message).toMatch(message);
  });

  it('refuses a body that is not CSV', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events/import`, headers: { ...bearer(site.secretKey), 'content-type': 'text/plain' }, payload: 'id,customer' });
    expectError(res, 415, 'unsupported_media_type');
  });
});

describe('POST …/tickets/import', () => {
  it('names malformed lines by the line they start on, quoted line breaks counted', async () => {
    const csv = [
      'id,subject,tags,openedAt,firstResponseAt,reopenedCount',
      '1,"Parcel late,\nstill waiting",delivery;late,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,0', // lines 2–3
      '2,Refund,billing,2026-03-02T09:00:00Z,2026-03-01T10:00:00Z,0', // line 4: reply before opening
      '3,Login,"account",2026-03-02T09:00:00Z,,many', // line 5: not a number
      '4,"Broken "quote",x,2026-03-02T09:00:00Z,,', // line 6: malformed
      '5,Too few,x', // line 7: 3 cells of 6
      '6,Password reset not working,,2026-03-03T09:00:00Z,,2', // line 8: its topic from its subject
    ].join('\n');
    const strict = await importCsv('tickets', csv);
    expectError(strict, 400, 'validation_failed');
    expect(strict.json().errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6, 7]);
    expect(strict.json().errors[0].message).toMatch(/^firstResponseAt: must not be before openedAt/);
    expect(strict.json().errors[1].message).toMatch(/^reopenedCount: /);
    expect(strict.json().errors[2].message).toMatch(/quote/);
    expect(strict.json().errors[3].message).toBe('3 cells where the header names 6');
    expect(await count('tickets')).toBe(0);

    const partial = await importCsv('tickets', csv, '?partial=true');
    expect(partial.json()).toMatchObject({ imported: 2, skipped: 4 });
    const rows = await t.db.query<{ id: string; subject: string; topic: string; tags: string; reopened_count: number }>('SELECT id, subject, topic, tags, reopened_count FROM tickets ORDER BY id');
    expect(rows).toEqual([
      { id: '1', subject: 'Parcel late,\nstill waiting', topic: 'delivery', tags: '["delivery","late"]', reopened_count: 0 },
      { id: '6', subject: 'Password reset not working', topic: 'password reset', tags: null, reopened_count: 2 },
    ]);
  });
});
