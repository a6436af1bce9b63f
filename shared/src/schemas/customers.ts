// Customers as the owner's billing system sees them: when each was acquired, lost or came back,
// the churn those events add up to, and the active customers most likely to leave next.
import { z } from 'zod';
import { ChangeTestSchema, INTERVALS, IntervalSchema } from './metrics';
import { ExternalIdSchema, IMPORT_LIMITS, InstantSchema } from './imports';
import { CustomerIdSchema } from './responses';

export const CUSTOMER_EVENT_TYPES = ['acquired', 'lost', 'reactivated'] as const;
export type CustomerEventType = (typeof CUSTOMER_EVENT_TYPES)[number];

export const CustomerEventInputSchema = z
  .strictObject({
    id: ExternalIdSchema.meta({ description: 'The event’s id in the billing system: the same id again updates that event, so a retry never counts twice.', examples: ['evt_1NqRb2Ks'] }),
    customer: CustomerIdSchema.meta({ description: 'The customer’s id, as the widget’s `identify` and link surveys name them (trimmed).', examples: ['cus_8812'] }),
    type: z.enum(CUSTOMER_EVENT_TYPES).meta({ description: '`acquired` (a first subscription), `lost` (no paid subscription left), `reactivated` (back after a loss).', examples: ['acquired'] }),
    at: InstantSchema.meta({ description: 'When it happened: an ISO 8601 instant with its offset.', examples: ['2026-10-03T09:12:00Z'] }),
    plan: z.string().trim().min(1).max(100).optional().meta({ description: 'The plan, for the at-risk list.', examples: ['pro'] }),
    mrr: z
      .number()
      .min(0)
      .max(1e9)
      .refine(Number.isFinite, { message: 'must be a finite number' })
      .optional()
      .meta({ description: 'Monthly recurring revenue in the site’s currency: what the customer pays from an acquisition or reactivation on; on a loss, what they paid (used when no earlier event says). Enables the revenue churn rate.', examples: [49] }),
  })
  .meta({ id: 'CustomerEventInput', description: 'One event of a customer’s life in the billing system.' });
export type CustomerEventInput = z.infer<typeof CustomerEventInputSchema>;

export const CustomerEventBatchSchema = z
  .array(CustomerEventInputSchema)
  .min(1)
  .max(IMPORT_LIMITS.batchItems)
  .meta({
    id: 'CustomerEventBatch',
    description: `1 to ${IMPORT_LIMITS.batchItems} customer events (see CustomerEventInput), each checked on its own: the valid ones are stored, the others listed in \`rejected\`.`,
    examples: [[{ id: 'evt_1', customer: 'cus_8812', type: 'acquired', at: '2026-10-03T09:12:00Z', plan: 'pro', mrr: 49 }]],
  });

/** The columns of a customer-events CSV, as its header names them (any order; empty cells are left out). */
export const CUSTOMER_EVENT_COLUMNS = ['id', 'customer', 'type', 'at', 'plan', 'mrr'] as const;

// ---------- churn ----------

export const CHURN_GROUPS = ['nps'] as const;

export const ChurnQuerySchema = z.strictObject({
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD) in the site’s time zone, inclusive.', examples: ['2026-01-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-11-30'] }),
  interval: z.enum(INTERVALS).default('month').meta({ description: 'Periods of the series: days, ISO weeks (from Monday) or months. At most 1,000.', examples: ['month'] }),
  groupBy: z.enum(CHURN_GROUPS).optional().meta({ description: '`nps`: adds `byNps`, what share of the customers whose latest answer was a detractor’s, passive’s or promoter’s left within `days` of it.', examples: ['nps'] }),
  days: z.coerce.number().int().min(1).max(730).default(90).meta({ description: 'With `groupBy=nps`: the window after an answer in which leaving counts.', examples: [90] }),
});
export type ChurnQuery = z.infer<typeof ChurnQuerySchema>;

