// Follow-up questions after the score (issue 14): their definitions, answers merged into the
// response question by question and checked against the survey, questions and options retired
// rather than dropped, the results against hand-computed values, the promoters' next step, and
// one export column per question.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

const FOLLOW_UPS = [
  {
    id: 'found_us',
    type: 'single',
    prompt: { en: 'How did you find us?', fr: 'Comment nous avez-vous connus ?' },
    options: [
      { id: 'search', label: { en: 'Search', fr: 'Recherche' } },
      { id: 'friend', label: { en: 'A friend', fr: 'Un ami' } },
      { id: 'insta', label: { en: 'Instagram' } },
    ],
    other: true,
    shuffle: true,
  },
  {
    id: 'improve',
    type: 'multiple',
    prompt: { en: 'What could we improve?' },
    options: [
      { id: 'delivery', label: { en: 'Delivery' } },
      { id: 'price', label: { en: 'Prices' } },
      { id: 'site', label: { en: 'The website' } },
    ],
    other: true,
    shownTo: { npsGroups: ['detractor', 'passive'] },
  },
  { id: 'ease', type: 'rating', scale: 7, prompt: { en: 'How easy was it?' }, low: { en: 'Hard' }, high: { en: 'Easy' } },
  { id: 'why_us', type: 'text', prompt: { en: 'Why did you choose us?' }, required: false },
];

let t: TestApp;
let site: TestSite;
let survey: { id: string } & Record<string, unknown>;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
  survey = await createSurvey(t.app, site, { questions: ['nps', 'comment'], followUps: FOLLOW_UPS });
});
afterEach(async () => {
  await t.close();
});

const api = (method: 'GET' | 'PATCH' | 'POST', path: string, payload?: unknown) =>
  t.app.inject({ method, url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey), ...(payload !== undefined && { payload: payload as object }) });
const stored = async (id: string) => (await api('GET', `/responses?survey=${survey.id}&limit=100`)).json().items.find((r: { id: string }) => r.id === id);

/** Sends the score first, then each follow-up answer on its own, as the widget does. */
async function respond(nps: number, answers: Record<string, unknown>, attributes?: Record<string, string>) {
  const first = answer(site, survey, { nps, ...(attributes && { attributes }) });
  expect((await postResponses(t.app, first)).statusCode).toBe(202);
  for (const [question, value] of Object.entries(answers)) {
    const res = await postResponses(t.app, { id: first.id, key: site.publicKey, survey: survey.id, answers: { [question]: value } });
    expect(res.statusCode, res.body).toBe(202);
  }
  return first.id;
}

describe('follow-up definitions', () => {
  it('stores the questions with their defaults, and hands the widget only what is asked', async () => {
    expect(survey.followUps).toHaveLength(4);
    expect((survey.followUps as { retired: boolean }[]).every((q) => q.retired === false)).toBe(true);
    const config = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { origin: 'https://shop.example' } });
    expect(config.json().surveys[0].followUps.map((q: { id: string }) => q.id)).toEqual(['found_us', 'improve', 'ease', 'why_us']);
  });

  it.each([
    ['a choice with one option', [{ id: 'q', type: 'single', prompt: { en: 'Q?' }, options: [{ id: 'a', label: { en: 'A' } }] }], /at least 2 options/],
    ['a rating without a scale', [{ id: 'q', type: 'rating', prompt: { en: 'Q?' } }], /scale of 5 or 7/],
    ['a scale of 10', [{ id: 'q', type: 'rating', scale: 10, prompt: { en: 'Q?' } }], /scale/],
    ['options on a text question', [{ id: 'q', type: 'text', prompt: { en: 'Q?' }, options: [] }], /only choice questions/],
    ['a repeated question id', [FOLLOW_UPS[3], FOLLOW_UPS[3]], /must not repeat/],
    ['a repeated option id', [{ id: 'q', type: 'single', prompt: { en: 'Q?' }, options: [{ id: 'a', label: { en: 'A' } }, { id: 'a', label: { en: 'B' } }] }], /must not repeat/],
    ['eleven questions', Array.from({ length: 11 }, (_, i) => ({ id: `q${i}`, type: 'text', prompt: { en: 'Q?' } })), /at most 10/],
    ['an empty prompt once trimmed', [{ id: 'q', type: 'text', prompt: { en: '   ' } }], /prompt/],
    ['an id with capitals', [{ id: 'Found', type: 'text', prompt: { en: 'Q?' } }], /id/],
  ])('refuses %s with 400', async (_name, followUps, message) => {
    const res = await api('POST', '/surveys', { name: 'x', questions: ['nps'], followUps });
    expectError(res, 400, 'validation_failed');
    expect(res.json().error.message).toMatch(message);
  });

  it('refuses a next step that is not an http(s) link', async () => {
    const res = await api('POST', '/surveys', { name: 'x', questions: ['nps'], cta: { kind: 'review', url: 'javascript:alert(1)', label: { en: 'Go' } } });
    expectError(res, 400, 'validation_failed');
  });
});

