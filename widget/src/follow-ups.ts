// Pure decisions of the follow-up questions and the promoters' next step: who is asked what, in
// which order the choices come, what a half-given answer sends, where the next step's link goes.
// No DOM here; the follow-up chunk (ui/follow-ups.tsx) renders what these decide.
import type { Cta, FollowUpAnswer, FollowUpQuestion, LocalizedText } from '@plaudit/shared';
import { fnv1a } from './eligibility';
import type { Answer } from './response';

/** `FOLLOW_UP_TEXT_CHARS` of the collector: the longest text or "Other" answer. */
export const FOLLOW_UP_TEXT_MAX = 500;

export type NpsGroup = NonNullable<NonNullable<FollowUpQuestion['shownTo']>['npsGroups']>[number];

/** The collector's npsCategory: 0–6 detractors, 7–8 passives, 9–10 promoters. */
export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/**
 * Whether the score qualifies the visitor for a question: everyone without `shownTo`; with it,
 * only an NPS in one of its groups and a CSAT in its range (both, when it names both).
 */
export function qualifies(question: FollowUpQuestion, answer: Answer): boolean {
  const { npsGroups, csat } = question.shownTo ?? {};
  return (
    (!npsGroups || (answer.nps !== undefined && npsGroups.includes(npsGroup(answer.nps)))) &&
    (!csat || (answer.csat !== undefined && answer.csat >= csat.min && answer.csat <= csat.max))
  );
}

/** The questions this visitor is asked after the score, in the survey's order. */
export function asked(questions: readonly FollowUpQuestion[] | undefined, answer: Answer): FollowUpQuestion[] {
  return (questions ?? []).filter((q) => qualifies(q, answer));
}

/** The text in the visitor's language: the exact tag, then the same language, then the first given. */
export function localized(text: LocalizedText | undefined, locale: string): string {
  const entries = Object.entries(text ?? {});
  const tag = locale.toLowerCase();
  const language = tag.split('-')[0];
  const found =
    entries.find(([key]) => key.toLowerCase() === tag) ??
    entries.find(([key]) => key.toLowerCase().split('-')[0] === language) ??
    entries[0];
  return found?.[1] ?? '';
}

/**
 * The choices in this visitor's own order when the question says `shuffle`: each option sorted by
 * a hash of visitor, question and option, so the order is the same on every page view and every
 * device with the same visitor id, independent across questions, and an option added later does
 * not move the others. "Other" is not an option here: it always comes last.
 */
export function ordered<T extends { id: string }>(options: readonly T[], question: FollowUpQuestion, visitor: string): T[] {
  if (!question.shuffle) return [...options];
  const rank = (option: T) => fnv1a(`${option.id}:${question.id}:${visitor}`);
  return [...options].sort((a, b) => rank(a) - rank(b));
}

/** What the visitor has picked or typed in a step, before it is sent. */
export interface Draft {
  /** Option ids, in the order they were picked; one at most for a single choice. */
  choices: string[];
  /** The "Other" text; undefined while "Other" is not picked. */
  other?: string | undefined;
  text?: string;
  rating?: number;
}

export const EMPTY_DRAFT: Draft = { choices: [] };

/**
 * The answer a draft makes, in the shape the collector takes for the question's type; undefined
 * while it is no answer yet (nothing picked, or "Other" picked with nothing said).
 */
export function answerOf(question: FollowUpQuestion, draft: Draft): FollowUpAnswer | undefined {
  const other = draft.other?.trim();
  switch (question.type) {
    case 'single':
      if (draft.other !== undefined) return other ? { other } : undefined;
      return draft.choices[0] ? { choice: draft.choices[0] } : undefined;
    case 'multiple':
      if (draft.other !== undefined && !other) return undefined;
      if (!draft.choices.length) return other ? { other } : undefined;
      return other ? { choices: draft.choices, other } : { choices: draft.choices };
    case 'text': {
      const text = draft.text?.trim();
      return text ? { text } : undefined;
    }
    case 'rating':
      return draft.rating ? { rating: draft.rating } : undefined;
  }
}

/** A choice picked or unpicked: a single choice keeps one (and drops "Other"), a multiple choice any. */
export function toggle(draft: Draft, question: FollowUpQuestion, option: string, on: boolean): Draft {
  if (question.type === 'single') return { ...draft, choices: [option], other: undefined };
  const choices = draft.choices.filter((c) => c !== option);
  return { ...draft, choices: on ? [...choices, option] : choices };
}

/** "Other" picked or unpicked: for a single choice, it takes the place of any option. */
export function toggleOther(draft: Draft, question: FollowUpQuestion, on: boolean): Draft {
  const other = on ? (draft.other ?? '') : undefined;
  return question.type === 'single' ? { ...draft, choices: [], other } : { ...draft, other };
}

/**
 * The promoters' next step, for these answers: only after an NPS of 9 or 10, only if the survey
 * has one, and only to an http(s) address (the collector allows no other; a link is never script).
 */
export function ctaFor(cta: Cta | null | undefined, answer: Answer): Cta | undefined {
  const promoter = answer.nps !== undefined && npsGroup(answer.nps) === 'promoter';
  return promoter && /^https?:\/\//i.test(String(cta?.url)) ? cta! : undefined;
}

/** Where the next step's link goes: a referral link carries the response id as `ref`. */
export function ctaHref(cta: Cta, response: string): string {
  if (cta.kind !== 'referral') return cta.url;
  try {
    const url = new URL(cta.url);
    url.searchParams.set('ref', response);
    return url.href;
  } catch {
    // Not a URL the browser can read: the link goes where the owner said, as it is.
    return cta.url;
  }
}