const RateFields = {
  churnRate: z.number().nullable().meta({ description: 'Customers lost ÷ customers at the start × 100, one decimal; null when the period starts with no customer.', examples: [3.1] }),
  lostPerAcquired: z.number().nullable().meta({ description: 'Lost ÷ acquired × 100: a loss-to-acquisition ratio, not a rate (over 100 when the base shrinks); null when nobody was acquired.', examples: [42.9] }),
  retentionRate: z.number().nullable().meta({ description: 'Customers active at the start and still active at the end ÷ customers at the start × 100; null when the period starts with no customer.', examples: [96.9] }),
  mrrAtStart: z.number().optional().meta({ description: 'MRR of the customers active at the start (only when events carry `mrr`).', examples: [14_230] }),
  mrrLost: z.number().optional().meta({ description: 'MRR of the period’s losses.', examples: [441] }),
  mrrChurnRate: z.number().nullable().optional().meta({ description: 'MRR lost ÷ MRR at the start × 100 (revenue churn from cancellations); null without MRR at the start.', examples: [3.1] }),
};

const CountFields = {
  customersAtStart: z.int().meta({ description: 'Customers active when the period starts.', examples: [290] }),
  acquired: z.int().meta({ description: 'Customers who became active in the period: new ones and reactivations.', examples: [21] }),
  reactivated: z.int().meta({ description: 'Of `acquired`, those who had been customers before.', examples: [2] }),
  lost: z.int().meta({ description: 'Customers who stopped being active in the period, including those acquired in it.', examples: [9] }),
  customersAtEnd: z.int().meta({ description: 'Customers active when the period ends.', examples: [302] }),
};

export const ChurnPeriodSchema = z
  .object({ start: z.string().meta({ description: 'First day of the period.', examples: ['2026-11-01'] }), ...CountFields, ...RateFields })
  .meta({ id: 'ChurnPeriod', description: 'One day, week or month of churn.' });

export const NpsChurnGroupSchema = z
  .object({
    category: z.enum(['detractor', 'passive', 'promoter']).meta({ examples: ['detractor'] }),
    customers: z.int().meta({ description: 'Active customers whose latest answer in the range (given while active) fell in this category, and whose window has elapsed.', examples: [120] }),
    left: z.int().meta({ description: 'Of them, those lost within `days` of that answer.', examples: [31] }),
    share: z.number().nullable().meta({ description: 'left ÷ customers × 100, one decimal; null without customers.', examples: [25.8] }),
    interval: IntervalSchema.nullable().meta({ description: '95% Wilson interval of `share`.' }),
    pending: z.int().meta({ description: 'Customers of the category still inside their window and not lost yet: not counted.', examples: [14] }),
  })
  .meta({ id: 'NpsChurnGroup', description: 'Whether customers of one NPS category left.' });

export const ChurnSchema = z
  .object({
    timezone: z.string().meta({ description: 'The site’s time zone, in which days are counted.', examples: ['Europe/Paris'] }),
    from: z.string().nullable().meta({ description: 'The `from` asked, or null.', examples: ['2026-01-01'] }),
    to: z.string().nullable().meta({ description: 'The `to` asked, or null.', examples: [null] }),
    interval: z.enum(INTERVALS).meta({ examples: ['month'] }),
    series: z.array(ChurnPeriodSchema).meta({ description: 'Every period of the range, oldest first, zero-filled.' }),
    totals: z
      .object({ ...CountFields, ...RateFields })
      .meta({ id: 'ChurnTotals', description: 'The whole range as one period: its losses over the customers at its start.' }),
    byNps: z
      .object({
        days: z.int().meta({ description: 'The window after an answer.', examples: [90] }),
        groups: z.array(NpsChurnGroupSchema).meta({ description: 'Detractors, passives, promoters.' }),
        detractorsVsPromoters: ChangeTestSchema.meta({ description: 'Two-proportion z test of the detractors’ share who left against the promoters’.' }),
        unmatched: z.int().meta({ description: 'Customers who answered in the range but whom no customer event names (not counted).', examples: [3] }),
      })
      .optional()
      .meta({ id: 'NpsChurn', description: 'With `groupBy=nps`: do detractors really leave?' }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'How each figure is counted, in words.', examples: [{ churnRate: 'Customers lost during the period ÷ …' }] }),
  })
  .meta({ id: 'Churn', description: 'Customer churn per period, from the billing events.' });
export type Churn = z.infer<typeof ChurnSchema>;

// ---------- at risk ----------

