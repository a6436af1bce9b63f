// Who may call the owners' API, checked in onRequest hooks before a body is even parsed:
// - the admin token, for creating sites and managing any site;
// - a site's secret key, for that site (another site's key gets 404, never a hint it exists);
// - a dashboard session (an HttpOnly cookie), for the sites its account has a role on. A viewer
//   only reads; an editor also changes surveys, follow-up and quotes; an owner everything (keys,
//   team, webhooks, e-mails, erasure). A request that changes something must carry the session's
//   CSRF token in `x-csrf-token`: a page of another site can make the browser send the cookie,
//   never read the token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@plaudit/shared';
import type { SiteRecord, UserRecord } from '../store/types';
import { HttpError, notFound } from '../lib/errors';
import { hashSecret, sameHash } from '../lib/keys';

declare module 'fastify' {
  interface FastifyInstance {
    requireAdmin: (request: FastifyRequest) => Promise<void>;
    requireSite: (request: FastifyRequest) => Promise<void>;
    /** A signed-in account (any route that is about the account itself). */
    requireUser: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    site: SiteRecord;
    /** Who acts, as the follow-up history names them: a team member, or the key used. */
    actor: string;
    /** The signed-in account, when the request came with a session. */
    user: UserRecord | undefined;
    /** The site role the request acts with (keys act as owner). */
    role: Role;
  }
  interface FastifyContextConfig {
    /** The least role a session needs on the site; by default viewer to read, editor to change. */
    role?: Role;
  }
}

export const ADMIN_TOKEN_META_KEY = 'admin_token_sha256';
export const SESSION_COOKIE = 'plaudit_session';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const missing = () => new HttpError(401, 'unauthorized', 'send Authorization: Bearer <key>, or sign in to the dashboard');
const refused = () => new HttpError(401, 'unauthorized', 'this key is not valid (mistyped, rotated or revoked)');
const expired = () => new HttpError(401, 'unauthorized', 'your session has ended: sign in again');
const reads = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

export default fp(
  async function auth(app: FastifyInstance, opts: { adminToken: string | undefined }) {
    async function adminHash(): Promise<string | undefined> {
      if (opts.adminToken) return hashSecret(opts.adminToken);
      return app.store.meta.get(ADMIN_TOKEN_META_KEY);
    }

    async function isAdmin(token: string): Promise<boolean> {
      const expected = await adminHash();
      return expected !== undefined && sameHash(hashSecret(token), expected);
    }

    /** The session of the request's cookie, CSRF checked for requests that change something. */
    async function sessionOf(request: FastifyRequest) {
      const token = request.cookies?.[SESSION_COOKIE];
      if (!token) return undefined;
      const found = await app.store.accounts.session(hashSecret(token), Date.now());
      if (!found) throw expired();
      if (!reads(request)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameHash(hashSecret(sent), hashSecret(found.csrf))) {
          throw new HttpError(403, 'forbidden', 'send the session’s CSRF token in x-csrf-token');
        }
      }
      return found;
    }

    app.decorateRequest('site', null as unknown as SiteRecord);
    app.decorateRequest('actor', '');
    app.decorateRequest('user', undefined);
    app.decorateRequest('role', 'viewer');

    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (token) {
        if (!(await isAdmin(token))) throw refused();
        request.actor = 'admin token';
        return;
      }
      const session = await sessionOf(request);
      if (!session) throw missing();
      if (!session.user.instanceOwner) throw new HttpError(403, 'forbidden', 'only the instance owner (the first account) may do this');
      request.user = session.user;
      request.actor = session.user.email;
    });

    app.decorate('requireUser', async (request: FastifyRequest) => {
      const session = await sessionOf(request);
      if (!session) throw new HttpError(401, 'unauthorized', 'sign in first');
      request.user = session.user;
      request.actor = session.user.email;
    });

    app.decorate('requireSite', async (request: FastifyRequest) => {
      const token = bearer(request);
      const siteId = (request.params as { siteId?: string }).siteId ?? '';
      let site: SiteRecord | undefined;
      if (token?.startsWith('sk_')) {
        site = await app.store.sites.findBySecret(token);
        if (!site) throw refused();
        if (site.id !== siteId) throw notFound('site');
        request.actor = 'secret key';
        request.role = 'owner';
      } else if (token) {
        if (!(await isAdmin(token))) throw refused();
        site = await app.store.sites.get(siteId);
        if (!site) throw notFound('site');
        request.actor = 'admin token';
        request.role = 'owner';
      } else {
        const session = await sessionOf(request);
        if (!session) throw missing();
        const role = await app.store.accounts.roleOn(siteId, session.user);
        site = role && (await app.store.sites.get(siteId));
        // A site the account has no role on does not exist, as for another site's key.
        if (!role || !site) throw notFound('site');
        const needed = request.routeOptions.config.role ?? (reads(request) ? 'viewer' : 'editor');
        if (RANK[role] < RANK[needed]) throw new HttpError(403, 'forbidden', `this needs the ${needed} role on the site; yours is ${role}`);
        request.user = session.user;
        request.actor = session.user.email;
        request.role = role;
      }
      request.site = site;
    });
  },
  { name: 'plaudit-auth', dependencies: ['plaudit-store'] },
);
