// The seeded shop's customers as its billing system and help desk would see them, told from the
// answers already seeded: each customer is acquired before their first answer; detractors leave
// more often, within weeks of their last answer, promoters seldom; some come back. Tickets come
// before answers: a bad score often follows a delivery ticket answered slowly, a good one seldom
// follows any; the rest are spread over the customers' time with the shop, and the carrier's
// meltdown (see answers.ts) floods the help desk with delivery tickets.
import type { CustomerEventInput, TicketInput, TicketSchedule } from '@plaudit/shared';
import { npsCategory } from '@plaudit/shared';
import { addBusinessMs, compileSchedule } from '../../src/domain/business-hours';
import { eventItem } from '../../src/domain/churn';
import { TopicMatcher, ticketItem } from '../../src/domain/tickets';
import type { CustomerEventItem, TicketItem } from '../../src/store/types';
import { WeightedChoice, type Prng } from './prng';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const SEED_SCHEDULE = (timezone: string): TicketSchedule => {
  const day = [{ from: '09:00', to: '18:00' }];
  return { timezone, week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ from: '10:00', to: '13:00' }], sun: [] }, holidays: [] };
};

type Topic = 'delivery' | 'returns' | 'billing' | 'product' | 'account';
const PLANS = new WeightedChoice<['free' | 'pro' | 'business', number]>([[['free', 0], 55], [['pro', 12], 33], [['business', 39], 12]]);
const CHANNELS = new WeightedChoice<string>([['email', 55], ['chat', 30], ['phone', 15]]);
/** Topics of the ticket that comes before an answer, by the answer's category. */
const BEFORE_ANSWER: Record<'detractor' | 'passive' | 'promoter', { chance: number; topics: WeightedChoice<Topic> }> = {
  detractor: { chance: 0.5, topics: new WeightedChoice<Topic>([['delivery', 60], ['returns', 15], ['product', 15], ['billing', 10]]) },
  passive: { chance: 0.2, topics: new WeightedChoice<Topic>([['delivery', 35], ['billing', 25], ['product', 25], ['returns', 15]]) },
  promoter: { chance: 0.08, topics: new WeightedChoice<Topic>([['product', 50], ['account', 25], ['billing', 25]]) },
};
const ANY_TIME = new WeightedChoice<Topic>([['product', 30], ['billing', 20], ['returns', 20], ['delivery', 20], ['account', 10]]);
/** Leaving within 90 days of the last answer, by its category; and over the whole period without one. */
const LEAVES = { detractor: 0.35, passive: 0.15, promoter: 0.05, silent: 0.2 };
const SUBJECTS: Record<Topic, string[]> = {
  delivery: ['My delivery is late', 'Delivery not received', 'Where is my delivery?', 'Late delivery again'],
  returns: ['Return label missing', 'How do I return an item?', 'Return not refunded yet'],
  billing: ['Billing error on my invoice', 'Charged twice, billing problem', 'Billing address change'],
  product: ['Product arrived broken', 'Question about a product', 'Product size advice'],
  account: ['Account locked', 'Cannot log in to my account', 'Delete my account'],
};

export interface CustomerPlan {
  timezone: string;
  /** The first day's start and the last day's end, ms. */
  start: number;
  end: number;
  /** Customers cus_1 … cus_N. */
  customers: number;
  tickets: number;
  /** Each identified customer's NPS answers, oldest first. */
  answers: Map<string, { at: number; nps: number }[]>;
  /** The carrier's meltdown, as a share of the period (answers.ts). */
  incident: { from: number; to: number };
}

/** Where the generated events and tickets go, as they are made (a few hundred thousand of them). */
export interface CustomerSink {
  event(item: CustomerEventItem): void;
  ticket(item: TicketItem): void;
}

