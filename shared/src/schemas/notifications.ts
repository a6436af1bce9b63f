// Who hears of a site's answers by e-mail: detractor alerts, and the weekly digest.
import { z } from 'zod';

const EmailsSchema = z
  .array(z.email().max(254))
  .max(10)
  .refine((v) => new Set(v.map((e) => e.toLowerCase())).size === v.length, { message: 'addresses must not repeat' })
  .default([])
  .meta({ description: 'Up to 10 addresses.', examples: [['support@shop.example']] });

export const NotificationSettingsSchema = z
  .strictObject({
    detractorAlerts: z
      .strictObject({ emails: EmailsSchema })
      .default({ emails: [] })
      .meta({ description: 'An e-mail for each detractor (NPS 0–6, CSAT 1–2), a minute after the score so the comment is in it.' }),
    digest: z
      .strictObject({
        emails: EmailsSchema,
        locale: z.enum(['en', 'fr']).default('en').meta({ description: 'The digest’s language.', examples: ['fr'] }),
      })
      .default({ emails: [], locale: 'en' })
      .meta({ description: 'Every Monday from 8:00 in the site’s time zone: the week’s NPS and CSAT with their change, themes, quotes to approve, detractors not yet contacted.' }),
  })
  .meta({ id: 'NotificationSettings', description: 'E-mails a site sends (with PLAUDIT_SMTP_URL set).' });
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
