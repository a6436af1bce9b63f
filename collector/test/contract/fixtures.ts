// Real resources for the contract tests: a site with its keys, a survey, and one stored answer of
// a known customer who allowed a quote, made through the API itself.
import type { FastifyInstance } from 'fastify';
import { ADMIN_TOKEN, answer, createSite, createSurvey, postResponses } from '../helper';
import type { Fixture } from './requests';

let made = 0;

export async function makeFixture(app: FastifyInstance): Promise<Fixture> {
  made++;
  const site = await createSite(app, { name: `Contract ${made}` });
  const survey = await createSurvey(app, site);
  const customerId = `cus_contract_${made}`;
  // Quotable (consent given), so the testimonial routes have a quote to review.
  const first = answer(site, survey, { nps: 9, comment: 'Fast delivery', consent: true, customer: { id: customerId } });
  const res = await postResponses(app, first);
  if (res.statusCode !== 202) throw new Error(`makeFixture: storing an answer got ${res.statusCode} ${res.body}`);
  const marker = await app.inject({
    method: 'POST',
    url: `/v1/sites/${site.id}/markers`,
    headers: { authorization: `Bearer ${site.secretKey}` },
    payload: { date: '2026-10-14', label: 'New checkout released' },
  });
  if (marker.statusCode !== 201) throw new Error(`makeFixture: a marker got ${marker.statusCode} ${marker.body}`);
  return {
    siteId: site.id,
    surveyId: survey.id,
    responseId: first.id,
    customerId,
    markerId: marker.json().id,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    adminToken: ADMIN_TOKEN,
  };
}
