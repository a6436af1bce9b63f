// What both engines share about quotes: when an answer gives, changes or withdraws consent, and
// the statements that keep the quote in step with its response in the same transaction.
import type { IngestItem, TestimonialRecord } from './types';

/**
 * What the quote of a response becomes after an answer. Consent covers the wording it was given
 * with: a new wording is a new consent (time, sentence) and goes back to pending review, while
 * the same wording sent again keeps the owner's decision.
 */
export function quoteAction(merged: { consent: boolean | null; comment: string | null }, item: IngestItem): 'upsert' | 'delete' | 'none' {
  if (merged.consent === false || (merged.consent === true && merged.comment === null)) return 'delete';
  if (merged.consent === true && merged.comment !== null && (item.consent !== undefined || item.comment)) return 'upsert';
  return 'none';
}

/** Both engines' upsert, with `?` placeholders: response_id, site_id, survey_id, text, locale, consent_label, consented_at. */
export const UPSERT_QUOTE = `INSERT INTO testimonials (response_id, site_id, survey_id, text, locale, consent_label, consented_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (response_id) DO UPDATE SET
    consent_label = CASE WHEN testimonials.text = excluded.text THEN testimonials.consent_label ELSE excluded.consent_label END,
    consented_at = CASE WHEN testimonials.text = excluded.text THEN testimonials.consented_at ELSE excluded.consented_at END,
    status = CASE WHEN testimonials.text = excluded.text THEN testimonials.status ELSE 'pending' END,
    reviewed_at = CASE WHEN testimonials.text = excluded.text THEN testimonials.reviewed_at ELSE NULL END,
    reviewed_by = CASE WHEN testimonials.text = excluded.text THEN testimonials.reviewed_by ELSE NULL END,
    locale = excluded.locale,
    text = excluded.text`;

export const DELETE_QUOTE = 'DELETE FROM testimonials WHERE response_id = ?';

/** The consent sentence when the answer did not bring one (an older client): the built-in English. */
export const DEFAULT_CONSENT_LABEL = 'You may quote me';

/** The quote's list query (newest first), with `?` placeholders. */
export function quoteListQuery(siteId: string, q: { status?: string; surveyId?: string; locale?: string; limit: number }): { sql: string; params: (string | number)[] } {
  const where = ['t.site_id = ?'];
  const params: (string | number)[] = [siteId];
  if (q.status) (where.push('t.status = ?'), params.push(q.status));
  if (q.surveyId) (where.push('t.survey_id = ?'), params.push(q.surveyId));
  if (q.locale) (where.push("(lower(t.locale) = ? OR lower(t.locale) LIKE ? || '-%')"), params.push(q.locale.toLowerCase(), q.locale.toLowerCase()));
  return {
    sql: `SELECT t.*, r.nps, r.csat FROM testimonials t JOIN responses r ON r.id = t.response_id WHERE ${where.join(' AND ')} ORDER BY t.consented_at DESC, t.response_id LIMIT ?`,
    params: [...params, q.limit],
  };
}

export interface QuoteRow {
  response_id: string;
  survey_id: string;
  text: string;
  locale: string | null;
  consent_label: string;
  consented_at: number | string;
  nps: number | null;
  csat: number | null;
  status: TestimonialRecord['status'];
  display_name: string | null;
  reviewed_at: number | string | null;
  reviewed_by: string | null;
}

export const toQuote = (r: QuoteRow): TestimonialRecord => ({
  responseId: r.response_id,
  surveyId: r.survey_id,
  text: r.text,
  locale: r.locale,
  consentLabel: r.consent_label,
  consentedAt: Number(r.consented_at),
  nps: r.nps,
  csat: r.csat,
  status: r.status,
  displayName: r.display_name,
  reviewedAt: r.reviewed_at === null ? null : Number(r.reviewed_at),
  reviewedBy: r.reviewed_by,
});
