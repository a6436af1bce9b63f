// The delivery queue's dispatcher on the app: started once the app is ready, stopped before the
// store closes. Routes that queue something wake it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { Dispatcher, type Mailer } from '../domain/webhooks/dispatcher';

declare module 'fastify' {
  interface FastifyInstance {
    dispatcher: Dispatcher;
    /** Settings the webhook routes check URLs with. */
    webhookSettings: { allowPrivate: boolean };
  }
}

export interface DeliveriesOptions {
  retryBaseMs: number;
  allowPrivate: boolean;
  publicUrl?: string | undefined;
  smtp?: { url: string; from: string } | undefined;
}

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
      log: app.log,
    });
    app.decorate('dispatcher', dispatcher);
    app.decorate('webhookSettings', { allowPrivate: opts.allowPrivate });
    app.addHook('onReady', async () => dispatcher.start());
    app.addHook('onClose', async () => dispatcher.close());
  },
  { name: 'plaudit-deliveries', dependencies: ['plaudit-store'] },
);
