// Closing the loop on a response: its follow-up state (open → contacted → resolved, or ignored),
// who owns it, and internal notes, each change kept with who made it and when.
import { z } from 'zod';
import { TimestampSchema, normalizeText } from './common';

export const FOLLOW_UP_STATES = ['open', 'contacted', 'resolved', 'ignored'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

const AssigneeSchema = z
  .string()
  .max(120)
  .overwrite(normalizeText)
  .min(1)
  .meta({ description: 'Who owns the follow-up: a name, an e-mail, a team.', examples: ['Camille (support)'] });

export const FollowUpPatchSchema = z
  .strictObject({
    state: z.enum(FOLLOW_UP_STATES).optional().meta({ description: '`contacted` or `resolved` the first time records when the customer was first contacted.', examples: ['contacted'] }),
    assignee: AssigneeSchema.nullable().optional(),
  })
  .refine((v) => v.state !== undefined || v.assignee !== undefined, { message: 'send state, assignee or both' })
  .meta({ id: 'FollowUpPatch', description: 'What changes in the follow-up; at least one field.', minProperties: 1 });

export const NoteCreateSchema = z
  .strictObject({
    body: z.string().max(5000).overwrite(normalizeText).min(1).meta({ description: 'The note, plain text (≤ 5,000 characters).', examples: ['Called her: the parcel was lost by the carrier, refund sent.'] }),
  })
  .meta({ id: 'NoteCreate', description: 'An internal note on a response.' });

export const FollowUpEntrySchema = z
  .object({
    id: z.string().meta({ examples: ['fe_Xq3v9LrT2wZc'] }),
    kind: z.enum(['note', 'state', 'assignee']).meta({ description: 'A note, a change of state or of assignee.', examples: ['note'] }),
    body: z.string().nullable().meta({ description: 'The note; the new state; the new assignee (null when unassigned).', examples: ['Called her: the parcel was lost by the carrier, refund sent.'] }),
    actor: z.string().meta({ description: 'Who: a team member, or `secret key` / `admin token` for API calls.', examples: ['camille@shop.example'] }),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'FollowUpEntry', description: 'One entry of a follow-up’s history.' });

export const FollowUpSummarySchema = z
  .object({
    state: z.enum(FOLLOW_UP_STATES).meta({ examples: ['open'] }),
    assignee: z.string().nullable().meta({ examples: [null] }),
    firstContactAt: TimestampSchema.nullable().meta({ description: 'When the customer was first contacted (the first move to contacted or resolved).' }),
    changedAt: TimestampSchema.nullable().meta({ description: 'Last change of state or assignee.' }),
  })
  .meta({ id: 'FollowUpSummary', description: 'Where the follow-up of a response stands.' });

export const FollowUpSchema = FollowUpSummarySchema.extend({
  history: z.array(FollowUpEntrySchema).meta({ description: 'Notes and changes, oldest first.' }),
}).meta({ id: 'FollowUp', description: 'A response’s follow-up with its notes and history.' });
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FollowUpMetricsSchema = z
  .object({
    detractors: z.int().meta({ description: 'Detractors’ answers in the range.', examples: [120] }),
    contacted: z.int().meta({ description: 'Of them, contacted (or resolved) so far.', examples: [96] }),
    contactedWithin48h: z.int().meta({ description: 'Contacted within 48 hours of answering.', examples: [81] }),
    shareWithin48h: z.number().nullable().meta({ description: 'Percent of the detractors contacted within 48 hours, one decimal; null without detractors.', examples: [67.5] }),
    medianHoursToContact: z.number().nullable().meta({ description: 'Median time from the answer to first contact, in hours (two decimals), over those contacted.', examples: [6.25] }),
    p90HoursToContact: z.number().nullable().meta({ description: '90th percentile of the same.', examples: [41.5] }),
  })
  .meta({ id: 'FollowUpMetrics', description: 'How fast detractors are answered.' });
