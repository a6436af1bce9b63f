// Locale choice and the survey's texts. Built-in tables cover en, fr, es, de, one chunk each so a
// visitor downloads only their own; a survey can bring texts for any other language (Arabic,
// Hebrew…) through its overrides, with English under them.
import type { PublicSurvey } from '@plaudit/shared';
import type { Messages } from '@plaudit/shared/i18n/messages';

export type { Messages } from '@plaudit/shared/i18n/messages';

// The tables live in shared/ (the collector writes pages and e-mails in the same words); each is
// still its own chunk here.
const TABLES: Readonly<Record<string, () => Promise<{ default: Messages }>>> = {
  en: () => import('@plaudit/shared/i18n/en'),
  fr: () => import('@plaudit/shared/i18n/fr'),
  es: () => import('@plaudit/shared/i18n/es'),
  de: () => import('@plaudit/shared/i18n/de'),
};

export const BUILT_IN_LOCALES = Object.keys(TABLES);

/** The collector's language tag shape (and its 35-character limit). */
export const LOCALE = /^(?=.{2,35}$)[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

const language = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** Arabic, Hebrew, Persian and Urdu. */
export function isRtl(locale: string): boolean {
  return /^(ar|he|fa|ur)(-|$)/i.test(locale);
}

/**
 * The first candidate whose language we can speak, from a built-in table or the survey's own
 * texts. Candidates come in order of authority: `data-locale`, the survey's locale, the browser's.
 */
export function pickLocale(candidates: readonly (string | null | undefined)[], texts: PublicSurvey['texts']): string {
  // Object(): texts that are not an object (see messagesFor) bring no language.
  const available = [...BUILT_IN_LOCALES, ...Object.keys(Object(texts)).map(language)];
  return candidates.find((c) => c && LOCALE.test(c) && available.includes(language(c))) ?? 'en';
}

/** The built-in table for the locale's language, English for any other. */
export function loadTable(locale: string): Promise<Messages> {
  return (TABLES[language(locale)] ?? TABLES.en!)().then((m) => m.default);
}

/**
 * The built-in table under the survey's overrides for the language, then for the exact tag. Only
 * strings for known texts count: the collector sends nothing else, but a number or a null (from an
 * older or a foreign collector, a proxy) would make the UI throw where the text is rendered.
 */
export function messagesFor(locale: string, texts: PublicSurvey['texts'], table: Messages): Messages {
  const overrides = (tag: string): Partial<Messages> => {
    // Object(): texts, or a language's, that are not an object override nothing.
    const found = Object.entries(Object(texts)).find(([key]) => key.toLowerCase() === tag)?.[1];
    return Object.fromEntries(Object.entries(Object(found)).filter(([key, text]) => typeof text == 'string' && key in table));
  };
  return { ...table, ...overrides(language(locale)), ...overrides(locale.toLowerCase()) };
}

export function format(text: string, product: string): string {
  return text.split('{product}').join(product);
}
