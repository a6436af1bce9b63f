// What stops a survey from being saved, in the owner's words: the field by the label it has on the
// screen, and what to do ("Name: required"), where zod would say `name: Too small: expected string
// to have >=1 characters`. The rules stay the shared schema's; only their wording is made here.
import type { MessageKey, T } from './i18n';

/** The parts of a zod issue the wording reads. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
}

const FIELDS: Record<string, MessageKey> = {
  name: 'surveyName',
  productName: 'productName',
  locale: 'surveyLocale',
  status: 'status',
  theme: 'brandColor',
  texts: 'textsTitle',
  cta: 'ctaTitle',
  trigger: 'trigger',
  delaySeconds: 'delaySeconds',
  scrollPercent: 'scrollPercent',
  position: 'position',
  samplePercent: 'samplePercent',
  resurveyDays: 'resurveyDays',
  urlPattern: 'urlPattern',
  excludeUrlPatterns: 'excludePatterns',
  url: 'ctaUrl',
  label: 'ctaLabel',
};

/** The field an issue is about, as labelled on the screen. */
function fieldOf(t: T, path: PropertyKey[]): string {
  const [head, index] = path;
  if (head === 'followUps' && typeof index === 'number') {
    const rest = path.slice(2);
    const part = rest[0] === 'options' && typeof rest[1] === 'number' ? ` · ${t('problemChoice', { n: rest[1] + 1 })}` : '';
    return `${t('problemQuestion', { n: index + 1 })}${part}`;
  }
  if (head === 'questions') return t('questions');
  // The last named part that has a label: display.samplePercent → "Visitors asked (%)".
  for (let i = path.length - 1; i >= 0; i--) {
    const key = FIELDS[String(path[i])];
    if (key) return t(key);
  }
  return t('survey');
}

/** One issue as a line: the field, then what is wrong with it. */
export function problemInWords(t: T, issue: Issue): string {
  const field = fieldOf(t, issue.path);
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  let what: string;
  if (issue.code === 'too_small' && issue.origin === 'string' && min === 1) what = t('problemRequired');
  else if (issue.code === 'too_small' && (issue.origin === 'object' || issue.origin === 'array') && min === 1) what = t('problemRequired');
  else if (issue.code === 'too_small') what = t('problemAtLeast', { n: min });
  else if (issue.code === 'too_big' && issue.origin === 'string') what = t('problemTooLong', { n: max });
  else if (issue.code === 'too_big') what = t('problemAtMost', { n: max });
  else if (issue.code === 'invalid_format' || issue.code === 'invalid_string') what = t('problemFormat');
  else what = issue.message;
  return t('problemLine', { field, what });
}
