// Delivers the queue: webhooks (signed, one at a time per endpoint, in order) and e-mails. Each
// collector runs one dispatcher; with PostgreSQL they share the queue through leases, so a
// delivery is attempted by one collector at a time. An acknowledged answer's delivery was
// committed with it: a collector killed mid-way delivers it after its restart (or another does).
// The dispatcher is woken as soon as an answer queued something, and otherwise looks again when
// the next retry falls due (at least every second, for other collectors' deliveries).
import type { FastifyBaseLogger } from 'fastify';
import type { DeliveryRecord, Store } from '../../store/types';
import type { Rendered } from '../email/messages';
import { slackBody, responseLink } from './format';
import { post, type SendResult } from './send';
import { MAX_ATTEMPTS, retryDelay, retrySpan } from './schedule';
import { signatureHeaders } from './sign';

/** Sends an e-mail of the queue, as written when it is sent. */
export interface Mailer {
  send(message: { to: string[]; subject: string; text: string; html: string }): Promise<void>;
}

export interface DispatcherOptions {
  retryBaseMs: number;
  allowPrivate: boolean;
  publicUrl?: string | undefined;
  mailer?: Mailer | undefined;
  /** Writes a queued e-mail when it is sent: a message, nothing to send, or not yet. */
  renderMail?: ((d: DeliveryRecord, now: number) => Promise<Rendered>) | undefined;
  log: FastifyBaseLogger;
  /** Deliveries in flight at once, across endpoints. */
  concurrency?: number;
}

/** A claimed delivery is this collector's for a minute; an attempt takes at most 10 s. */
const LEASE_MS = 60_000;
const IDLE_POLL_MS = 1_000;
/** While a webhook is disabled, its queue is looked at again this often. */
const DISABLED_RECHECK_MS = 60_000;

export class Dispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Something was queued: deliver now rather than at the next poll. */
  poke(): void {
    if (this.closed) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'delivery queue: a pass failed; trying again shortly'))
        .finally(() => {
          this.running = undefined;
          if (!this.closed) void this.next();
        });
    }, delay);
    // An idle queue must not keep the process alive.
    this.timer.unref();
  }

  private async next(): Promise<void> {
    if (this.again) {
      this.again = false;
      return this.schedule(0);
    }
    const due = await this.store.deliveries.nextDue().catch(() => undefined);
    const wait = due === undefined ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(0, due - Date.now()));
    this.schedule(wait);
  }

  /** Claims what is due and delivers it, until nothing is. */
  private async drain(): Promise<void> {
    const max = this.options.concurrency ?? 16;
    for (;;) {
      if (this.closed) return;
      const batch = await this.store.deliveries.claim(Date.now(), LEASE_MS, max);
      if (batch.length === 0) return;
      await Promise.all(batch.map((d) => this.deliver(d)));
    }
  }

  private async deliver(d: DeliveryRecord): Promise<void> {
    let result: SendResult;
    if (d.channel === 'webhook') {
      const hook = await this.store.webhooks.get(undefined, d.target);
      if (!hook) {
        // Deleted since: its queue goes with it.
        return this.store.deliveries.finish(d.id, { at: Date.now(), statusCode: null, error: 'webhook deleted', durationMs: 0 }, { status: 'failed' });
      }
      if (hook.status !== 'active') return this.store.deliveries.postpone(d.id, Date.now() + DISABLED_RECHECK_MS);
      const body = hook.format === 'slack' ? slackBody(d.payload, responseLink(this.options.publicUrl, d.payload)) : d.payload;
      // The same webhook-id on every attempt, so receivers can deduplicate; a fresh timestamp.
      const headers = signatureHeaders(hook.secret, d.id, Math.floor(Date.now() / 1000), body);
      result = await post(hook.url, body, headers, this.options.allowPrivate);
    } else {
      const rendered = this.options.renderMail ? await this.options.renderMail(d, Date.now()) : { skip: 'no e-mail writer' };
      if ('waitUntil' in rendered) return this.store.deliveries.postpone(d.id, rendered.waitUntil);
      if ('skip' in rendered) return this.store.deliveries.finish(d.id, { at: Date.now(), statusCode: null, error: `not sent: ${rendered.skip}`, durationMs: 0 }, { status: 'failed' });
      result = await this.mail(rendered.message);
    }
    const at = Date.now();
    const attempt = { at, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs };
    if (result.error === null) return this.store.deliveries.finish(d.id, attempt, { status: 'succeeded' });
    const attempts = d.attempts + 1;
    const delay = retryDelay(attempts, this.options.retryBaseMs);
    if (delay !== null) return this.store.deliveries.finish(d.id, attempt, { status: 'pending', nextAttemptAt: at + delay });
    await this.store.deliveries.finish(d.id, attempt, { status: 'failed' });
    if (d.channel === 'webhook') {
      const reason = `gave up on ${d.id} after ${MAX_ATTEMPTS} attempts over about ${retrySpan(this.options.retryBaseMs)}: ${result.error}`;
      await this.store.webhooks.disable(d.target, reason);
      this.options.log.warn({ webhook: d.target, delivery: d.id }, `webhook disabled: ${reason}`);
    }
  }

  private async mail(message: Parameters<Mailer['send']>[0]): Promise<SendResult> {
    const started = performance.now();
    const mailer = this.options.mailer;
    if (!mailer) return { statusCode: null, error: 'no SMTP server configured (PLAUDIT_SMTP_URL)', durationMs: 0 };
    try {
      await mailer.send(message);
      return { statusCode: null, error: null, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { statusCode: null, error: (error instanceof Error ? error.message : String(error)).slice(0, 300), durationMs: Math.round(performance.now() - started) };
    }
  }
}
