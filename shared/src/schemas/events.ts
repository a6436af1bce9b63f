import { z } from 'zod';
import { IdSchema } from './common';
import { CustomerIdSchema } from './responses';
import { PublicKeyParamSchema } from './config';

export const EVENT_TYPES = ['shown', 'dismissed', 'cta_shown', 'cta_clicked'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EventInputSchema = z
  .strictObject({
    key: PublicKeyParamSchema,
    survey: IdSchema.meta({ description: 'The survey shown or dismissed.', examples: ['sv_q3Zr8nL2xTbA'] }),
    type: z.enum(EVENT_TYPES).meta({
      description: '`shown` counts an impression (for the response rate); `dismissed` a survey closed unanswered; `cta_shown` and `cta_clicked` a promoter shown and following the survey’s next step.',
      examples: ['shown'],
    }),
    visitor: IdSchema.optional().meta({ description: 'The widget’s visitor id; not stored.', examples: ['v_3kq9zT1xw8'] }),
    customer: z
      .strictObject({ id: CustomerIdSchema.meta({ description: 'The identified customer’s id.', examples: ['cus_8812'] }) })
      .optional()
      .meta({ description: 'An identified customer: their dismissal starts the resurvey window on every device (stored as a hash with the time only).' }),
  })
  .meta({ id: 'Event', description: 'A survey was shown or dismissed. Counted per day; no per-visitor row is kept.' });
export type EventInput = z.infer<typeof EventInputSchema>;
