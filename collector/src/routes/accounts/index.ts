// Team accounts for the dashboard: the first account made with the set-up link the collector
// printed, signing in and out, a site's team, and invitations to it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InviteAcceptSchema,
  InviteCreateSchema,
  InviteParamsSchema,
  InviteSchema,
  LoginSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberPatchSchema,
  MemberSchema,
  PendingInviteListSchema,
  SessionSchema,
  SetupSchema,
  SetupStatusSchema,
  SiteParamsSchema,
} from '@plaudit/shared';
import { HttpError, notFound } from '../../lib/errors';
import { hashSecret, randomId, sameHash } from '../../lib/keys';
import { LoginThrottle } from '../../lib/login-throttle';
import { clientNetwork } from '../../lib/client-hash';
import { ownOrigin } from '../../lib/own-origin';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/passwords';
import { SESSION_COOKIE } from '../../plugins/auth';
import { StoreError } from '../../store/errors';
import type { UserRecord } from '../../store/types';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

export const SETUP_TOKEN_META_KEY = 'setup_token_sha256';
const SESSION_DAYS = 14;
const INVITE_DAYS = 7;
const DAY = 86_400_000;

const SignedOutSchema = z.object({ signedOut: z.literal(true).meta({ examples: [true] }) }).meta({ id: 'SignedOut' });

