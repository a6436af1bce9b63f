// Support tickets from the owner's help desk: volumes, first-response and resolution times (in
// calendar hours, and in business hours when the site gives its support schedule), reopen rate,
// post-ticket CSAT and rising topics.
import { z } from 'zod';
import { TimeZoneSchema, normalizeText, wellFormed } from './common';
import { ExternalIdSchema, IMPORT_LIMITS, InstantSchema } from './imports';
import { CsatSummarySchema, INTERVALS } from './metrics';
import { CustomerIdSchema } from './responses';

const ShortTextSchema = (max: number) => z.string().trim().min(1).max(max).transform(wellFormed);

export const TicketInputSchema = z
  .strictObject({
    id: z
      .union([ExternalIdSchema, z.int().min(0).max(Number.MAX_SAFE_INTEGER).transform(String)])
      .meta({ description: 'The ticket’s id in the help desk (a string, or a whole number as Zendesk and Freshdesk give them): the same id again replaces that ticket.', examples: ['48213'] }),
    customer: CustomerIdSchema.optional().meta({ description: 'Who asked, by the customer id the widget’s `identify` and link surveys use.', examples: ['cus_8812'] }),
    subject: z
      .string()
      .max(500)
      .transform(normalizeText)
      .optional()
      .meta({ description: 'The subject line; labels the ticket’s topic when neither `topic` nor `tags` is given.', examples: ['Where is my parcel?'] }),
    topic: ShortTextSchema(100).optional().meta({ description: 'The ticket’s topic as the help desk names it.', examples: ['delivery'] }),
    tags: z.array(ShortTextSchema(100)).max(30).optional().meta({ description: 'The help desk’s tags; without `topic`, the first one is the topic.', examples: [['delivery', 'late']] }),
    channel: ShortTextSchema(50).optional().meta({ description: 'Where it came from: email, chat, phone…', examples: ['email'] }),
    openedAt: InstantSchema.meta({ description: 'When the customer opened it.', examples: ['2026-11-20T08:14:00Z'] }),
    firstResponseAt: InstantSchema.optional().meta({ description: 'The first public reply of an agent (left out while none).', examples: ['2026-11-20T10:02:00Z'] }),
    resolvedAt: InstantSchema.optional().meta({ description: 'When it was last solved (left out while open).', examples: ['2026-11-21T16:30:00Z'] }),
    reopenedCount: z.int().min(0).max(10_000).optional().meta({ description: 'How many times it was reopened after being solved.', examples: [0] }),
    satisfaction: z.int().min(1).max(5).optional().meta({ description: 'The help desk’s own satisfaction rating on the CSAT scale, 1–5 (a good/bad rating: 5/1). A link survey’s answer naming the ticket comes first.', examples: [4] }),
  })
  .refine((t) => t.firstResponseAt === undefined || Date.parse(t.firstResponseAt) >= Date.parse(t.openedAt), { message: 'must not be before openedAt', path: ['firstResponseAt'] })
  .refine((t) => t.resolvedAt === undefined || Date.parse(t.resolvedAt) >= Date.parse(t.openedAt), { message: 'must not be before openedAt', path: ['resolvedAt'] })
  .meta({ id: 'TicketInput', description: 'A ticket as the help desk has it now: fields left out are cleared.' });
export type TicketInput = z.infer<typeof TicketInputSchema>;

export const TicketBatchSchema = z
  .array(TicketInputSchema)
  .min(1)
  .max(IMPORT_LIMITS.batchItems)
  .meta({
    id: 'TicketBatch',
    description: `1 to ${IMPORT_LIMITS.batchItems} tickets (see TicketInput), each checked on its own: the valid ones are stored, the others listed in \`rejected\`.`,
    examples: [[{ id: '48213', customer: 'cus_8812', subject: 'Where is my parcel?', tags: ['delivery'], channel: 'email', openedAt: '2026-11-20T08:14:00Z', firstResponseAt: '2026-11-20T10:02:00Z' }]],
  });

/** The columns of a tickets CSV, as its header names them (any order; `tags` separated by `;` or `,`). */
export const TICKET_COLUMNS = ['id', 'customer', 'subject', 'topic', 'tags', 'channel', 'openedAt', 'firstResponseAt', 'resolvedAt', 'reopenedCount', 'satisfaction'] as const;

// ---------- the support schedule ----------

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TimeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day as HH:MM, 00:00 to 24:00')
  .meta({ description: 'A local time, HH:MM (24:00 is the end of the day).', examples: ['09:00'] });

