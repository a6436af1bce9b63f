// Copies a SQLite deployment into PostgreSQL: every table in dependency order, in pages keyed by
// primary key, each page one transaction that also records how far the copy got, so an interrupted
// copy resumes where it stopped and never writes a row twice (inserts skip rows already there).
// Then checks it: row counts per table and every site's metrics, read through both engines' stores.
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite';
import { createPostgresStore } from '../../src/store/postgres';
import { createPool, migrate, type Pool } from '../../src/store/postgres/database';

interface Table {
  name: string;
  /** Primary key columns, in key order: pages resume after the last key copied. */
  key: string[];
  /** Columns whose SQLite integers are PostgreSQL booleans. */
  booleans?: string[];
}

/** Parents before children; counters last. */
export const TABLES: Table[] = [
  { name: 'meta', key: ['key'] },
  { name: 'sites', key: ['id'] },
  { name: 'site_origins', key: ['origin', 'site_id'] },
  { name: 'surveys', key: ['id'] },
  { name: 'responses', key: ['seq'], booleans: ['consent'] },
  { name: 'daily_rollups', key: ['survey_id', 'day'] },
  { name: 'segment_values', key: ['site_id', 'attribute', 'value'] },
  { name: 'segment_rollups', key: ['site_id', 'attribute', 'day', 'value', 'survey_id'] },
  { name: 'customer_contacts', key: ['site_id', 'customer_key', 'survey_id'] },
  { name: 'markers', key: ['id'] },
  { name: 'follow_up_log', key: ['seq'] },
  { name: 'testimonials', key: ['response_id'] },
  { name: 'webhooks', key: ['id'] },
  { name: 'deliveries', key: ['seq'] },
  { name: 'delivery_attempts', key: ['seq'] },
  { name: 'site_notifications', key: ['site_id'] },
  { name: 'users', key: ['id'], booleans: ['instance_owner'] },
  { name: 'sessions', key: ['token_hash'] },
  { name: 'memberships', key: ['site_id', 'user_id'] },
  { name: 'invites', key: ['token_hash'] },
  { name: 'customer_events', key: ['site_id', 'id'] },
  { name: 'tickets', key: ['site_id', 'id'] },
  { name: 'ticket_schedules', key: ['site_id'] },
  { name: 'import_jobs', key: ['id'] },
  { name: 'import_rows', key: ['job_id', 'n'] },
];

export interface CopyReport {
  tables: { name: string; source: number; target: number; copiedNow: number }[];
  sitesChecked: number;
  ok: boolean;
  problems: string[];
}

const PROGRESS = (table: string) => `copy_progress:${table}`;

