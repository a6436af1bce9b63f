// Quotes: the consent sentence a visitor saw, and a quote as a page may show it.
import { createHash } from 'node:crypto';
import { BUILT_IN_MESSAGES } from '@plaudit/shared/i18n';
import type { TestimonialRecord } from '../store/types';

/**
 * The consent sentence in the visitor's language, as the widget shows it: the survey's own text
 * for the exact tag, else for the language, else the built-in one (English for other languages).
 */
export function consentLabel(texts: Record<string, Record<string, string>>, locale: string | undefined): string {
  const tag = (locale ?? 'en').toLowerCase();
  const language = tag.split('-')[0]!;
  const own = (key: string) => Object.entries(texts).find(([k]) => k.toLowerCase() === key)?.[1]?.consent;
  return own(tag) ?? own(language) ?? (BUILT_IN_MESSAGES[language] ?? BUILT_IN_MESSAGES.en!).consent;
}

/** An approved quote as the public route gives it: no response id (it could rewrite the answer). */
export function publicQuote(q: TestimonialRecord) {
  return {
    id: `t_${createHash('sha256').update(q.responseId).digest('base64url').slice(0, 12)}`,
    text: q.text,
    displayName: q.displayName,
    locale: q.locale,
    nps: q.nps,
    csat: q.csat,
    date: new Date(q.consentedAt).toISOString().slice(0, 7),
  };
}
