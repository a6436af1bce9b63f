// What both engines share about surveys: the row as stored, a new survey, and how an edit applies
// to the stored one (follow-up questions an edit leaves out are retired, never dropped).
import { retireRemoved, type Cta, type Display, type FollowUpQuestion, type QuestionType, type SurveyCreate, type SurveyPatch } from '@plaudit/shared';
import { newSurveyId } from '../lib/keys';
import { StoreError } from './errors';
import type { SurveyRecord, SurveyStatus } from './types';

/** A surveys row; PostgreSQL hands BIGINT columns back as strings. */
export interface SurveyRow {
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
  follow_ups: string;
  cta: string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** Every column but the timestamps, in this order in INSERT and UPDATE statements. */
export const SURVEY_COLUMNS = ['id', 'site_id', 'name', 'questions', 'product_name', 'locale', 'display', 'texts', 'theme', 'status', 'follow_ups', 'cta'] as const;

export function surveyFromRow(row: SurveyRow): SurveyRecord {
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
    followUps: JSON.parse(row.follow_ups) as FollowUpQuestion[],
    cta: row.cta === null ? null : (JSON.parse(row.cta) as Cta),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The values of SURVEY_COLUMNS for a record. */
export function surveyValues(r: SurveyRecord): (string | null)[] {
  return [
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
    JSON.stringify(r.followUps),
    r.cta === null ? null : JSON.stringify(r.cta),
  ];
}

export function newSurvey(siteId: string, input: SurveyCreate, now: number): SurveyRecord {
  return {
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
    followUps: input.followUps,
    cta: input.cta,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The survey after an edit: fields not sent are kept, and so are `display` fields not named. A
 * follow-up question or option the edit leaves out is kept, retired. Throws StoreError('invalid')
 * when the edit gives an existing question id another type.
 */
export function patchedSurvey(current: SurveyRecord, patch: SurveyPatch): SurveyRecord {
  let followUps = current.followUps;
  if (patch.followUps) {
    const merged = retireRemoved(current.followUps, patch.followUps);
    if (merged.problem) throw new StoreError('invalid', merged.problem);
    followUps = merged.questions;
  }
  return {
    ...current,
    name: patch.name ?? current.name,
    questions: patch.questions ?? current.questions,
    productName: patch.productName === undefined ? current.productName : patch.productName,
    locale: patch.locale === undefined ? current.locale : patch.locale,
    display: { ...current.display, ...stripUndefined(patch.display ?? {}) },
    texts: (patch.texts as Record<string, Record<string, string>> | undefined) ?? current.texts,
    theme: patch.theme ?? current.theme,
    status: patch.status ?? current.status,
    followUps,
    cta: patch.cta === undefined ? current.cta : patch.cta,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