export default async function accountRoutes(app: FastifyInstance, opts: { publicUrl?: string | undefined }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  const throttle = new LoginThrottle();

  /** A new session for the account: its cookie on the reply, its description in the body. */
  async function openSession(request: FastifyRequest, reply: FastifyReply, user: UserRecord) {
    const token = randomId('ses_', 32);
    const csrf = randomBytes(18).toString('base64url');
    const now = Date.now();
    const expiresAt = now + SESSION_DAYS * DAY;
    await app.store.accounts.createSession({ tokenHash: hashSecret(token), userId: user.id, csrf, createdAt: now, expiresAt });
    const secure = request.protocol === 'https' || (opts.publicUrl ?? '').startsWith('https:');
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_DAYS * 86_400 });
    return describe(user, csrf, expiresAt);
  }

  async function describe(user: UserRecord, csrf: string, expiresAt: number) {
    return {
      user: { id: user.id, email: user.email, name: user.name, instanceOwner: user.instanceOwner },
      csrfToken: csrf,
      expiresAt: new Date(expiresAt).toISOString(),
      sites: await app.store.accounts.sitesOf(user),
    };
  }

  const address = (request: FastifyRequest) => clientNetwork(request.ip);

  r.get(
    '/v1/setup',
    { schema: { operationId: 'getSetupStatus', tags, security: SECURITY.none, summary: 'Whether the first account is still to be made', response: { 200: json('The state.', SetupStatusSchema) } } },
    async () => ({ needsSetup: (await app.store.accounts.countUsers()) === 0 }),
  );

  r.post(
    '/v1/setup',
    {
      schema: {
        operationId: 'setup',
        tags,
        security: SECURITY.none,
        summary: 'Make the first account, the instance owner',
        description: 'With the token of the set-up link the collector printed at start (while no account exists). The account sees every site; it is signed in at once.',
        body: SetupSchema,
        response: { 201: json('Signed in.', SessionSchema), ...errors(400, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const expected = await app.store.meta.get(SETUP_TOKEN_META_KEY);
      if (!expected || !sameHash(hashSecret(request.body.token), expected)) throw new HttpError(403, 'forbidden', 'this set-up link is not valid (the collector prints a new one at each start while no account exists)');
      const user = await app.store.accounts.createFirstUser(
        { email: request.body.email.toLowerCase(), name: request.body.name ?? null, passwordHash: await hashPassword(request.body.password) },
        Date.now(),
      );
      if (!user) throw new HttpError(409, 'conflict', 'the first account exists already: sign in');
      await app.store.meta.set(SETUP_TOKEN_META_KEY, '');
      return reply.code(201).send(await openSession(request, reply, user));
    },
  );

  r.post(
    '/v1/session',
    {
      schema: {
        operationId: 'signIn',
        tags,
        security: SECURITY.none,
        summary: 'Sign in',
        description: 'Sets an HttpOnly, SameSite=Lax session cookie (Secure over HTTPS) for 14 days. Failed attempts are limited per account and address (`429` with `Retry-After`).',
        body: LoginSchema,
        response: { 200: json('Signed in.', SessionSchema), ...errors(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const from = address(request);
      const now = Date.now();
      const wait = throttle.retryAfter(email, from, now);
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new HttpError(429, 'rate_limited', 'too many failed attempts: try again later');
      }
      const user = await app.store.accounts.userByEmail(email);
      // As long for an unknown address as for a wrong password.
      const ok = await verifyPassword(request.body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        throttle.fail(email, from, now);
        throw new HttpError(401, 'unauthorized', 'wrong e-mail address or password');
      }
      throttle.succeed(email, from);
      return openSession(request, reply, user);
    },
  );

  r.get(
    '/v1/session',
    {
      onRequest: app.requireUser,
      schema: { operationId: 'getSession', tags, security: SECURITY.session, summary: 'The signed-in account and its sites', response: { 200: json('The session.', SessionSchema), ...errors(401) } },
    },
    async (request) => {
      const found = await app.store.accounts.session(hashSecret(request.cookies[SESSION_COOKIE]!), Date.now());
      return describe(request.user!, found!.csrf, found!.expiresAt);
    },
  );

  r.delete(
    '/v1/session',
    {
      onRequest: app.requireUser,
      schema: { operationId: 'signOut', tags, security: SECURITY.session, summary: 'Sign out', description: 'Ends the session on the server too.', response: { 200: json('Signed out.', SignedOutSchema), ...errors(401, 403) } },
    },
    async (request, reply) => {
      await app.store.accounts.deleteSession(hashSecret(request.cookies[SESSION_COOKIE]!));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { signedOut: true as const };
    },
  );

  r.get(
    '/v1/sites/:siteId/members',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'listMembers', tags, security: SECURITY.site, summary: 'The site’s team', params: SiteParamsSchema, response: { 200: json('Its members.', MemberListSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => ({
      items: (await app.store.accounts.members(request.site.id)).map((m) => ({ user: m.userId, email: m.email, name: m.name, role: m.role, since: new Date(m.createdAt).toISOString() })),
    }),
  );

  r.patch(
    '/v1/sites/:siteId/members/:userId',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: { operationId: 'updateMember', tags, security: SECURITY.site, summary: 'Change a member’s role', params: MemberParamsSchema, body: MemberPatchSchema, response: { 200: json('The member.', MemberSchema), ...errors(...SITE_ERRORS, 413, 415) } },
    },
    async (request) => {
      if (!(await app.store.accounts.setRole(request.site.id, request.params.userId, request.body.role))) throw notFound('member');
      const member = (await app.store.accounts.members(request.site.id)).find((m) => m.userId === request.params.userId)!;
      return { user: member.userId, email: member.email, name: member.name, role: member.role, since: new Date(member.createdAt).toISOString() };
    },
  );

  r.delete(
    '/v1/sites/:siteId/members/:userId',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: { operationId: 'removeMember', tags, security: SECURITY.site, summary: 'Remove a member from the site', params: MemberParamsSchema, response: { 200: json('Removed.', z.object({ removed: z.literal(true) }).meta({ id: 'MemberRemoved' })), ...errors(...SITE_ERRORS) } },
    },
    async (request) => {
      if (!(await app.store.accounts.removeMember(request.site.id, request.params.userId))) throw notFound('member');
      return { removed: true as const };
    },
  );

  r.post(
    '/v1/sites/:siteId/invites',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'createInvite',
        tags,
        security: SECURITY.site,
        summary: 'Invite someone to the site’s team',
        description: 'A one-use link, valid 7 days, that opens the dashboard to accept: with the account already signed in, or with a new one. Send it yourself; it is shown once.',
        params: SiteParamsSchema,
        body: InviteCreateSchema,
        response: { 201: json('The invitation.', InviteSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request, reply) => {
      const token = randomId('inv_', 24);
      const id = randomId('ivt_');
      const now = Date.now();
      const expiresAt = now + INVITE_DAYS * DAY;
      await app.store.accounts.createInvite({ id, tokenHash: hashSecret(token), siteId: request.site.id, role: request.body.role, email: request.body.email?.toLowerCase() ?? null, createdBy: request.actor, createdAt: now, expiresAt });
      const url = `${ownOrigin(request, opts.publicUrl)}/dashboard/invite?token=${token}`;
      return reply.code(201).send({ id, url, token, role: request.body.role, expiresAt: new Date(expiresAt).toISOString() });
    },
  );

  r.get(
    '/v1/sites/:siteId/invites',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'listInvites',
        tags,
        security: SECURITY.site,
        summary: 'The invitations waiting to be accepted',
        description: 'Neither accepted nor expired, newest first: to whom, with which role, by whom. Their links are not shown again; revoke one and invite anew if a link went astray.',
        params: SiteParamsSchema,
        response: { 200: json('The pending invitations.', PendingInviteListSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => ({
      items: (await app.store.accounts.pendingInvites(request.site.id, Date.now())).map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        invitedBy: i.createdBy,
        createdAt: new Date(i.createdAt).toISOString(),
        expiresAt: new Date(i.expiresAt).toISOString(),
      })),
    }),
  );

  r.delete(
    '/v1/sites/:siteId/invites/:inviteId',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'revokeInvite',
        tags,
        security: SECURITY.site,
        summary: 'Revoke an invitation',
        description: 'Its link stops working at once. An invitation already accepted cannot be revoked: remove the member instead.',
        params: InviteParamsSchema,
        response: { 200: json('Revoked.', z.object({ revoked: z.literal(true) }).meta({ id: 'InviteRevoked' })), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      if (!(await app.store.accounts.revokeInvite(request.site.id, request.params.inviteId))) throw notFound('invitation');
      return { revoked: true as const };
    },
  );

  r.post(
    '/v1/invites/accept',
    {
      schema: {
        operationId: 'acceptInvite',
        tags,
        security: SECURITY.none,
        summary: 'Join a site’s team',
        description: 'Signed in (session cookie and `x-csrf-token`), the current account joins; otherwise `email` and `password` sign in the account of that address, or make a new one, which is signed in.',
        body: InviteAcceptSchema,
        response: { 200: json('Joined, signed in.', SessionSchema), ...errors(400, 401, 403, 409, 410, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const tokenHash = hashSecret(request.body.token);
      const invite = await app.store.accounts.invite(tokenHash);
      const now = Date.now();
      if (!invite) throw new HttpError(403, 'forbidden', 'this invitation is not valid');
      if (invite.acceptedBy || invite.expiresAt <= now) throw new HttpError(410, 'gone', 'this invitation has been used or has expired: ask for a new one');
      let user: UserRecord;
      if (request.cookies[SESSION_COOKIE]) {
        await app.requireUser(request);
        user = request.user!;
      } else {
        const { email, password } = request.body;
        if (!email || !password) throw new HttpError(400, 'validation_failed', 'sign in first, or send email and password for a new account');
        if (invite.email && invite.email !== email.toLowerCase()) throw new HttpError(403, 'forbidden', `this invitation is for ${invite.email}`);
        const existing = await app.store.accounts.userByEmail(email.toLowerCase());
        if (existing) {
          // An account of its own already: its password signs it in, limited like a sign-in.
          const from = address(request);
          const wait = throttle.retryAfter(existing.email, from, now);
          if (wait > 0) {
            reply.header('retry-after', String(Math.ceil(wait / 1000)));
            throw new HttpError(429, 'rate_limited', 'too many failed attempts: try again later');
          }
          if (!(await verifyPassword(password, existing.passwordHash))) {
            throttle.fail(existing.email, from, now);
            throw new HttpError(401, 'unauthorized', 'this address has an account: give its password, or sign in first');
          }
          throttle.succeed(existing.email, from);
          user = existing;
        } else {
          try {
            user = await app.store.accounts.createUser({ email: email.toLowerCase(), name: request.body.name ?? null, passwordHash: await hashPassword(password) }, now);
          } catch (error) {
            // Made by a request in between: the same answer as above.
            if (error instanceof StoreError && error.code === 'conflict') throw new HttpError(409, 'conflict', 'an account with this address exists: sign in, then open the link again');
            throw error;
          }
        }
      }
      if (invite.email && invite.email !== user.email) throw new HttpError(403, 'forbidden', `this invitation is for ${invite.email}`);
      if (!(await app.store.accounts.acceptInvite(tokenHash, user.id, now))) throw new HttpError(410, 'gone', 'this invitation has been used or has expired: ask for a new one');
      if (request.user) {
        const found = await app.store.accounts.session(hashSecret(request.cookies[SESSION_COOKIE]!), now);
        return describe(user, found!.csrf, found!.expiresAt);
      }
      return openSession(request, reply, user);
    },
  );
}
