// A client generated from the document works against the real collector. api.d.ts is what
// openapi-typescript makes of GET /docs/json, and it cannot go stale: a fresh generation must equal
// the committed file. openapi-fetch then drives a collector listening on loopback with those types
// only, the way a customer's generated client would: create a site and a survey, answer, read metrics.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_PATH, renderApiTypes, servedDocument } from '../../scripts/generate-api-types';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helper';
import type { paths } from './api';

describe('test/contract/api.d.ts', () => {
  it('is what openapi-typescript generates from the served document today', async () => {
    const fresh = await renderApiTypes(await servedDocument());
    const committed = fs.readFileSync(API_TYPES_PATH, 'utf8');
    const [a, b] = [committed.split('\n'), fresh.split('\n')];
    const line = a.findIndex((l, i) => l !== b[i]);
    const where = line === -1 ? `the fresh file has ${b.length - a.length} more lines` : `line ${line + 1} was \`${a[line]?.trim()}\`, is now \`${b[line]?.trim() ?? '(end of file)'}\``;
    expect(
      committed === fresh,
      `test/contract/api.d.ts is stale (${where}): run \`pnpm --filter @plaudit/collector api:types\` and commit the result`,
    ).toBe(true);
  });
});

describe('a client generated from the document', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error(`unexpected listen address ${String(address)}`);
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a site and a survey, posts an answer and reads the metrics', async () => {
    const client = createClient<paths>({ baseUrl });

    const site = await client.POST('/v1/sites', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { name: 'Generated client', origins: ['https://client.example'], timezone: 'Europe/Paris' },
    });
    expect(site.response.status, JSON.stringify(site.error)).toBe(201);
    if (!site.data) throw new Error('no site');
    const { id: siteId, secretKey, publicKey } = site.data;
    const owner = { authorization: `Bearer ${secretKey}` };

    const survey = await client.POST('/v1/sites/{siteId}/surveys', {
      params: { path: { siteId } },
      headers: owner,
      body: { name: 'NPS', questions: ['nps', 'comment'] },
    });
    expect(survey.response.status, JSON.stringify(survey.error)).toBe(201);
    if (!survey.data) throw new Error('no survey');
    expect(survey.data.questions).toEqual(['nps', 'comment']);

    const ingest = await client.POST('/v1/responses', {
      body: { id: randomUUID(), key: publicKey, survey: survey.data.id, nps: 10, comment: 'Quick and kind' },
    });
    expect(ingest.response.status, JSON.stringify(ingest.error)).toBe(202);
    expect(ingest.data?.accepted).toBe(1);

    const metrics = await client.GET('/v1/sites/{siteId}/metrics', {
      params: { path: { siteId }, query: { survey: survey.data.id, interval: 'day' } },
      headers: owner,
    });
    expect(metrics.response.status, JSON.stringify(metrics.error)).toBe(200);
    expect(metrics.data?.responses).toBe(1);
    expect(metrics.data?.nps.score).toBe(100);
    expect(metrics.data?.nps.promoters).toBe(1);

    // A documented error comes back typed, in the envelope.
    const refused = await client.GET('/v1/sites/{siteId}', { params: { path: { siteId } } });
    expect(refused.response.status).toBe(401);
    expect(refused.error?.error.code).toBe('unauthorized');
  });
});
