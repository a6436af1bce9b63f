// Webhooks and the delivery queue on SQLite. Events are queued inside the batch that stores the
// answer (createEventQueue), so they commit, and are fsynced, with it.
import type { NotificationSettings, WebhookEvent } from '@plaudit/shared';
import { randomId } from '../../lib/keys';
import type { ResponseRow } from '../responses-shared';
import { toStored } from '../responses-shared';
import type { DeliveriesStore, NotificationsStore, WebhooksStore } from '../types';
import type { SiteOutbox } from '../webhook-record';
import { INSERT_DELIVERY, INSERT_DELIVERY_ONCE, OutboxCache, alertId, categoryOf, deliveryValues, emailTarget, wantsAlerts, eventBody, toAttempt, toDelivery, toWebhook, webhooksFor, type AttemptRow, type DeliveryRow, type WebhookRow } from '../webhook-record';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

export function createWebhooksRepository(db: Db, cache: OutboxCache): WebhooksStore {
  const insert = db.prepare(
    'INSERT INTO webhooks (id, site_id, url, events, filter, format, secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bySite = db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE site_id = ? ORDER BY created_at, id');
  const one = db.prepare<[string, string], WebhookRow>('SELECT * FROM webhooks WHERE id = ? AND site_id = ?');
  const anyOne = db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
  const update = db.prepare('UPDATE webhooks SET url = ?, events = ?, filter = ?, format = ?, status = ?, disabled_reason = ?, updated_at = ? WHERE id = ? AND site_id = ?');
  const remove = db.prepare('DELETE FROM webhooks WHERE id = ? AND site_id = ?');
  // Its queue goes with it.
  const removeQueue = db.prepare('DELETE FROM deliveries WHERE target = ?');
  const disable = db.prepare("UPDATE webhooks SET status = 'disabled', disabled_reason = ?, updated_at = ? WHERE id = ?");

  return {
    async create(siteId, input) {
      const now = Date.now();
      const id = randomId('wh_');
      insert.run(id, siteId, input.url, JSON.stringify(input.events), JSON.stringify(input.filter), input.format, input.secret, now, now);
      cache.forget(siteId);
      return toWebhook(one.get(id, siteId)!);
    },
    async list(siteId) {
      return bySite.all(siteId).map(toWebhook);
    },
    async get(siteId, id) {
      const row = siteId === undefined ? anyOne.get(id) : one.get(id, siteId);
      return row && toWebhook(row);
    },
    async update(siteId, id, patch) {
      const row = one.get(id, siteId);
      if (!row) return undefined;
      const current = toWebhook(row);
      const next = { ...current, ...patch };
      // Enabled again: the reason it was disabled no longer holds.
      const reason = next.status === 'active' ? null : current.disabledReason;
      update.run(next.url, JSON.stringify(next.events), JSON.stringify(next.filter), next.format, next.status, reason, Date.now(), id, siteId);
      cache.forget(siteId);
      return toWebhook(one.get(id, siteId)!);
    },
    async delete(siteId, id) {
      const removed = db.transaction(() => {
        if (remove.run(id, siteId).changes !== 1) return false;
        removeQueue.run(id);
        return true;
      })();
      cache.forget(siteId);
      return removed;
    },
    async disable(id, reason) {
      disable.run(reason, Date.now(), id);
      const row = anyOne.get(id);
      if (row) cache.forget(row.site_id);
    },
  };
}

/**
 * Queues a response's events to the webhooks that take them, and a detractor's alert e-mail, inside
 * the caller's batch; returns how many deliveries it queued.
 */
export function createEventQueue(db: Db, cache: OutboxCache) {
  const hooksOf = db.prepare<[string], WebhookRow>("SELECT * FROM webhooks WHERE site_id = ? AND status = 'active'");
  const settingsOf = db.prepare<[string], { settings: string }>('SELECT settings FROM site_notifications WHERE site_id = ?');
  const byId = db.prepare<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?');
  const insert = db.prepare(INSERT_DELIVERY);
  const insertOnce = db.prepare(INSERT_DELIVERY_ONCE);
  const outboxOf = (siteId: string, now: number): SiteOutbox => {
    let outbox = cache.get(siteId, now);
    if (!outbox) {
      outbox = { hooks: hooksOf.all(siteId).map(toWebhook), alerts: wantsAlerts(settingsOf.get(siteId)?.settings) };
      cache.set(siteId, outbox, now);
    }
    return outbox;
  };
  return function queue(siteId: string, responseId: string, events: WebhookEvent[], now: number, extra: Record<string, unknown> = {}): number {
    const { hooks, alerts } = outboxOf(siteId, now);
    if ((hooks.length === 0 && !alerts) || events.length === 0) return 0;
    const row = byId.get(responseId);
    if (!row) return 0;
    const response = toStored(row);
    let queued = 0;
    for (const event of events) {
      const targets = webhooksFor(hooks, event, response);
      if (targets.length === 0) continue;
      const body = eventBody(event, now, { site: siteId, response, ...extra });
      for (const hook of targets) insert.run(...deliveryValues(hook, event, body, now));
      queued += targets.length;
    }
    // One alert per detractor's answer, whatever else arrives for it later.
    if (alerts && !events.includes('followup.changed') && categoryOf(response.nps, response.csat) === 'detractor') {
      queued += insertOnce.run(alertId(siteId, responseId), siteId, 'email', emailTarget(siteId), 'alert.detractor', JSON.stringify({ kind: 'alert', responseId }), now, now).changes;
    }
    return queued;
  };
}

