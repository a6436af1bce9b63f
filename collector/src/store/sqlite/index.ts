// The SQLite engine behind the storage boundary: one file, one write connection with group commit
// on the event loop's thread, readers and a checkpointer on threads of their own.
import type { Store, StoreOptions } from '../types';
import { createContactsRepository } from './contacts';
import { createDailyCounters } from './counters';
import { openDatabase, type Db } from './database';
import { createEventsRepository } from './events';
import { GroupCommit } from './group-commit';
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
import { SqliteReaders, SqliteThread } from './thread';
import { EVENT_COLUMNS, TICKET_COLUMNS, upsertClause } from '../customer-records';
import { createAtRiskRepository } from './at-risk';
import { createCustomersRepository } from './customers';
import { createEventWrites } from './event-writes';
import { ImportJobs } from './imports';
import { createTicketsRepository } from './tickets';

export interface SqliteStoreOptions extends StoreOptions {
  /** How often the checkpointer copies the WAL into the database file. */
  checkpointEveryMs?: number;
  /** Reader threads (2 by default: on two cores, a long read and the rest side by side). */
  readers?: number;
}

/** The store, and for the SQLite engine's own tests and tools its handles (never given to routes). */
export interface SqliteStore extends Store {
  engine: 'sqlite';
  internals: { db: Db; reader: SqliteReaders; commitStats: GroupCommit['stats'] };
}

export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const db: Db = openDatabase(file);
  const commits = new GroupCommit(db, file, { writeTimeoutMs: options.writeTimeoutMs, onHealth: options.onHealth });
  // Reads whose cost grows with the data run on connections and threads of their own; checkpoints
  // (which fsync the database file) on another, on a timer, so neither ever holds the event loop.
  const reader = new SqliteReaders(file, options.readers ?? 2);
  const checkpointer = new SqliteThread({ file, role: 'checkpoint', checkpointEveryMs: options.checkpointEveryMs });
  void checkpointer.start().catch(() => {});
  // Imports of customer events and tickets, staged and applied a slice at a time; a crash's are finished or dropped now.
  // Customer events are written with their chains (event-writes.ts), by a batch or an import's slice.
  const eventWrites = createEventWrites(db);
  const imports = new ImportJobs(db, commits, [
    { table: 'customer_events', columns: EVENT_COLUMNS, upsert: upsertClause(EVENT_COLUMNS), aroundSlice: eventWrites.aroundSlice },
    { table: 'tickets', columns: TICKET_COLUMNS, upsert: upsertClause(TICKET_COLUMNS) },
  ]);
  imports.recover();
  const addDaily = createDailyCounters(db, commits);
  const outboxCache = new OutboxCache();
  const queueEvents = createEventQueue(db, outboxCache);
  return {
    engine: 'sqlite',
    location: { sqlite: file },
    sites: createSitesRepository(db),
    surveys: createSurveysRepository(db),
    responses: createResponsesRepository(db, commits, reader, addDaily, queueEvents),
    events: createEventsRepository(db, commits, addDaily),
    customers: createCustomersRepository(commits, reader, imports, eventWrites),
    tickets: createTicketsRepository(db, commits, reader, imports),
    atRisk: createAtRiskRepository(reader, imports),
    metrics: createMetricsRepository(reader),
    meta: createMetaRepository(db),
    followUps: createFollowUpsRepository(reader),
    outreach: createOutreachRepository(db, commits, reader, queueEvents),
    webhooks: createWebhooksRepository(db, outboxCache),
    notifications: createNotificationsRepository(db, outboxCache),
    deliveries: createDeliveriesRepository(db, commits),
    testimonials: createTestimonialsRepository(db, commits, reader),
    accounts: createAccountsRepository(db),
    markers: createMarkersRepository(db),
    contacts: createContactsRepository(db),
    health: () => commits.health,
    internals: { db, reader, commitStats: commits.stats },
    async close(): Promise<void> {
      await imports.close();
      await reader.close();
      await commits.close();
      await checkpointer.close();
      db.close();
    },
  };
}
