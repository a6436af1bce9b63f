// The responses list and its exports take the same filters: turned into storage's filter in one
// place, so they cannot drift apart.
import type { z } from 'zod';
import type { ResponseFilterSchema } from '@plaudit/shared';
import type { ResponseFilter } from '../../store/types';
import type { SiteRecord } from '../../store/types';
import { HttpError } from '../../lib/errors';
import { addDays, startOfLocalDay } from '../../lib/local-time';

export const badRequest = (message: string) => new HttpError(400, 'validation_failed', message);

/** A date means the whole local day in the site's zone; a date-time means that instant. */
function lowerBound(value: string, tz: string): number {
  return value.length === 10 ? startOfLocalDay(value, tz) : Date.parse(value);
}
function upperBound(value: string, tz: string): number {
  return value.length === 10 ? startOfLocalDay(addDays(value, 1), tz) : Date.parse(value) + 1;
}

/** Storage's filter for the query's filters, in the site's time zone; refuses an empty range. */
export function responseFilter(site: SiteRecord, q: z.infer<typeof ResponseFilterSchema>): Omit<ResponseFilter, 'limit' | 'after'> {
  const fromMs = q.from ? lowerBound(q.from, site.timezone) : undefined;
  const toMs = q.to ? upperBound(q.to, site.timezone) : undefined;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw badRequest('from must be before to');
  return {
    surveyId: q.survey,
    fromMs,
    toMs,
    category: q.category,
    hasComment: q.hasComment === undefined ? undefined : q.hasComment === 'true',
    followUp: q.followUp,
    assignee: q.assignee,
    search: q.q,
  };
}

export function encodeCursor(last: { createdAt: number; seq: number }): string {
  return Buffer.from(`${last.createdAt}.${last.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: number; seq: number } {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor: not a cursor returned by this API');
  return { createdAt: Number(match[1]), seq: Number(match[2]) };
}