describe('answers to follow-up questions', () => {
  it('merges each answer into the response by question id, the score first, and a later answer to the same question replaces it', async () => {
    const id = await respond(4, { found_us: { choice: 'search' } });
    await postResponses(t.app, { id, key: site.publicKey, survey: survey.id, answers: { improve: { choices: ['delivery', 'price'], other: '  Packaging  ' }, ease: { rating: 2 } } });
    await postResponses(t.app, { id, key: site.publicKey, survey: survey.id, answers: { ease: { rating: 3 } } });
    const row = await stored(id);
    expect(row.nps).toBe(4);
    expect(row.answers).toEqual({ found_us: { choice: 'search' }, improve: { choices: ['delivery', 'price'], other: 'Packaging' }, ease: { rating: 3 } });
    // One response, however many messages: the metrics count one answer.
    expect((await api('GET', '/metrics')).json().responses).toBe(1);
  });

  it.each([
    ['an unknown question', { nope: { text: 'x' } }, /answers\.nope: no such question/],
    ['an unknown option', { found_us: { choice: 'tv' } }, /no such option: tv/],
    ['choices for a single choice', { found_us: { choices: ['search'] } }, /single-choice/],
    ['a repeated choice', { improve: { choices: ['price', 'price'] } }, /must not repeat/],
    ['a rating above its scale', { ease: { rating: 7.5 } }, /rating/],
    ['a rating of 8 on a 1–7 scale', { ease: { rating: 8 } }, /rating/],
    ['a text for a rating', { ease: { text: 'easy' } }, /rating question takes/],
    ['an unknown shape', { why_us: { words: 'x' } }, /an answer is \{choice\}/],
  ])('refuses %s with 400 and stores nothing of it', async (_name, answers, message) => {
    const body = answer(site, survey, { nps: 9, answers });
    const res = await postResponses(t.app, body);
    expectError(res, 400, 'validation_failed');
    expect(res.json().error.message).toMatch(message);
    expect(await stored(body.id)).toBeUndefined();
  });

  it('takes a follow-up answer alone (its score stored earlier), and only on its own survey', async () => {
    const other = await createSurvey(t.app, site, { questions: ['nps'] });
    const res = await postResponses(t.app, answer(site, other, { answers: { found_us: { choice: 'search' } } }));
    expect(res.json().error.message).toMatch(/no such question/);
    const alone = answer(site, survey, { answers: { why_us: { text: 'Handmade' } } });
    expect((await postResponses(t.app, alone)).statusCode).toBe(202);
    expect((await stored(alone.id)).answers).toEqual({ why_us: { text: 'Handmade' } });
  });
});

describe('editing questions once answers exist', () => {
  it('retires what an edit leaves out, keeps answering retired ids meaningful, and refuses to change a question’s type', async () => {
    await respond(6, { found_us: { choice: 'insta' }, ease: { rating: 3 } });
    const edit = await api('PATCH', `/surveys/${survey.id}`, {
      followUps: [{ ...FOLLOW_UPS[0], options: [FOLLOW_UPS[0]!.options![0], FOLLOW_UPS[0]!.options![1], { id: 'press', label: { en: 'The press' } }] }, FOLLOW_UPS[1], FOLLOW_UPS[3]],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const questions = edit.json().followUps as { id: string; retired: boolean; options?: { id: string; retired: boolean }[] }[];
    expect(questions.map((q) => [q.id, q.retired])).toEqual([
      ['found_us', false],
      ['improve', false],
      ['why_us', false],
      ['ease', true],
    ]);
    expect(questions[0]!.options!.map((o) => [o.id, o.retired])).toEqual([
      ['search', false],
      ['friend', false],
      ['press', false],
      ['insta', true],
    ]);

    // The widget is no longer asked the retired question or option.
    const config = (await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { origin: 'https://shop.example' } })).json();
    const live = config.surveys[0].followUps;
    expect(live.map((q: { id: string }) => q.id)).toEqual(['found_us', 'improve', 'why_us']);
    expect(live[0].options.map((o: { id: string }) => o.id)).toEqual(['search', 'friend', 'press']);

    // A page that loaded the survey before the edit may still answer the retired option: its
    // id keeps its meaning, so the answer is kept.
    expect((await postResponses(t.app, answer(site, survey, { nps: 4, answers: { found_us: { choice: 'insta' } } }))).statusCode).toBe(202);

    // An id never changes meaning: a question named `ease` stays a rating.
    const retype = await api('PATCH', `/surveys/${survey.id}`, { followUps: [{ id: 'ease', type: 'text', prompt: { en: 'Was it easy?' } }] });
    expectError(retype, 400, 'validation_failed');
    expect(retype.json().error.message).toMatch(/ease was a rating question/);
    // Nothing of the refused edit was kept.
    expect((await api('GET', `/surveys/${survey.id}`)).json().followUps).toEqual(questions);

    // Bringing a retired question back under its id revives it with its answers.
    const back = await api('PATCH', `/surveys/${survey.id}`, { followUps: [...FOLLOW_UPS] });
    expect(back.json().followUps.map((q: { id: string; retired: boolean }) => [q.id, q.retired])).toEqual([
      ['found_us', false],
      ['improve', false],
      ['ease', false],
      ['why_us', false],
    ]);
  });
});

