// Serves the built widget (/widget.js and its hashed /assets/*) and the example host pages.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/errors';
import { escapeHtml } from '../../lib/html';
import { ownOrigin } from '../../lib/own-origin';

export interface AssetRoutesOptions {
  widgetDir: string;
  examplesDir: string;
  /** The collector's public URL; when unset, the request's Host, once checked, stands for it. */
  publicUrl?: string | undefined;
}

export const DEMO_META_KEY = 'demo';

/** Subfolders of examples/ holding the pages in another language. */
export const EXAMPLE_LANGUAGES = ['fr'] as const;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Only plain file names from a known folder: no path can climb out of it. */
function safeFile(dir: string, name: string): string | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) return undefined;
  const file = path.join(dir, name);
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
}

/** A widget file and its compressed forms, made once per build of the file (keyed by mtime). */
interface Encoded {
  mtimeMs: number;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export default async function assetRoutes(app: FastifyInstance, opts: AssetRoutesOptions) {
  // The widget's bytes are what every visitor pays: compress each file once, at the highest
  // levels, and answer each browser with the smallest encoding it accepts.
  const encoded = new Map<string, Encoded>();
  function encodings(file: string): Encoded {
    const mtimeMs = fs.statSync(file).mtimeMs;
    let e = encoded.get(file);
    if (!e || e.mtimeMs !== mtimeMs) {
      const identity = fs.readFileSync(file);
      e = {
        mtimeMs,
        identity,
        gzip: zlib.gzipSync(identity, { level: 9 }),
        br: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      };
      encoded.set(file, e);
    }
    return e;
  }

  function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string) {
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const e = encodings(file);
    const accepts = String(request.headers['accept-encoding'] ?? '');
    const [encoding, body] = /\bbr\b/.test(accepts) ? ['br', e.br] : /\bgzip\b/.test(accepts) ? ['gzip', e.gzip] : [undefined, e.identity];
    if (encoding) reply.header('content-encoding', encoding);
    return reply
      .header('content-type', type)
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Encoding')
      // The UI chunk is loaded with import(), a CORS fetch, from the host page's origin.
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    const file = safeFile(opts.widgetDir, 'widget.js');
    if (!file) throw notFound('widget build (run pnpm --filter @plaudit/widget build)');
    // Short: a new release reaches every page within minutes; the chunks it names are immutable.
    return sendFile(request, reply, file, 'public, max-age=300');
  });

  app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = safeFile(path.join(opts.widgetDir, 'assets'), request.params.file);
    if (!file) throw notFound('asset');
    return sendFile(request, reply, file, 'public, max-age=31536000, immutable');
  });

  /** One page of examples/, or of one of its language folders (`fr`): a plain file name in either. */
  async function examplePage(folder: string, request: FastifyRequest<{ Params: { file?: string } }>, reply: FastifyReply) {
    const name = request.params.file || 'index.html';
    const file = safeFile(path.join(opts.examplesDir, folder), name);
    if (!file) throw notFound('example');
    const demo = JSON.parse((await app.store.meta.get(DEMO_META_KEY)) ?? 'null') as
      | { publicKey: string; surveys: Record<string, string> }
      | null;
    // The pages name the collector's address in HTML and, on the strict-CSP page, in a header.
    const collector = ownOrigin(request, opts.publicUrl);
    let body = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      body = body
        .replaceAll('{{COLLECTOR}}', escapeHtml(collector))
        .replaceAll('{{PUBLIC_KEY}}', escapeHtml(demo?.publicKey ?? 'pk_no_demo_site'))
        .replace(/\{\{SURVEY:([a-z]+)\}\}/g, (_, k: string) => escapeHtml(demo?.surveys[k] ?? ''));
      if (name === 'strict-csp.html') {
        reply.header(
          'content-security-policy',
          `default-src 'self'; script-src 'self' ${collector}; connect-src 'self' ${collector}; style-src 'self'`,
        );
      }
    }
    return reply
      .header('content-type', TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(body);
  }

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/examples/'));
  // Browsers ask for it on every example page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  // Example host pages are demo content with their own inline scripts: they carry only the CSP
  // that each demonstrates (none, or the strict one), not the API's (see app.ts).
  // The same pages in other languages, one fixed folder each: the folder is never taken from the URL.
  for (const folder of ['', ...EXAMPLE_LANGUAGES]) {
    const prefix = folder ? `/examples/${folder}` : '/examples';
    // Without the slash, the pages' relative links would resolve one folder too high.
    app.get(prefix, { schema: { hide: true } }, async (_request, reply) => reply.redirect(`${prefix}/`));
    app.get<{ Params: { file?: string } }>(`${prefix}/`, { schema: { hide: true } }, (request, reply) => examplePage(folder, request, reply));
    app.get<{ Params: { file: string } }>(`${prefix}/:file`, { schema: { hide: true } }, (request, reply) => examplePage(folder, request, reply));
  }
}
