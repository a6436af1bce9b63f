// First-start chores: an admin token when none is configured, and a demo site with surveys so a
// newcomer sees the widget on the example pages straight away.
import type { FastifyInstance } from 'fastify';
import { ADMIN_TOKEN_META_KEY } from './plugins/auth';
import { DEMO_META_KEY } from './routes/assets';
import { hashSecret, newAdminToken } from './lib/keys';

export interface BootstrapResult {
  /** Set only when generated now; it is never shown again. */
  adminToken?: string;
  demo?: { siteId: string; publicKey: string; secretKey: string; surveys: Record<string, string> };
}

export async function bootstrap(
  app: FastifyInstance,
  opts: { adminToken: string | undefined; demo: boolean; baseUrl: string },
): Promise<BootstrapResult> {
  const result: BootstrapResult = {};
  if (!opts.adminToken && !(await app.store.meta.get(ADMIN_TOKEN_META_KEY))) {
    const token = newAdminToken();
    await app.store.meta.set(ADMIN_TOKEN_META_KEY, hashSecret(token));
    result.adminToken = token;
  }
  if (opts.demo && (await app.store.sites.count()) === 0) {
    const base = new URL(opts.baseUrl);
    const origins = new Set([base.origin]);
    if (base.hostname === '127.0.0.1') origins.add(base.origin.replace('127.0.0.1', 'localhost'));
    if (base.hostname === 'localhost') origins.add(base.origin.replace('localhost', '127.0.0.1'));
    const { site, secretKey } = await app.store.sites.create({ name: 'Demo Shop', origins: [...origins], timezone: 'Europe/Paris' });
    const nps = await app.store.surveys.create(site.id, {
      name: 'Net Promoter Score',
      questions: ['nps', 'comment'],
      productName: 'Demo Shop',
      display: { trigger: 'load', delaySeconds: 1, scrollPercent: 50, urlPattern: null, excludeUrlPatterns: ['/examples/checkout*'], position: 'bottom-right', samplePercent: 100, resurveyDays: 0 },
      texts: {},
      theme: {},
      status: 'active',
    });
    const csat = await app.store.surveys.create(site.id, {
      name: 'Checkout satisfaction',
      questions: ['csat', 'comment'],
      display: { trigger: 'manual', delaySeconds: 0, scrollPercent: 50, urlPattern: null, excludeUrlPatterns: [], position: 'center', samplePercent: 100, resurveyDays: 0 },
      texts: {},
      theme: { brandColor: '#0f766e' },
      status: 'active',
    });
    const demo = { siteId: site.id, publicKey: site.publicKey, secretKey, surveys: { nps: nps.id, csat: csat.id } };
    await app.store.meta.set(DEMO_META_KEY, JSON.stringify({ siteId: site.id, publicKey: site.publicKey, surveys: demo.surveys }));
    result.demo = demo;
  }
  return result;
}