export const ScheduleWindowSchema = z
  .strictObject({
    from: TimeOfDaySchema.meta({ description: 'Opening time, local.', examples: ['09:00'] }),
    to: TimeOfDaySchema.meta({ description: 'Closing time, local, after `from`.', examples: ['17:00'] }),
  })
  .refine((w) => w.from < w.to, { message: 'to must be after from' })
  .meta({ id: 'ScheduleWindow', description: 'Hours the team works, within one day.' });

const DayWindowsSchema = z
  .array(ScheduleWindowSchema)
  .max(4)
  .refine((ws) => [...ws].sort((a, b) => (a.from < b.from ? -1 : 1)).every((w, i, s) => i === 0 || s[i - 1]!.to <= w.from), { message: 'windows must not overlap' })
  .meta({ description: 'The day’s working windows, none when closed.', examples: [[{ from: '09:00', to: '12:30' }, { from: '13:30', to: '17:00' }]] });

export const TicketScheduleInputSchema = z
  .strictObject({
    timezone: TimeZoneSchema.optional().meta({ description: 'The team’s time zone; the site’s by default.', examples: ['Europe/Paris'] }),
    week: z
      .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DayWindowsSchema.optional()])) as Record<Weekday, z.ZodOptional<typeof DayWindowsSchema>>)
      .meta({ description: 'Working windows per weekday (`mon` … `sun`); a day left out is closed.', examples: [{ mon: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '16:00' }] }] }),
    holidays: z.array(z.iso.date()).max(400).optional().meta({ description: 'Local days the team does not work (YYYY-MM-DD).', examples: [['2026-12-25']] }),
  })
  .meta({ id: 'TicketScheduleChange', description: 'When the support team works, for business-hours times.' });

const WeekSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(ScheduleWindowSchema).meta({ description: `Windows on ${d}.`, examples: [[{ from: '09:00', to: '17:00' }]] })])) as Record<Weekday, z.ZodArray<typeof ScheduleWindowSchema>>)
  .meta({ id: 'ScheduleWeek', description: 'Working windows per weekday.' });

export const TicketScheduleSchema = z
  .object({
    timezone: z.string().meta({ description: 'The team’s time zone.', examples: ['Europe/Paris'] }),
    week: WeekSchema,
    holidays: z.array(z.string()).meta({ description: 'Days off (YYYY-MM-DD).', examples: [['2026-12-25']] }),
  })
  .meta({ id: 'TicketSchedule', description: 'The support team’s weekly schedule: business hours are counted inside it.' });
export type TicketSchedule = z.infer<typeof TicketScheduleSchema>;

export const TicketScheduleAnswerSchema = z
  .object({ schedule: TicketScheduleSchema.nullable().meta({ description: 'The schedule, or null when the site has none (times in calendar hours only).' }) })
  .meta({ id: 'TicketScheduleAnswer', description: 'The site’s support schedule.' });

// ---------- metrics ----------

export const TICKET_GROUPS = ['topic', 'channel', 'nps'] as const;

export const TicketMetricsQuerySchema = z.strictObject({
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD, the site’s time zone) a ticket was opened, inclusive.', examples: ['2026-09-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-11-30'] }),
  interval: z.enum(INTERVALS).default('month').meta({ description: 'Periods of the series (tickets by the day they were opened). At most 1,000.', examples: ['week'] }),
  groupBy: z.enum(TICKET_GROUPS).optional().meta({ description: 'Adds `groups` to each period: per topic, per channel, or per NPS category of the customer’s latest answer up to `to`.', examples: ['topic'] }),
});
export type TicketMetricsQuery = z.infer<typeof TicketMetricsQuerySchema>;

const HoursSchema = z
  .object({
    count: z.int().meta({ description: 'Tickets measured.', examples: [118] }),
    median: z.number().nullable().meta({ description: 'Median, hours, two decimals; null without tickets.', examples: [2.5] }),
    p90: z.number().nullable().meta({ description: '90th percentile, hours.', examples: [19.75] }),
    mean: z.number().nullable().meta({ description: 'Mean, hours.', examples: [6.1] }),
  })
  .meta({ id: 'TicketHours', description: 'A duration over tickets (percentiles of type 7: see `definitions`).' });

