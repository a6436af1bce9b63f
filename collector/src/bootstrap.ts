// First-start chores: an admin token when none is configured, and a demo site with surveys so a
// newcomer sees the widget on the example pages straight away.
import type { FastifyInstance } from 'fastify';
import { ADMIN_TOKEN_META_KEY } from './plugins/auth';
import { DEMO_META_KEY } from './routes/assets';
import { hashSecret, newAdminToken, randomId } from './lib/keys';
import { SETUP_TOKEN_META_KEY } from './routes/accounts';
import { DEMO_CTA, DEMO_FOLLOW_UPS } from './demo-follow-ups';

const DEMO_SHOP = 'Atelier Lumen';
/** The shop's terracotta (examples/examples.css --accent), so the surveys look part of it. */
const DEMO_BRAND = '#9a3f1b';

/** The checkout survey's words; French sets a narrow no-break space before « ? » and « ! ». */
export const CHECKOUT_TEXTS = {
  en: {
    csatQuestion: 'How easy was it to check out at {product}?',
    csatLow: 'Very difficult',
    csatHigh: 'Very easy',
    commentCsatLow: 'Sorry about that. What made checking out difficult?',
    commentCsatHigh: 'Glad it went smoothly! What worked well?',
    thanks: 'Thank you! This helps us keep checkout simple.',
  },
  fr: {
    csatQuestion: 'Était-il facile de passer commande chez {product}\u202f?',
    csatLow: 'Très difficile',
    csatHigh: 'Très facile',
    commentCsatLow: 'Désolés. Qu’est-ce qui vous a compliqué la commande\u202f?',
    commentCsatHigh: 'Tant mieux\u202f! Qu’est-ce qui vous a plu\u202f?',
    thanks: 'Merci\u202f! Cela nous aide à garder une commande simple.',
  },
};

export interface BootstrapResult {
  /** Set only when generated now; it is never shown again. */
  adminToken?: string;
  demo?: { siteId: string; publicKey: string; secretKey: string; surveys: Record<string, string> };
  /** While no account exists: the one-time link that makes the first (the instance owner). */
  setupUrl?: string;
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
  if ((await app.store.accounts.countUsers()) === 0) {
    // A new link at each start until the first account is made; the token is kept only hashed.
    const token = randomId('stp_', 24);
    await app.store.meta.set(SETUP_TOKEN_META_KEY, hashSecret(token));
    result.setupUrl = `${opts.baseUrl.replace(/\/$/, '')}/dashboard/setup?token=${token}`;
  }
  if (opts.demo && (await app.store.sites.count()) === 0) {
    const base = new URL(opts.baseUrl);
    const origins = new Set([base.origin]);
    if (base.hostname === '127.0.0.1') origins.add(base.origin.replace('127.0.0.1', 'localhost'));
    if (base.hostname === 'localhost') origins.add(base.origin.replace('localhost', '127.0.0.1'));
    // The example pages are the shop of a made-up workshop, in English and in French (examples/fr/).
    const { site, secretKey } = await app.store.sites.create({ name: DEMO_SHOP, origins: [...origins], timezone: 'Europe/Paris' });
    const nps = await app.store.surveys.create(site.id, {
      name: 'Net Promoter Score',
      questions: ['nps', 'comment'],
      productName: DEMO_SHOP,
      // Not while paying: the checkout page asks its own question once the order is placed.
      display: { trigger: 'load', delaySeconds: 1, scrollPercent: 50, urlPattern: null, excludeUrlPatterns: ['/examples/checkout*', '/examples/fr/checkout*'], position: 'bottom-right', samplePercent: 100, resurveyDays: 0 },
      texts: {},
      theme: { brandColor: DEMO_BRAND },
      status: 'active',
      followUps: DEMO_FOLLOW_UPS,
      cta: DEMO_CTA,
    });
    const csat = await app.store.surveys.create(site.id, {
      name: 'Checkout satisfaction',
      questions: ['csat', 'comment'],
      productName: DEMO_SHOP,
      display: { trigger: 'manual', delaySeconds: 0, scrollPercent: 50, urlPattern: null, excludeUrlPatterns: [], position: 'center', samplePercent: 100, resurveyDays: 0 },
      // Opened by "Place order": it asks about the checkout the visitor just went through, not the shop.
      texts: CHECKOUT_TEXTS,
      theme: { brandColor: DEMO_BRAND },
      status: 'active',
      followUps: [],
      cta: null,
    });
    const demo = { siteId: site.id, publicKey: site.publicKey, secretKey, surveys: { nps: nps.id, csat: csat.id } };
    await app.store.meta.set(DEMO_META_KEY, JSON.stringify({ siteId: site.id, publicKey: site.publicKey, surveys: demo.surveys }));
    result.demo = demo;
  }
  return result;
}
