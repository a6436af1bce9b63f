// Churn from the billing events: each period's customers at its start, acquisitions, losses and
// the rates they make, and whether detractors leave more than promoters. The store counts state
// changes per period (store/churn-query.ts); this walks them in order and computes. No SQL here.
import {
  cents,
  churnRates,
  compareShares,
  npsCategory,
  percent1,
  wilsonInterval,
  type Churn,
  type CustomerEventInput,
} from '@plaudit/shared';
import { bucketStart } from '../lib/local-time';
import { localDayOf } from '../lib/zone-clock';
import type { ChurnBucketCounts, CustomerEventItem, NpsChurnCounts } from '../store/types';

export function eventItem(input: CustomerEventInput, timezone: string): CustomerEventItem {
  const at = Date.parse(input.at);
  const day = localDayOf(at, timezone);
  return { id: input.id, customerId: input.customer, type: input.type, at, day, week: bucketStart(day, 'week'), plan: input.plan ?? null, mrr: input.mrr ?? null };
}

type Period = Omit<Churn['series'][number], 'start'>;

const NONE: ChurnBucketCounts = { start: '', acquired: 0, reactivated: 0, lost: 0, net: 0, cohortLost: 0, mrrNet: 0, mrrLost: 0 };

/** A period's figures from its counts and the state at its start. */
function period(atStart: number, mrrAtStart: number, b: ChurnBucketCounts, hasMrr: boolean): Period {
  const retained = atStart - b.cohortLost;
  const mrr = hasMrr ? { mrrAtStart: cents(mrrAtStart), mrrLost: cents(b.mrrLost) } : {};
  const rates = churnRates({ customersAtStart: atStart, acquired: b.acquired, lost: b.lost, retained, ...mrr });
  return {
    customersAtStart: atStart,
    acquired: b.acquired,
    reactivated: b.reactivated,
    lost: b.lost,
    customersAtEnd: atStart + b.net,
    churnRate: rates.churnRate,
    lostPerAcquired: rates.lostPerAcquired,
    retentionRate: rates.retentionRate,
    ...(hasMrr && { ...mrr, mrrChurnRate: rates.mrrChurnRate ?? null }),
  };
}

/**
 * The series over `starts` (every period of the range, zero-filled) from the store's periods,
 * oldest first: those before the range make the state at its start.
 */
export function churnSeries(buckets: readonly ChurnBucketCounts[], starts: readonly string[], hasMrr: boolean): Churn['series'] {
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  let customers = 0;
  let mrr = 0;
  const first = starts[0];
  for (const b of buckets) {
    if (first !== undefined && b.start !== '' && b.start >= first) break;
    customers += b.net;
    mrr += b.mrrNet;
  }
  return starts.map((start) => {
    const b = byStart.get(start) ?? NONE;
    const p = period(customers, mrr, b, hasMrr);
    customers += b.net;
    mrr += b.mrrNet;
    return { start, ...p };
  });
}

/** The whole range as one period, from the store's 'range' periods ('' base, '0' before, the range, '~' after). */
export function churnTotals(buckets: readonly ChurnBucketCounts[], hasMrr: boolean): Period {
  let customers = 0;
  let mrr = 0;
  let range = NONE;
  for (const b of buckets) {
    if (b.start === '' || b.start === '0') {
      customers += b.net;
      mrr += b.mrrNet;
    } else if (b.start !== '~') range = b;
  }
  return period(customers, mrr, range, hasMrr);
}

export function npsChurn(counts: readonly NpsChurnCounts[], days: number, unmatched: number): NonNullable<Churn['byNps']> {
  const sums = { detractor: { customers: 0, left: 0, pending: 0 }, passive: { customers: 0, left: 0, pending: 0 }, promoter: { customers: 0, left: 0, pending: 0 } };
  for (const c of counts) {
    const s = sums[npsCategory(c.nps)];
    s.customers += c.customers;
    s.left += c.left;
    s.pending += c.pending;
  }
  const groups = (['detractor', 'passive', 'promoter'] as const).map((category) => {
    const s = sums[category];
    return { category, customers: s.customers, left: s.left, share: percent1(s.left, s.customers), interval: wilsonInterval(s.left, s.customers), pending: s.pending };
  });
  const d = sums.detractor;
  const p = sums.promoter;
  return { days, groups, detractorsVsPromoters: compareShares({ successes: d.left, n: d.customers }, { successes: p.left, n: p.customers }), unmatched };
}

export const CHURN_DEFINITIONS = {
  customers:
    'Each customer’s events are read in time order (a loss after an acquisition at the same instant): active after `acquired` or `reactivated`, inactive after `lost`. Counts are changes of that state, as Stripe counts churn: an event that changes nothing (`acquired` while active, `lost` while lost) counts nowhere. A customer whose first event is a loss was active before the data began.',
  acquired: 'Customers who became active in the period; a reactivated customer counts as acquired again (`reactivated` says how many of them had been customers before).',
  lost: 'Customers who stopped being active in the period. A customer acquired and lost within the same period counts in both `acquired` and `lost`, as Stripe and Baremetrics count them.',
  churnRate: 'Customers lost during the period ÷ customers active at its start × 100, one decimal (Baremetrics’ user churn, the standard customer churn rate); null when the period starts with no customer. Losses of customers acquired in the period count, so a small base can show more than 100. Stripe divides by the customers at the start plus those acquired in the period instead: lost ÷ (customersAtStart + acquired).',
  lostPerAcquired: 'Customers lost ÷ customers acquired in the period × 100: the handbook’s figure, a loss-to-acquisition ratio rather than a rate (over 100 when the base shrinks); null when nobody was acquired.',
  retentionRate: 'Customers active at the start of the period and active at its end ÷ customers at the start × 100: the starting cohort’s retention. A customer lost and reactivated within the period counts as kept; losses of customers acquired in the period do not count, so it is not 100 − churnRate.',
  mrrChurnRate:
    'When events carry `mrr`: MRR lost ÷ MRR of the customers active at the start × 100 (revenue churn from cancellations, as Baremetrics and Stripe define it; plan changes are not events here, so contraction is not counted). A customer’s MRR is that of the event that made them active; a loss takes what they paid (the loss’s own `mrr` when nothing earlier says).',
  days: 'Days are local to the site’s time zone when the event was stored; periods start on the day, the Monday of the ISO week, or the 1st of the month.',
  byNps:
    'For each customer who answered the NPS question in the range while active, their latest such answer; share of them lost within `days` of it, per category, with 95% Wilson intervals and a two-proportion z test of detractors against promoters. Customers still inside their window and not lost yet are `pending`, not counted.',
} as const;