export async function copySqliteToPostgres(
  from: string,
  to: string,
  options: { pageSize?: number; log?: (line: string) => void } = {},
): Promise<CopyReport> {
  const pageSize = options.pageSize ?? 5_000;
  const log = options.log ?? (() => {});
  // The source is opened as a collector would (migrated to this version), then read only.
  await createSqliteStore(from).close();
  const source = new Database(from, { readonly: true, fileMustExist: true });
  const pool: Pool = createPool(to, 4);
  const report: CopyReport = { tables: [], sitesChecked: 0, ok: true, problems: [] };
  try {
    await migrate(pool);
    for (const table of TABLES) {
      const copiedNow = await copyTable(source, pool, table, pageSize, log);
      const sourceCount = (source.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n;
      const targetCount = Number((await pool.query(`SELECT count(*) AS n FROM ${table.name}`)).rows[0].n);
      report.tables.push({ name: table.name, source: sourceCount, target: targetCount, copiedNow });
      // meta also holds the copy's own progress rows.
      const extra = table.name === 'meta' ? Number((await pool.query("SELECT count(*) AS n FROM meta WHERE key LIKE 'copy\\_progress:%'")).rows[0].n) : 0;
      if (targetCount - extra !== sourceCount && !(table.name === 'meta' && targetCount - extra >= sourceCount)) {
        report.problems.push(`${table.name}: ${sourceCount} rows in SQLite, ${targetCount - extra} in PostgreSQL`);
      }
    }
    // BIGSERIAL continues after the copied sequence numbers, so new answers list after old ones.
    // Serial columns copied with their values: their sequences continue after the largest.
    for (const table of ['responses', 'follow_up_log', 'deliveries', 'delivery_attempts']) {
      await pool.query(`SELECT setval(pg_get_serial_sequence('${table}', 'seq'), greatest((SELECT coalesce(max(seq), 0) FROM ${table}), 1))`);
    }
    await checkMetrics(from, to, report, log);
  } finally {
    source.close();
    await pool.end();
  }
  report.ok = report.problems.length === 0;
  return report;
}

async function copyTable(source: Database.Database, pool: Pool, table: Table, pageSize: number, log: (line: string) => void): Promise<number> {
  const progress = await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [PROGRESS(table.name)]);
  let after: unknown[] | undefined = progress.rows[0] ? (JSON.parse(progress.rows[0].value) as unknown[]) : undefined;
  const columns = (source.prepare(`SELECT * FROM ${table.name} LIMIT 0`).columns() as { name: string }[]).map((c) => c.name);
  const keyList = table.key.join(', ');
  const keyPlaceholders = table.key.map(() => '?').join(', ');
  const first = source.prepare(`SELECT * FROM ${table.name} ORDER BY ${keyList} LIMIT ?`);
  const next = source.prepare(`SELECT * FROM ${table.name} WHERE (${keyList}) > (${keyPlaceholders}) ORDER BY ${keyList} LIMIT ?`);
  let copied = 0;
  for (;;) {
    const rows = (after ? next.all(...after, pageSize) : first.all(pageSize)) as Record<string, unknown>[];
    if (rows.length === 0) break;
    const last = rows.at(-1)!;
    // One parameter per page, whatever its size: the rows as JSON, typed by the table's own row type.
    const page = JSON.stringify(rows.map((row) => (table.booleans ? { ...row, ...Object.fromEntries(table.booleans.map((c) => [c, row[c] === null ? null : row[c] === 1])) } : row)));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // A page and its progress commit together, so a crash loses both or neither: the copy need
      // not wait for each commit to reach the disk (the next run redoes what was lost).
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query(
        `INSERT INTO ${table.name} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(null::${table.name}, $1) ON CONFLICT DO NOTHING`,
        [page],
      );
      after = table.key.map((k) => last[k]);
      await client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [PROGRESS(table.name), JSON.stringify(after)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    copied += rows.length;
    log(`${table.name}: ${copied} rows copied in this run`);
  }
  return copied;
}

/** Every site's metrics, all time by month and segmented by each attribute, read through both stores. */
async function checkMetrics(from: string, to: string, report: CopyReport, log: (line: string) => void): Promise<void> {
  const sqlite = createSqliteStore(from);
  const postgres = await createPostgresStore(to);
  try {
    const source = new Database(from, { readonly: true });
    const sites = source.prepare('SELECT id FROM sites').pluck().all() as string[];
    const attributes = source.prepare('SELECT DISTINCT site_id, attribute FROM segment_values').all() as { site_id: string; attribute: string }[];
    source.close();
    for (const siteId of sites) {
      const [a, b] = await Promise.all([sqlite.metrics.buckets({ siteId, interval: 'month' }), postgres.metrics.buckets({ siteId, interval: 'month' })]);
      if (JSON.stringify(a) !== JSON.stringify(b)) report.problems.push(`site ${siteId}: monthly metrics differ`);
      for (const { attribute } of attributes.filter((x) => x.site_id === siteId)) {
        const [sa, sb] = await Promise.all([sqlite.metrics.segments({ siteId, attribute }), postgres.metrics.segments({ siteId, attribute })]);
        if (JSON.stringify(sa) !== JSON.stringify(sb)) report.problems.push(`site ${siteId}: metrics segmented by ${attribute} differ`);
      }
      report.sitesChecked++;
    }
    log(`metrics of ${report.sitesChecked} sites compared`);
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}
