// The synthetic answers: how many per day, which survey, who answers, what they score and say.
// Everything is drawn from one seeded stream, day by day in order, so a seed gives the same rows.
import type { BulkResponseRow } from '../../src/store/sqlite/bulk';
import { commentKeysJson } from '../../src/domain/themes/analyze';
import { addDays, startOfLocalDay } from '../../src/lib/local-time';
import { drawComment, type Language, type Sentiment, type Theme } from './comments';
import { WeightedChoice, type Prng } from './prng';

export type SurveyKind = 'inAppNps' | 'postPurchaseCsat' | 'emailNps';

export interface AnswerPlan {
  siteId: string;
  timezone: string;
  /** The site's origin, for page URLs. */
  origin: string;
  surveys: Record<SurveyKind, string>;
  /** Local days, oldest first. */
  firstDay: string;
  days: number;
  responses: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Launched later than the others: no answers before this share of the period. */
const EMAIL_NPS_LAUNCH = 0.3;
/** A carrier's meltdown: three weeks of late parcels and angry comments. */
export const INCIDENT = { from: 0.55, to: 0.58 };

const COUNTRIES = new WeightedChoice<string>([['FR', 44], ['US', 13], ['GB', 11], ['BE', 9], ['CA', 8], ['DE', 7], ['CH', 4], ['ES', 4]]);
const LOCALES: Record<string, WeightedChoice<string>> = {
  FR: new WeightedChoice([['fr-FR', 93], ['fr', 5], ['en-GB', 2]]),
  US: new WeightedChoice([['en-US', 92], ['es-US', 8]]),
  GB: new WeightedChoice([['en-GB', 97], ['fr-FR', 3]]),
  BE: new WeightedChoice([['fr-BE', 70], ['nl-BE', 30]]),
  CA: new WeightedChoice([['fr-CA', 55], ['en-CA', 45]]),
  DE: new WeightedChoice([['de-DE', 90], ['en-GB', 10]]),
  CH: new WeightedChoice([['fr-CH', 60], ['de-CH', 40]]),
  ES: new WeightedChoice([['es-ES', 90], ['en-GB', 10]]),
};
/** NPS points each country adds to the trend: small, as real panels show. */
const COUNTRY_SHIFT: Record<string, number> = { FR: 0, US: 6, GB: 3, BE: 2, CA: 5, DE: -6, CH: -3, ES: 4 };

const PLANS = new WeightedChoice<'free' | 'pro' | 'business'>([['free', 55], ['pro', 33], ['business', 12]]);
const PLAN_SHIFT = { free: -9, pro: 5, business: 13 };
const DEVICES = new WeightedChoice<string>([['mobile', 58], ['desktop', 36], ['tablet', 6]]);
const SURVEY_MIX_BEFORE_EMAIL = new WeightedChoice<SurveyKind>([['inAppNps', 65], ['postPurchaseCsat', 35]]);
const SURVEY_MIX = new WeightedChoice<SurveyKind>([['inAppNps', 55], ['postPurchaseCsat', 30], ['emailNps', 15]]);

const IN_APP_PAGES = [
  '/',
  '/products/espresso-machine',
  '/products/trail-shoes',
  '/products/noise-cancelling-headphones',
  '/category/kitchen',
  '/category/outdoor',
  '/cart',
  '/account/orders',
  '/help/shipping',
  '/blog/summer-guide',
];
const DETRACTOR_SCORES = new WeightedChoice<number>([[0, 4], [1, 2], [2, 3], [3, 5], [4, 8], [5, 14], [6, 22]]);
// The in-app survey's follow-up questions (src/demo-follow-ups.ts), answered with a story: friends
// and craft fairs bring the happiest customers, Instagram ads the least happy; detractors want
// faster delivery (above all during the carrier's meltdown), passives lower prices.
type Channel = 'search' | 'instagram' | 'friend' | 'press' | 'fair' | 'other';
const CHANNELS = new WeightedChoice<Channel>([['search', 34], ['instagram', 26], ['friend', 20], ['press', 8], ['fair', 7], ['other', 5]]);
const CHANNEL_SHIFT: Record<Channel, number> = { search: 0, instagram: -18, friend: 20, press: 6, fair: 15, other: 0 };
const CHANNEL_OTHER = { fr: ['Un podcast', 'YouTube', 'Ma sœur', 'Un marché de Noël', 'Pinterest'], en: ['A podcast', 'YouTube', 'My sister', 'A Christmas market', 'Pinterest'] };
type Improvement = 'delivery' | 'price' | 'choice' | 'website' | 'support';
const IMPROVEMENTS: Record<'detractor' | 'passive', WeightedChoice<Improvement>> = {
  detractor: new WeightedChoice([['delivery', 38], ['support', 24], ['price', 16], ['website', 12], ['choice', 10]]),
  passive: new WeightedChoice([['price', 36], ['delivery', 22], ['choice', 18], ['website', 16], ['support', 8]]),
};
/** The comment theme that goes with each improvement asked for. */
const IMPROVEMENT_THEME: Record<Improvement, Theme> = { delivery: 'delivery', price: 'price', choice: 'range', website: 'website', support: 'support' };
const IMPROVE_OTHER = { fr: ['L’emballage', 'Les tailles', 'Plus de couleurs'], en: ['Packaging', 'Sizes', 'More colours'] };

/** Comment themes a post-purchase survey hears about most. */
const CHECKOUT_THEMES: readonly Theme[] = ['delivery', 'website', 'price', 'delivery', 'returns'];

interface DayPlan {
  day: string;
  start: number;
  length: number;
  count: number;
  /** Share of the period elapsed, 0..1. */
  t: number;
  npsTarget: number;
  csatSatisfied: number;
  incident: boolean;
}

function dayOfYear(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return (ms - Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)) / DAY_MS;
}

