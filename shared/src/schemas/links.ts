import { z } from 'zod';
import { LocaleSchema } from './common';
import { AttributesSchema, CustomerIdSchema, CustomerSchema } from './responses';

export const LinkCreateSchema = z
  .strictObject({
    customer: CustomerSchema.optional(),
    attributes: AttributesSchema.optional(),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When the link stops recording answers (ISO 8601); never when left out.', examples: ['2026-12-31T23:59:59Z'] }),
  })
  .default({})
  .meta({ id: 'LinkCreate', description: 'Who the link’s answers are from, and until when it works. The body may be left out for an anonymous link.', 'x-body-optional': true });

export const LinkCreatedSchema = z
  .object({
    url: z.string().meta({
      description: 'The survey page. Append `&score=N` for a one-click answer (the score is not signed, so one link serves every button).',
      examples: ['https://feedback.shop.example/s/sv_q3Zr8nL2xTbA?t=eyJzIjoic3ZfcTNa…'],
    }),
    token: z.string().nullable().meta({ description: 'The signed token in `t`, or null for an anonymous link.', examples: ['eyJzIjoic3ZfcTNa….Qm9n…'] }),
    expiresAt: z.string().nullable().meta({ description: 'When it stops recording answers, or null.', examples: ['2026-12-31T23:59:59.000Z'] }),
  })
  .meta({ id: 'LinkCreated', description: 'A link to the hosted survey page.' });

export const EmailBlockQuerySchema = z.strictObject({
  t: z.string().max(8000).optional().meta({ description: 'A token from `POST …/links`, so the answers carry its customer and attributes.', examples: ['eyJzIjoic3ZfcTNa….Qm9n…'] }),
  locale: LocaleSchema.optional().meta({ description: 'The language of the block; the survey’s, else English.', examples: ['fr'] }),
});

export const FatigueQuerySchema = z.strictObject({
  key: z.string().min(1).max(100).meta({ description: 'The site’s public key.', examples: ['pk_k7XJS8e6hmSP7ZRhxbIREfTx'] }),
  customer: CustomerIdSchema.meta({ description: 'The identified customer’s id, as given to `plaudit("identify", …)`.', examples: ['cus_8812'] }),
});

export const FatigueSchema = z
  .object({
    cooldownUntil: z.string().nullable().meta({ description: 'Until when no survey of the site may reach this customer (the site’s cooldown), or null.', examples: [null] }),
    surveys: z
      .record(z.string(), z.string())
      .meta({ description: 'Survey id → until when that survey may not reach this customer again (its resurvey window). Surveys not listed may.', examples: [{ sv_q3Zr8nL2xTbA: '2027-02-27T10:00:00.000Z' }] }),
  })
  .meta({ id: 'Fatigue', description: 'Which surveys may not reach an identified customer now, on any device.' });
