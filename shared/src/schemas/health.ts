import { z } from 'zod';

const WriteHealthSchema = z
  .object({
    status: z.enum(['ok', 'failing', 'stalled']).meta({ description: '`failing`: writes fail (disk full, I/O errors); `stalled`: the disk does not complete them.', examples: ['ok'] }),
    since: z.string().meta({ description: 'When this state began (ISO 8601).', examples: ['2026-11-29T14:03:07.123Z'] }),
    reason: z.string().optional().meta({ description: 'Why writes fail.', examples: ['disk full'] }),
  })
  .meta({ id: 'WriteHealth', description: 'The write path, as the last write found it.' });

export const HealthSchema = z
  .object({ status: z.literal('ok').meta({ examples: ['ok'] }), writes: WriteHealthSchema })
  .meta({ id: 'Health', description: 'The collector reads and writes.' });

/** /healthz while the database cannot take writes: the error envelope, and what is wrong. */
export const UnhealthySchema = z
  .object({
    error: z.object({ code: z.string().meta({ examples: ['unavailable'] }), message: z.string().meta({ examples: ['database writes are failing: disk full'] }) }),
    status: z.literal('unavailable').meta({ examples: ['unavailable'] }),
    writes: WriteHealthSchema,
  })
  .meta({ id: 'Unhealthy', description: 'The error envelope, with what is wrong with the write path.' });