/** Busy before Christmas and during the sales, quiet in August; Monday is the busiest weekday. */
function volumeWeight(day: string, t: number, rng: Prng): number {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = [0.85, 1.05, 1.0, 0.98, 0.95, 0.9, 0.75][date.getUTCDay()]!;
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  let season = 1;
  if ((month === 10 && dom >= 22) || (month === 11 && dom <= 20)) season = 1.6;
  else if (month === 0 && dom >= 8 && dom <= 31) season = 1.2;
  else if (month === 7) season = 0.75;
  return (0.6 + 0.8 * t) * weekday * season * Math.exp(0.15 * rng.normal());
}

function planDays(plan: AnswerPlan, rng: Prng): DayPlan[] {
  const days: DayPlan[] = [];
  let noise = 0;
  for (let i = 0; i < plan.days; i++) {
    const day = addDays(plan.firstDay, i);
    const t = plan.days === 1 ? 1 : i / (plan.days - 1);
    const start = startOfLocalDay(day, plan.timezone);
    const doy = dayOfYear(day);
    const month = new Date(`${day}T00:00:00Z`).getUTCMonth();
    const incident = t >= INCIDENT.from && t < INCIDENT.to;
    // A slowly wandering offset, so weeks differ without the trend getting lost.
    noise = 0.92 * noise + 1.3 * rng.normal();
    const christmasRush = month === 11 ? -7 : 0;
    days.push({
      day,
      start,
      length: startOfLocalDay(addDays(day, 1), plan.timezone) - start,
      count: 0,
      t,
      npsTarget: 12 + 30 * t + 3 * Math.sin((2 * Math.PI * doy) / 365) + christmasRush + noise + (incident ? -18 : 0),
      csatSatisfied: 0.72 + 0.12 * t + (month === 11 ? -0.05 : 0) + 0.008 * noise + (incident ? -0.15 : 0),
      incident,
    });
  }
  // Split the total across days by cumulative rounding, so the counts add up exactly.
  const weights = days.map((d) => volumeWeight(d.day, d.t, rng));
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let assigned = 0;
  days.forEach((d, i) => {
    cumulative += weights[i]!;
    const upTo = i === days.length - 1 ? plan.responses : Math.round((plan.responses * cumulative) / total);
    d.count = upTo - assigned;
    assigned = upTo;
  });
  return days;
}

function npsScore(rng: Prng, target: number): number {
  const passives = 0.27;
  const shift = Math.max(-(1 - passives), Math.min(1 - passives, target / 100));
  const promoters = (1 - passives + shift) / 2;
  const x = rng.next();
  if (x < promoters) return rng.chance(0.55) ? 10 : 9;
  if (x < promoters + passives) return rng.chance(0.6) ? 8 : 7;
  return DETRACTOR_SCORES.pick(rng);
}

function csatScore(rng: Prng, satisfied: number): number {
  if (rng.chance(Math.min(0.97, Math.max(0.3, satisfied)))) return rng.chance(0.55) ? 5 : 4;
  const x = rng.next();
  return x < 0.5 ? 3 : x < 0.78 ? 2 : 1;
}

const npsSentiment = (s: number): Sentiment => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');
const csatSentiment = (s: number): Sentiment => (s >= 4 ? 'promoter' : s === 3 ? 'passive' : 'detractor');
const COMMENT_RATE = {
  inAppNps: { detractor: 0.55, passive: 0.3, promoter: 0.38 },
  postPurchaseCsat: { detractor: 0.62, passive: 0.35, promoter: 0.25 },
};

// Each comment's theme keys, as the ingest route stores them. Synthetic comments repeat, so the
// analysis (tens of microseconds) is kept per text and language, in a bounded map.
const keysCache = new Map<string, string>();
function keysOf(comment: string, locale: string): string {
  const key = `${locale.slice(0, 2)}\u0000${comment}`;
  let keys = keysCache.get(key);
  if (keys === undefined) {
    keys = commentKeysJson(comment, locale);
    if (keysCache.size >= 200_000) keysCache.clear();
    keysCache.set(key, keys);
  }
  return keys;
}

/** How many customers the answers are spread over: cus_1 … cus_N. */
export const customerPoolOf = (responses: number) => Math.max(50, Math.floor(responses / 4));

/**
 * Yields the answers oldest first, one at a time: a row is inserted and dropped while still
 * young, which keeps the garbage collector out of the way at a million rows.
 */