export type EventQueue = ReturnType<typeof createEventQueue>;

export function createDeliveriesRepository(db: Db, commits: GroupCommit): DeliveriesStore {
  const insertOnce = db.prepare(INSERT_DELIVERY_ONCE);
  // The head of each target's queue: its oldest pending delivery (the partial index holds only
  // pending ones), when due and not leased.
  const heads = db.prepare<[number, number, number], DeliveryRow & { seq: number }>(
    `SELECT d.* FROM deliveries d
     JOIN (SELECT min(seq) AS seq FROM deliveries WHERE status = 'pending' GROUP BY target) h ON h.seq = d.seq
     WHERE d.next_attempt_at <= ? AND (d.leased_until IS NULL OR d.leased_until < ?)
     ORDER BY d.next_attempt_at LIMIT ?`,
  );
  const lease = db.prepare('UPDATE deliveries SET leased_until = ? WHERE seq = ?');
  const addAttempt = db.prepare('INSERT INTO delivery_attempts (delivery_id, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)');
  const succeeded = db.prepare("UPDATE deliveries SET status = 'succeeded', attempts = attempts + 1, delivered_at = ?, leased_until = NULL WHERE id = ?");
  const again = db.prepare('UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, leased_until = NULL WHERE id = ?');
  const failed = db.prepare("UPDATE deliveries SET status = 'failed', attempts = attempts + 1, leased_until = NULL WHERE id = ?");
  const retry = db.prepare("UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, leased_until = NULL, delivered_at = NULL WHERE id = ? AND target = ? AND site_id = ?");
  const postpone = db.prepare('UPDATE deliveries SET next_attempt_at = ?, leased_until = NULL WHERE id = ?');
  const nextDue = db.prepare<[], { due: number | null }>("SELECT min(next_attempt_at) AS due FROM deliveries WHERE status = 'pending'");
  const attemptsOf = db.prepare<[string], AttemptRow>('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY seq');

  return {
    enqueue(item, now, id = randomId('msg_', 12)) {
      return commits.write(() => insertOnce.run(id, item.siteId, item.channel, item.target, item.event, item.payload, now, now).changes === 1);
    },
    claim(now, leaseMs, max) {
      return commits.write(() => {
        const due = heads.all(now, now, max);
        for (const d of due) lease.run(now + leaseMs, d.seq);
        return due.map(toDelivery);
      });
    },
    finish(id, attempt, next) {
      return commits.write(() => {
        addAttempt.run(id, attempt.at, attempt.statusCode, attempt.error, attempt.durationMs);
        if (next.status === 'succeeded') succeeded.run(attempt.at, id);
        else if (next.status === 'pending') again.run(next.nextAttemptAt, id);
        else failed.run(id);
      });
    },
    async list(siteId, target, q) {
      const where = ['site_id = ?', 'target = ?'];
      const params: (string | number)[] = [siteId, target];
      if (q.status) (where.push('status = ?'), params.push(q.status));
      const rows = db.prepare<(string | number)[], DeliveryRow>(`SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY created_at DESC, seq DESC LIMIT ?`).all(...params, q.limit);
      return rows.map((r) => ({ ...toDelivery(r), log: attemptsOf.all(r.id).map(toAttempt) }));
    },
    retry(siteId, target, id, now) {
      return commits.write(() => retry.run(now, id, target, siteId).changes === 1);
    },
    postpone(id, until) {
      return commits.write(() => {
        postpone.run(until, id);
      });
    },
    async nextDue() {
      return nextDue.get()?.due ?? undefined;
    },
  };
}

export function createNotificationsRepository(db: Db, cache: OutboxCache): NotificationsStore {
  const get = db.prepare<[string], { settings: string }>('SELECT settings FROM site_notifications WHERE site_id = ?');
  const set = db.prepare(
    'INSERT INTO site_notifications (site_id, settings, updated_at) VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at',
  );
  const all = db.prepare<[], { site_id: string; settings: string }>('SELECT site_id, settings FROM site_notifications');
  return {
    async get(siteId) {
      const row = get.get(siteId);
      return row ? (JSON.parse(row.settings) as NotificationSettings) : undefined;
    },
    async set(siteId, settings) {
      set.run(siteId, JSON.stringify(settings), Date.now());
      cache.forget(siteId);
    },
    async all() {
      return all.all().map((r) => ({ siteId: r.site_id, settings: JSON.parse(r.settings) as NotificationSettings }));
    },
  };
}
