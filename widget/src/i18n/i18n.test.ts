import { TEXT_KEYS } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import de from '@plaudit/shared/i18n/de';
import en from '@plaudit/shared/i18n/en';
import es from '@plaudit/shared/i18n/es';
import fr from '@plaudit/shared/i18n/fr';
import { FOLLOW_UP_MESSAGES } from '@plaudit/shared/i18n/follow-ups';
import { BUILT_IN_LOCALES, format, isRtl, loadTable, messagesFor, pickLocale } from './index';

const TABLES: Record<string, Record<string, string>> = { en, fr, es, de };
/** The texts a survey may override live in two tables: the follow-up steps' (their own chunk), and the score's. */
const FOLLOW_UP_KEYS = Object.keys(FOLLOW_UP_MESSAGES.en);
const SCORE_KEYS = TEXT_KEYS.filter((key) => !FOLLOW_UP_KEYS.includes(key));

describe('message tables', () => {
  it('exist for every built-in locale', () => {
    expect(Object.keys(TABLES).sort()).toEqual([...BUILT_IN_LOCALES].sort());
  });

  it('leave no text a survey may override without a built-in one: the follow-up table holds the rest', () => {
    expect(TEXT_KEYS).toEqual(expect.arrayContaining(FOLLOW_UP_KEYS));
  });

  it.each(Object.entries(TABLES))('%s has every text key of the score, non-empty, and nothing else', (_, table) => {
    expect(Object.keys(table).sort()).toEqual([...SCORE_KEYS].sort());
    for (const key of SCORE_KEYS) expect(table[key]!.trim()).not.toBe('');
  });

  it.each(Object.entries(TABLES))('%s puts {product} in the questions that name it', (_, table) => {
    expect(table.npsQuestion).toContain('{product}');
    expect(table.csatQuestion).toContain('{product}');
  });

  it.each(['fr', 'es', 'de'] as const)('%s is translated, not English', (locale) => {
    const same = SCORE_KEYS.filter((key) => TABLES[locale]![key] === TABLES.en![key]);
    expect(same).toEqual([]);
  });

  it('sets French question and exclamation marks and colons after a narrow no-break space', () => {
    for (const text of [...Object.values(fr), ...Object.values(FOLLOW_UP_MESSAGES.fr)]) {
      expect(text).not.toMatch(/[^\u202f][?!:]/);
      expect(text).not.toMatch(/'/); // typographic apostrophes only
    }
  });

  it.each(BUILT_IN_LOCALES)('loads the %s table on demand', async (locale) => {
    expect(await loadTable(locale)).toBe(TABLES[locale]);
  });

  it('loads English for a language without a table', async () => {
    expect(await loadTable('ar')).toBe(en);
  });
});

describe('the follow-up steps’ texts', () => {
  it('exist for every built-in locale, with the same texts, non-empty', () => {
    expect(Object.keys(FOLLOW_UP_MESSAGES).sort()).toEqual([...BUILT_IN_LOCALES].sort());
    for (const table of Object.values(FOLLOW_UP_MESSAGES)) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(FOLLOW_UP_MESSAGES.en).sort());
      for (const text of Object.values(table)) expect(text.trim()).not.toBe('');
    }
  });

  it.each(['fr', 'es', 'de'] as const)('%s is translated, not English', (locale) => {
    const table = FOLLOW_UP_MESSAGES[locale];
    expect(Object.entries(table).filter(([key, text]) => text === FOLLOW_UP_MESSAGES.en[key as keyof typeof table])).toEqual([]);
  });
});

