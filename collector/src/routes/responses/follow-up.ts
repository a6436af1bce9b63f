// Closing the loop on a response: its follow-up state, owner and internal notes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FollowUpEntrySchema, FollowUpPatchSchema, FollowUpSchema, NoteCreateSchema, ResponseParamsSchema, type FollowUp } from '@plaudit/shared';
import { notFound } from '../../lib/errors';
import type { FollowUpEntryRecord, FollowUpRecord } from '../../store/types';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const entryJson = (e: FollowUpEntryRecord) => ({ id: e.id, kind: e.kind, body: e.body, actor: e.actor, createdAt: new Date(e.createdAt).toISOString() });
export const followUpJson = (f: FollowUpRecord): FollowUp => ({
  state: f.state,
  assignee: f.assignee,
  firstContactAt: iso(f.firstContactAt),
  changedAt: iso(f.changedAt),
  history: f.history.map(entryJson),
});

export default async function followUpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const common = { onRequest: app.requireSite };
  const tags = ['follow-up'];
  const security = SECURITY.site;

  r.get(
    '/v1/sites/:siteId/responses/:responseId/follow-up',
    {
      ...common,
      schema: { operationId: 'getFollowUp', tags, security, summary: 'A response’s follow-up, with its notes and history', params: ResponseParamsSchema, response: { 200: json('The follow-up.', FollowUpSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => {
      const found = await app.store.outreach.get(request.site.id, request.params.responseId);
      if (!found) throw notFound('response');
      return followUpJson(found);
    },
  );

  r.patch(
    '/v1/sites/:siteId/responses/:responseId/follow-up',
    {
      ...common,
      schema: {
        operationId: 'updateFollowUp',
        tags,
        security,
        summary: 'Change a response’s follow-up state or assignee',
        description: 'States: `open` → `contacted` → `resolved`, or `ignored`; any move is allowed (a case can be reopened). The first move to `contacted` or `resolved` records when the customer was first contacted, for the metrics’ time to contact. Each change joins the history with who made it and when; sending what is already set changes nothing.',
        params: ResponseParamsSchema,
        body: FollowUpPatchSchema,
        response: { 200: json('The follow-up as changed.', FollowUpSchema), ...errors(...SITE_ERRORS, 413, 415, 503) },
      },
    },
    async (request) => {
      const changed = await app.store.outreach.update(request.site.id, request.params.responseId, request.body, request.actor, Date.now());
      if (!changed) throw notFound('response');
      // A followup.changed event may have been queued with the change.
      app.dispatcher.poke();
      return followUpJson(changed);
    },
  );

  r.post(
    '/v1/sites/:siteId/responses/:responseId/notes',
    {
      ...common,
      schema: {
        operationId: 'addFollowUpNote',
        tags,
        security,
        summary: 'Add an internal note to a response',
        description: 'Plain text, never shown to the customer; kept in the follow-up’s history with who wrote it and when.',
        params: ResponseParamsSchema,
        body: NoteCreateSchema,
        response: { 201: json('The note.', FollowUpEntrySchema), ...errors(...SITE_ERRORS, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const note = await app.store.outreach.addNote(request.site.id, request.params.responseId, request.body.body, request.actor, Date.now());
      if (!note) throw notFound('response');
      return reply.code(201).send(entryJson(note));
    },
  );
}
