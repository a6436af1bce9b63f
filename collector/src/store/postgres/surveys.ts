// Surveys on PostgreSQL.
import type { Display, QuestionType, SurveyCreate, SurveyPatch } from '@plaudit/shared';
import { newSurveyId } from '../../lib/keys';
import type { SurveyRecord, SurveyStatus, SurveysStore } from '../types';
import { holdsNul, read, type Pool } from './database';

interface SurveyRow {
  id: string;
  site_id: string;
  name: string;
  questions: string;
  product_name: string | null;
  locale: string | null;
  display: string;
  texts: string;
  theme: string;
  status: SurveyStatus;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: SurveyRow): SurveyRecord => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  questions: JSON.parse(row.questions) as QuestionType[],
  productName: row.product_name,
  locale: row.locale,
  display: JSON.parse(row.display) as Display,
  texts: JSON.parse(row.texts) as Record<string, Record<string, string>>,
  theme: JSON.parse(row.theme) as { brandColor?: string },
  status: row.status,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const values = (r: SurveyRecord) => [
  r.id,
  r.siteId,
  r.name,
  JSON.stringify(r.questions),
  r.productName,
  r.locale,
  JSON.stringify(r.display),
  JSON.stringify(r.texts),
  JSON.stringify(r.theme),
  r.status,
];

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createSurveysRepository(pool: Pool): SurveysStore {
  const rows = async (sql: string, params: unknown[]) => (holdsNul(params) ? [] : read(async () => (await pool.query<SurveyRow>(sql, params)).rows));
  // A survey never changes site, so its owner can be remembered for good (bounded in size).
  const ownerCache = new Map<string, string>();

  async function get(siteId: string, id: string) {
    const [row] = await rows('SELECT * FROM surveys WHERE id = $1 AND site_id = $2', [id, siteId]);
    return row && toRecord(row);
  }

  return {
    async create(siteId: string, input: SurveyCreate) {
      const now = Date.now();
      const record: SurveyRecord = {
        id: newSurveyId(),
        siteId,
        name: input.name,
        questions: input.questions,
        productName: input.productName ?? null,
        locale: input.locale ?? null,
        display: input.display,
        texts: input.texts as Record<string, Record<string, string>>,
        theme: input.theme,
        status: input.status,
        createdAt: now,
        updatedAt: now,
      };
      await read(() =>
        pool.query(
          `INSERT INTO surveys (id, site_id, name, questions, product_name, locale, display, texts, theme, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
          [...values(record), now],
        ),
      );
      return record;
    },
    get,
    async list(siteId) {
      return (await rows('SELECT * FROM surveys WHERE site_id = $1 ORDER BY created_at, id', [siteId])).map(toRecord);
    },
    async listActive(siteId) {
      return (await rows("SELECT * FROM surveys WHERE site_id = $1 AND status = 'active' ORDER BY created_at, id", [siteId])).map(toRecord);
    },
    async siteOf(surveyId) {
      const cached = ownerCache.get(surveyId);
      if (cached) return cached;
      if (holdsNul([surveyId])) return undefined;
      const owner = (await read(async () => (await pool.query<{ site_id: string }>('SELECT site_id FROM surveys WHERE id = $1', [surveyId])).rows[0]))?.site_id;
      if (owner) {
        if (ownerCache.size >= 100_000) ownerCache.clear();
        ownerCache.set(surveyId, owner);
      }
      return owner;
    },
    async update(siteId, id, patch: SurveyPatch) {
      const current = await get(siteId, id);
      if (!current) return undefined;
      const next: SurveyRecord = {
        ...current,
        name: patch.name ?? current.name,
        questions: patch.questions ?? current.questions,
        productName: patch.productName === undefined ? current.productName : patch.productName,
        locale: patch.locale === undefined ? current.locale : patch.locale,
        display: { ...current.display, ...stripUndefined(patch.display ?? {}) },
        texts: (patch.texts as Record<string, Record<string, string>> | undefined) ?? current.texts,
        theme: patch.theme ?? current.theme,
        status: patch.status ?? current.status,
      };
      const [row] = await rows(
        `UPDATE surveys SET name = $3, questions = $4, product_name = $5, locale = $6, display = $7, texts = $8, theme = $9, status = $10, updated_at = $11
         WHERE id = $1 AND site_id = $2 RETURNING *`,
        [...values(next), Date.now()],
      );
      return row && toRecord(row);
    },
  };
}
