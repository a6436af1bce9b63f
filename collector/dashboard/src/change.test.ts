// The dashboard's sentence for a change (change.ts), in both languages: over time it
// goes up or down; between two groups at one time it is higher or lower, never "up".
import { describe, expect, it } from 'vitest';
import { changeInWords, type ChangeTest } from './change';
import { translator } from './i18n';

const real: ChangeTest = { difference: 6.04, pValue: 0.021, significant: true };
const chance: ChangeTest = { difference: -2.5, pValue: 0.4, significant: false };
const groups: ChangeTest = { difference: 36.94, pValue: 0.0001, significant: true };

const CASES: { lang: 'en' | 'fr'; test: ChangeTest; opts: Parameters<typeof changeInWords>[3]; words: string }[] = [
  { lang: 'en', test: real, opts: { lowSample: false, unit: 'points' }, words: 'up 6 points; likely real, p\u00a0=\u00a00.02' },
  { lang: 'en', test: chance, opts: { lowSample: true, unit: 'points' }, words: 'down 2.5 points; could be chance, p\u00a0=\u00a00.4 (fewer than 30 answers on a side: read with care)' },
  { lang: 'en', test: groups, opts: { lowSample: false, unit: 'pointsPct', between: 'groups' }, words: '36.9 percentage points higher; likely real, p\u00a0<\u00a00.001' },
  { lang: 'en', test: { difference: 0, pValue: 1, significant: false }, opts: { lowSample: false, unit: 'pointsPct', between: 'groups' }, words: 'the same; could be chance, p\u00a0=\u00a01' },
  { lang: 'en', test: { difference: null, pValue: null, significant: false }, opts: { lowSample: false, unit: 'points' }, words: 'no answers on one side to compare' },
  { lang: 'fr', test: real, opts: { lowSample: false, unit: 'points' }, words: 'en hausse de 6 points ; probablement réel, p\u00a0=\u00a00,02' },
  { lang: 'fr', test: { ...groups, difference: -36.94 }, opts: { lowSample: false, unit: 'pointsPct', between: 'groups' }, words: 'plus basse de 36,9 points de pourcentage ; probablement réel, p\u00a0<\u00a00,001' },
];

describe('changeInWords', () => {
  it.each(CASES)('$lang: $words', ({ lang, test, opts, words }) => {
    const { t, f } = translator(lang);
    expect(changeInWords(t, f, test, opts).replace(/\u202f/g, ' ')).toBe(words);
  });
});
