// The hosted page: the collector's /s/:surveyId, which survey links and e-mail buttons open. Its
// script tag says what the link carried (`data-score`, `data-link`, `data-attributes`); the score
// of the button the customer clicked is answered the moment the page runs its scripts, so a mail
// scanner that only fetches the page records nothing.
import type { QuestionType } from '@plaudit/shared';

/** `data-score` when it answers the survey's first question (0–10 for NPS, 1–5 for CSAT), else undefined. */
export function presetScore(first: QuestionType | undefined, raw: string | undefined): number | undefined {
  const score = /^\d\d?$/.test(raw ?? '') ? Number(raw) : NaN;
  // NaN fails every comparison.
  return (first === 'nps' ? score <= 10 : first === 'csat' && score >= 1 && score <= 5) ? score : undefined;
}
