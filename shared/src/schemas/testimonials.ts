// Quotes from customers who allowed them: what the owner reviews, and what a page shows.
import { z } from 'zod';
import { IdSchema, LocaleSchema, TimestampSchema, normalizeText } from './common';
import { PublicKeyParamSchema } from './config';

export const TESTIMONIAL_STATUSES = ['pending', 'approved', 'hidden'] as const;

export const TestimonialReviewSchema = z
  .strictObject({
    status: z.enum(['approved', 'hidden']).meta({ description: '`approved` shows the quote on the site’s pages; `hidden` keeps it off.', examples: ['approved'] }),
    displayName: z
      .string()
      .max(40)
      .overwrite(normalizeText)
      .min(1)
      .refine((v) => !/[@/:]|\d{3}/.test(v), { message: 'a first name or initials, not an address or a number' })
      .nullable()
      .optional()
      .meta({ description: 'The name shown under the quote: only the first name or initials the customer chose (≤ 40 characters); null or left out for none.', examples: ['Léa M.'] }),
  })
  .meta({ id: 'TestimonialReview', description: 'The owner’s decision on a quote.' });

export const TestimonialSchema = z
  .object({
    response: z.string().meta({ description: 'The response quoted.', examples: ['0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20'] }),
    survey: z.string().meta({ examples: ['sv_q3Zr8nL2xTbA'] }),
    text: z.string().meta({ description: 'The exact wording the customer agreed to have quoted (plain text).', examples: ['Beautiful lamps, and the parcel came in two days.'] }),
    locale: z.string().nullable().meta({ description: 'The language they answered in.', examples: ['en'] }),
    consentLabel: z.string().meta({ description: 'The consent sentence they ticked, as shown.', examples: ['You may quote me'] }),
    consentedAt: TimestampSchema.meta({ description: 'When they agreed (to this wording).' }),
    nps: z.int().nullable().meta({ examples: [10] }),
    csat: z.int().nullable().meta({ examples: [null] }),
    status: z.enum(TESTIMONIAL_STATUSES).meta({ description: '`pending` until the owner approves or hides it; a new wording makes it pending again.', examples: ['pending'] }),
    displayName: z.string().nullable().meta({ examples: ['Léa M.'] }),
    reviewedAt: TimestampSchema.nullable(),
    reviewedBy: z.string().nullable().meta({ examples: ['secret key'] }),
  })
  .meta({ id: 'Testimonial', description: 'A quote a customer allowed, and its review.' });

export const TestimonialListQuerySchema = z.strictObject({
  status: z.enum(TESTIMONIAL_STATUSES).optional().meta({ description: 'Only quotes in this state.', examples: ['pending'] }),
  survey: IdSchema.optional().meta({ examples: ['sv_q3Zr8nL2xTbA'] }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'At most this many, newest first.', examples: [100] }),
});

export const TestimonialListSchema = z.object({ items: z.array(TestimonialSchema) }).meta({ id: 'TestimonialList', description: 'Quotes, newest first.' });

export const PublicTestimonialsQuerySchema = z.strictObject({
  key: PublicKeyParamSchema,
  survey: IdSchema.optional().meta({ description: 'Only quotes from this survey.', examples: ['sv_q3Zr8nL2xTbA'] }),
  locale: LocaleSchema.optional().meta({ description: 'Only quotes in this language (its first part: `fr` matches `fr-CA`).', examples: ['fr'] }),
  limit: z.coerce.number().int().min(1).max(20).default(3).meta({ description: 'At most this many, newest first.', examples: [3] }),
});

export const PublicTestimonialSchema = z
  .object({
    id: z.string().meta({ description: 'A stable id for the quote (not the response’s).', examples: ['t_3kq9zT1xw8aB'] }),
    text: z.string().meta({ description: 'The quote, plain text: render it as text.', examples: ['Beautiful lamps, and the parcel came in two days.'] }),
    displayName: z.string().nullable().meta({ examples: ['Léa M.'] }),
    locale: z.string().nullable().meta({ examples: ['en'] }),
    nps: z.int().nullable().meta({ examples: [10] }),
    csat: z.int().nullable().meta({ examples: [null] }),
    date: z.string().meta({ description: 'The month it was given (YYYY-MM).', examples: ['2026-11'] }),
  })
  .meta({ id: 'PublicTestimonial', description: 'An approved quote, as a page shows it.' });

export const PublicTestimonialListSchema = z.object({ items: z.array(PublicTestimonialSchema) }).meta({ id: 'PublicTestimonialList', description: 'Approved quotes, newest first.' });
