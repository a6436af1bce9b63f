// The collector's storage, behind async repositories so another engine can stand in for SQLite.
import { openDatabase, type Db } from './database';
import { createEventsRepository } from './events-repository';
import { GroupCommit } from './group-commit';
import { createMetaRepository } from './meta-repository';
import { createMetricsRepository } from './metrics-repository';
import { createResponsesRepository } from './responses-repository';
import { createSitesRepository } from './sites-repository';
import { createSurveysRepository } from './surveys-repository';

export function createSqliteStore(file: string) {
  const db: Db = openDatabase(file);
  const commits = new GroupCommit(db, file);
  return {
    db,
    sites: createSitesRepository(db),
    surveys: createSurveysRepository(db),
    responses: createResponsesRepository(db, commits),
    events: createEventsRepository(db, commits),
    metrics: createMetricsRepository(db),
    meta: createMetaRepository(db),
    commitStats: commits.stats,
    async close(): Promise<void> {
      await commits.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createSqliteStore>;
