// The end of an answer (`complete: true`) in real Chromium against the real collector: a visitor who
// reaches the thanks, whatever they skipped on the way, fires `response.completed` once at a webhook
// receiver started here; one who closes the survey before the end fires none. The collector keeps
// no field for it, so the webhook is how the test sees it.
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../receiver';
import { hostHtml, launchChromium, newPage, startStack, until, type Stack } from './harness';

let browser: Browser;
let stack: Stack;
let receiver: Receiver;
let verifier: Webhook;
let survey: { id: string };

beforeAll(async () => {
  // Webhooks to loopback: the receiver runs here.
  [browser, stack, receiver] = await Promise.all([launchChromium(), startStack({ webhookAllowPrivate: true, webhookRetryBaseMs: 200 }), startReceiver()]);
  survey = await stack.createSurvey({
    name: 'Complete',
    display: { trigger: 'load', delaySeconds: 0 },
    followUps: [{ id: 'why_us', type: 'text', prompt: { en: 'Why did you choose us?' } }],
  });
  const hook = await stack.api('POST', `/v1/sites/${stack.site.id}/webhooks`, { url: receiver.url, events: ['response.completed'] });
  expect(hook.status, JSON.stringify(hook.json)).toBe(201);
  verifier = new Webhook(hook.json.secret);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await receiver?.close();
});

/** A visitor on a page of their own; resolves once the survey's scale shows. */
async function visit(path: string) {
  const opened = await newPage(browser);
  await opened.page.goto(stack.page(path, hostHtml(stack, { attrs: `data-survey="${survey.id}"` })));
  await opened.page.getByRole('radiogroup').waitFor();
  return opened;
}

/** The response stored for this page, once it is. */
const storedFor = (url: string) => until(async () => (await stack.responses()).find((r) => r.page === url), `the response of ${url}`);

/** The events received so far, each verified with the Standard Webhooks reference library. */
const completedEvents = () =>
  receiver.received.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { response: { id: string } } });

async function score(page: Page, value: number) {
  await page.getByRole('radio', { name: new RegExp(`^${value}`) }).click();
  await page.getByRole('textbox').waitFor();
}

describe('complete: true at the end', () => {
  it('fires response.completed once for a visitor who finishes, whatever they skipped, and never for one who leaves before the end', async () => {
    // 1. Leaves before the end: a score, then the close button on the comment step.
    const early = await visit('/early');
    await score(early.page, 6);
    await early.page.getByRole('button', { name: 'Close' }).click();
    await early.page.locator('plaudit-survey').waitFor({ state: 'detached' });
    const earlyResponse = await storedFor(early.page.url());
    await early.context.close();

    // 2. Finishes: the comment sent, the follow-up question skipped, the thanks.
    const finisher = await visit('/finisher');
    await score(finisher.page, 9);
    await finisher.page.getByRole('textbox').fill('Lovely mugs');
    await finisher.page.getByRole('button', { name: 'Send' }).click();
    await finisher.page.getByText('Why did you choose us?').waitFor();
    await finisher.page.getByRole('button', { name: 'Skip' }).click();
    await finisher.page.getByText('Thank you for your feedback!').waitFor();
    const finished = await storedFor(finisher.page.url());
    // Deliveries reach an endpoint in the order their answers were stored: had the first visitor's
    // answer completed, its event would come first.
    await receiver.waitFor(1);
    expect(completedEvents().map((e) => [e.type, e.data.response.id])).toEqual([['response.completed', finished.id]]);
    expect(finished).toMatchObject({ nps: 9, comment: 'Lovely mugs' });
    expect(finisher.errors).toEqual([]);
    // Gone past the thanks and off the page: the outbox is empty, nothing is sent again.
    await finisher.page.getByText('Thank you for your feedback!').waitFor({ state: 'detached', timeout: 10_000 });
    await finisher.context.close();

    // 3. Skips everything after the score: still the end.
    const skipper = await visit('/skipper');
    await score(skipper.page, 3);
    await skipper.page.getByRole('button', { name: 'Skip' }).click();
    await skipper.page.getByText('Why did you choose us?').waitFor();
    await skipper.page.getByRole('button', { name: 'Skip' }).click();
    await skipper.page.getByText('Thank you for your feedback!').waitFor();
    const skipped = await storedFor(skipper.page.url());
    await receiver.waitFor(2);
    await skipper.context.close();

    // Exactly one each for those who finished, in order; none for the one who left.
    expect(completedEvents().map((e) => e.data.response.id)).toEqual([finished.id, skipped.id]);
    expect(completedEvents().map((e) => e.data.response.id)).not.toContain(earlyResponse.id);
    expect(skipped).toMatchObject({ nps: 3, comment: null });
  });
});
