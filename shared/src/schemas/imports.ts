// CSV imports (customer events, tickets) and batches sent as JSON: what both resources share.
// An import is checked line by line; strict by default, it stores nothing when any line is
// refused, and with `partial=true` it stores the valid lines and names the skipped ones.
import { z } from 'zod';
import { wellFormed } from './common';

export const IMPORT_LIMITS = {
  /** Items of a JSON batch. */
  batchItems: 500,
  /** Data lines of a CSV import (the header not counted). */
  importLines: 500_000,
  /** Bytes of a CSV import. */
  importBytes: 64 * 1024 * 1024,
  /** Refused lines listed in an answer; the count covers them all. */
  reportedLines: 1_000,
  /** Characters of an id from the owner's billing system or help desk. */
  externalIdChars: 128,
} as const;

/** An id from the owner's systems (a billing event's, a help desk ticket's): trimmed, as stored. */
export const ExternalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(IMPORT_LIMITS.externalIdChars)
  .transform(wellFormed)
  .meta({ description: `An id in the owner’s systems, 1–${IMPORT_LIMITS.externalIdChars} characters (trimmed).`, examples: ['evt_1NqRb2Ks'] });

/** An instant as sent: ISO 8601 with its offset (Z or ±hh:mm), read as Unix ms. */
export const InstantSchema = z.iso.datetime({ offset: true }).meta({ description: 'An ISO 8601 instant with its offset (`Z` or `+02:00`).', examples: ['2026-10-03T09:12:00Z'] });

export const ImportQuerySchema = z.strictObject({
  partial: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: '`true` stores the valid lines and lists the skipped ones; by default (`false`) one refused line refuses the whole file and nothing is stored.', examples: ['false'] }),
});

export const LineErrorSchema = z
  .object({
    line: z.int().meta({ description: 'The line of the file where the record starts (the header is line 1).', examples: [99_998] }),
    message: z.string().meta({ description: 'What is wrong with it: the column and the rule.', examples: ['at: Invalid ISO datetime'] }),
  })
  .meta({ id: 'LineError', description: 'A refused line of a CSV import.' });

export const ImportResultSchema = z
  .object({
    imported: z.int().meta({ description: 'Lines stored (each an insert or an update of the same id).', examples: [100_000] }),
    skipped: z.int().meta({ description: 'Lines refused and not stored (always 0 in strict mode, which refuses the file instead).', examples: [0] }),
    errors: z.array(LineErrorSchema).meta({ description: `The skipped lines, the first ${IMPORT_LIMITS.reportedLines}.`, examples: [[]] }),
  })
  .meta({ id: 'ImportResult', description: 'What an import stored.' });
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportRefusedSchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({ examples: ['validation_failed'] }),
        message: z.string().meta({ examples: ['1 of 100000 lines refused; nothing was imported (send partial=true to import the valid ones)'] }),
      })
      .meta({ description: 'The error.' }),
    errors: z.array(LineErrorSchema).optional().meta({ description: `The refused lines, the first ${IMPORT_LIMITS.reportedLines}.` }),
    refused: z.int().optional().meta({ description: 'How many lines were refused in all.', examples: [1] }),
  })
  .meta({ id: 'ImportRefused', description: 'The error envelope; for a file, its refused lines with their line numbers. Nothing was stored.' });

/** A batch's refused items, by index, as the answers' batches name them. */
export const ItemRejectionSchema = z
  .object({
    index: z.int().meta({ description: 'The refused item’s position in the batch.', examples: [3] }),
    error: z
      .object({
        code: z.string().meta({ examples: ['validation_failed'] }),
        message: z.string().meta({ examples: ['at: Invalid ISO datetime'] }),
      })
      .meta({ description: 'Why it was refused.' }),
  })
  .meta({ id: 'ItemRejection', description: 'An item of a batch that was not stored.' });

export const BatchResultSchema = z
  .object({
    accepted: z.int().meta({ description: 'Items stored (each an insert or an update of the same id).', examples: [2] }),
    rejected: z.array(ItemRejectionSchema).meta({ description: 'The items not stored, by index.', examples: [[]] }),
  })
  .meta({ id: 'BatchResult', description: 'What a batch stored.' });

export const BatchRejectedSchema = z
  .object({
    error: z.object({ code: z.string().meta({ examples: ['validation_failed'] }), message: z.string().meta({ examples: ['no valid item in the batch'] }) }).meta({ description: 'The error.' }),
    rejected: z.array(ItemRejectionSchema).optional().meta({ description: 'Why each item was refused.' }),
  })
  .meta({ id: 'BatchRejected', description: 'The error envelope; for a batch with no valid item, why each was refused.' });
