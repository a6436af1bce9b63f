// The hosted page of survey links (/s/:surveyId on the collector): the widget shows the survey in
// place, whatever the display rules, records the score of the button the customer clicked once
// its script runs, asks why, and sends the link's token so the collector takes customer and
// attributes from it. Fetching the page without running scripts records nothing.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, newPage, startStack, until, type Stack } from './harness';

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

/** A survey nobody would be shown on a site: sampled out and manual. The link still shows it. */
const HIDDEN = { trigger: 'manual', samplePercent: 0, resurveyDays: 365 };

async function link(surveyId: string, body: unknown): Promise<{ url: string; token: string }> {
  const res = await stack.api('POST', `/v1/sites/${stack.site.id}/surveys/${surveyId}/links`, body);
  expect(res.status).toBe(201);
  return res.json;
}

describe('the hosted page', () => {
  it('records the clicked score of a signed link once its script runs (not when fetched), with the link’s customer and attributes, then asks why', async () => {
    const survey = await stack.createSurvey({ display: HIDDEN, productName: 'Acme' });
    const { url } = await link(survey.id, { customer: { id: 'cus_link', email: 'ana@example.com' }, attributes: { ticket: '123' } });
    // A mail scanner fetches the link without running scripts: nothing is recorded.
    const scanned = await fetch(`${url}&score=9`);
    expect(scanned.status).toBe(200);
    expect(await scanned.text()).toContain('data-score="9"');
    expect(await stack.responses()).toEqual([]);

    const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(`${url}&score=9`);

    const stored = await until(async () => (await stack.responses())[0], 'the score');
    expect(stored).toMatchObject({ survey: survey.id, nps: 9, customer: { id: 'cus_link', email: 'ana@example.com' }, attributes: { ticket: '123' } });
    // The survey is the page: the "why?" step follows, and there is nothing to close.
    await page.getByRole('textbox').fill('Fixed on the first call');
    expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    const updated = await until(async () => (await stack.responses()).find((r) => r.comment), 'the comment');
    expect(updated).toMatchObject({ id: stored.id, nps: 9, comment: 'Fixed on the first call', customer: { id: 'cus_link' } });
    expect(await stack.responses()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without a score, shows the scale and waits; unsigned attributes from the query go with the answer', async () => {
    const survey = await stack.createSurvey({ display: HIDDEN, questions: ['csat', 'comment'] });
    const { context, page, errors } = await newPage(browser, { width: 1280, height: 800 });
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/responses')) sent.push(r.url());
    });
    await page.goto(`${stack.collectorUrl}/s/${survey.id}?a.ticket=77`);
    await page.getByRole('radiogroup').waitFor();
    await page.waitForLoadState('networkidle');
    expect(sent).toEqual([]);
    await page.getByRole('radio', { name: /^4/ }).click();
    const stored = await until(async () => (await stack.responses())[0], 'the answer');
    expect(stored).toMatchObject({ survey: survey.id, csat: 4, attributes: { ticket: '77' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a score that does not fit the survey as no answer at all', async () => {
    const survey = await stack.createSurvey({ display: HIDDEN, questions: ['csat'] });
    const { context, page } = await newPage(browser);
    await page.goto(`${stack.collectorUrl}/s/${survey.id}?score=9`);
    await page.getByRole('radiogroup').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('plaudit-survey').count()).toBe(1);
    expect(await stack.responses()).toEqual([]);
    await context.close();
  });
});
