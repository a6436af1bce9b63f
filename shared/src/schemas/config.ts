import { z } from 'zod';
import { SurveySchema, ThemeSchema } from './surveys';

export const PublicSurveySchema = SurveySchema.pick({
  id: true,
  name: true,
  questions: true,
  productName: true,
  locale: true,
  display: true,
  texts: true,
  followUps: true,
  cta: true,
})
  .extend({
    /** The brand colour and the colours derived from it (see theme.ts), ready to apply. */
    theme: ThemeSchema.extend({
      colors: z
        .object({
          brand: z.string().meta({ examples: ['#0f766e'] }),
          onBrand: z.string().meta({ examples: ['#ffffff'] }),
          accent: z.string().meta({ examples: ['#0f766e'] }),
          wash: z.string().meta({ examples: ['#e7f1f0'] }),
        })
        .meta({ description: 'The brand colour and the readable colours derived from it, ready to apply.' }),
    }).meta({ description: 'Colours.' }),
  })
  .meta({ id: 'PublicSurvey', description: 'An active survey as the widget needs it.' });
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;

export const WidgetConfigSchema = z
  .object({
    site: z
      .object({
        name: z.string().meta({ description: 'The site’s name.', examples: ['Demo Shop'] }),
        cooldownDays: z.int().optional().meta({ description: 'Days after any survey reached a visitor before another may (absent from collectors before it existed).', examples: [14] }),
      })
      .meta({ description: 'The site.' }),
    surveys: z.array(PublicSurveySchema).meta({ description: 'The site’s active surveys.' }),
    inactive: z
      .record(z.string(), z.enum(['paused', 'archived']))
      .optional()
      .meta({ description: 'The site’s other surveys and why they do not show, so `plaudit("show", id)` can say why (absent from collectors before it existed).', examples: [{ sv_old: 'archived' }] }),
  })
  .meta({ id: 'WidgetConfig', description: 'What the widget reads on each page view: the site’s active surveys.' });
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

export const PublicKeyParamSchema = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: 'The site’s public key, as in the snippet’s `data-key`.', examples: ['pk_k7XJS8e6hmSP7ZRhxbIREfTx'] });

export const ConfigQuerySchema = z.strictObject({ key: PublicKeyParamSchema });
