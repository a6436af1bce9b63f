// Builds a real collector on a real database (a SQLite file, or a PostgreSQL schema when the suite
// runs on PostgreSQL: see test-database.ts), driven with inject().
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../src/app';
import { createSqliteStore, type SqliteStore } from '../src/store/sqlite';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN_TOKEN = 'adm_test_token_0123456789';

export interface TestApp {
  app: FastifyInstance;
  /** The test's own folder. */
  dir: string;
  /** The database, for reading what was stored. */
  db: TestDatabase;
  close: () => Promise<void>;
}

export async function buildTestApp(overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await buildApp({ ...db.location, adminToken: ADMIN_TOKEN, rateLimit: 0, ...overrides });
  await app.ready();
  return {
    app,
    dir: db.dir,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A collector on SQLite whose store's own handles the test keeps (query plans, connections). */
export async function buildSqliteTestApp(overrides: Partial<AppOptions> = {}): Promise<TestApp & { store: SqliteStore }> {
  const db = await createTestDatabase('sqlite');
  const store = createSqliteStore((db.location as { dbPath: string }).dbPath);
  const app = await buildApp({ store, adminToken: ADMIN_TOKEN, rateLimit: 0, ...overrides });
  await app.ready();
  return { app, dir: db.dir, db, store, close: async () => (await app.close(), await db.close()) };
}

/** A new collector on the same database, as after a restart; the old one is closed. */
export async function restartTestApp(t: TestApp, overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  await t.app.close();
  const app = await buildApp({ ...t.db.location, adminToken: ADMIN_TOKEN, rateLimit: 0, ...overrides });
  await app.ready();
  return { ...t, app, close: async () => (await app.close(), await t.db.close()) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface TestSite {
  id: string;
  publicKey: string;
  secretKey: string;
  origins: string[];
  timezone: string;
}

export async function createSite(
  app: FastifyInstance,
  body: { name?: string; origins?: string[]; timezone?: string } = {},
): Promise<TestSite> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/sites',
    headers: bearer(ADMIN_TOKEN),
    payload: { name: 'Shop', origins: ['https://shop.example'], ...body },
  });
  if (res.statusCode !== 201) throw new Error(`createSite: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function createSurvey(
  app: FastifyInstance,
  site: TestSite,
  body: Record<string, unknown> = {},
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/sites/${site.id}/surveys`,
    headers: bearer(site.secretKey),
    payload: { name: 'NPS', questions: ['nps', 'csat', 'comment'], ...body },
  });
  if (res.statusCode !== 201) throw new Error(`createSurvey: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function answer(site: TestSite, survey: { id: string }, fields: Record<string, unknown> = {}) {
  return { id: randomUUID(), key: site.publicKey, survey: survey.id, ...fields };
}

export function postResponses(
  app: FastifyInstance,
  payload: unknown,
  opts: { contentType?: string; origin?: string; raw?: string } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
  if (opts.origin) headers.origin = opts.origin;
  const request: InjectOptions = {
    method: 'POST',
    url: '/v1/responses',
    headers,
    payload: opts.raw ?? JSON.stringify(payload),
  };
  return app.inject(request);
}

export async function countRows(t: TestApp, table: 'responses' | 'sites' | 'surveys' | 'daily_rollups') {
  const [row] = await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  if (res.statusCode !== status) throw new Error(`expected ${status} ${code}, got ${res.statusCode} ${res.body}`);
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  if (body.error?.code !== code || typeof body.error.message !== 'string' || body.error.message === '') {
    throw new Error(`expected error code ${code} with a message, got ${res.body}`);
  }
}

/** Stores an answer as if it had arrived at `at`, through the same repository the route uses. */
export async function seedAnswer(
  app: FastifyInstance,
  site: TestSite,
  surveyId: string,
  at: string,
  fields: { nps?: number; csat?: number; comment?: string; customer?: { id?: string }; attributes?: Record<string, string | number | boolean> } = {},
): Promise<string> {
  const { localDay } = await import('../src/lib/local-time');
  const now = Date.parse(at);
  const id = randomUUID();
  const [outcome] = await app.store.responses.ingest([
    { id, siteId: site.id, surveyId, day: localDay(now, site.timezone), now, ...fields },
  ]);
  if (!outcome?.ok) throw new Error('seedAnswer failed');
  return id;
}
