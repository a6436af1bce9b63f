// POST /v1/responses: one answer or a batch, each checked on its own, with the public key in each.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnswerBatchSchema, BatchRefusedSchema, IngestResultSchema, LIMITS, ResponseInputSchema, followUpProblem, type FollowUpAnswers } from '@plaudit/shared';
import type { IngestItem } from '../../store/types';
import type { SiteRecord, SurveyRecord } from '../../store/types';
import { consentLabel } from '../../domain/testimonials';
import { commentKeysJson } from '../../domain/themes/analyze';
import { isBot } from '../../lib/bots';
import { HttpError } from '../../lib/errors';
import { verifyLink } from '../../lib/links';
import { localDay } from '../../lib/local-time';
import { formatIssues } from '../../plugins/errors';
import { unknownKey } from '../../plugins/public-access';
import { SECURITY, errors, json } from '../openapi';
import { plainJson } from '../representations';

/**
 * The wire may escape every character (`\u00e9` is six bytes for one), so what the transport
 * carries is bounded loosely here, and each answer's own limits are counted on its canonical JSON:
 * an answer means the same size whatever its escaping, alone or in a batch.
 */
export const RAW_BODY_LIMIT = 1024 * 1024;

type Rejection = { index: number; status: number; error: { code: string; message: string } };

/** Route-level validator that lets a body through untouched: ingest checks items one by one. */
const passThrough = () => (data: unknown) => ({ value: data });

