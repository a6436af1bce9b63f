// A change between two periods in words a manager reads at a glance: which way, by how much, and
// whether it is likely real ("up 6 points; likely real, p = 0.02"). The figures are the API's
// (metrics/compare and markers' impact); nothing is computed here but the wording.
import type { Formats, T } from './i18n';

export interface ChangeTest {
  difference: number | null;
  pValue: number | null;
  significant: boolean;
}

/**
 * `between: 'groups'` words a difference between two groups at the same time (detractors' churn
 * against promoters'): higher or lower, where a change over time goes up or down.
 */
export function changeInWords(t: T, f: Formats, test: ChangeTest, opts: { lowSample: boolean; unit: 'points' | 'pointsPct'; between?: 'periods' | 'groups' }): string {
  if (test.difference === null) return t('changeNoData');
  const size = f.num(Math.abs(test.difference), 1);
  const unit = t(opts.unit === 'points' ? 'unitPoints' : 'unitPercentPoints');
  const [up, down, same] = opts.between === 'groups' ? (['groupHigher', 'groupLower', 'groupSame'] as const) : (['changeUp', 'changeDown', 'changeFlat'] as const);
  const direction = test.difference > 0 ? t(up, { n: size, unit }) : test.difference < 0 ? t(down, { n: size, unit }) : t(same);
  const verdict = test.pValue === null ? '' : `${t(test.significant ? 'changeReal' : 'changeChance')}, ${f.pValue(test.pValue)}`;
  const parts = [direction, verdict].filter(Boolean);
  let text = parts.join(t('changeSeparator'));
  if (opts.lowSample) text += ` ${t('changeLowSample')}`;
  return text;
}