export const AtRiskQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Customers at most, highest score first.', examples: [50] }),
});

export const AT_RISK_SIGNALS = ['detractor', 'notContacted', 'scoreDrop', 'overdueTicket', 'manyTickets'] as const;
export type AtRiskSignal = (typeof AT_RISK_SIGNALS)[number];

export const AtRiskTicketSchema = z
  .object({
    id: z.string().meta({ examples: ['48213'] }),
    subject: z.string().nullable().meta({ examples: ['Where is my parcel?'] }),
    topic: z.string().nullable().meta({ examples: ['delivery'] }),
    openedAt: z.string().meta({ examples: ['2026-11-20T08:14:00.000Z'] }),
    firstResponseAt: z.string().nullable().meta({ examples: [null] }),
    resolvedAt: z.string().nullable().meta({ examples: [null] }),
    csat: z.int().nullable().meta({ description: 'The ticket’s satisfaction (1–5): a link survey’s answer naming it, else the help desk’s rating.', examples: [null] }),
  })
  .meta({ id: 'AtRiskTicket', description: 'One of the customer’s recent or open tickets.' });

export const AtRiskCustomerSchema = z
  .object({
    customer: z.string().meta({ examples: ['cus_8812'] }),
    score: z.int().meta({ description: 'The sum of the points of the signals that hold (see `signals`).', examples: [75] }),
    reasons: z
      .array(
        z
          .object({
            signal: z.enum(AT_RISK_SIGNALS).meta({ examples: ['detractor'] }),
            points: z.int().meta({ examples: [30] }),
            detail: z.string().meta({ description: 'What holds, in words.', examples: ['latest answer 3 on 2026-11-18'] }),
          })
          .meta({ id: 'AtRiskReason', description: 'A signal that holds for the customer.' }),
      )
      .meta({ description: 'The signals that hold, most points first.' }),
    plan: z.string().nullable().meta({ examples: ['pro'] }),
    mrr: z.number().nullable().meta({ examples: [49] }),
    since: z.string().meta({ description: 'When they were last acquired or reactivated.', examples: ['2025-03-02T10:00:00.000Z'] }),
    latestNps: z
      .object({ score: z.int().meta({ examples: [3] }), at: z.string().meta({ examples: ['2026-11-18T17:40:00.000Z'] }) })
      .nullable()
      .meta({ description: 'Their latest NPS answer.' }),
    previousNps: z.int().nullable().meta({ description: 'The NPS answer before it.', examples: [8] }),
    lastComment: z
      .object({ text: z.string().meta({ examples: ['Still no parcel after two weeks.'] }), at: z.string().meta({ examples: ['2026-11-18T17:41:00.000Z'] }) })
      .nullable()
      .meta({ description: 'Their latest comment (text, never HTML).' }),
    tickets: z.array(AtRiskTicketSchema).meta({ description: 'Their open tickets and those of the last 30 days, newest first (10 at most).' }),
  })
  .meta({ id: 'AtRiskCustomer', description: 'An active customer and why they may leave.' });

export const AtRiskSchema = z
  .object({
    asOf: z.string().meta({ description: 'The instant the signals were read at.', examples: ['2026-11-29T10:00:00.000Z'] }),
    total: z.int().meta({ description: 'Active customers with a score above 0 (the list shows the first `limit`).', examples: [212] }),
    medianFirstResponseHours: z.number().nullable().meta({ description: 'The site’s median first-response time over the last 90 days, calendar hours: past it an unanswered ticket is overdue; null without answered tickets.', examples: [5.5] }),
    signals: z
      .array(
        z
          .object({
            signal: z.enum(AT_RISK_SIGNALS).meta({ examples: ['detractor'] }),
            points: z.int().meta({ examples: [30] }),
            description: z.string().meta({ examples: ['Their latest NPS answer is 0–6.'] }),
          })
          .meta({ id: 'AtRiskSignal', description: 'One signal of the score and its points.' }),
      )
      .meta({ description: 'How the score is made.' }),
    customers: z.array(AtRiskCustomerSchema).meta({ description: 'Highest score first; ties by MRR, then customer id.' }),
  })
  .meta({ id: 'AtRisk', description: 'Active customers ranked by how likely they seem to leave, with the reasons.' });
