// The owners' dashboard (collector/dashboard, built to its dist/): index.html for every page of the
// app (/dashboard/setup, /dashboard/invite, /dashboard/responses/:id…), its hashed assets cached for
// good, and preview.html, the frame in which the survey editor shows the real widget. Every page
// carries a strict CSP: scripts, styles, frames and requests of this origin only, nothing inline,
// and no framing by another site (the preview alone may be framed, by the dashboard itself).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/errors';

export interface DashboardOptions {
  /** The dashboard's build (collector/dashboard/dist). */
  dir: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

const policy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
export const DASHBOARD_CSP = policy("'none'");
export const PREVIEW_CSP = policy("'self'");

interface Encoded {
  mtimeMs: number;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export default async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions) {
  const assets = path.join(opts.dir, 'assets');
  const cache = new Map<string, Encoded>();

  /** A file and its compressed forms, made once per build of the file. */
  function encoded(file: string): Encoded {
    const mtimeMs = fs.statSync(file).mtimeMs;
    let e = cache.get(file);
    if (!e || e.mtimeMs !== mtimeMs) {
      const identity = fs.readFileSync(file);
      e = { mtimeMs, identity, gzip: zlib.gzipSync(identity, { level: 9 }), br: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) };
      cache.set(file, e);
    }
    return e;
  }

  function send(request: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string) {
    const e = encoded(file);
    const accepts = String(request.headers['accept-encoding'] ?? '');
    const [encoding, body] = /\bbr\b/.test(accepts) ? ['br', e.br] : /\bgzip\b/.test(accepts) ? ['gzip', e.gzip] : [undefined, e.identity];
    if (encoding) reply.header('content-encoding', encoding);
    return reply
      .header('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  function page(request: FastifyRequest, reply: FastifyReply, name: 'index.html' | 'preview.html') {
    const file = path.join(opts.dir, name);
    if (!fs.existsSync(file)) throw notFound('dashboard build (run pnpm --filter @plaudit/dashboard build)');
    const preview = name === 'preview.html';
    reply
      .header('content-security-policy', preview ? PREVIEW_CSP : DASHBOARD_CSP)
      .header('x-frame-options', preview ? 'SAMEORIGIN' : 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('cross-origin-opener-policy', 'same-origin')
      .header('cross-origin-resource-policy', 'same-origin');
    // The page names its hashed assets: always revalidated, so a new build is picked up at once.
    return send(request, reply, file, 'no-cache');
  }

  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/'));
  app.get<{ Params: { file: string } }>('/dashboard/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const name = request.params.file;
    // Only plain file names from the build's folder: no path can climb out of it.
    const file = /^[A-Za-z0-9._-]+$/.test(name) && !name.startsWith('.') ? path.join(assets, name) : '';
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw notFound('asset');
    return send(request, reply, file, 'public, max-age=31536000, immutable');
  });
  app.get('/dashboard/preview.html', { schema: { hide: true } }, async (request, reply) => page(request, reply, 'preview.html'));
  // Every other path under /dashboard/ is a page of the app, which routes it in the browser.
  app.get('/dashboard/*', { schema: { hide: true } }, async (request, reply) => page(request, reply, 'index.html'));
}