const TimesSchema = z
  .object({
    calendar: HoursSchema.meta({ description: 'In calendar hours.' }),
    business: HoursSchema.nullable().meta({ description: 'In business hours, over the tickets recorded while the site had a schedule; null when none was.' }),
  })
  .meta({ id: 'TicketTimes', description: 'A duration in calendar and business hours.' });

const VolumeFields = {
  volume: z.int().meta({ description: 'Tickets opened.', examples: [140] }),
  open: z.int().meta({ description: 'Of them, not resolved.', examples: [12] }),
  awaitingFirstResponse: z.int().meta({ description: 'Of them, with no reply yet.', examples: [3] }),
  resolved: z.int().meta({ description: 'Of them, resolved.', examples: [128] }),
  reopened: z.int().meta({ description: 'Of the resolved, those reopened at least once.', examples: [9] }),
  reopenRate: z.number().nullable().meta({ description: 'reopened ÷ resolved × 100, one decimal; null when none is resolved.', examples: [7] }),
  firstResponse: TimesSchema.meta({ description: 'From opening to the first reply (Zendesk’s first reply time).' }),
  resolution: TimesSchema.meta({ description: 'From opening to the last resolution (Zendesk’s full resolution time).' }),
  csat: CsatSummarySchema.meta({ description: 'Satisfaction of the tickets rated: a link survey’s CSAT answer naming the ticket (attribute `ticket`), else the help desk’s rating.' }),
};

export const TicketGroupSchema = z
  .object({
    key: z.string().nullable().meta({ description: 'The topic, channel or NPS category; null for tickets without one.', examples: ['delivery'] }),
    ...VolumeFields,
    customers: z.int().optional().meta({ description: 'With `groupBy=nps`: customers in the category (latest answer up to `to`).', examples: [87] }),
    ticketsPerCustomer: z.number().nullable().optional().meta({ description: 'With `groupBy=nps`: volume ÷ customers, two decimals.', examples: [0.41] }),
  })
  .meta({ id: 'TicketGroup', description: 'The tickets of one group.' });

export const RisingTopicSchema = z
  .object({
    topic: z.string().meta({ examples: ['delivery'] }),
    count: z.int().meta({ description: 'Tickets this period.', examples: [61] }),
    previous: z.int().meta({ description: 'Tickets the period before.', examples: [22] }),
    pValue: z.number().meta({ description: 'One-sided p-value of the exact Poisson test (see `definitions`).', examples: [0.00001] }),
    qValue: z.number().meta({ description: 'Benjamini–Hochberg adjusted across the period’s topics; rising when < 0.05.', examples: [0.0002] }),
  })
  .meta({ id: 'RisingTopic', description: 'A topic whose tickets grew beyond chance.' });

export const TicketPeriodSchema = z
  .object({
    start: z.string().meta({ description: 'First day of the period.', examples: ['2026-11-01'] }),
    ...VolumeFields,
    rising: z.array(RisingTopicSchema).meta({ description: 'Topics that grew significantly against the previous period, most significant first.' }),
    groups: z.array(TicketGroupSchema).optional().meta({ description: 'With `groupBy`: most tickets first.' }),
  })
  .meta({ id: 'TicketPeriod', description: 'The tickets opened in one day, week or month.' });

export const TicketMetricsSchema = z
  .object({
    timezone: z.string().meta({ description: 'The site’s time zone, in which days are counted.', examples: ['Europe/Paris'] }),
    from: z.string().nullable().meta({ examples: ['2026-09-01'] }),
    to: z.string().nullable().meta({ examples: [null] }),
    interval: z.enum(INTERVALS).meta({ examples: ['month'] }),
    groupBy: z.enum(TICKET_GROUPS).nullable().meta({ examples: ['topic'] }),
    schedule: TicketScheduleSchema.nullable().meta({ description: 'The support schedule business hours are counted in, or null.' }),
    totals: z
      .object({ ...VolumeFields, groups: z.array(TicketGroupSchema).optional().meta({ description: 'With `groupBy`: over the whole range.' }) })
      .meta({ id: 'TicketTotals', description: 'The whole range.' }),
    series: z.array(TicketPeriodSchema).meta({ description: 'Every period of the range, oldest first, zero-filled.' }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'How each figure is counted, in words.', examples: [{ firstResponse: 'Zendesk’s first reply time: …' }] }),
  })
  .meta({ id: 'TicketMetrics', description: 'Support tickets per period: volume, times, reopen rate, satisfaction, rising topics.' });
export type TicketMetrics = z.infer<typeof TicketMetricsSchema>;
