// Real resources for the contract tests, made fresh whenever a request may have spent them: a site
// with its keys, a survey, a stored answer of a known customer who allowed a quote, a marker, a
// webhook with a queued delivery, a team member, an unused invitation, and a dashboard session of
// the instance owner. Resources go through the API; accounts and sessions through the store, since
// the sign-in route's own limits would otherwise count the fixtures' sign-ins.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashSecret, randomId } from '../../src/lib/keys';
import { hashPassword } from '../../src/lib/passwords';
import { ADMIN_TOKEN, answer, createSite, createSurvey, postResponses } from '../helper';
import type { Fixture } from './requests';

let made = 0;
const OWNER = { email: 'owner@contract.example', password: 'contract test password' };
let ownerPasswordHash: Promise<string> | undefined;

async function ownerSession(app: FastifyInstance): Promise<{ sessionToken: string; csrfToken: string }> {
  ownerPasswordHash ??= hashPassword(OWNER.password);
  const passwordHash = await ownerPasswordHash;
  const owner = (await app.store.accounts.userByEmail(OWNER.email)) ?? (await app.store.accounts.createFirstUser({ email: OWNER.email, name: 'Contract owner', passwordHash }, Date.now()));
  if (!owner) throw new Error('makeFixture: another first account exists');
  const sessionToken = randomId('ses_', 32);
  const csrfToken = randomBytes(18).toString('base64url');
  await app.store.accounts.createSession({ tokenHash: hashSecret(sessionToken), userId: owner.id, csrf: csrfToken, createdAt: Date.now(), expiresAt: Date.now() + 3_600_000 });
  return { sessionToken, csrfToken };
}

export async function makeFixture(app: FastifyInstance): Promise<Fixture> {
  made++;
  const site = await createSite(app, { name: `Contract ${made}` });
  // With a follow-up question, so answers to it are valid.
  const survey = await createSurvey(app, site, { followUps: [{ id: 'why_us', type: 'text', prompt: { en: 'Why us?' } }] });
  const auth = { authorization: `Bearer ${site.secretKey}` };
  const session = await ownerSession(app);

  // The webhook first, so the answer queues a delivery to it (to a host that never resolves here:
  // it stays pending, retried).
  const webhook = await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/webhooks`, headers: auth, payload: { url: 'https://hooks.contract.example/in', events: ['response.created'] } });
  if (webhook.statusCode !== 201) throw new Error(`makeFixture: a webhook got ${webhook.statusCode} ${webhook.body}`);
  const webhookId = webhook.json().id as string;

  const customerId = `cus_contract_${made}`;
  // Quotable (consent given), so the testimonial routes have a quote to review.
  const first = answer(site, survey, { nps: 9, comment: 'Fast delivery', consent: true, customer: { id: customerId } });
  const res = await postResponses(app, first);
  if (res.statusCode !== 202) throw new Error(`makeFixture: storing an answer got ${res.statusCode} ${res.body}`);
  const [delivery] = await app.store.deliveries.list(site.id, webhookId, { limit: 1 });
  if (!delivery) throw new Error('makeFixture: the answer queued no delivery');

  const marker = await app.inject({
    method: 'POST',
    url: `/v1/sites/${site.id}/markers`,
    headers: auth,
    payload: { date: '2026-10-14', label: 'New checkout released' },
  });
  if (marker.statusCode !== 201) throw new Error(`makeFixture: a marker got ${marker.statusCode} ${marker.body}`);

  const link = await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/surveys/${survey.id}/links`, headers: auth, payload: {} });
  if (link.statusCode !== 201) throw new Error(`makeFixture: a link got ${link.statusCode} ${link.body}`);

  // A member of the team, and an invitation nobody has used.
  const now = Date.now();
  const member = await app.store.accounts.createUser({ email: `member${made}@contract.example`, name: null, passwordHash: await ownerPasswordHash! }, now);
  const memberInvite = randomId('inv_', 24);
  await app.store.accounts.createInvite({ id: randomId('ivt_'), tokenHash: hashSecret(memberInvite), siteId: site.id, role: 'viewer', email: null, createdBy: 'contract', createdAt: now, expiresAt: now + 3_600_000 });
  await app.store.accounts.acceptInvite(hashSecret(memberInvite), member.id, now);
  const inviteToken = randomId('inv_', 24);
  const inviteId = randomId('ivt_');
  await app.store.accounts.createInvite({ id: inviteId, tokenHash: hashSecret(inviteToken), siteId: site.id, role: 'editor', email: null, createdBy: 'contract', createdAt: now, expiresAt: now + 3_600_000 });

  return {
    siteId: site.id,
    surveyId: survey.id,
    responseId: first.id,
    customerId,
    markerId: marker.json().id,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    adminToken: ADMIN_TOKEN,
    ...session,
    email: OWNER.email,
    password: OWNER.password,
    webhookId,
    deliveryId: delivery.id,
    userId: member.id,
    inviteToken,
    inviteId,
    linkToken: link.json().token,
    answers: { why_us: { text: 'Handmade' } },
  };
}
