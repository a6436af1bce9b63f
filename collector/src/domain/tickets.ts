// Support tickets: what a help desk's ticket is stored as (its topic, its business-hours times),
// and the metrics a period's counts and ranked durations add up to. No SQL here: the store counts
// and ranks (store/ticket-query.ts), this computes.
import {
  RATES_DEFINITIONS,
  benjaminiHochberg,
  csatFromDistribution,
  percent1,
  risingCountPValue,
  roundTo,
  type Interval,
  type TicketInput,
  type TicketMetrics,
} from '@plaudit/shared';
import { addDays, bucketStart, localDay, nextBucket } from '../lib/local-time';
import { localDayOf } from '../lib/zone-clock';
import type { TicketCounts, TicketMeasure, TicketItem } from '../store/types';
import { businessMs, type CompiledSchedule } from './business-hours';
import { analyzeComment, NEGATION, isLexiconPhrase } from './themes/analyze';

// ---------- a ticket as stored ----------

/**
 * Names a subject-only ticket's topic with the themes engine (domain/themes/analyze.ts): the
 * first theme key of the subject that is also a key of a topic the help desk uses (so "Where is
 * my delivery?" joins "delivery"), else the subject's first named phrase or word as written.
 */
export class TopicMatcher {
  private readonly byKey = new Map<string, string>();

  /** `topics`: the site's topics, most used first (the first to claim a key keeps it). */
  constructor(topics: readonly string[]) {
    for (const topic of topics) this.learn(topic);
  }

  learn(topic: string): void {
    for (const key of analyzeComment(topic).terms) if (!key.startsWith(NEGATION) && !this.byKey.has(key)) this.byKey.set(key, topic);
  }

  topicOf(subject: string): string | null {
    const { terms, forms } = analyzeComment(subject);
    for (const key of terms) {
      const known = this.byKey.get(key);
      if (known) return known;
    }
    const usable = terms.map((key, i) => ({ key, form: forms[i]! })).filter(({ key }) => !key.startsWith(NEGATION));
    const named = usable.find(({ key }) => key.includes(' ') && isLexiconPhrase(key)) ?? usable.find(({ key }) => !key.includes(' '));
    return named ? named.form : null;
  }
}

export interface TicketContext {
  timezone: string;
  /** The site's support schedule, when it has one. */
  schedule: CompiledSchedule | null;
  topics: TopicMatcher;
}

export function ticketItem(input: TicketInput, ctx: TicketContext): TicketItem {
  const openedAt = Date.parse(input.openedAt);
  const firstResponseAt = input.firstResponseAt === undefined ? null : Date.parse(input.firstResponseAt);
  const resolvedAt = input.resolvedAt === undefined ? null : Date.parse(input.resolvedAt);
  let topic: string | null = null;
  let topicSource: TicketItem['topicSource'] = null;
  if (input.topic) [topic, topicSource] = [input.topic, 'topic'];
  else if (input.tags?.length) [topic, topicSource] = [input.tags[0]!, 'tag'];
  else if (input.subject) {
    topic = ctx.topics.topicOf(input.subject);
    topicSource = topic === null ? null : 'subject';
  }
  const business = (end: number | null) => (ctx.schedule && end !== null ? businessMs(openedAt, end, ctx.schedule) : null);
  const openedDay = localDayOf(openedAt, ctx.timezone);
  return {
    id: input.id,
    customerId: input.customer ?? null,
    subject: input.subject || null,
    topic,
    topicSource,
    tags: input.tags ?? null,
    channel: input.channel ?? null,
    openedAt,
    openedDay,
    openedWeek: bucketStart(openedDay, 'week'),
    firstResponseAt,
    resolvedAt,
    reopenedCount: input.reopenedCount ?? 0,
    satisfaction: input.satisfaction ?? null,
    firstResponseBusinessMs: business(firstResponseAt),
    resolutionBusinessMs: business(resolvedAt),
  };
}

// ---------- metrics ----------

