// The collector's storage, behind async repositories so another engine can stand in for SQLite.
import { openDatabase, type Db } from './database';
import { createContactsRepository } from './customer-contacts';
import { createEventsRepository } from './events-repository';
import { GroupCommit, type WriteHealth } from './group-commit';
import { createMetaRepository } from './meta-repository';
import { createMetricsRepository } from './metrics-repository';
import { createResponsesRepository } from './responses-repository';
import { createSitesRepository } from './sites-repository';
import { createSurveysRepository } from './surveys-repository';
import { SqliteThread } from './sqlite-thread';

export interface StoreOptions {
  /** How long a write may wait for the disk before it is refused (503). */
  writeTimeoutMs?: number;
  /** Told once when the write path starts failing and once when it recovers. */
  onHealth?: (health: WriteHealth) => void;
  /** How often the checkpointer copies the WAL into the database file. */
  checkpointEveryMs?: number;
}

export function createSqliteStore(file: string, options: StoreOptions = {}) {
  const db: Db = openDatabase(file);
  const commits = new GroupCommit(db, file, { writeTimeoutMs: options.writeTimeoutMs, onHealth: options.onHealth });
  // Reads whose cost grows with the data run on their own connection and thread; checkpoints
  // (which fsync the database file) on another, on a timer, so neither ever holds the event loop.
  const reader = new SqliteThread({ file, role: 'read' });
  const checkpointer = new SqliteThread({ file, role: 'checkpoint', checkpointEveryMs: options.checkpointEveryMs });
  void checkpointer.start().catch(() => {});
  return {
    db,
    sites: createSitesRepository(db),
    surveys: createSurveysRepository(db),
    responses: createResponsesRepository(db, commits, reader),
    events: createEventsRepository(db, commits),
    metrics: createMetricsRepository(reader),
    meta: createMetaRepository(db),
    contacts: createContactsRepository(db),
    commitStats: commits.stats,
    reader,
    /** The write path as the last write found it. */
    health: (): WriteHealth => commits.health,
    async close(): Promise<void> {
      await reader.close();
      await commits.close();
      await checkpointer.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createSqliteStore>;