/** Generates the customers' events and tickets into `sink`; returns how many of each. */
export function generateCustomers(plan: CustomerPlan, rng: Prng, sink: CustomerSink): { events: number; tickets: number } {
  const span = plan.end - plan.start;
  const ctx = { timezone: plan.timezone, schedule: compileSchedule(SEED_SCHEDULE(plan.timezone)), topics: new TopicMatcher(['delivery', 'returns', 'billing', 'product', 'account']) };
  let eventCount = 0;
  let ticketCount = 0;
  const events = { push: (e: CustomerEventInput) => (eventCount++, sink.event(eventItem(e, plan.timezone))) };
  const tickets = { push: (t: TicketInput) => (ticketCount++, sink.ticket(ticketItem(t, ctx))) };
  /** Where each customer is active, for tickets at any time. */
  const active: { customer: string; from: number; to: number }[] = [];
  let eventId = 0;
  let ticketId = 100_000;
  const clamp = (t: number) => Math.min(plan.end - 1, Math.max(plan.start - 365 * DAY, t));
  const iso = (t: number) => new Date(t).toISOString();

  const ticket = (customer: string, opened: number, topic: Topic, slow: number, unhappy: boolean) => {
    // Agents reply during the support's hours: the delay is business time (a median near 2 hours).
    const firstResponse = addBusinessMs(opened, Math.exp(Math.log(2) + 0.9 * rng.normal()) * HOUR * slow * (topic === 'delivery' ? 1.5 : 1), ctx.schedule)!;
    const resolved = firstResponse + Math.exp(Math.log(18) + rng.normal()) * HOUR;
    const recent = plan.end - opened < 3 * DAY;
    const answered = firstResponse < plan.end && !(recent && rng.chance(0.4));
    const closed = answered && resolved < plan.end && !(recent ? rng.chance(0.5) : rng.chance(0.03));
    const form = rng.next();
    const input: TicketInput = {
      id: String(++ticketId),
      customer,
      openedAt: iso(opened),
      channel: CHANNELS.pick(rng),
      // Half tagged, some with a topic field, the rest a subject only (named by the themes engine).
      ...(form < 0.5 ? { tags: [topic] } : form < 0.8 ? { topic } : {}),
      subject: rng.pick(SUBJECTS[topic]),
      ...(answered && { firstResponseAt: iso(firstResponse) }),
      ...(closed && { resolvedAt: iso(resolved) }),
      ...(closed && rng.chance(topic === 'delivery' ? 0.15 : 0.06) && { reopenedCount: rng.chance(0.2) ? 2 : 1 }),
      ...(closed && rng.chance(0.35) && { satisfaction: unhappy ? rng.int(1, 3) : rng.int(3, 5) }),
    };
    tickets.push(input);
  };

  for (let n = 1; n <= plan.customers; n++) {
    const customer = `cus_${n}`;
    const answers = plan.answers.get(customer) ?? [];
    const [planName, mrr] = PLANS.pick(rng);
    const first = answers[0]?.at ?? plan.start + rng.next() * span;
    const acquired = clamp(first - (1 + rng.next() * 120) * DAY);
    events.push({ id: `evt_${++eventId}`, customer, type: 'acquired', at: iso(acquired), plan: planName, mrr });

    // Tickets before answers: detractors' often about delivery, and slow to be answered.
    for (const a of answers) {
      const category = npsCategory(a.nps);
      const rule = BEFORE_ANSWER[category];
      if (!rng.chance(rule.chance)) continue;
      const opened = Math.max(acquired + HOUR, a.at - (1 + rng.next() * 9) * DAY);
      ticket(customer, opened, rule.topics.pick(rng), category === 'detractor' ? 2.5 : 1, category === 'detractor');
    }

    // Leaving: after the last answer, more likely the worse it was.
    const last = answers.at(-1);
    let until = plan.end;
    const leaves = last ? rng.chance(LEAVES[npsCategory(last.nps)]) : rng.chance(LEAVES.silent);
    if (leaves) {
      const lost = last ? last.at + (3 + rng.next() * 87) * DAY : acquired + rng.next() * (plan.end - acquired);
      if (lost < plan.end) {
        events.push({ id: `evt_${++eventId}`, customer, type: 'lost', at: iso(lost) });
        until = lost;
        // A few come back.
        const back = lost + (20 + rng.next() * 180) * DAY;
        if (rng.chance(0.1) && back < plan.end) {
          events.push({ id: `evt_${++eventId}`, customer, type: 'reactivated', at: iso(back), plan: planName, mrr });
          active.push({ customer, from: back, to: plan.end });
        }
      }
    }
    active.push({ customer, from: acquired, to: until });
  }

  // The rest of the tickets, at any time a customer is active; many more about delivery during the meltdown.
  const incidentFrom = plan.start + plan.incident.from * span;
  const incidentTo = plan.start + plan.incident.to * span;
  for (let guard = 0; ticketCount < plan.tickets && guard < plan.tickets * 20 && active.length; guard++) {
    const a = active[rng.int(0, active.length - 1)]!;
    const from = Math.max(a.from, plan.start);
    if (a.to <= from) continue;
    const opened = from + rng.next() * (a.to - from);
    const meltdown = opened >= incidentFrom && opened < incidentTo;
    if (!meltdown && rng.chance(0.1)) continue;
    ticket(a.customer, opened, meltdown && rng.chance(0.8) ? 'delivery' : ANY_TIME.pick(rng), 1, false);
  }
  return { events: eventCount, tickets: ticketCount };
}