const HOUR_MS = 3_600_000;
const hours = (ms: number) => roundTo(ms / HOUR_MS, 2);
/** The percentiles the metrics give: the median and the 90th. */
export const TICKET_PERCENTILES = [0.5, 0.9] as const;

type Volume = Omit<TicketMetrics['totals'], 'groups'>;
type Hours = Volume['firstResponse']['calendar'];
type Counts = Omit<TicketCounts, 'start' | 'key' | 'whole'>;

const NO_TICKETS: Counts = {
  volume: 0,
  open: 0,
  awaiting: 0,
  resolved: 0,
  reopened: 0,
  measured: {
    first_response: { count: 0, sum: 0, percentiles: null },
    resolution: { count: 0, sum: 0, percentiles: null },
    first_response_business: { count: 0, sum: 0, percentiles: null },
    resolution_business: { count: 0, sum: 0, percentiles: null },
  },
  csat: [0, 0, 0, 0, 0],
};

function volumeOf(c: Counts, business: boolean): Volume {
  const stats = (m: TicketMeasure): Hours => {
    const { count, sum, percentiles } = c.measured[m];
    const [median, p90] = percentiles ?? [];
    return { count, median: median === undefined ? null : hours(median), p90: p90 === undefined ? null : hours(p90), mean: count ? hours(sum / count) : null };
  };
  return {
    volume: c.volume,
    open: c.open,
    awaitingFirstResponse: c.awaiting,
    resolved: c.resolved,
    reopened: c.reopened,
    reopenRate: percent1(c.reopened, c.resolved),
    firstResponse: { calendar: stats('first_response'), business: business ? stats('first_response_business') : null },
    resolution: { calendar: stats('resolution'), business: business ? stats('resolution_business') : null },
    csat: csatFromDistribution(c.csat),
  };
}

type Group = NonNullable<TicketMetrics['totals']['groups']>[number];

