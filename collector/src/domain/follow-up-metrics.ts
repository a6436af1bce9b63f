// How fast detractors are answered: from the answer to the first contact, over the detractors of a
// range. Pure: the route reads the delays (ms, ascending) and the detractors' count.
import { percent1, quantile } from '@plaudit/shared';

const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 100) / 100;

export function followUpMetrics(detractors: number, delaysMs: readonly number[]) {
  const within48h = delaysMs.filter((d) => d <= 48 * HOUR).length;
  return {
    detractors,
    contacted: delaysMs.length,
    contactedWithin48h: within48h,
    shareWithin48h: percent1(within48h, detractors),
    medianHoursToContact: delaysMs.length ? hours(quantile(delaysMs, 0.5)) : null,
    p90HoursToContact: delaysMs.length ? hours(quantile(delaysMs, 0.9)) : null,
  };
}

export const FOLLOW_UP_DEFINITIONS = {
  followUp:
    'Detractors (0–6) answering in the range; contacted: their follow-up moved to contacted or resolved at least once; time to contact: from the answer to that first move, median and 90th percentile in hours (linear interpolation between ranks); share within 48 hours over all the range’s detractors, contacted or not.',
} as const;
