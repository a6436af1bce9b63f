// The PostgreSQL engine behind the storage boundary, for deployments with several collectors:
// what they must share (sites, keys, surveys, answers, counters, queues) lives in the database;
// what stays per process (rate-limit counters, caches of keys and survey owners) is stated in the
// README. One pool per process; writes of concurrent requests are batched per process.
import type { Store, StoreOptions } from '../types';
import { Batcher } from './batch';
import { createContactsRepository } from './contacts';
import { createDailyCounters } from './counters';
import { createPool, migrate } from './database';
import { createEventsRepository } from './events';
import { createFollowUpsRepository } from './follow-ups';
import { createMarkersRepository } from './markers';
import { createOutreachRepository } from './outreach';
import { createTestimonialsRepository } from './testimonials';
import { createAccountsRepository } from './accounts';
import { createDeliveriesRepository, createEventQueue, createNotificationsRepository, createWebhooksRepository } from './webhooks';
import { OutboxCache } from '../webhook-record';
import { createMetaRepository } from './meta';
import { createMetricsRepository } from './metrics';
import { createResponsesRepository } from './responses';
import { createSitesRepository } from './sites';
import { createSurveysRepository } from './surveys';
import { createAtRiskRepository } from './at-risk';
import { createCustomersRepository } from './customers';
import { createTicketsRepository } from './tickets';

export interface PostgresStoreOptions extends StoreOptions {
  /** Connections in this process's pool. */
  poolSize?: number;
}

export async function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = createPool(url, options.poolSize);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const batcher = new Batcher(pool, { writeTimeoutMs: options.writeTimeoutMs, onHealth: options.onHealth });
  const addDaily = createDailyCounters(batcher);
  const outboxCache = new OutboxCache();
  const queueEvents = createEventQueue(outboxCache);
  return {
    engine: 'postgres',
    location: { postgres: url },
    sites: createSitesRepository(pool),
    surveys: createSurveysRepository(pool),
    responses: createResponsesRepository(pool, batcher, addDaily, queueEvents),
    events: createEventsRepository(batcher, addDaily),
    customers: createCustomersRepository(pool),
    tickets: createTicketsRepository(pool, batcher),
    atRisk: createAtRiskRepository(pool),
    metrics: createMetricsRepository(pool),
    meta: createMetaRepository(pool),
    followUps: createFollowUpsRepository(pool),
    outreach: createOutreachRepository(pool, batcher, queueEvents),
    webhooks: createWebhooksRepository(pool, outboxCache),
    notifications: createNotificationsRepository(pool, outboxCache),
    deliveries: createDeliveriesRepository(pool, batcher),
    testimonials: createTestimonialsRepository(pool, batcher),
    accounts: createAccountsRepository(pool),
    markers: createMarkersRepository(pool),
    contacts: createContactsRepository(pool),
    health: () => batcher.health,
    async close() {
      await batcher.close();
      await pool.end();
    },
  };
}
