// Webhooks and the delivery queue on PostgreSQL (see ../sqlite/webhooks.ts). Collectors share the
// queue: a claim locks the head of each target's queue with FOR UPDATE SKIP LOCKED and leases it,
// so each delivery is attempted by one collector at a time, in order per target.
import type { NotificationSettings, WebhookEvent } from '@plaudit/shared';
import { randomId } from '../../lib/keys';
import { toStored, type ResponseRow } from '../responses-shared';
import type { DeliveriesStore, NotificationsStore, WebhooksStore } from '../types';
import type { SiteOutbox } from '../webhook-record';
import { INSERT_DELIVERY, INSERT_DELIVERY_ONCE, OutboxCache, alertId, categoryOf, deliveryValues, emailTarget, wantsAlerts, eventBody, toAttempt, toDelivery, toWebhook, webhooksFor, type AttemptRow, type DeliveryRow, type WebhookRow } from '../webhook-record';
import type { Batcher } from './batch';
import { holdsNul, numbered, read, type Client, type Pool } from './database';

export function createWebhooksRepository(pool: Pool, cache: OutboxCache): WebhooksStore {
  const rows = async (sql: string, params: unknown[]) => (holdsNul(params) ? [] : read(async () => (await pool.query<WebhookRow>(sql, params)).rows));
  return {
    async create(siteId, input) {
      const now = Date.now();
      const [row] = await rows(
        'INSERT INTO webhooks (id, site_id, url, events, filter, format, secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *',
        [randomId('wh_'), siteId, input.url, JSON.stringify(input.events), JSON.stringify(input.filter), input.format, input.secret, now],
      );
      cache.forget(siteId);
      return toWebhook(row!);
    },
    async list(siteId) {
      return (await rows('SELECT * FROM webhooks WHERE site_id = $1 ORDER BY created_at, id', [siteId])).map(toWebhook);
    },
    async get(siteId, id) {
      const [row] = siteId === undefined ? await rows('SELECT * FROM webhooks WHERE id = $1', [id]) : await rows('SELECT * FROM webhooks WHERE id = $1 AND site_id = $2', [id, siteId]);
      return row && toWebhook(row);
    },
    async update(siteId, id, patch) {
      const [row] = await rows('SELECT * FROM webhooks WHERE id = $1 AND site_id = $2', [id, siteId]);
      if (!row) return undefined;
      const current = toWebhook(row);
      const next = { ...current, ...patch };
      const reason = next.status === 'active' ? null : current.disabledReason;
      const [updated] = await rows(
        'UPDATE webhooks SET url = $3, events = $4, filter = $5, format = $6, status = $7, disabled_reason = $8, updated_at = $9 WHERE id = $1 AND site_id = $2 RETURNING *',
        [id, siteId, next.url, JSON.stringify(next.events), JSON.stringify(next.filter), next.format, next.status, reason, Date.now()],
      );
      cache.forget(siteId);
      return updated && toWebhook(updated);
    },
    async delete(siteId, id) {
      if (holdsNul([id])) return false;
      const removed = await read(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const gone = (await client.query('DELETE FROM webhooks WHERE id = $1 AND site_id = $2', [id, siteId])).rowCount === 1;
          if (gone) await client.query('DELETE FROM deliveries WHERE target = $1', [id]);
          await client.query('COMMIT');
          return gone;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      });
      cache.forget(siteId);
      return removed;
    },
    async disable(id, reason) {
      const [row] = await rows("UPDATE webhooks SET status = 'disabled', disabled_reason = $2, updated_at = $3 WHERE id = $1 RETURNING *", [id, reason, Date.now()]);
      if (row) cache.forget(row.site_id);
    },
  };
}

/** Queues a response's events to its webhooks, and a detractor's alert e-mail, inside the caller's transaction. */
export function createEventQueue(cache: OutboxCache) {
  return async function queue(client: Client, siteId: string, responseId: string, events: WebhookEvent[], now: number, extra: Record<string, unknown> = {}): Promise<number> {
    let outbox: SiteOutbox | undefined = cache.get(siteId, now);
    if (!outbox) {
      const hooks = (await client.query<WebhookRow>("SELECT * FROM webhooks WHERE site_id = $1 AND status = 'active'", [siteId])).rows.map(toWebhook);
      const settings = (await client.query<{ settings: string }>('SELECT settings FROM site_notifications WHERE site_id = $1', [siteId])).rows[0]?.settings;
      outbox = { hooks, alerts: wantsAlerts(settings) };
      cache.set(siteId, outbox, now);
    }
    const { hooks, alerts } = outbox;
    if ((hooks.length === 0 && !alerts) || events.length === 0) return 0;
    const row = (await client.query<ResponseRow>('SELECT * FROM responses WHERE id = $1', [responseId])).rows[0];
    if (!row) return 0;
    const response = toStored(row);
    let queued = 0;
    for (const event of events) {
      const targets = webhooksFor(hooks, event, response);
      if (targets.length === 0) continue;
      const body = eventBody(event, now, { site: siteId, response, ...extra });
      for (const hook of targets) await client.query(numbered(INSERT_DELIVERY), deliveryValues(hook, event, body, now));
      queued += targets.length;
    }
    if (alerts && !events.includes('followup.changed') && categoryOf(response.nps, response.csat) === 'detractor') {
      const inserted = await client.query(numbered(INSERT_DELIVERY_ONCE), [alertId(siteId, responseId), siteId, 'email', emailTarget(siteId), 'alert.detractor', JSON.stringify({ kind: 'alert', responseId }), now, now]);
      queued += inserted.rowCount ?? 0;
    }
    return queued;
  };
}

