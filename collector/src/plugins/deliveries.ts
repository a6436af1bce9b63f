// The delivery queue's dispatcher on the app: started once the app is ready, stopped before the
// store closes. Routes that queue something wake it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { dueDigest, renderQueued } from '../domain/email/messages';
import { Dispatcher, type Mailer } from '../domain/webhooks/dispatcher';
import { emailTarget } from '../store';

declare module 'fastify' {
  interface FastifyInstance {
    dispatcher: Dispatcher;
    /** Queues the weekly digests due at `now`; how many. */
    queueDigests: (now: number) => Promise<number>;
    /** Settings the webhook routes check URLs with. */
    webhookSettings: { allowPrivate: boolean };
  }
}

export interface DeliveriesOptions {
  retryBaseMs: number;
  allowPrivate: boolean;
  publicUrl?: string | undefined;
  smtp?: { url: string; from: string } | undefined;
  /** How long after a detractor's score its alert goes; a minute by default. */
  alertDelayMs?: number | undefined;
}

/** Digests due are queued at start and then every ten minutes (each once per site and week). */
const DIGEST_CHECK_MS = 10 * 60_000;

function smtpMailer(smtp: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(smtp.url);
  return {
    async send(message) {
      await transport.sendMail({ from: smtp.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}

export default fp(
  async function deliveries(app: FastifyInstance, opts: DeliveriesOptions) {
    const dispatcher = new Dispatcher(app.store, {
      retryBaseMs: opts.retryBaseMs,
      allowPrivate: opts.allowPrivate,
      publicUrl: opts.publicUrl,
      mailer: opts.smtp ? smtpMailer(opts.smtp) : undefined,
      renderMail: (d, now) => renderQueued({ store: app.store, themes: app.themes, publicUrl: opts.publicUrl, alertDelayMs: opts.alertDelayMs ?? 60_000 }, d, now),
      log: app.log,
    });
    app.decorate('dispatcher', dispatcher);
    app.decorate('webhookSettings', { allowPrivate: opts.allowPrivate });
    app.decorate('queueDigests', async (now: number) => {
      let queued = 0;
      for (const { siteId, settings } of await app.store.notifications.all()) {
        if (settings.digest.emails.length === 0) continue;
        const site = await app.store.sites.get(siteId);
        const due = site && dueDigest(siteId, site.timezone, now);
        if (!due) continue;
        const payload = JSON.stringify({ kind: 'digest', from: due.from, to: due.to });
        if (await app.store.deliveries.enqueue({ siteId, channel: 'email', target: emailTarget(siteId), event: 'digest.weekly', payload }, now, due.id)) queued++;
      }
      if (queued) dispatcher.poke();
      return queued;
    });
    let timer: NodeJS.Timeout | undefined;
    const check = () => void app.queueDigests(Date.now()).catch((error: unknown) => app.log.warn({ err: error }, 'weekly digests: could not queue'));
    app.addHook('onReady', async () => {
      dispatcher.start();
      check();
      timer = setInterval(check, DIGEST_CHECK_MS).unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await dispatcher.close();
    });
  },
  { name: 'plaudit-deliveries', dependencies: ['plaudit-store', 'plaudit-themes'] },
);
