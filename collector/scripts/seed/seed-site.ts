// Seeds one site with surveys and synthetic answers into an open database: the site and
// surveys through their repositories (real keys), the answers and rollups through the bulk one.
import { SurveyCreateSchema } from '@plaudit/shared';
import { createBulkRepository } from '../../src/store/sqlite/bulk';
import type { Db } from '../../src/store/sqlite/database';
import { createSitesRepository } from '../../src/store/sqlite/sites';
import { createSurveysRepository } from '../../src/store/sqlite/surveys';
import { DEMO_CTA, DEMO_FOLLOW_UPS } from '../../src/demo-follow-ups';
import { addDays, localDay } from '../../src/lib/local-time';
import { INCIDENT, customerPoolOf, generateAnswers, type SurveyKind } from './answers';
import { SEED_SCHEDULE, generateCustomers } from './customers';
import { createCustomersBulk } from '../../src/store/sqlite/customers-bulk';
import { startOfLocalDay } from '../../src/lib/local-time';
import type { CustomerEventItem, TicketItem } from '../../src/store/types';
import { Prng } from './prng';

export const DEFAULT_SEED = 'plaudit';
export const SEED_TIMEZONE = 'Europe/Paris';
export const SEED_ORIGINS = ['http://127.0.0.1:8787', 'http://localhost:8787'];

export interface SeedOptions {
  responses: number;
  seed?: string;
  /** Last local day with answers; yesterday in the site's zone by default, so none is in the future. */
  lastDay?: string;
  days?: number;
  name?: string;
  /** Rows per transaction. */
  chunkSize?: number;
  onProgress?: (done: number, total: number, elapsedMs: number) => void;
  /**
   * Customers in the billing data (at least those the answers name, cus_1 … cus_N with N a quarter
   * of the answers); false: no customers, events or tickets at all.
   */
  customers?: number | false;
  /** Support tickets; 1.2 per customer by default. */
  tickets?: number;
}

export interface SeedResult {
  siteId: string;
  publicKey: string;
  secretKey: string;
  surveys: Record<SurveyKind, string>;
  firstDay: string;
  lastDay: string;
  rows: number;
  insertMs: number;
  rollupMs: number;
  /** Everything from the first row generated to the WAL checkpoint. */
  totalMs: number;
  /** Customers, their billing events and tickets, and the time they took. */
  customers: { customers: number; events: number; tickets: number; ms: number };
  rowsPerSecond: number;
}

/** Response rates in percent, per survey: a post-purchase survey is answered far more often. */
const RESPONSE_RATES: Record<SurveyKind, number> = { inAppNps: 11, postPurchaseCsat: 24, emailNps: 7 };
/** Promoters who follow the in-app survey's next step (leave a review), in percent. */
const CTA_CLICK_PERCENT = 17;

const SURVEYS: Record<SurveyKind, unknown> = {
  inAppNps: {
    name: 'In-app NPS',
    questions: ['nps', 'comment'],
    productName: 'Plaudit Demo Shop',
    display: { trigger: 'scroll', scrollPercent: 60, samplePercent: 20, resurveyDays: 90 },
    followUps: DEMO_FOLLOW_UPS,
    cta: DEMO_CTA,
  },
  postPurchaseCsat: {
    name: 'Checkout satisfaction',
    questions: ['csat', 'comment'],
    display: { trigger: 'load', delaySeconds: 2, urlPattern: '/checkout/confirmation', resurveyDays: 0, position: 'center' },
    theme: { brandColor: '#0f766e' },
  },
  emailNps: {
    name: 'Quarterly email NPS',
    questions: ['nps'],
    display: { trigger: 'load', delaySeconds: 0, urlPattern: '/feedback', position: 'inline', resurveyDays: 80 },
  },
};

