// Locale choice and the survey's texts. Built-in tables cover en, fr, es, de, one chunk each so a
// visitor downloads only their own; a survey can bring texts for any other language (Arabic,
// Hebrew…) through its overrides, with English under them.
import type { PublicSurvey, TextKey } from '@plaudit/shared';
import type { FollowUpMessages } from '@plaudit/shared/i18n/follow-ups';
import { language, LOCALE } from './tags';

/**
 * The score's texts, one table per language: every text a survey may override but the follow-up
 * steps' words, which have tables of their own in the follow-up chunk.
 */
export type Messages = Record<Exclude<TextKey, keyof FollowUpMessages>, string>;

// The tables live in shared/ (the collector writes pages and e-mails in the same words); each is
// still its own chunk here.
const TABLES: Readonly<Record<string, () => Promise<{ default: Messages }>>> = {
  en: () => import('@plaudit/shared/i18n/en'),
  fr: () => import('@plaudit/shared/i18n/fr'),
  es: () => import('@plaudit/shared/i18n/es'),
  de: () => import('@plaudit/shared/i18n/de'),
};

export const BUILT_IN_LOCALES = Object.keys(TABLES);

export { isRtl, LOCALE } from './tags';

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
 * A built-in table (the score's, or the follow-up steps' in their own chunk) under the survey's
 * overrides for the language, then for the exact tag. Only strings for the table's own texts count:
 * the collector sends nothing else, but a number or a null (from an older or a foreign collector, a
 * proxy) would make the UI throw where the text is rendered.
 */
export function messagesFor<T extends object>(locale: string, texts: PublicSurvey['texts'] | undefined, table: T): T {
  const overrides = (tag: string): Partial<T> => {
    // Object(): texts, or a language's, that are not an object override nothing.
    const found = Object.entries(Object(texts)).find(([key]) => key.toLowerCase() === tag)?.[1];
    return Object.fromEntries(Object.entries(Object(found)).filter(([key, text]) => typeof text == 'string' && key in table)) as Partial<T>;
  };
  return { ...table, ...overrides(language(locale)), ...overrides(locale.toLowerCase()) };
}

export function format(text: string, product: string): string {
  return text.split('{product}').join(product);
}
