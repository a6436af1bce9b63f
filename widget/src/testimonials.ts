// Approved quotes on the owner's pages (`<div data-plaudit-testimonials>`), the decisions: what to
// ask the collector for, which answers to trust, in which language to speak around the quotes.
// The drawing is ui/testimonials.ts, in a chunk of its own.
import { language, LOCALE } from './i18n/tags';

/** Where a page wants its quotes; the loader looks for it. */
export const QUOTES_PLACE = '[data-plaudit-testimonials]';

/** `limit` of GET v1/testimonials: at most this many (PublicTestimonialsQuerySchema, pinned by a test). */
export const LIMIT_MAX = 20;

/** The placeholder's attributes (its `dataset`). */
export interface QuotesPlace {
  limit?: string | undefined;
  survey?: string | undefined;
  locale?: string | undefined;
}

/**
 * GET v1/testimonials for one placeholder. A limit past the collector's is brought down to it, and
 * one that is not a positive number left to the collector's default (3). The survey and locale go
 * as written: one the collector refuses shows nothing rather than quotes the owner did not ask for.
 */
export function quotesUrl(base: string, key: string, place: QuotesPlace): string {
  const query = new URLSearchParams({ key });
  const limit = Math.min(parseInt(place.limit ?? ''), LIMIT_MAX);
  if (limit > 0) query.set('limit', String(limit));
  if (place.survey) query.set('survey', place.survey);
  if (place.locale) query.set('locale', place.locale);
  return `${base}v1/testimonials?${query}`;
}

export interface Quote {
  text: string;
  /** The first name or initials the customer chose; null for none. */
  displayName: string | null;
  /** The language they answered in. */
  locale: string | null;
  /** The month it was given, `YYYY-MM`; null when the collector sent none. */
  date: string | null;
}

const text = (value: unknown) => (typeof value == 'string' && value.trim() ? value : null);

/**
 * The quotes of the collector's answer, each field checked: an answer from anything else (a proxy's
 * error page, an older collector) shows nothing, and a bad field is left out rather than shown.
 */
export function quotesOf(body: unknown): Quote[] {
  const items: unknown = (body as { items?: unknown } | null)?.items;
  return (Array.isArray(items) ? items : []).flatMap((item: Record<string, unknown> | null) => {
    const quote = text(item?.text);
    if (!quote) return [];
    const locale = text(item!.locale);
    const date = text(item!.date);
    return [{ text: quote, displayName: text(item!.displayName), locale: locale && LOCALE.test(locale) ? locale : null, date: date && /^\d{4}-(0[1-9]|1[0-2])$/.test(date) ? date : null }];
  });
}

/** The language around the quotes: the first well-formed tag of those given, in order of authority. */
export function pickTag(candidates: readonly (string | null | undefined)[]): string {
  return candidates.find((c) => c && LOCALE.test(c)) ?? 'en';
}

/** The region's name when the page gives none, per language (English for the others). */
export const QUOTES_LABEL: Readonly<Record<string, string>> = {
  en: 'What customers say',
  fr: 'Ce que disent nos clients',
  es: 'Lo que dicen nuestros clientes',
  de: 'Was unsere Kunden sagen',
};

export const labelFor = (tag: string) => QUOTES_LABEL[language(tag)] ?? QUOTES_LABEL.en!;

/** "November 2026" in the page's language; the tag as written when the browser cannot format it. */
export function monthOf(date: string, tag: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  try {
    return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1));
  } catch {
    // A well-formed tag Intl still refuses (a lone singleton such as en-x).
    return date;
  }
}
