// An import on PostgreSQL: one transaction on a connection of its own, its rows sent a slice per
// statement. Nothing is visible before COMMIT, and a failure rolls back everything.
import { StoreError } from '../errors';
import { describeUnavailable, isUnavailable, type Client, type Pool } from './database';

export async function inTransaction(pool: Pool, work: (client: Client) => Promise<void>): Promise<void> {
  let client: Client | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client?.query('ROLLBACK').catch(() => {});
    if (isUnavailable(error)) throw new StoreError('unavailable', `the database cannot take writes now (${describeUnavailable(error)}); retry later`);
    throw error;
  } finally {
    client?.release();
  }
}

/** Sends `items` a slice at a time, in order, so later items win on the same id. */
export async function upsertSlices<T>(client: Client, items: readonly T[], slice: number, statement: (slice: readonly T[]) => { sql: string; params: unknown[] }): Promise<void> {
  for (let from = 0; from < items.length; from += slice) {
    const { sql, params } = statement(items.slice(from, from + slice));
    await client.query(sql, params);
  }
}