export type EventQueue = ReturnType<typeof createEventQueue>;

export function createDeliveriesRepository(pool: Pool, batcher: Batcher): DeliveriesStore {
  return {
    enqueue(item, now, id = randomId('msg_', 12)) {
      return batcher.write(async (client) => (await client.query(numbered(INSERT_DELIVERY_ONCE), [id, item.siteId, item.channel, item.target, item.event, item.payload, now, now])).rowCount === 1);
    },
    claim(now, leaseMs, max) {
      return batcher.write(async (client) => {
        const { rows } = await client.query<DeliveryRow>(
          `WITH heads AS (SELECT min(seq) AS seq FROM deliveries WHERE status = 'pending' GROUP BY target),
                due AS (SELECT d.seq FROM deliveries d JOIN heads h ON h.seq = d.seq
                        WHERE d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until < $1)
                        ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
           UPDATE deliveries SET leased_until = $2 FROM due WHERE deliveries.seq = due.seq RETURNING deliveries.*`,
          [now, now + leaseMs, max],
        );
        return rows.map(toDelivery);
      });
    },
    finish(id, attempt, next) {
      return batcher.write(async (client) => {
        await client.query('INSERT INTO delivery_attempts (delivery_id, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)', [id, attempt.at, attempt.statusCode, attempt.error, attempt.durationMs]);
        if (next.status === 'succeeded') await client.query("UPDATE deliveries SET status = 'succeeded', attempts = attempts + 1, delivered_at = $2, leased_until = NULL WHERE id = $1", [id, attempt.at]);
        else if (next.status === 'pending') await client.query('UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = $2, leased_until = NULL WHERE id = $1', [id, next.nextAttemptAt]);
        else await client.query("UPDATE deliveries SET status = 'failed', attempts = attempts + 1, leased_until = NULL WHERE id = $1", [id]);
      });
    },
    async list(siteId, target, q) {
      const where = ['site_id = $1', 'target = $2'];
      const params: (string | number)[] = [siteId, target];
      if (q.status) (params.push(q.status), where.push(`status = $${params.length}`));
      params.push(q.limit);
      return read(async () => {
        const rows = (await pool.query<DeliveryRow>(`SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY created_at DESC, seq DESC LIMIT $${params.length}`, params)).rows;
        const attempts = rows.length
          ? (await pool.query<AttemptRow>('SELECT * FROM delivery_attempts WHERE delivery_id = ANY($1) ORDER BY seq', [rows.map((r) => r.id)])).rows
          : [];
        return rows.map((r) => ({ ...toDelivery(r), log: attempts.filter((a) => a.delivery_id === r.id).map(toAttempt) }));
      });
    },
    async retry(siteId, target, id, now) {
      if (holdsNul([id, target])) return false;
      return batcher.write(
        async (client) =>
          (await client.query("UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, leased_until = NULL, delivered_at = NULL WHERE id = $2 AND target = $3 AND site_id = $4", [now, id, target, siteId]))
            .rowCount === 1,
      );
    },
    postpone(id, until) {
      return batcher.write(async (client) => {
        await client.query('UPDATE deliveries SET next_attempt_at = $2, leased_until = NULL WHERE id = $1', [id, until]);
      });
    },
    async nextDue() {
      const { rows } = await read(async () => pool.query<{ due: string | null }>("SELECT min(next_attempt_at) AS due FROM deliveries WHERE status = 'pending'"));
      return rows[0]?.due === null || rows[0] === undefined ? undefined : Number(rows[0].due);
    },
  };
}

export function createNotificationsRepository(pool: Pool, cache: OutboxCache): NotificationsStore {
  return {
    async get(siteId) {
      if (holdsNul([siteId])) return undefined;
      const row = (await read(async () => pool.query<{ settings: string }>('SELECT settings FROM site_notifications WHERE site_id = $1', [siteId]))).rows[0];
      return row ? (JSON.parse(row.settings) as NotificationSettings) : undefined;
    },
    async set(siteId, settings) {
      await read(async () =>
        pool.query(
          'INSERT INTO site_notifications (site_id, settings, updated_at) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at',
          [siteId, JSON.stringify(settings), Date.now()],
        ),
      );
      cache.forget(siteId);
    },
    async all() {
      const { rows } = await read(async () => pool.query<{ site_id: string; settings: string }>('SELECT site_id, settings FROM site_notifications'));
      return rows.map((r) => ({ siteId: r.site_id, settings: JSON.parse(r.settings) as NotificationSettings }));
    },
  };
}