function groupsOf(rows: readonly TicketCounts[], business: boolean, customers: Map<string, number> | undefined): Group[] {
  return rows
    .filter((c) => !c.whole)
    .map((c): Group => {
      const group: Group = { key: c.key, ...volumeOf(c, business) };
      if (customers) {
        const n = c.key === null ? undefined : (customers.get(c.key) ?? 0);
        if (n !== undefined) Object.assign(group, { customers: n, ticketsPerCustomer: n ? roundTo(c.volume / n, 2) : null });
      }
      return group;
    })
    .sort((a, b) => b.volume - a.volume || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}

/** Days of the period starting at `start` up to `lastDay` (the ongoing period counts its days so far). */
function exposureDays(start: string, interval: Interval, lastDay: string): number {
  const end = nextBucket(start, interval);
  const until = addDays(lastDay, 1) < end ? addDays(lastDay, 1) : end;
  return Math.max(0, (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** Topics whose tickets grew beyond chance against the period before (see RATES_DEFINITIONS.risingTopic). */
export function risingTopics(counts: readonly { start: string; topic: string; count: number }[], start: string, previous: string, interval: Interval, lastDay: string): TicketMetrics['series'][number]['rising'] {
  const now = new Map<string, number>();
  const before = new Map<string, number>();
  for (const c of counts) {
    if (c.start === start) now.set(c.topic, c.count);
    else if (c.start === previous) before.set(c.topic, c.count);
  }
  const exposure = exposureDays(start, interval, lastDay);
  const previousExposure = exposureDays(previous, interval, lastDay);
  if (exposure === 0 || previousExposure === 0) return [];
  const topics = [...new Set([...now.keys(), ...before.keys()])];
  const tested = topics.map((topic) => {
    const count = now.get(topic) ?? 0;
    const prior = before.get(topic) ?? 0;
    return { topic, count, previous: prior, pValue: risingCountPValue(count, prior, exposure, previousExposure) };
  });
  const q = benjaminiHochberg(tested.map((t) => t.pValue));
  return tested
    .map((t, i) => ({ ...t, pValue: roundTo(t.pValue, 6), qValue: roundTo(q[i]!, 6), rawQ: q[i]! }))
    .filter((t) => t.rawQ < 0.05 && t.count / exposure > t.previous / previousExposure)
    .sort((a, b) => a.rawQ - b.rawQ || b.count - a.count || a.topic.localeCompare(b.topic))
    .map(({ rawQ: _, ...t }) => t);
}

export interface TicketMetricsInput {
  starts: string[];
  interval: Interval;
  /** The last day the ongoing period has had so far (the range's end, or today). */
  lastDay: string;
  grouped: boolean;
  business: boolean;
  /** The store's figures per period, and over the range (bucket 'range'). */
  series: TicketCounts[];
  totals: TicketCounts[];
  topicCounts: { start: string; topic: string; count: number }[];
  /** With groupBy nps: customers per category. */
  customers?: Map<string, number>;
}

/** A period's own figures: its row over every group when grouped, else its only row. */
const wholeOf = (rows: readonly TicketCounts[], grouped: boolean): Counts => rows.find((c) => c.whole === grouped) ?? NO_TICKETS;

export function ticketMetrics(input: TicketMetricsInput): Pick<TicketMetrics, 'series' | 'totals'> {
  const byStart = new Map<string, TicketCounts[]>();
  for (const c of input.series) byStart.set(c.start, [...(byStart.get(c.start) ?? []), c]);
  const series = input.starts.map((start) => {
    const rows = byStart.get(start) ?? [];
    return {
      start,
      ...volumeOf(wholeOf(rows, input.grouped), input.business),
      rising: risingTopics(input.topicCounts, start, previousStart(start, input.interval), input.interval, input.lastDay),
      ...(input.grouped && { groups: groupsOf(rows, input.business, input.customers) }),
    };
  });
  const totals = {
    ...volumeOf(wholeOf(input.totals, input.grouped), input.business),
    ...(input.grouped && { groups: groupsOf(input.totals, input.business, input.customers) }),
  };
  return { series, totals };
}

/** The start of the period before the one starting at `start`. */
export function previousStart(start: string, interval: Interval): string {
  if (interval === 'day') return addDays(start, -1);
  if (interval === 'week') return addDays(start, -7);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

export const TICKET_DEFINITIONS = {
  periods: 'Tickets belong to the period (day, ISO week from Monday, month) of the local day they were opened, in the site’s time zone; every figure of a period is about the tickets opened in it.',
  firstResponse: 'Zendesk’s first reply time: from opening to the first public reply of an agent, over the tickets that have one.',
  resolution: 'Zendesk’s full resolution time: from opening to the latest resolution (after any reopening), over the resolved tickets. Recent periods have open tickets, not yet counted.',
  businessHours:
    'Business hours follow Zendesk’s definition: only the time inside the support schedule’s weekly windows, in its time zone, holidays left out (a 09:00–17:00 day is 8 hours on the day clocks change too). Like Zendesk’s single-event metrics, a ticket’s business times are worked out when it is written, with the schedule in force then: send tickets again (an import is idempotent) after changing the schedule to recount them.',
  reopenRate: 'Resolved tickets reopened at least once ÷ resolved tickets × 100, one decimal.',
  csat: 'Satisfaction of a ticket: the latest CSAT answer of a link survey naming it in its `ticket` attribute (`a.ticket=<id>` on the survey link), else the help desk’s own rating; % of 4–5 answers with its Wilson interval.',
  topic: 'A ticket’s topic is its `topic`, else its first tag; with a subject only, the themes engine’s keys of the subject matched against the topics the help desk uses, else its first named phrase or word.',
  groupByNps: 'With groupBy=nps: tickets per NPS category of the customer’s latest answer up to `to` (null: no customer or no answer); ticketsPerCustomer = tickets ÷ customers of the category.',
  quantiles: RATES_DEFINITIONS.quantiles,
  risingTopic: `${RATES_DEFINITIONS.risingTopic} Whole periods are compared, the range’s first with the one before it; the ongoing period counts its days so far.`,
} as const;

/** Today's local day in a zone: the ongoing period's last day. */
export const today = (timezone: string) => localDay(Date.now(), timezone);