export function* generateAnswers(plan: AnswerPlan, rng: Prng): Generator<BulkResponseRow> {
  const days = planDays(plan, rng);
  const customerPool = customerPoolOf(plan.responses);
  const times: number[] = [];

  for (const d of days) {
    times.length = 0;
    for (let i = 0; i < d.count; i++) {
      // Most answers come between 7:00 and 23:00 local time; some at any hour.
      const offset = rng.chance(0.75) ? 7 * HOUR_MS + rng.next() * 16 * HOUR_MS : rng.next() * d.length;
      times.push(d.start + Math.min(d.length - 1, Math.floor(offset)));
    }
    times.sort((a, b) => a - b);

    for (const createdAt of times) {
      const kind = (d.t < EMAIL_NPS_LAUNCH ? SURVEY_MIX_BEFORE_EMAIL : SURVEY_MIX).pick(rng);
      const country = COUNTRIES.pick(rng);
      const locale = LOCALES[country]!.pick(rng);
      const language: Language = locale.startsWith('fr') ? 'fr' : 'en';
      const planName = PLANS.pick(rng);
      const shift = PLAN_SHIFT[planName] + COUNTRY_SHIFT[country]!;

      let nps: number | null = null;
      let csat: number | null = null;
      let comment: string | null = null;
      let consent: boolean | null = null;
      let page: string;
      let attributes: string;
      let answers = '{}';

      if (kind === 'postPurchaseCsat') {
        csat = csatScore(rng, d.csatSatisfied + shift / 200);
        const sentiment = csatSentiment(csat);
        if (rng.chance(COMMENT_RATE.postPurchaseCsat[sentiment])) {
          comment = drawComment(rng, language, sentiment, d.incident ? 'delivery' : rng.pick(CHECKOUT_THEMES));
        }
        page = `${plan.origin}/checkout/confirmation`;
        const orderValue = Math.round(Math.exp(3.6 + 0.7 * rng.normal()) * 100) / 100;
        attributes = `{"plan":"${planName}","country":"${country}","orderValue":${orderValue},"newCustomer":${rng.chance(0.3)}}`;
      } else {
        const channel = kind === 'inAppNps' ? CHANNELS.pick(rng) : null;
        nps = npsScore(rng, d.npsTarget + shift + (channel ? CHANNEL_SHIFT[channel] : 0));
        const sentiment = npsSentiment(nps);
        let themeHint: Theme | undefined = d.incident && sentiment !== 'promoter' ? 'delivery' : undefined;
        if (channel) {
          const given: Record<string, unknown> = {};
          if (rng.chance(0.72)) given.found_us = channel === 'other' ? { other: rng.pick(CHANNEL_OTHER[language]) } : { choice: channel };
          if (sentiment !== 'promoter' && rng.chance(0.58)) {
            const first = d.incident && rng.chance(0.7) ? 'delivery' : IMPROVEMENTS[sentiment].pick(rng);
            const second = rng.chance(0.3) ? IMPROVEMENTS[sentiment].pick(rng) : first;
            const choices = first === second ? [first] : [first, second];
            given.improve = rng.chance(0.06) ? { choices, other: rng.pick(IMPROVE_OTHER[language]) } : { choices };
            themeHint = IMPROVEMENT_THEME[first];
          }
          answers = JSON.stringify(given);
        }
        if (kind === 'inAppNps' && rng.chance(COMMENT_RATE.inAppNps[sentiment])) {
          comment = drawComment(rng, language, sentiment, themeHint);
          // The widget asks promoters who wrote something whether the words may be quoted.
          if (sentiment === 'promoter') consent = rng.chance(0.45);
        }
        if (kind === 'inAppNps') {
          page = plan.origin + rng.pick(IN_APP_PAGES);
          attributes = `{"plan":"${planName}","country":"${country}","device":"${DEVICES.pick(rng)}"}`;
        } else {
          page = `${plan.origin}/feedback?utm_source=email&utm_campaign=nps-q${Math.floor(new Date(createdAt).getUTCMonth() / 3) + 1}`;
          attributes = `{"plan":"${planName}","country":"${country}"}`;
        }
      }

      const customer = rng.chance(kind === 'inAppNps' ? 0.4 : 0.9) ? rng.int(1, customerPool) : null;
      yield {
        id: rng.uuid(),
        siteId: plan.siteId,
        surveyId: plan.surveys[kind],
        day: d.day,
        nps,
        csat,
        comment,
        consent,
        locale,
        page,
        visitor: `v_${rng.uint32().toString(36)}${rng.uint32().toString(36)}`,
        customerId: customer === null ? null : `cus_${customer}`,
        customerEmail: customer !== null && rng.chance(0.3) ? `customer${customer}@example.com` : null,
        attributes,
        answers,
        commentKeys: comment === null ? null : keysOf(comment, locale),
        createdAt,
        // A comment typed after the score arrives a little later as an update of the same answer.
        updatedAt: comment === null ? createdAt : createdAt + rng.int(5_000, 120_000),
      };
    }
  }
}
