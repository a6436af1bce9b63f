// What both engines share about webhooks: their rows, which of a site's webhooks an event goes to,
// the event as queued, and the queue's statements (`?` placeholders).
import type { StoredResponse, WebhookEvent } from '@plaudit/shared';
import { randomId } from '../lib/keys';
import type { DeliveryAttemptRecord, DeliveryRecord, WebhookRecord } from './types';

export interface WebhookRow {
  id: string;
  site_id: string;
  url: string;
  events: string;
  filter: string;
  format: WebhookRecord['format'];
  secret: string;
  status: WebhookRecord['status'];
  disabled_reason: string | null;
  created_at: number | string;
  updated_at: number | string;
}

export const toWebhook = (r: WebhookRow): WebhookRecord => ({
  id: r.id,
  siteId: r.site_id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEvent[],
  filter: JSON.parse(r.filter) as WebhookRecord['filter'],
  format: r.format,
  secret: r.secret,
  status: r.status,
  disabledReason: r.disabled_reason,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export interface DeliveryRow {
  id: string;
  site_id: string;
  channel: DeliveryRecord['channel'];
  target: string;
  event: string;
  payload: string;
  status: DeliveryRecord['status'];
  attempts: number;
  next_attempt_at: number | string;
  created_at: number | string;
  delivered_at: number | string | null;
}

export const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  siteId: r.site_id,
  channel: r.channel,
  target: r.target,
  event: r.event,
  payload: r.payload,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  createdAt: Number(r.created_at),
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
});

export interface AttemptRow {
  delivery_id: string;
  at: number | string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export const toAttempt = (r: AttemptRow): DeliveryAttemptRecord => ({ at: Number(r.at), statusCode: r.status_code, error: r.error, durationMs: Number(r.duration_ms) });

/** An answer's group: NPS 0–6 / 7–8 / 9–10, else CSAT 1–2 / 3 / 4–5; null without a score. */
export function categoryOf(nps: number | null, csat: number | null): 'detractor' | 'passive' | 'promoter' | null {
  if (nps !== null) return nps <= 6 ? 'detractor' : nps <= 8 ? 'passive' : 'promoter';
  if (csat !== null) return csat <= 2 ? 'detractor' : csat === 3 ? 'passive' : 'promoter';
  return null;
}

/** The active webhooks that take this event of this answer. */
export function webhooksFor(hooks: readonly WebhookRecord[], event: WebhookEvent, response: Pick<StoredResponse, 'survey' | 'nps' | 'csat'>): WebhookRecord[] {
  const category = categoryOf(response.nps, response.csat);
  return hooks.filter(
    (h) => h.status === 'active' && h.events.includes(event) && (!h.filter.survey || h.filter.survey === response.survey) && (!h.filter.category || h.filter.category === category),
  );
}

/** A queued event: Standard Webhooks' {type, timestamp, data} shape, stored as the exact body. */
export function eventBody(event: WebhookEvent, now: number, data: Record<string, unknown>): string {
  return JSON.stringify({ type: event, timestamp: new Date(now).toISOString(), data });
}

/** One delivery row per webhook, in INSERT_DELIVERY's parameter order. */
export function deliveryValues(hook: WebhookRecord, event: WebhookEvent, body: string, now: number): (string | number)[] {
  return [randomId('msg_', 12), hook.siteId, 'webhook', hook.id, event, body, now, now];
}

export const INSERT_DELIVERY = 'INSERT INTO deliveries (id, site_id, channel, target, event, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** What the write path needs of a site to queue deliveries: its active webhooks, and whether it wants detractor alerts. */
export interface SiteOutbox {
  hooks: WebhookRecord[];
  alerts: boolean;
}

/** Each site's outbox, cached for a few seconds (another collector's new webhook is seen within that). */
export class OutboxCache {
  private readonly cache = new Map<string, { at: number; outbox: SiteOutbox }>();
  constructor(private readonly ttlMs = 5_000) {}
  get(siteId: string, now: number): SiteOutbox | undefined {
    const hit = this.cache.get(siteId);
    return hit && now - hit.at < this.ttlMs ? hit.outbox : undefined;
  }
  set(siteId: string, outbox: SiteOutbox, now: number): void {
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(siteId, { at: now, outbox });
  }
  forget(siteId: string): void {
    this.cache.delete(siteId);
  }
}

/** An e-mail queue per site: its alerts and digests go out in order. */
export const emailTarget = (siteId: string) => `email:${siteId}`;

/** One alert per response (the id is its key): queued again, it is ignored. */
export const alertId = (siteId: string, responseId: string) => `alert_${siteId}_${responseId}`;

/** Both engines' insert of a delivery that may already exist (an alert, a digest): `?` placeholders as INSERT_DELIVERY. */
export const INSERT_DELIVERY_ONCE = `${INSERT_DELIVERY} ON CONFLICT (id) DO NOTHING`;

/** Whether a site's stored notification settings ask for detractor alerts. */
export const wantsAlerts = (settings: string | undefined) => settings !== undefined && ((JSON.parse(settings) as { detractorAlerts?: { emails?: string[] } }).detractorAlerts?.emails?.length ?? 0) > 0;
