// A survey's results question by question, from the counted answers (store/follow-up-tally.ts):
// shares with Wilson intervals, the NPS and CSAT of those who chose each option, rating means
// with t intervals. Pure: the route reads, this computes.
import {
  STATISTICS_DEFINITIONS,
  csatFromDistribution,
  meanWithInterval,
  npsFromDistribution,
  percent1,
  wilsonInterval,
  type Cta,
  type FollowUpQuestion,
  type QuestionResult,
} from '@plaudit/shared';
import type { AnswerTally } from '../store/types';

/** NPS and CSAT answer counts of a group of answers. */
interface Scores {
  count: number;
  nps: number[];
  csat: number[];
}

const emptyScores = (): Scores => ({ count: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) });

function add(scores: Scores, row: AnswerTally): void {
  scores.count += row.count;
  if (row.nps !== null) scores.nps[row.nps]! += row.count;
  if (row.csat !== null) scores.csat[row.csat - 1]! += row.count;
}

const shareOf = (count: number, answered: number) => ({ count, share: percent1(count, answered), interval: wilsonInterval(count, answered) });

export function questionResults(questions: readonly FollowUpQuestion[], tallies: readonly AnswerTally[]): QuestionResult[] {
  const byQuestion = new Map<string, AnswerTally[]>();
  for (const row of tallies) byQuestion.set(row.question, [...(byQuestion.get(row.question) ?? []), row]);

  return questions.map((q) => {
    const rows = byQuestion.get(q.id) ?? [];
    const answered = rows.filter((r) => r.kind === 'answer').reduce((n, r) => n + r.count, 0);
    const choice = q.type === 'single' || q.type === 'multiple';

    const perOption = new Map<string, Scores>();
    let other = 0;
    const ratings = Array<number>(q.scale ?? 0).fill(0);
    let texts = 0;
    for (const row of rows) {
      if (row.kind === 'answer' && row.other) other += row.count;
      if (row.token.startsWith('choice:')) {
        // A single choice's answer row, or one option row of a multiple choice (whose answer row is `choices`).
        const id = row.token.slice('choice:'.length);
        const scores = perOption.get(id) ?? emptyScores();
        add(scores, row);
        perOption.set(id, scores);
      } else if (row.token.startsWith('rating:')) {
        const value = Number(row.token.slice('rating:'.length));
        if (value >= 1 && value <= ratings.length) ratings[value - 1]! += row.count;
      } else if (row.token === 'text') texts += row.count;
    }

    const options = (q.options ?? [])
      .map((o, index) => ({ o, index }))
      // Retired options after the live ones, each group in the survey's order.
      .sort((a, b) => Number(a.o.retired) - Number(b.o.retired) || a.index - b.index)
      .map(({ o }) => {
        const scores = perOption.get(o.id) ?? emptyScores();
        return { id: o.id, label: o.label, retired: o.retired, ...shareOf(scores.count, answered), nps: npsFromDistribution(scores.nps), csat: csatFromDistribution(scores.csat) };
      });

    return {
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      retired: q.retired,
      answered,
      options: choice ? options : [],
      other: choice && (q.other || other > 0) ? shareOf(other, answered) : null,
      rating: q.type === 'rating' ? { scale: ratings.length, ...meanWithInterval(ratings), distribution: ratings } : null,
      texts: q.type === 'text' ? texts : null,
    };
  });
}

export function ctaResult(cta: Cta | null, shown: number, clicked: number) {
  if (!cta) return null;
  return { kind: cta.kind, url: cta.url, shown, clicked, clickRate: percent1(clicked, shown), interval: shown >= clicked ? wilsonInterval(clicked, shown) : null };
}

export const RESULTS_DEFINITIONS = {
  share: 'Percent of the question’s answers that chose the option; in a multiple choice an answer can choose several, so shares add up to more than 100.',
  shareInterval: '95% Wilson score interval of the share.',
  optionNps: 'NPS (% promoters − % detractors) of the responses that chose the option, with its 95% adjusted-Wald interval: which answers go with happy or unhappy customers.',
  npsInterval: STATISTICS_DEFINITIONS.npsInterval,
  meanInterval: STATISTICS_DEFINITIONS.meanInterval,
  clickRate: 'Clicks on the promoters’ next step per promoter shown it, percent, with its Wilson interval. Counted by the widget’s events; not segmented.',
  retired: 'A question or option removed from the survey is kept, retired: no longer asked, its answers still counted under its id.',
} as const;
