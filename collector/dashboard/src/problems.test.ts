// The survey editor's reasons not to save, in words (problems.ts): each kind of schema issue, on
// the fields as the screen labels them, in both languages; and the real schema's issues through it.
import { describe, expect, it } from 'vitest';
import { SurveyCreateSchema } from '@plaudit/shared';
import { problemInWords, type Issue } from './problems';
import { translator } from './i18n';

const CASES: { lang: 'en' | 'fr'; issue: Issue; words: string }[] = [
  { lang: 'en', issue: { code: 'too_small', origin: 'string', minimum: 1, path: ['name'], message: 'Too small' }, words: 'Name: required' },
  { lang: 'fr', issue: { code: 'too_small', origin: 'string', minimum: 1, path: ['name'], message: 'Too small' }, words: 'Nom : à remplir' },
  { lang: 'en', issue: { code: 'too_big', origin: 'number', maximum: 100, path: ['display', 'samplePercent'], message: 'Too big' }, words: 'Visitors asked (%): at most 100' },
  { lang: 'en', issue: { code: 'too_big', origin: 'string', maximum: 300, path: ['followUps', 1, 'options', 0, 'label', 'en'], message: 'Too big' }, words: 'Follow-up question 2 · choice 1: at most 300 characters' },
  { lang: 'fr', issue: { code: 'too_small', origin: 'object', minimum: 1, path: ['followUps', 0, 'prompt'], message: 'Too small' }, words: 'Question de suivi 1 : à remplir' },
  { lang: 'en', issue: { code: 'invalid_format', path: ['cta', 'url'], message: 'Invalid URL' }, words: 'Link: not in the expected form' },
  { lang: 'en', issue: { code: 'custom', path: [], message: 'two questions share the id why' }, words: 'Survey: two questions share the id why' },
];

describe('problemInWords', () => {
  it.each(CASES)('$lang: $words', ({ lang, issue, words }) => {
    const { t } = translator(lang);
    expect(problemInWords(t, issue).replace(/\u202f/g, ' ')).toBe(words);
  });

  it('words what the shared schema says of a survey without a name', () => {
    const parsed = SurveyCreateSchema.safeParse({ name: '', questions: ['nps'] });
    expect(parsed.success).toBe(false);
    const { t } = translator('en');
    expect(parsed.error!.issues.map((i) => problemInWords(t, i))).toEqual(['Name: required']);
  });
});