describe('pickLocale', () => {
  it.each<[string, (string | null | undefined)[], Record<string, Record<string, string>>, string]>([
    ['data-locale first', ['fr', 'de', 'es'], {}, 'fr'],
    ['survey locale when data-locale is absent', [undefined, 'de', 'es'], {}, 'de'],
    ['browser languages next', [undefined, null, 'es-MX', 'fr'], {}, 'es-MX'],
    ['skips languages we cannot speak', [undefined, null, 'ja', 'zh-CN', 'de-AT'], {}, 'de-AT'],
    ['falls back to English', [undefined, null, 'ja'], {}, 'en'],
    ['nothing at all', [], {}, 'en'],
    ['a language the survey brings texts for', ['ar'], { ar: { npsQuestion: 'سؤال' } }, 'ar'],
    ['a regional tag of a language the survey brings', ['he-IL'], { he: { thanks: 'תודה' } }, 'he-IL'],
    ['ignores malformed tags', ['fr_FR!', 'de'], {}, 'de'],
  ])('%s', (_, candidates, texts, expected) => {
    expect(pickLocale(candidates, texts)).toBe(expected);
  });

  it('speaks the built-in languages when the texts are null', () => {
    expect(pickLocale(['de'], null as never)).toBe('de');
  });
});

describe('messagesFor', () => {
  it('uses the built-in table when the survey overrides nothing', () => {
    expect(messagesFor('fr', {}, fr)).toEqual(fr);
  });

  it('applies overrides for the language, then for the exact tag', () => {
    const texts = { fr: { submit: 'Valider', skip: 'Plus tard' }, 'fr-CA': { submit: 'Soumettre' } };
    const messages = messagesFor('fr-CA', texts, fr);
    expect(messages.submit).toBe('Soumettre');
    expect(messages.skip).toBe('Plus tard');
    expect(messages.thanks).toBe(fr.thanks);
  });

  it('matches override tags case-insensitively', () => {
    expect(messagesFor('pt-BR', { 'PT-br': { thanks: 'Obrigado!' } }, en).thanks).toBe('Obrigado!');
  });

  // The collector sends strings only; texts from anywhere else (an older or a foreign collector, a
  // proxy) must not reach the UI when they are not strings.
  it.each<[string, unknown]>([
    ['a number', { en: { thanks: 5 } }],
    ['null', { en: { thanks: null } }],
    ['an object', { en: { thanks: { text: 'Merci' } } }],
    ['an array', { en: { thanks: ['Merci'] } }],
    ['a boolean', { en: { thanks: true } }],
    ['a language whose texts are null', { en: null }],
    ['a language whose texts are a string', { en: 'Merci' }],
    ['texts that are null', null],
    ['texts that are a string', 'Merci'],
  ])('keeps the built-in text in place of %s', (_, texts) => {
    const messages = messagesFor('en', texts as never, en);
    expect(messages).toEqual(en);
  });

  it('keeps the string texts next to one that is not', () => {
    const messages = messagesFor('en', { en: { thanks: 5, submit: 'Go' } } as never, en);
    expect(messages).toEqual({ ...en, submit: 'Go' });
  });

  it('overrides the follow-up steps’ table the same way, and leaves their words out of the score’s', () => {
    const texts = { fr: { next: 'Continuer', skip: 'Plus tard' }, 'fr-CA': { other: 'Autre chose' } };
    expect(messagesFor('fr-CA', texts, FOLLOW_UP_MESSAGES.fr)).toEqual({ ...FOLLOW_UP_MESSAGES.fr, next: 'Continuer', other: 'Autre chose' });
    expect(messagesFor('fr-CA', texts, fr)).toEqual({ ...fr, skip: 'Plus tard' });
  });

  it('fills a partial foreign override with English', () => {
    const messages = messagesFor('ar', { ar: { npsQuestion: 'ما مدى احتمال أن توصي بـ {product}؟' } }, en);
    expect(messages.npsQuestion).toContain('توصي');
    expect(messages.submit).toBe(en.submit);
  });
});

describe('isRtl', () => {
  it.each([
    ['ar', true],
    ['ar-EG', true],
    ['he', true],
    ['fa-IR', true],
    ['ur', true],
    ['en', false],
    ['fr-CA', false],
    ['arn', false],
  ])('%s → %s', (locale, expected) => {
    expect(isRtl(locale)).toBe(expected);
  });
});

describe('format', () => {
  it('replaces every {product}', () => {
    expect(format('{product} and {product}', 'Acme')).toBe('Acme and Acme');
  });

  it('inserts the name literally, even with replacement patterns in it', () => {
    expect(format('Rate {product}', '$& $1 <b>')).toBe('Rate $& $1 <b>');
  });
});