export async function seedSite(db: Db, options: SeedOptions): Promise<SeedResult> {
  const { responses } = options;
  if (!Number.isInteger(responses) || responses < 0) throw new RangeError(`responses must be a whole number ≥ 0, got ${responses}`);
  const days = options.days ?? 730;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  const lastDay = options.lastDay ?? addDays(localDay(Date.now(), SEED_TIMEZONE), -1);
  const firstDay = addDays(lastDay, -(days - 1));

  const sites = createSitesRepository(db);
  const surveys = createSurveysRepository(db);
  const bulk = createBulkRepository(db);

  // The stream depends on how many sites the file already holds: the same seed into the same
  // starting file gives the same rows, and a second site in one file never reuses an id.
  const ordinal = await sites.count();
  const rng = new Prng(`${options.seed ?? DEFAULT_SEED}/${ordinal}`);

  const { site, secretKey } = await sites.create({
    name: options.name ?? (ordinal === 0 ? 'Plaudit Demo Shop' : `Plaudit Demo Shop ${ordinal + 1}`),
    origins: SEED_ORIGINS,
    timezone: SEED_TIMEZONE,
  });
  const surveyIds = {} as Record<SurveyKind, string>;
  for (const kind of Object.keys(SURVEYS) as SurveyKind[]) {
    surveyIds[kind] = (await surveys.create(site.id, SurveyCreateSchema.parse(SURVEYS[kind]))).id;
  }

  const answers = generateAnswers(
    {
      siteId: site.id,
      timezone: SEED_TIMEZONE,
      origin: SEED_ORIGINS[0]!,
      surveys: surveyIds,
      firstDay,
      days,
      responses,
    },
    rng,
  );

  const started = performance.now();
  let rows = 0;
  let insertMs = 0;
  let rollupMs = 0;
  bulk.withBulkSettings(() => {
    const chunkSize = options.chunkSize ?? 50_000;
    for (let n = bulk.insertResponses(answers, chunkSize); n > 0; n = bulk.insertResponses(answers, chunkSize)) {
      rows += n;
      options.onProgress?.(rows, responses, performance.now() - started);
    }
    insertMs = performance.now() - started;
    const rates = Object.fromEntries(Object.entries(surveyIds).map(([kind, id]) => [id, RESPONSE_RATES[kind as SurveyKind]]));
    bulk.rebuildRollups(site.id, rates, undefined, { [surveyIds.inAppNps]: CTA_CLICK_PERCENT });
    rollupMs = performance.now() - started - insertMs;
  });
  const totalMs = performance.now() - started;

  // Customers, their billing events and support tickets, told from the answers (seed/customers.ts).
  const customersStarted = performance.now();
  const customers = { customers: 0, events: 0, tickets: 0, ms: 0 };
  if (options.customers !== false) {
    const customersBulk = createCustomersBulk(db);
    customers.customers = Math.max(customerPoolOf(responses), options.customers ?? 0);
    bulk.withBulkSettings(() => {
      customersBulk.setSchedule(site.id, SEED_SCHEDULE(SEED_TIMEZONE));
      let events: CustomerEventItem[] = [];
      let tickets: TicketItem[] = [];
      const flush = () => {
        customersBulk.insertEvents(site.id, events);
        customersBulk.insertTickets(site.id, tickets);
        [events, tickets] = [[], []];
      };
      const made = generateCustomers(
        {
          timezone: SEED_TIMEZONE,
          start: startOfLocalDay(firstDay, SEED_TIMEZONE),
          end: startOfLocalDay(addDays(lastDay, 1), SEED_TIMEZONE),
          customers: customers.customers,
          tickets: options.tickets ?? Math.round(customers.customers * 1.2),
          answers: customersBulk.npsAnswers(site.id),
          incident: INCIDENT,
        },
        rng,
        {
          event: (e) => events.push(e),
          ticket: (t) => {
            if (tickets.push(t) >= 20_000) flush();
          },
        },
      );
      flush();
      Object.assign(customers, made);
    });
    customers.ms = performance.now() - customersStarted;
  }

  return {
    customers,
    siteId: site.id,
    publicKey: site.publicKey,
    secretKey,
    surveys: surveyIds,
    firstDay,
    lastDay,
    rows,
    insertMs,
    rollupMs,
    totalMs,
    rowsPerSecond: totalMs > 0 ? (rows * 1000) / totalMs : 0,
  };
}
