// GET /v1/fatigue: for an identified customer, which surveys may not reach them now, on any
// device: their resurvey windows and the site's cooldown, from when surveys last reached them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FatigueQuerySchema, FatigueSchema } from '@plaudit/shared';
import { unknownKey } from '../../plugins/public-access';
import { SECURITY, errors, json } from '../openapi';

const DAY_MS = 86_400_000;

/** Until when each survey, and any survey, may not reach a customer; pure, for tests. */
export function fatigue(
  contacts: Map<string, number>,
  surveys: { id: string; resurveyDays: number }[],
  cooldownDays: number,
  now: number,
): { cooldownUntil: number | null; surveys: Record<string, number> } {
  const blocked: Record<string, number> = {};
  for (const s of surveys) {
    const last = contacts.get(s.id);
    if (last !== undefined && s.resurveyDays > 0 && last + s.resurveyDays * DAY_MS > now) blocked[s.id] = last + s.resurveyDays * DAY_MS;
  }
  const latest = Math.max(-Infinity, ...contacts.values());
  const cooldownUntil = cooldownDays > 0 && latest + cooldownDays * DAY_MS > now ? latest + cooldownDays * DAY_MS : null;
  return { cooldownUntil, surveys: blocked };
}

export default async function fatigueRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/fatigue',
    {
      schema: {
        operationId: 'getCustomerFatigue',
        tags: ['widget'],
        summary: 'Which surveys may not reach an identified customer now',
        description:
          'Asked by the widget for a visitor identified with `plaudit("identify", {id})`, so that a customer who answered or dismissed a survey on one device is not asked again on another within its resurvey window, nor by any survey within the site’s cooldown. Never cached. The collector keeps, per customer (as a hash) and survey, only when a survey last reached them.',
        security: SECURITY.publicKeyQuery,
        querystring: FatigueQuerySchema,
        response: { 200: json('The surveys that may not reach the customer now.', FatigueSchema), ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const site = await app.siteOfKey(request.query.key);
      if (!site) throw unknownKey();
      app.assertOrigin(request, site, reply);
      app.limitKey(request, reply, site.id);
      const [contacts, surveys] = await Promise.all([app.store.contacts.lastContacts(site.id, request.query.customer), app.store.surveys.listActive(site.id)]);
      const result = fatigue(contacts, surveys.map((s) => ({ id: s.id, resurveyDays: s.display.resurveyDays })), site.cooldownDays, Date.now());
      reply.header('cache-control', 'no-store');
      return {
        cooldownUntil: result.cooldownUntil === null ? null : new Date(result.cooldownUntil).toISOString(),
        surveys: Object.fromEntries(Object.entries(result.surveys).map(([id, until]) => [id, new Date(until).toISOString()])),
      };
    },
  );
}
