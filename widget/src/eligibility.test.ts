import { DEFAULT_DISPLAY, type Display } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  eligible,
  fits,
  fnv1a,
  globToRegExp,
  pageMatches,
  sampleBucket,
  scrollDepth,
  scrolledBackUp,
  throttled,
  triggerFor,
  urlMatches,
  why,
  type PageView,
} from './eligibility';

/** The rules that hold wherever a survey appears all pass. */
const allowed: typeof eligible = (s, view) => !why(s, view);
import { surveyFixture } from './test-fixtures';

const survey = surveyFixture;

const page = (overrides: Partial<PageView> = {}): PageView => ({
  path: '/',
  search: '',
  visitor: 'visitor-1',
  seen: {},
  held: [],
  now: Date.UTC(2025, 0, 1),
  ...overrides,
});

/** Deterministic pseudo-random visitor ids. */
function visitorIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `v${fnv1a('seed' + i).toString(36)}${i.toString(36)}`);
}

describe('fnv1a', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to the published FNV-1a value', (input, expected) => {
    expect(fnv1a(input)).toBe(expected);
  });
});

describe('sampling', () => {
  it('puts a visitor in the same bucket on every page view', () => {
    const first = sampleBucket('abc123', 'survey-1');
    for (let i = 0; i < 5; i++) expect(sampleBucket('abc123', 'survey-1')).toBe(first);
  });

  it('buckets the same visitor independently per survey', () => {
    const ids = visitorIds(2000);
    const same = ids.filter((v) => sampleBucket(v, 'a') < 50 === sampleBucket(v, 'b') < 50).length;
    // Independent 50% samples agree about half the time; identical buckets would agree always.
    expect(same / ids.length).toBeGreaterThan(0.45);
    expect(same / ids.length).toBeLessThan(0.55);
  });

  it('keeps buckets within [0, 100)', () => {
    for (const v of visitorIds(5000)) {
      const bucket = sampleBucket(v, 's');
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });

  it.each([0, 1, 10, 25, 50, 90, 100])('admits about %i%% of 10,000 visitors', (percent) => {
    const ids = visitorIds(10_000);
    const admitted = ids.filter((v) => allowed(survey('nps-q3', { samplePercent: percent }), page({ visitor: v })));
    expect(Math.abs((100 * admitted.length) / ids.length - percent)).toBeLessThan(1.5);
    if (percent === 0) expect(admitted).toHaveLength(0);
    if (percent === 100) expect(admitted).toHaveLength(ids.length);
  });

  it('admits a superset when the percentage grows, so raising it never drops anyone', () => {
    const ids = visitorIds(3000);
    const at = (percent: number) =>
      new Set(ids.filter((v) => allowed(survey('s', { samplePercent: percent }), page({ visitor: v }))));
    const small = at(20);
    const large = at(60);
    for (const v of small) expect(large.has(v)).toBe(true);
  });
});

describe('throttled', () => {
  const now = Date.UTC(2025, 5, 1);
  it.each([
    ['never answered', undefined, 90, false],
    ['answered a minute ago', now - 60_000, 90, true],
    ['answered 89 days ago', now - 89 * DAY_MS, 90, true],
    ['answered exactly 90 days ago', now - 90 * DAY_MS, 90, false],
    ['answered 91 days ago', now - 91 * DAY_MS, 90, false],
    ['resurveyDays 0, answered a second ago', now - 1000, 0, false],
    ['clock moved back (record in the future)', now + DAY_MS, 30, true],
  ])('%s → %s', (_, last, days, expected) => {
    expect(throttled(last, days, now)).toBe(expected);
  });

  it('makes a survey not allowed while the window is open', () => {
    const s = survey('s1', { resurveyDays: 30 });
    const now2 = page().now;
    expect(allowed(s, page({ seen: { s1: now2 - 10 * DAY_MS } }))).toBe(false);
    expect(allowed(s, page({ seen: { s1: now2 - 31 * DAY_MS } }))).toBe(true);
    expect(allowed(s, page({ seen: { other: now2 } }))).toBe(true);
  });
});

describe('why', () => {
  const now = page().now;
  // Visitor 'visitor-1' falls in bucket 79.83 of survey 's1' (see sampleBucket): in at 80 %, out at 79 %.
  it.each<[string, Partial<Display>, Partial<PageView>, ReturnType<typeof why>]>([
    ['nothing holds it back', {}, {}, undefined],
    ['outside the sample', { samplePercent: 79 }, {}, 'sampled-out'],
    ['inside the sample', { samplePercent: 80 }, {}, undefined],
    ['its own resurvey window', { resurveyDays: 30 }, { seen: { s1: now - DAY_MS } }, 'resurvey-window'],
    ['its window over', { resurveyDays: 30 }, { seen: { s1: now - 31 * DAY_MS } }, undefined],
    ['the site cooldown after another survey', {}, { seen: { other: now - 2 * DAY_MS }, cooldownDays: 14 }, 'cooldown'],
    ['the cooldown counts from the latest survey', {}, { seen: { a: now - 40 * DAY_MS, b: now - 3 * DAY_MS }, cooldownDays: 7 }, 'cooldown'],
    ['the cooldown over', {}, { seen: { other: now - 15 * DAY_MS }, cooldownDays: 14 }, undefined],
    ['no cooldown from an older collector', {}, { seen: { other: now - DAY_MS }, cooldownDays: undefined }, undefined],
    ['a cooldown of 0 days', {}, { seen: { other: now - 1000 }, cooldownDays: 0 }, undefined],
    ['a corrupt record, which never throttles', {}, { seen: { other: 'x' as never }, cooldownDays: 14 }, undefined],
    ['its own window before the cooldown', { resurveyDays: 30 }, { seen: { s1: now - DAY_MS }, cooldownDays: 14 }, 'resurvey-window'],
    ['held back by the collector this page view', {}, { held: ['s1'] }, 'fatigue'],
    ['fatigue before sampling', { samplePercent: 0 }, { held: ['s1'] }, 'fatigue'],
  ])('%s → %s', (_, display, view, expected) => {
    expect(sampleBucket('visitor-1', 's1')).toBeCloseTo(79.83, 2);
    expect(why(survey('s1', display), page(view))).toBe(expected);
  });
});

describe('URL globs', () => {
  it.each([
    ['/pricing', '/pricing', '', true],
    ['/pricing', '/pricing', '?utm_source=mail', true],
    ['/pricing', '/pricing/team', '', false],
    ['/blog/*', '/blog/hello', '', true],
    ['/blog/*', '/blog/2024/hello', '', false],
    ['/blog/**', '/blog/2024/hello', '', true],
    ['/blog/**', '/blog', '', false],
    ['**/checkout', '/fr/shop/checkout', '', true],
    ['/docs/*/api', '/docs/v2/api', '', true],
    ['/search?q=*', '/search', '?q=shoes', true],
    ['/search?q=*', '/search', '', false],
    ['/a.b', '/axb', '', false],
    ['/a+b', '/a+b', '', true],
    ['/(x)', '/(x)', '', true],
    ['*', '/', '', false],
    ['/**', '/', '', true],
  ])('%s matching %s%s → %s', (glob, path, search, expected) => {
    expect(urlMatches(glob, path, search)).toBe(expected);
  });

  it('treats every character but * literally', () => {
    expect(globToRegExp('/a?b[c]{d}^$|\\').test('/a?b[c]{d}^$|\\')).toBe(true);
  });

  it.each<[string, Partial<Display>, string, boolean]>([
    ['no pattern matches anything', {}, '/anything', true],
    ['pattern match', { urlPattern: '/app/**' }, '/app/settings', true],
    ['pattern miss', { urlPattern: '/app/**' }, '/pricing', false],
    ['excluded', { urlPattern: '/app/**', excludeUrlPatterns: ['/app/billing/**'] }, '/app/billing/x', false],
    ['not excluded', { urlPattern: '/app/**', excludeUrlPatterns: ['/app/billing/**'] }, '/app/team', true],
    ['exclusion alone', { excludeUrlPatterns: ['/admin/**'] }, '/admin/users', false],
  ])('%s', (_, display, path, expected) => {
    expect(pageMatches({ ...DEFAULT_DISPLAY, ...display }, path, '')).toBe(expected);
  });
});

describe('eligible', () => {
  it.each<[string, Partial<Display>, boolean]>([
    ['load trigger', { trigger: 'load' }, true],
    ['scroll trigger', { trigger: 'scroll' }, true],
    ['exit trigger', { trigger: 'exit' }, true],
    ['manual surveys wait for plaudit("show")', { trigger: 'manual' }, false],
    ['inline surveys wait for their placeholder', { position: 'inline' }, false],
    ['URL mismatch', { urlPattern: '/other' }, false],
    ['sampled out', { samplePercent: 0 }, false],
  ])('%s → %s', (_, display, expected) => {
    expect(eligible(survey('s', display), page())).toBe(expected);
  });
});

describe('fits: may any survey show on this page (then the loader loads the controller)', () => {
  const manual = survey('m', { trigger: 'manual' });
  const inline = survey('i', { position: 'inline', trigger: 'manual' });
  const sampledOut = survey('x', { position: 'inline', trigger: 'manual', samplePercent: 0 });
  it.each<[string, ReturnType<typeof survey>[], (string | null)[], boolean, boolean]>([
    ['no survey', [], [], false, false],
    ['only a manual survey', [manual], [], false, false],
    ['a survey waiting for its trigger', [manual, survey('l')], [], false, true],
    ['a trigger survey of another page', [survey('l', { urlPattern: '/other' })], [], false, false],
    ['an inline survey without its placeholder', [inline], [], false, false],
    ['an inline survey with its placeholder', [inline], ['i'], false, true],
    ['a placeholder of another survey', [inline], ['zz', null], false, false],
    ['a placeholder whose survey is sampled out', [sampledOut], ['x'], false, false],
    ['the same, on the hosted page', [sampledOut], ['x'], true, true],
  ])('%s → %s', (_, surveys, placeholders, hosted, expected) => {
    expect(fits(surveys, placeholders, page(), hosted)).toBe(expected);
  });
});

describe('triggerFor', () => {
  it.each<[Display['trigger'], boolean, string]>([
    ['load', false, 'load'],
    ['load', true, 'load'],
    ['scroll', true, 'scroll'],
    ['exit', false, 'exit'],
    ['exit', true, 'scroll-up'],
    ['manual', true, 'manual'],
  ])('%s on a %s touch screen → %s', (trigger, touch, expected) => {
    expect(triggerFor({ ...DEFAULT_DISPLAY, trigger }, touch)).toBe(expected);
  });
});

describe('scroll measures', () => {
  it.each([
    [0, 800, 2400, 0],
    [800, 800, 2400, 50],
    [1600, 800, 2400, 100],
    [0, 800, 800, 100],
    [0, 800, 600, 100],
  ])('scrollY %i, viewport %i, page %i → %i%%', (y, vh, ph, expected) => {
    expect(scrollDepth(y, vh, ph)).toBe(expected);
  });

  it.each([
    [1000, 900, 800, false],
    [1000, 700, 800, true],
    [500, 0, 800, false],
  ])('deepest %i, now %i, viewport %i → scrolled back up: %s', (max, y, vh, expected) => {
    expect(scrolledBackUp(max, y, vh)).toBe(expected);
  });
});