/** Bytes of a value as canonical JSON; its raw size bounds it from above, so most need no count. */
const canonicalBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export default async function ingestRoutes(app: FastifyInstance) {
  /** One count per survey and day of the answers a bot sent. */
  async function recordBots(items: IngestItem[]): Promise<void> {
    const counts = new Map<string, { item: IngestItem; n: number }>();
    for (const item of items) {
      const key = `${item.surveyId}\u0000${item.day}`;
      const entry = counts.get(key) ?? { item, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    await Promise.all([...counts.values()].map(({ item, n }) => app.store.events.recordBots(item.siteId, item.surveyId, item.day, n)));
  }

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/responses',
    {
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      bodyLimit: RAW_BODY_LIMIT,
      schema: {
        operationId: 'postResponses',
        tags: ['widget'],
        summary: 'Store one answer, or a batch of up to 100',
        description: [
          'The public key travels in each answer (`key`), so `navigator.sendBeacon` can send them: OpenAPI security schemes cannot express a key in the body, hence no `security` here.',
          'The same `id` again updates that response field by field, so retries never duplicate and a comment sent after its score joins it.',
          '`application/json` or `text/plain` (parsed as JSON, what `sendBeacon` and simple CORS requests send).',
          `An answer is at most ${LIMITS.answerBytes / 1024} KB and a batch ${LIMITS.batchBytes / 1024} KB, counted on their canonical JSON whatever the escaping on the wire.`,
          'A batch is checked answer by answer: `202` stores the valid ones and lists the others in `rejected`; `400` when none is valid. Known bots are answered `202` and nothing is stored (see the README, Bots).',
        ].join('\n\n'),
        security: SECURITY.none,
        consumes: ['application/json', 'text/plain'],
        body: z.union([ResponseInputSchema, AnswerBatchSchema]),
        response: {
          202: json('Stored: how many, and for a batch which answers were refused.', IngestResultSchema),
          400: json('Invalid: the answer, or every answer of the batch (listed in `rejected`).', BatchRefusedSchema),
          ...errors(401, 403, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (body === undefined || body === null) throw new HttpError(400, 'bad_request', 'send one answer, or an array of answers, as JSON');
      const batch = Array.isArray(body);
      const raw: unknown[] = batch ? body : [body];
      if (batch && (raw.length === 0 || raw.length > LIMITS.batchItems)) {
        throw new HttpError(400, 'validation_failed', `a batch holds 1 to ${LIMITS.batchItems} answers`);
      }
      const [limit, what] = batch ? [LIMITS.batchBytes, 'a batch'] : [LIMITS.answerBytes, 'an answer'];
      if (request.bodyBytes > limit && canonicalBytes(body) > limit) {
        throw new HttpError(413, 'payload_too_large', `${what} is at most ${limit} bytes as JSON`);
      }
      const now = Date.now();
      const sites = new Map<string, Promise<SiteRecord | undefined>>();
      // The survey as it is now, read once per request: follow-up answers are checked against it,
      // and a consent to be quoted keeps the sentence it showed.
      const surveys = new Map<string, Promise<SurveyRecord | undefined>>();
      const surveyOf = (siteId: string, surveyId: string) => {
        let found = surveys.get(surveyId);
        if (!found) {
          found = app.store.surveys.get(siteId, surveyId);
          surveys.set(surveyId, found);
        }
        return found;
      };
      const answersProblem = async (siteId: string, surveyId: string, answers: FollowUpAnswers) => {
        const byId = new Map(((await surveyOf(siteId, surveyId))?.followUps ?? []).map((q) => [q.id, q]));
        for (const [id, answer] of Object.entries(answers)) {
          const problem = followUpProblem(byId.get(id), answer);
          if (problem) return `answers.${id}: ${problem}`;
        }
        return null;
      };
      const rejected: Rejection[] = [];
      const items: { index: number; item: IngestItem }[] = [];

      for (const [index, candidate] of raw.entries()) {
        const reject = (e: HttpError) => rejected.push({ index, status: e.statusCode, error: { code: e.code, message: e.message } });
        if (batch && canonicalBytes(candidate) > LIMITS.answerBytes) {
          reject(new HttpError(413, 'payload_too_large', `an answer is at most ${LIMITS.answerBytes} bytes as JSON`));
          continue;
        }
        const parsed = ResponseInputSchema.safeParse(candidate);
        if (!parsed.success) {
          reject(new HttpError(400, 'validation_failed', formatIssues(parsed.error.issues)));
          continue;
        }
        const input = parsed.data;
        let site = sites.get(input.key);
        if (!site) {
          site = app.siteOfKey(input.key);
          sites.set(input.key, site);
        }
        const owner = await site;
        if (!owner) {
          reject(unknownKey());
          continue;
        }
        try {
          app.assertOrigin(request, owner, batch ? undefined : reply);
        } catch (e) {
          reject(e as HttpError);
          continue;
        }
        if ((await app.store.surveys.siteOf(input.survey)) !== owner.id) {
          reject(new HttpError(404, 'not_found', 'no such survey for this key'));
          continue;
        }
        if (input.answers) {
          const problem = await answersProblem(owner.id, input.survey, input.answers);
          if (problem) {
            reject(new HttpError(400, 'validation_failed', problem));
            continue;
          }
        }
        // A signed link says who answers: its customer and attributes win over the body's.
        let { customer, attributes } = input;
        if (input.link !== undefined) {
          const check = verifyLink(input.link, owner.linkKey, input.survey, now);
          if (!check.ok) {
            reject(new HttpError(403, 'forbidden', `link: ${check.reason === 'expired' ? 'this link has expired' : 'not a valid link for this survey'}`));
            continue;
          }
          customer = check.claims.customer ?? customer;
          if (check.claims.attributes) attributes = { ...attributes, ...check.claims.attributes };
        }
        items.push({
          index,
          item: {
            id: input.id,
            siteId: owner.id,
            surveyId: input.survey,
            day: localDay(now, owner.timezone),
            now,
            nps: input.nps,
            csat: input.csat,
            comment: input.comment,
            consent: input.consent,
            locale: input.locale,
            page: input.page,
            visitor: input.visitor,
            customer,
            attributes,
            answers: input.answers,
            complete: input.complete,
            // Worked out once here, so the themes route reads keys, never the text again.
            commentKeys: input.comment ? commentKeysJson(input.comment, input.locale) : undefined,
            consentLabel: input.consent ? consentLabel((await surveyOf(owner.id, input.survey))?.texts ?? {}, input.locale) : undefined,
          },
        });
      }

      // Bots are answered as if stored, so they do not retry, but their answers are only counted
      // (the metrics' botAnswers), and nothing is charged to the site's key: a crawler must not
      // spend the budget of real visitors.
      const bot = app.botFilter && isBot(request.headers['user-agent']);
      if (bot) await recordBots(items.map((i) => i.item));
      else for (const siteId of new Set(items.map((i) => i.item.siteId))) app.limitKey(request, reply, siteId);
      const outcomes = items.length && !bot ? await app.store.responses.ingest(items.map((i) => i.item)) : [];
      // Webhook deliveries were committed with the answers: send them now.
      if (outcomes.some((o) => o.ok && o.queued > 0)) app.dispatcher.poke();
      outcomes.forEach((outcome, i) => {
        // A refused item is an id that another survey owns (the only refusal storage makes).
        if (!outcome.ok) rejected.push({ index: items[i]!.index, status: 409, error: { code: 'id_conflict', message: outcome.error.message } });
      });
      const accepted = raw.length - rejected.length;
      rejected.sort((a, b) => a.index - b.index);

      if (!batch) {
        const only = rejected[0];
        // The statuses a refusal can carry are documented above; the type provider knows only 202 and 400.
        if (only) return reply.code(only.status as 400).send({ error: only.error });
        return reply.code(202).send({ accepted });
      }
      const list = rejected.map(({ index, error }) => ({ index, error }));
      if (accepted === 0) {
        return reply.code(400).send({ error: { code: 'validation_failed', message: 'no valid answer in the batch' }, rejected: list });
      }
      return reply.code(202).send({ accepted, rejected: list });
    },
  );
}
