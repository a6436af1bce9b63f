// Locale choice and the survey's texts. Built-in tables cover en, fr, es, de; a survey can bring
// texts for any other language (Arabic, Hebrew…) through its overrides, missing keys falling back
// to English.
import type { PublicSurvey } from '@plaudit/shared';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import type { Messages } from './messages';
import { fr } from './fr';

export type { Messages } from './messages';

export const MESSAGES: Readonly<Record<string, Messages>> = { en, fr, es, de };

const RTL_LANGUAGES = ['ar', 'he', 'fa', 'ur'];

const language = (tag: string) => tag.split('-')[0]!.toLowerCase();

export function isRtl(locale: string): boolean {
  return RTL_LANGUAGES.includes(language(locale));
}

/**
 * The first candidate whose language we can speak, from a built-in table or the survey's own
 * texts. Candidates come in order of authority: `data-locale`, the survey's locale, the browser's.
 */
export function pickLocale(candidates: readonly (string | null | undefined)[], texts: PublicSurvey['texts']): string {
  const available = new Set([...Object.keys(MESSAGES), ...Object.keys(texts).map(language)]);
  for (const candidate of candidates) {
    if (candidate && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(candidate) && available.has(language(candidate))) {
      return candidate;
    }
  }
  return 'en';
}

/** English, under the built-in table of the language, under the survey's overrides (language, then exact tag). */
export function messagesFor(locale: string, texts: PublicSurvey['texts']): Messages {
  const lang = language(locale);
  const overrides = (tag: string) =>
    Object.entries(texts).find(([key]) => key.toLowerCase() === tag)?.[1] as Partial<Messages> | undefined;
  return { ...en, ...MESSAGES[lang], ...overrides(lang), ...overrides(locale.toLowerCase()) };
}

export function format(text: string, product: string): string {
  return text.split('{product}').join(product);
}
