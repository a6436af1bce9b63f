// The slow reports' cache on the app (lib/report-cache.ts): one per collector. Any change made to
// a site through the owners' API (a successful request other than a read under /v1/sites/:siteId)
// drops the site's kept answers, whichever resource it changed: imports, tickets, follow-up,
// erasure, the site's time zone.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ReportCache } from '../lib/report-cache';

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportCache;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(
  async function reports(app: FastifyInstance, opts: { ttlMs?: number | undefined }) {
    const cache = new ReportCache(opts.ttlMs);
    app.decorate('reports', cache);
    // Before the answer leaves, so that no read the caller makes after it sees what it changed.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!READS.has(request.method) && reply.statusCode < 400) {
        const siteId = (request.params as { siteId?: unknown } | undefined)?.siteId;
        if (typeof siteId === 'string') cache.drop(siteId);
      }
      return payload;
    });
  },
  { name: 'plaudit-reports' },
);