describe('GET …/surveys/:surveyId/results', () => {
  /** Eight responses whose figures are computed by hand below. */
  async function answerEight() {
    await respond(10, { found_us: { choice: 'friend' }, ease: { rating: 7 } }, { plan: 'pro' });
    await respond(9, { found_us: { choice: 'friend' }, ease: { rating: 6 } }, { plan: 'pro' });
    await respond(8, { found_us: { choice: 'search' }, ease: { rating: 5 } }, { plan: 'pro' });
    await respond(3, { found_us: { choice: 'search' }, improve: { choices: ['delivery', 'price'] }, ease: { rating: 2 } }, { plan: 'free' });
    await respond(6, { found_us: { choice: 'insta' }, improve: { choices: ['delivery'], other: 'Packaging' }, ease: { rating: 3 } }, { plan: 'free' });
    await respond(10, { found_us: { other: 'A podcast' } }, { plan: 'free' });
    await respond(0, { improve: { choices: ['price', 'site'] } }, { plan: 'free' });
    await respond(9, { why_us: { text: 'Handmade and local' } }, { plan: 'free' });
  }
  const results = async (query = '') => {
    const res = await api('GET', `/surveys/${survey.id}/results${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  // A JSON answer, checked field by field.
  const byId = (items: any[], id: string) => items.find((i: { id: string }) => i.id === id);

  it('counts each option with its share, Wilson interval and the NPS of those who chose it (hand-computed)', async () => {
    await answerEight();
    const body = await results();
    const found = byId(body.questions, 'found_us');
    expect(found.answered).toBe(6);
    // 2 of 6: Wilson [9.7, 70.0]; 1 of 6: [3.0, 56.4] (computed outside the code).
    expect(byId(found.options, 'friend')).toMatchObject({ count: 2, share: 33.3, interval: { low: 9.7, high: 70 } });
    expect(byId(found.options, 'search')).toMatchObject({ count: 2, share: 33.3, interval: { low: 9.7, high: 70 } });
    expect(byId(found.options, 'insta')).toMatchObject({ count: 1, share: 16.7, interval: { low: 3, high: 56.4 } });
    expect(found.other).toEqual({ count: 1, share: 16.7, interval: { low: 3, high: 56.4 } });
    // Those who came from a friend are both promoters: NPS 100, adjusted Wald [−24.4, 100].
    expect(byId(found.options, 'friend').nps).toMatchObject({ score: 100, promoters: 2, responses: 2, interval: { low: -24.4, high: 100 } });
    // Search: a passive and a detractor, NPS −50, [−79.4, 39.4]; Instagram: one detractor, [−98.5, 48.5].
    expect(byId(found.options, 'search').nps).toMatchObject({ score: -50, passives: 1, detractors: 1, interval: { low: -79.4, high: 39.4 } });
    expect(byId(found.options, 'insta').nps).toMatchObject({ score: -100, interval: { low: -98.5, high: 48.5 } });

    const improve = byId(body.questions, 'improve');
    // A multiple choice: 3 answers, shares adding up to more than 100.
    expect(improve.answered).toBe(3);
    expect(improve.options.map((o: { id: string; count: number; share: number }) => [o.id, o.count, o.share])).toEqual([
      ['delivery', 2, 66.7],
      ['price', 2, 66.7],
      ['site', 1, 33.3],
    ]);
    expect(byId(improve.options, 'delivery').interval).toEqual({ low: 20.8, high: 93.9 });
    expect(byId(improve.options, 'price').nps).toMatchObject({ score: -100, detractors: 2, interval: { low: -100, high: 24.4 } });
    expect(improve.other).toEqual({ count: 1, share: 33.3, interval: { low: 6.1, high: 79.2 } });

    // Ratings 7, 6, 5, 2, 3 on 1–7: mean 4.6, s² = 4.3, t(4) = 2.7764, half 2.5747.
    expect(byId(body.questions, 'ease').rating).toEqual({ scale: 7, mean: 4.6, interval: { low: 2.03, high: 7 }, distribution: [0, 1, 1, 0, 1, 1, 1] });
    expect(byId(body.questions, 'why_us')).toMatchObject({ answered: 1, texts: 1, options: [], other: null, rating: null });
    expect(body.definitions.share).toMatch(/more than 100/);
  });

  it('restricts to a segment and to a range of days', async () => {
    await answerEight();
    const pro = await results('?segment=plan:pro');
    expect(pro.segment).toBe('plan:pro');
    const found = byId(pro.questions, 'found_us');
    expect(found.answered).toBe(3);
    expect(byId(found.options, 'friend')).toMatchObject({ count: 2, share: 66.7 });
    expect(byId(pro.questions, 'improve').answered).toBe(0);
    const later = await results('?from=2999-01-01');
    expect(later.questions.every((q: { answered: number }) => q.answered === 0)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(byId((await results(`?from=${today}&to=${today}`)).questions, 'found_us').answered).toBe(6);
  });

  it('keeps counting retired options and questions after an edit (hand-computed)', async () => {
    await answerEight();
    await api('PATCH', `/surveys/${survey.id}`, { followUps: [{ ...FOLLOW_UPS[0], options: FOLLOW_UPS[0]!.options!.slice(0, 2) }, FOLLOW_UPS[1], FOLLOW_UPS[3]] });
    await respond(4, { found_us: { choice: 'insta' } });
    const body = await results();
    const found = byId(body.questions, 'found_us');
    expect(found.answered).toBe(7);
    // Retired options come last; 2 of 7: Wilson [8.2, 64.1]; Instagram's two detractors [−100, 24.4].
    expect(found.options.map((o: { id: string; retired: boolean; count: number }) => [o.id, o.retired, o.count])).toEqual([
      ['search', false, 2],
      ['friend', false, 2],
      ['insta', true, 2],
    ]);
    expect(byId(found.options, 'insta')).toMatchObject({ share: 28.6, interval: { low: 8.2, high: 64.1 }, nps: { score: -100, interval: { low: -100, high: 24.4 } } });
    expect(found.other).toMatchObject({ count: 1, share: 14.3, interval: { low: 2.6, high: 51.3 } });
    const ease = byId(body.questions, 'ease');
    expect(ease.retired).toBe(true);
    expect(ease.rating.mean).toBe(4.6);
  });

  it('reports the promoters’ next step: shown, clicked and the click rate (1 of 4: Wilson [4.6, 69.9])', async () => {
    await api('PATCH', `/surveys/${survey.id}`, { cta: { kind: 'referral', url: 'https://shop.example/refer', label: { en: 'Invite a friend' } } });
    const event = (type: string) =>
      t.app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json', origin: 'https://shop.example' }, payload: { key: site.publicKey, survey: survey.id, type } });
    for (let i = 0; i < 4; i++) expect((await event('cta_shown')).statusCode).toBe(202);
    expect((await event('cta_clicked')).statusCode).toBe(202);
    const body = await results();
    expect(body.cta).toEqual({ kind: 'referral', url: 'https://shop.example/refer', shown: 4, clicked: 1, clickRate: 25, interval: { low: 4.6, high: 69.9 } });
    // Impressions are a different counter: the response rate is not touched.
    expect((await api('GET', '/metrics')).json().impressions).toBe(0);
  });

  it('answers 404 for another site’s survey and 400 for a range backwards', async () => {
    const other = await createSite(t.app);
    const theirs = await createSurvey(t.app, other);
    expectError(await api('GET', `/surveys/${theirs.id}/results`), 404, 'not_found');
    expectError(await api('GET', `/surveys/${survey.id}/results?from=2026-05-02&to=2026-05-01`), 400, 'validation_failed');
  });
});

describe('CSV export', () => {
  it('adds one column per follow-up question', async () => {
    await respond(3, { found_us: { choice: 'search' }, improve: { choices: ['delivery', 'price'], other: 'Packaging' }, ease: { rating: 2 } });
    await respond(9, { why_us: { text: '=cmd, "quoted"' } });
    const res = await api('GET', `/exports/responses.csv?survey=${survey.id}`);
    const [header, ...rows] = res.body.trim().split('\r\n');
    expect(header!.split(',').slice(-4)).toEqual(['answers.found_us', 'answers.improve', 'answers.ease', 'answers.why_us']);
    expect(rows.find((r) => r.includes('search'))!.endsWith(',search,delivery; price; other: Packaging,2,')).toBe(true);
    // Text stays text: quoted, and a formula prefix neutralised.
    expect(rows.find((r) => r.includes('cmd'))!.endsWith(`,,,,"'=cmd, ""quoted"""`)).toBe(true);
  });
});
