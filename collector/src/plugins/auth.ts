// Admin token for creating sites; a site's secret key (or the admin token) for everything under
// /v1/sites/:siteId. Another site's key gets 404, never a hint that the site exists. Both run as
// onRequest hooks: an anonymous caller learns nothing, and its body is not even parsed, before
// its key is checked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SiteRecord } from '../store/types';
import { HttpError, notFound } from '../lib/errors';
import { hashSecret, sameHash } from '../lib/keys';

declare module 'fastify' {
  interface FastifyInstance {
    requireAdmin: (request: FastifyRequest) => Promise<void>;
    requireSite: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    site: SiteRecord;
    /** Who acts, as the follow-up history names them: a team member, or the key used. */
    actor: string;
  }
}

export const ADMIN_TOKEN_META_KEY = 'admin_token_sha256';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const missing = () => new HttpError(401, 'unauthorized', 'send Authorization: Bearer <key>');
const refused = () => new HttpError(401, 'unauthorized', 'this key is not valid (mistyped, rotated or revoked)');

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

    app.decorateRequest('site', null as unknown as SiteRecord);
    app.decorateRequest('actor', '');

    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token) throw missing();
      if (!(await isAdmin(token))) throw refused();
    });

    app.decorate('requireSite', async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token) throw missing();
      const siteId = (request.params as { siteId?: string }).siteId ?? '';
      let site: SiteRecord | undefined;
      if (token.startsWith('sk_')) {
        site = await app.store.sites.findBySecret(token);
        if (!site) throw refused();
        if (site.id !== siteId) throw notFound('site');
        request.actor = 'secret key';
      } else if (await isAdmin(token)) {
        site = await app.store.sites.get(siteId);
        if (!site) throw notFound('site');
        request.actor = 'admin token';
      } else {
        throw refused();
      }
      request.site = site;
    });
  },
  { name: 'plaudit-auth', dependencies: ['plaudit-store'] },
);
