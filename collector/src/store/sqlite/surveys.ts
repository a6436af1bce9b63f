import type { Display, QuestionType, SurveyCreate, SurveyPatch } from '@plaudit/shared';
import type { SurveyRecord, SurveyStatus, SurveysStore } from '../types';
import { newSurveyId } from '../../lib/keys';
import type { Db } from './database';

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

function toRecord(row: SurveyRow): SurveyRecord {
  return {
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createSurveysRepository(db: Db): SurveysStore {
  const insert = db.prepare(
    `INSERT INTO surveys (id, site_id, name, questions, product_name, locale, display, texts, theme, status, created_at, updated_at)
     VALUES (@id, @siteId, @name, @questions, @productName, @locale, @display, @texts, @theme, @status, @now, @now)`,
  );
  const byId = db.prepare<[string, string], SurveyRow>('SELECT * FROM surveys WHERE id = ? AND site_id = ?');
  const bySite = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE site_id = ? ORDER BY created_at, id');
  const activeBySite = db.prepare<[string], SurveyRow>(
    `SELECT * FROM surveys WHERE site_id = ? AND status = 'active' ORDER BY created_at, id`,
  );
  const siteOf = db.prepare<[string], { site_id: string }>('SELECT site_id FROM surveys WHERE id = ?');
  const update = db.prepare(
    `UPDATE surveys SET name = @name, questions = @questions, product_name = @productName, locale = @locale,
       display = @display, texts = @texts, theme = @theme, status = @status, updated_at = @now
     WHERE id = @id AND site_id = @siteId`,
  );

  // A survey never changes site, so its owner can be remembered for good (bounded in size).
  const ownerCache = new Map<string, string>();

  function write(record: SurveyRecord, now: number) {
    return {
      id: record.id,
      siteId: record.siteId,
      name: record.name,
      questions: JSON.stringify(record.questions),
      productName: record.productName,
      locale: record.locale,
      display: JSON.stringify(record.display),
      texts: JSON.stringify(record.texts),
      theme: JSON.stringify(record.theme),
      status: record.status,
      now,
    };
  }

  return {
    async create(siteId: string, input: SurveyCreate): Promise<SurveyRecord> {
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
      insert.run(write(record, now));
      return record;
    },

    async get(siteId: string, id: string): Promise<SurveyRecord | undefined> {
      const row = byId.get(id, siteId);
      return row && toRecord(row);
    },

    async list(siteId: string): Promise<SurveyRecord[]> {
      return bySite.all(siteId).map(toRecord);
    },

    async listActive(siteId: string): Promise<SurveyRecord[]> {
      return activeBySite.all(siteId).map(toRecord);
    },

    /** The site a survey belongs to, whatever its status. */
    async siteOf(surveyId: string): Promise<string | undefined> {
      const cached = ownerCache.get(surveyId);
      if (cached) return cached;
      const owner = siteOf.get(surveyId)?.site_id;
      if (owner) {
        if (ownerCache.size >= 100_000) ownerCache.clear();
        ownerCache.set(surveyId, owner);
      }
      return owner;
    },

    async update(siteId: string, id: string, patch: SurveyPatch): Promise<SurveyRecord | undefined> {
      const row = byId.get(id, siteId);
      if (!row) return undefined;
      const current = toRecord(row);
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
      update.run(write(next, Date.now()));
      return toRecord(byId.get(id, siteId)!);
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

