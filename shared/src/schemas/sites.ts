import { z } from 'zod';
import { LIMITS, NameSchema, OriginSchema, TimeZoneSchema, TimestampSchema } from './common';

const CooldownDaysSchema = z.int().min(0).max(365).meta({
  description: 'Days after any survey of the site reached a visitor (answered or dismissed) before another may show them one; per visitor, and for identified customers across their devices. 0: no site-wide cooldown.',
  examples: [14],
});

const SiteNameSchema = NameSchema.meta({ description: 'The site’s name, shown to its visitors in survey questions.', examples: ['Demo Shop'] });
const OriginsSchema = z.array(OriginSchema).max(LIMITS.origins).meta({
  description: `The origins (up to ${LIMITS.origins}) whose pages may show the widget and send answers with the public key. Browser requests from other origins are refused with 403.`,
  examples: [['https://shop.example', 'https://www.shop.example']],
});

export const SiteCreateSchema = z
  .strictObject({
    name: SiteNameSchema,
    origins: OriginsSchema,
    timezone: TimeZoneSchema.optional().meta({ description: 'The site’s IANA time zone; UTC when left out.', examples: ['Europe/Paris'] }),
    cooldownDays: CooldownDaysSchema.optional(),
  })
  .meta({ id: 'SiteCreate', description: 'A new site.' });
export type SiteCreate = z.infer<typeof SiteCreateSchema>;

export const SitePatchSchema = z
  .strictObject({
    name: SiteNameSchema.optional(),
    origins: OriginsSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    cooldownDays: CooldownDaysSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one of name, origins, timezone, cooldownDays' })
  .meta({ id: 'SitePatch', description: 'The fields to change; the others are kept. At least one field.', minProperties: 1 });
export type SitePatch = z.infer<typeof SitePatchSchema>;

export const SiteSchema = z
  .object({
    id: z.string().meta({ description: 'The site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
    name: z.string().meta({ description: 'The site’s name.', examples: ['Demo Shop'] }),
    origins: z.array(z.string()).meta({ description: 'Allowed origins.', examples: [['https://shop.example']] }),
    timezone: z.string().meta({ description: 'IANA time zone.', examples: ['Europe/Paris'] }),
    cooldownDays: CooldownDaysSchema,
    publicKey: z.string().meta({
      description: 'The write-only key for the snippet (`data-key`): it reads the widget configuration and writes answers, nothing else.',
      examples: ['pk_k7XJS8e6hmSP7ZRhxbIREfTx'],
    }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Site', description: 'A website that shows surveys.' });
export type Site = z.infer<typeof SiteSchema>;

export const SiteCreatedSchema = SiteSchema.extend({
  secretKey: z.string().meta({
    description: 'The secret key for this site’s API (`Authorization: Bearer sk_…`). Shown only in this answer and stored as a hash: keep it.',
    examples: ['sk_j68NiB3oohxwW35NKlGshPV5XWYYmk8hAloBdA5r7UA'],
  }),
}).meta({ id: 'SiteCreated', description: 'The new site, with its secret key (shown once).' });
export type SiteCreated = z.infer<typeof SiteCreatedSchema>;

// ---------- keys ----------

export const SecretKeySchema = z
  .object({ secretKey: SiteCreatedSchema.shape.secretKey })
  .meta({ id: 'SecretKey', description: 'A new secret key; the previous one no longer works.' });

export const PublicKeyRotationSchema = z
  .strictObject({
    graceHours: z
      .number()
      .min(0)
      .max(720)
      .default(72)
      .meta({ description: 'Hours the previous public key keeps working, so cached pages still send answers; 0 stops it now.', examples: [72] }),
  })
  .default({ graceHours: 72 })
  .meta({ id: 'PublicKeyRotation', description: 'How long the previous public key stays valid. The body may be left out.' });

export const PublicKeyRotatedSchema = z
  .object({
    publicKey: z.string().meta({ description: 'The new public key: put it in the snippet.', examples: ['pk_Nw3QeL0aV7mAqz0ZpK2bYc9D'] }),
    previousPublicKey: z.string().meta({ description: 'The key it replaces.', examples: ['pk_k7XJS8e6hmSP7ZRhxbIREfTx'] }),
    previousValidUntil: TimestampSchema.meta({ description: 'When the previous key stops working.', examples: ['2026-12-02T14:03:07.123Z'] }),
  })
  .meta({ id: 'PublicKeyRotated', description: 'The new public key, and until when the previous one still works.' });
