// Webhooks (issue 15) against a receiver started by the test: signatures checked with the Standard
// Webhooks reference library, events and filters, retries that keep the webhook-id, one at a time
// and in order per endpoint, giving up (and disabling) after the last retry, redelivery, Slack's
// format, and no SSRF through registration, delivery or redirects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, restartTestApp, type TestApp, type TestSite } from '../helper';
import { startReceiver, until, type Receiver } from '../receiver';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
let receiver: Receiver;
beforeEach(async () => {
  t = await buildTestApp({ webhookAllowPrivate: true, webhookRetryBaseMs: 10 });
  site = await createSite(t.app, { timezone: 'UTC' });
  survey = await createSurvey(t.app, site);
  receiver = await startReceiver();
});
afterEach(async () => {
  await t.close();
  await receiver.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) =>
  t.app.inject({ method, url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey), ...(payload !== undefined && { payload: payload as object }) });

async function addWebhook(body: Record<string, unknown> = {}) {
  const res = await api('POST', '/webhooks', { url: receiver.url, events: ['response.created', 'response.updated', 'response.completed', 'followup.changed'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
}

async function send(fields: Record<string, unknown>, id?: string) {
  const body = id ? { id, key: site.publicKey, survey: survey.id, ...fields } : answer(site, survey, fields);
  const res = await postResponses(t.app, body);
  expect(res.statusCode, res.body).toBe(202);
  return body.id as string;
}

const events = () => receiver.received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: { response: { id: string; nps: number | null; comment: string | null } } });

describe('webhooks', () => {
  it('posts each event signed by the Standard Webhooks scheme, verified with its reference library', async () => {
    const hook = await addWebhook();
    expect(hook.secret).toMatch(/^whsec_/);
    const id = await send({ nps: 3 });
    await send({ comment: 'Parcel lost' }, id);
    await send({ complete: true }, id);
    // Completed once, however many times the end is sent.
    await send({ complete: true }, id);
    await api('PATCH', `/responses/${id}/follow-up`, { state: 'contacted' });
    await receiver.waitFor(6);
    const verifier = new Webhook(hook.secret);
    for (const r of receiver.received) {
      expect(() => verifier.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(events().map((e) => e.type)).toEqual(['response.created', 'response.updated', 'response.updated', 'response.completed', 'response.updated', 'followup.changed']);
    expect(events()[1]!.data.response).toMatchObject({ id, nps: 3, comment: 'Parcel lost' });
    expect(JSON.parse(receiver.received[5]!.body).data.followUp).toMatchObject({ state: 'contacted', changes: [{ kind: 'state', value: 'contacted', actor: 'secret key' }] });
    // A tampered body fails verification: the check is real.
    const first = receiver.received[0]!;
    expect(() => verifier.verify(first.body.replace('"nps":3', '"nps":9'), first.headers as Record<string, string>)).toThrow();
    // The secret is shown once.
    expect(JSON.stringify((await api('GET', '/webhooks')).json())).not.toContain(hook.secret);
  });

  it('sends only the events and answers its filter names', async () => {
    const hook = await addWebhook({ events: ['response.created'], filter: { category: 'detractor' } });
    await send({ nps: 10 });
    await send({ nps: 8 });
    const detractor = await send({ nps: 2 });
    await send({ comment: 'More' }, detractor);
    await receiver.waitFor(1);
    expect(events().map((e) => e.data.response.id)).toEqual([detractor]);
    // Queued with the answers, so the queue says it all without waiting: one delivery.
    expect((await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items).toHaveLength(1);
  });

  it('retries with the same webhook-id after two 500s, then delivers each event exactly once, in order', async () => {
    const hook = await addWebhook({ events: ['response.created'] });
    receiver.respond(500, 500);
    const first = await send({ nps: 1 });
    const second = await send({ nps: 2 });
    await receiver.waitFor(4);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
    // The second event waited for the first: one at a time per endpoint, in order.
    expect(events().map((e) => e.data.response.id)).toEqual([first, first, first, second]);
    const deliveries = await until(async () => {
      const items = (await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items as { status: string; attempts: { statusCode: number }[] }[];
      return items.every((d) => d.status === 'succeeded') && items;
    });
    expect(deliveries.map((d) => [d.status, d.attempts.map((a) => a.statusCode)])).toEqual([
      ['succeeded', [200]],
      ['succeeded', [500, 500, 200]],
    ]);
    // A third event comes next, and nothing of the first two again.
    await send({ nps: 3 });
    await receiver.waitFor(5);
    expect(receiver.received).toHaveLength(5);
  });

  it('gives up after the last retry, disables the webhook with the reason, and takes events again once enabled', async () => {
    // Retries a minute apart, so the test can stand in for a day of failures.
    t = await restartTestApp(t, { webhookAllowPrivate: true, webhookRetryBaseMs: 60_000 });
    const hook = await addWebhook({ events: ['response.created'] });
    receiver.respond(503, 500);
    const id = await send({ nps: 4 });
    const [delivery] = await until(async () => {
      const items = (await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items as { id: string; attempts: unknown[] }[];
      return items[0]?.attempts.length === 1 && items;
    });
    // Six more failed attempts recorded (the day's retries), then the last one falls due now.
    for (let i = 0; i < 6; i++) {
      await t.app.store.deliveries.finish(delivery!.id, { at: Date.now(), statusCode: 503, error: 'HTTP 503', durationMs: 1 }, { status: 'pending', nextAttemptAt: Date.now() + 60_000 });
    }
    await t.app.store.deliveries.postpone(delivery!.id, Date.now());
    t.app.dispatcher.poke();
    const disabled = await until(async () => {
      const h = (await api('GET', `/webhooks/${hook.id}`)).json();
      return h.status === 'disabled' && h;
    });
    expect(disabled.disabledReason).toMatch(/^gave up on msg_[\w-]+ after 8 attempts over about 331 hours: HTTP 500$/);
    const [failed] = (await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(failed).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(failed.attempts).toHaveLength(8);
    expect(receiver.received).toHaveLength(2);

    // Disabled, it takes no new event; enabled again, it does, and a redelivery keeps the id.
    await send({ nps: 5 });
    expect((await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items).toHaveLength(1);
    expect((await api('PATCH', `/webhooks/${hook.id}`, { status: 'active' })).json()).toMatchObject({ status: 'active', disabledReason: null });
    const later = await send({ nps: 6 });
    await receiver.waitFor(3);
    expect(events().at(-1)!.data.response.id).toBe(later);
    expect((await api('POST', `/webhooks/${hook.id}/deliveries/${failed.id}/retry`)).statusCode).toBe(202);
    await receiver.waitFor(4);
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(failed.id);
    expect(events().at(-1)!.data.response.id).toBe(id);
  });

  it('posts a Slack message with the score, the comment escaped, and no mention', async () => {
    await addWebhook({ events: ['response.updated'], format: 'slack' });
    const id = await send({ nps: 2 });
    await send({ comment: 'Late again <!channel> & <http://evil.example|click>' }, id);
    const [r] = await receiver.waitFor(1);
    const body = JSON.parse(r!.body);
    expect(body.text).toContain('NPS 2 (detractor)');
    const text = JSON.stringify(body);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;http://evil.example|click&gt;');
  });

  it('forgets a deleted webhook’s queue, and answers 404 for another site’s', async () => {
    const hook = await addWebhook();
    expect((await api('DELETE', `/webhooks/${hook.id}`)).statusCode).toBe(200);
    expectError(await api('GET', `/webhooks/${hook.id}/deliveries`), 404, 'not_found');
    const other = await createSite(t.app);
    const theirs = await t.app.inject({ method: 'POST', url: `/v1/sites/${other.id}/webhooks`, headers: bearer(other.secretKey), payload: { url: receiver.url, events: ['response.created'] } });
    expectError(await api('GET', `/webhooks/${theirs.json().id}`), 404, 'not_found');
  });

  it.each([
    ['an unknown event', { url: 'https://hooks.example/x', events: ['response.deleted'] }],
    ['no event', { url: 'https://hooks.example/x', events: [] }],
    ['a URL with credentials', { url: 'https://user:pw@hooks.example/x', events: ['response.created'] }],
    ['an ftp URL', { url: 'ftp://hooks.example/x', events: ['response.created'] }],
    ['a survey of another site', { url: 'https://hooks.example/x', events: ['response.created'], filter: { survey: 'sv_nope' } }],
  ])('refuses %s with 400', async (_name, payload) => {
    expectError(await api('POST', '/webhooks', payload), 400, 'validation_failed');
  });
});

describe('no SSRF', () => {
  it('refuses loopback, private, link-local and metadata addresses at registration by default', async () => {
    const strict = await restartTestApp(t, { webhookAllowPrivate: false });
    t = strict;
    for (const url of ['http://localhost:9/x', 'http://127.0.0.1:9/x', 'http://2130706433/x', 'http://[::ffff:127.0.0.1]/x', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/x', 'http://[::1]/x']) {
      const res = await api('POST', '/webhooks', { url, events: ['response.created'] });
      expectError(res, 400, 'validation_failed');
      expect(res.json().error.message).toMatch(/non-public|does not resolve/);
    }
    expect((await api('GET', '/webhooks')).json().items).toEqual([]);
  });

  it('refuses at delivery an address that became private, and never follows a redirect', async () => {
    // Registered while private addresses were allowed, then the collector runs with the default.
    const hook = await addWebhook({ events: ['response.created'] });
    t = await restartTestApp(t, { webhookAllowPrivate: false, webhookRetryBaseMs: 60_000 });
    await send({ nps: 1 });
    const blocked = await until(async () => {
      const [d] = (await api('GET', `/webhooks/${hook.id}/deliveries`)).json().items as { attempts: { error: string }[] }[];
      return d && d.attempts.length > 0 && d;
    });
    expect(blocked.attempts[0]!.error).toMatch(/blocked: .*loopback/);
    expect(receiver.received).toEqual([]);

    // A redirect to another address (here the metadata one) is an attempt failed, not followed.
    t = await restartTestApp(t, { webhookAllowPrivate: true, webhookRetryBaseMs: 60_000 });
    const target = await startReceiver();
    try {
      const redirecting = await addWebhook({ events: ['response.created'] });
      receiver.headers.location = target.url;
      receiver.respond(302);
      await send({ nps: 2 });
      const redirected = await until(async () => {
        const [d] = (await api('GET', `/webhooks/${redirecting.id}/deliveries`)).json().items as { attempts: { statusCode: number; error: string }[] }[];
        return d && d.attempts.length > 0 && d;
      });
      expect(redirected.attempts[0]).toMatchObject({ statusCode: 302, error: expect.stringMatching(/redirect not followed/) });
      expect(target.received).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
