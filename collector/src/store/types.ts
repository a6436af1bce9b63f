// The storage boundary: what the collector asks of a database, resource by resource, in its own
// words. Two engines stand behind it (sqlite/ and postgres/); routes and domain code see only
// this. Nothing here knows HTTP: storage refuses with StoreError codes, which routes map to
// statuses, and no engine handle ever leaves the store.
import type { Attributes, Cta, Customer, FollowUpAnswers, FollowUpQuestion, Display, EventType, FollowUpState, NotificationSettings, Role, WebhookEvent, Interval, QuestionType, SiteCreate, SitePatch, StoredResponse, SurveyCreate, SurveyPatch } from '@plaudit/shared';
import type { StoreError } from './errors';
import type { AtRiskSignal, CustomerEventType, TicketSchedule } from '@plaudit/shared';

export type { StoreErrorCode } from './errors';
export { StoreError } from './errors';

// ---------- sites ----------

export interface SiteRecord {
  id: string;
  name: string;
  origins: string[];
  timezone: string;
  publicKey: string;
  /** Days after any survey reached a visitor or customer before another may. */
  cooldownDays: number;
  /** HMAC key of the site's signed survey links; never shown. */
  linkKey: string;
  createdAt: number;
  updatedAt: number;
}

export interface SitesStore {
  create(input: SiteCreate): Promise<{ site: SiteRecord; secretKey: string }>;
  get(id: string): Promise<SiteRecord | undefined>;
  findBySecret(secretKey: string): Promise<SiteRecord | undefined>;
  /** The site of a live public key: its current one, or the previous one within its grace period. */
  findByPublicKey(publicKey: string): Promise<SiteRecord | undefined>;
  /** A new secret key; the old one stops working at once. */
  rotateSecret(id: string): Promise<string>;
  /** A new public key; the current one keeps working for `graceMs`. */
  rotatePublicKey(id: string, graceMs: number): Promise<{ site: SiteRecord; previousUntil: number }>;
  update(id: string, patch: SitePatch): Promise<SiteRecord | undefined>;
  /** Whether any site lists this origin (one index lookup). */
  isKnownOrigin(origin: string): Promise<boolean>;
  count(): Promise<number>;
}

// ---------- surveys ----------

export type SurveyStatus = 'active' | 'paused' | 'archived';

export interface SurveyRecord {
  id: string;
  siteId: string;
  name: string;
  questions: QuestionType[];
  productName: string | null;
  locale: string | null;
  display: Display;
  texts: Record<string, Record<string, string>>;
  theme: { brandColor?: string };
  status: SurveyStatus;
  /** Questions after the score, retired ones included. */
  followUps: FollowUpQuestion[];
  /** The next step shown to promoters. */
  cta: Cta | null;
  createdAt: number;
  updatedAt: number;
}

export interface SurveysStore {
  create(siteId: string, input: SurveyCreate): Promise<SurveyRecord>;
  get(siteId: string, id: string): Promise<SurveyRecord | undefined>;
  list(siteId: string): Promise<SurveyRecord[]>;
  listActive(siteId: string): Promise<SurveyRecord[]>;
  /** The site a survey belongs to, whatever its status. */
  siteOf(surveyId: string): Promise<string | undefined>;
  /** Rejects with StoreError('invalid') when the patch gives a follow-up question's id another type. */
  update(siteId: string, id: string, patch: SurveyPatch): Promise<SurveyRecord | undefined>;
}

// ---------- responses ----------

/** A validated answer whose key has been resolved to its site. */
export interface IngestItem {
  id: string;
  siteId: string;
  surveyId: string;
  /** Local date of `now` in the site's time zone; used only when the response is new. */
  day: string;
  now: number;
  nps?: number;
  csat?: number;
  comment?: string;
  consent?: boolean;
  locale?: string;
  page?: string;
  visitor?: string;
  customer?: Customer;
  attributes?: Attributes;
  /** Follow-up answers, by question id: merged into the stored ones question by question. */
  answers?: FollowUpAnswers;
  /** The comment's theme keys as JSON (domain/themes/analyze.ts), stored beside it. */
  commentKeys?: string;
  /** The consent sentence shown with the comment, kept with a quote when consent is given. */
  consentLabel?: string;
  /** The visitor reached the end: `response.completed`, once. */
  complete?: boolean;
}

/**
 * Stored (new or merged), with how many webhook deliveries it queued; or refused: the only
 * refusals are an id another survey (or another visitor) owns.
 */
export type IngestOutcome = { ok: true; created: boolean; queued: number } | { ok: false; error: StoreError };

export interface ResponseFilter {
  surveyId?: string;
  /** Inclusive lower bound, Unix ms. */
  fromMs?: number;
  /** Exclusive upper bound, Unix ms. */
  toMs?: number;
  category?: 'promoter' | 'passive' | 'detractor';
  hasComment?: boolean;
  followUp?: FollowUpState;
  assignee?: string;
  /** Only comments containing this text. */
  search?: string;
  limit: number;
  /** Resume strictly after this position in newest-first order. */
  after?: ListPosition;
}

/** Where a newest-first listing stopped: the time and the storage order of the last row. */
export interface ListPosition {
  createdAt: number;
  seq: number;
}

export interface ResponsesStore {
  /**
   * Stores answers, each on its own (an id owned by another survey refuses that one only);
   * resolves once they are durable, never before. Rejects with StoreError('unavailable') when the
   * database cannot take writes.
   */
  ingest(items: IngestItem[]): Promise<IngestOutcome[]>;
  /** Erases one response of a site and its share of every counter; whether it existed. */
  delete(siteId: string, id: string): Promise<boolean>;
  /** Erases every response a site holds for a customer id, and what fatigue kept; how many. */
  deleteByCustomer(siteId: string, customerId: string): Promise<number>;
  get(siteId: string, id: string): Promise<StoredResponse | undefined>;
  /** A page newest first, and where it stopped when more follow. */
  list(siteId: string, filter: ResponseFilter): Promise<{ items: StoredResponse[]; last?: ListPosition }>;
}

// ---------- events ----------

export interface EventItem {
  siteId: string;
  surveyId: string;
  type: EventType;
  day: string;
  /** An identified customer's dismissal starts their resurvey window on every device. */
  customerId?: string;
  now: number;
}

export interface EventsStore {
  record(e: EventItem): Promise<void>;
  /** Answers dropped as coming from bots, counted so the owner can see how many. */
  recordBots(siteId: string, surveyId: string, day: string, answers: number): Promise<void>;
}

// ---------- metrics ----------

export interface RollupQuery {
  siteId: string;
  surveyId?: string;
  fromDay?: string;
  toDay?: string;
  interval: Interval;
}

export interface BucketCounts {
  start: string;
  responses: number;
  impressions: number;
  /** Answers dropped as coming from bots. */
  botAnswers: number;
  /** Promoters shown the survey's next step, and how many followed it. */
  ctaShown: number;
  ctaClicks: number;
  /** Counts of NPS answers 0..10. */
  nps: number[];
  /** Counts of CSAT answers 1..5. */
  csat: number[];
}

export interface SegmentCounts {
  value: string;
  responses: number;
  nps: number[];
  csat: number[];
}

export interface MetricsStore {
  /** Counts per bucket, oldest first; only buckets that have rows. */
  buckets(q: RollupQuery): Promise<BucketCounts[]>;
  /** Counts per value of one attribute over the range, most answered first. */
  segments(q: Omit<RollupQuery, 'interval'> & { attribute: string }): Promise<SegmentCounts[]>;
  /** Counts per value and bucket of one attribute; only pairs that have answers. */
  segmentBuckets(q: RollupQuery & { attribute: string }): Promise<(SegmentCounts & { start: string })[]>;
}

// ---------- follow-up answers ----------

export interface TallyQuery {
  siteId: string;
  surveyId: string;
  fromDay?: string;
  toDay?: string;
  /** Only the answers whose attribute has this value (as segments name values). */
  segment?: { attribute: string; value: string };
}

/** Follow-up answers of one kind, question, score and content, counted. */
export interface AnswerTally {
  question: string;
  /**
   * `answer` rows count each response's answer to the question once, by its content: `choice:<id>`
   * (single choice), `rating:<n>`, `text`, `choices` (a multiple choice) or `other` (only the
   * “Other” text). `option` rows count the options ticked in multiple choices: `choice:<id>`.
   */
  kind: 'answer' | 'option';
  token: string;
  /** The answer carried an “Other” text. */
  other: boolean;
  nps: number | null;
  csat: number | null;
  count: number;
}

export interface FollowUpsStore {
  /** A survey's follow-up answers over a range of its local days, counted (see AnswerTally). */
  tally(q: TallyQuery): Promise<AnswerTally[]>;
}

// ---------- comments, read in bulk ----------

export interface CommentQuery {
  siteId: string;
  surveyId?: string;
  /** Inclusive lower bound, Unix ms. */
  fromMs?: number;
  /** Exclusive upper bound, Unix ms. */
  toMs?: number;
  /** At most this many, the newest. */
  limit?: number;
}

/** A comment as the themes engine reads it: its keys, not its text. */
export interface CommentRow {
  /** Its storage order: what texts() takes. */
  seq: number;
  nps: number | null;
  createdAt: number;
  /** Its stored theme keys (JSON), or null for a comment stored before they were kept. */
  keys: string | null;
}

export interface CommentText {
  id: string;
  text: string;
  locale: string | null;
}

/**
 * A connection of its own that reads every comment of a range at once: opened on a worker
 * thread, never on the event loop's (a hundred thousand rows take longer than a request may).
 */
export interface CommentReader {
  /** Newest first. */
  read(q: CommentQuery): Promise<CommentRow[]>;
  /** The texts of the comments read, by seq (those without keys, and the examples shown). */
  texts(seqs: readonly number[]): Promise<Map<number, CommentText>>;
  close(): Promise<void>;
}

// ---------- follow-up of responses (closing the loop) ----------

export interface FollowUpEntryRecord {
  id: string;
  kind: 'note' | 'state' | 'assignee';
  body: string | null;
  actor: string;
  createdAt: number;
}

export interface FollowUpRecord {
  state: FollowUpState;
  assignee: string | null;
  firstContactAt: number | null;
  changedAt: number | null;
  /** Oldest first. */
  history: FollowUpEntryRecord[];
}

export interface OutreachStore {
  /** A response's follow-up, or undefined when the site has no such response. */
  get(siteId: string, responseId: string): Promise<FollowUpRecord | undefined>;
  /** Changes state and/or assignee, logging each change with its actor; undefined when no such response. */
  update(siteId: string, responseId: string, change: { state?: FollowUpState; assignee?: string | null }, actor: string, now: number): Promise<FollowUpRecord | undefined>;
  addNote(siteId: string, responseId: string, body: string, actor: string, now: number): Promise<FollowUpEntryRecord | undefined>;
  /** Answer-to-first-contact delays (ms) of the contacted detractors answering in the range, ascending. */
  contactDelays(q: { siteId: string; surveyId?: string; fromDay?: string; toDay?: string }): Promise<number[]>;
}

// ---------- testimonials ----------

export interface TestimonialRecord {
  responseId: string;
  surveyId: string;
  text: string;
  locale: string | null;
  consentLabel: string;
  consentedAt: number;
  nps: number | null;
  csat: number | null;
  status: 'pending' | 'approved' | 'hidden';
  displayName: string | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
}

export interface TestimonialsStore {
  /** Newest first. */
  list(siteId: string, q: { status?: TestimonialRecord['status']; surveyId?: string; locale?: string; limit: number }): Promise<TestimonialRecord[]>;
  /** Undefined when the response has no quote (no consent, or withdrawn). */
  review(siteId: string, responseId: string, decision: { status: 'approved' | 'hidden'; displayName?: string | null }, actor: string, now: number): Promise<TestimonialRecord | undefined>;
}

// ---------- webhooks and the delivery queue ----------

export interface WebhookRecord {
  id: string;
  siteId: string;
  url: string;
  events: WebhookEvent[];
  filter: { category?: 'detractor' | 'passive' | 'promoter'; survey?: string };
  format: 'json' | 'slack';
  secret: string;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhooksStore {
  create(siteId: string, input: Omit<WebhookRecord, 'id' | 'siteId' | 'status' | 'disabledReason' | 'createdAt' | 'updatedAt'>): Promise<WebhookRecord>;
  list(siteId: string): Promise<WebhookRecord[]>;
  /** Any site's, for the dispatcher when `siteId` is left out. */
  get(siteId: string | undefined, id: string): Promise<WebhookRecord | undefined>;
  update(siteId: string, id: string, patch: Partial<Pick<WebhookRecord, 'url' | 'events' | 'filter' | 'format' | 'status'>>): Promise<WebhookRecord | undefined>;
  delete(siteId: string, id: string): Promise<boolean>;
  /** Takes a webhook out of delivery, saying why. */
  disable(id: string, reason: string): Promise<void>;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryRecord {
  id: string;
  siteId: string;
  channel: 'webhook' | 'email';
  /** The webhook id, or the e-mail's queue (one per site and kind). */
  target: string;
  event: string;
  /** The event as stored when queued (JSON): the same bytes on every attempt. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  deliveredAt: number | null;
}

export interface DeliveryAttemptRecord {
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveriesStore {
  /** Queues a delivery of its own (an e-mail); false when one with this id is already queued. */
  enqueue(item: Pick<DeliveryRecord, 'siteId' | 'channel' | 'target' | 'event' | 'payload'>, now: number, id?: string): Promise<boolean>;
  /**
   * The oldest pending delivery of each target, when it is due and no collector holds it, leased
   * to this one until `now + leaseMs`: one at a time per target, in order.
   */
  claim(now: number, leaseMs: number, max: number): Promise<DeliveryRecord[]>;
  /** Records an attempt and what follows: done, again at `nextAttemptAt`, or given up. */
  finish(id: string, attempt: DeliveryAttemptRecord, next: { status: 'succeeded' } | { status: 'pending'; nextAttemptAt: number } | { status: 'failed' }): Promise<void>;
  /** A target's deliveries, newest first, with their attempts. */
  list(siteId: string, target: string, q: { status?: DeliveryStatus; limit: number }): Promise<(DeliveryRecord & { log: DeliveryAttemptRecord[] })[]>;
  /** Delivers again now (pending, retries counted afresh); false when no such delivery. */
  retry(siteId: string, target: string, id: string, now: number): Promise<boolean>;
  /** Puts a claimed delivery back untried until `until` (its target is disabled): no attempt counted. */
  postpone(id: string, until: number): Promise<void>;
  /** When the earliest pending delivery is due, if any. */
  nextDue(): Promise<number | undefined>;
}

// ---------- e-mail notifications ----------

export interface NotificationsStore {
  /** A site's settings; undefined when never set. */
  get(siteId: string): Promise<NotificationSettings | undefined>;
  set(siteId: string, settings: NotificationSettings): Promise<void>;
  /** Every site's settings, for the digest scheduler. */
  all(): Promise<{ siteId: string; settings: NotificationSettings }[]>;
}

// ---------- team accounts ----------

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string;
  instanceOwner: boolean;
  createdAt: number;
}

export interface InviteRecord {
  id: string;
  tokenHash: string;
  siteId: string;
  role: Role;
  email: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedBy: string | null;
}

export interface AccountsStore {
  countUsers(): Promise<number>;
  /** The first account, made only while there is none: undefined when one already exists. */
  createFirstUser(user: Omit<UserRecord, 'id' | 'createdAt' | 'instanceOwner'>, now: number): Promise<UserRecord | undefined>;
  /** Rejects with StoreError('conflict') when the address is taken. */
  createUser(user: Omit<UserRecord, 'id' | 'createdAt' | 'instanceOwner'>, now: number): Promise<UserRecord>;
  userByEmail(email: string): Promise<UserRecord | undefined>;
  createSession(session: { tokenHash: string; userId: string; csrf: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** The unexpired session of this token hash, with its account. */
  session(tokenHash: string, now: number): Promise<{ user: UserRecord; csrf: string; expiresAt: number } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Sites and roles of an account; every site as owner for the instance owner. */
  sitesOf(user: UserRecord): Promise<{ id: string; name: string; role: Role }[]>;
  roleOn(siteId: string, user: UserRecord): Promise<Role | undefined>;
  members(siteId: string): Promise<{ userId: string; email: string; name: string | null; role: Role; createdAt: number }[]>;
  setRole(siteId: string, userId: string, role: Role): Promise<boolean>;
  removeMember(siteId: string, userId: string): Promise<boolean>;
  createInvite(invite: Omit<InviteRecord, 'acceptedBy'>): Promise<void>;
  /** Uses an invitation and grants its role, in one transaction; undefined when unknown, used or expired. */
  acceptInvite(tokenHash: string, userId: string, now: number): Promise<InviteRecord | undefined>;
  /** The invitation (used or not), to check it before making an account. */
  invite(tokenHash: string): Promise<InviteRecord | undefined>;
  /** The site's invitations neither accepted nor expired at `now`, newest first. */
  pendingInvites(siteId: string, now: number): Promise<InviteRecord[]>;
  /** Deletes an invitation not accepted yet, so its link no longer works; false when there is none. */
  revokeInvite(siteId: string, id: string): Promise<boolean>;
}

// ---------- markers ----------

export interface MarkerRecord {
  id: string;
  siteId: string;
  surveyId: string | null;
  /** The local day of the change, YYYY-MM-DD. */
  day: string;
  label: string;
  createdAt: number;
}

export interface MarkersStore {
  create(siteId: string, input: { day: string; label: string; surveyId?: string }): Promise<MarkerRecord>;
  /** In day order; a survey's markers and the site-wide ones when `surveyId` is given. */
  list(siteId: string, q: { fromDay?: string; toDay?: string; surveyId?: string }): Promise<MarkerRecord[]>;
  get(siteId: string, id: string): Promise<MarkerRecord | undefined>;
  delete(siteId: string, id: string): Promise<boolean>;
}

// ---------- the rest ----------

export interface MetaStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface ContactsStore {
  /** Survey id → when it last reached this customer. */
  lastContacts(siteId: string, customerId: string): Promise<Map<string, number>>;
}

/** The write path as the last write found it. */
export interface WriteHealth {
  status: 'ok' | 'failing' | 'stalled';
  /** When the current state began (ms). */
  since: number;
  /** Why writes fail, in a few words ('disk full', 'fsync stalled'…). */
  reason?: string;
}

/** Where a store's data lives: what another thread needs to open a connection of its own. */
export type StoreLocation = { sqlite: string } | { postgres: string };

export interface Store {
  engine: 'sqlite' | 'postgres';
  location: StoreLocation;
  sites: SitesStore;
  surveys: SurveysStore;
  responses: ResponsesStore;
  events: EventsStore;
  customers: CustomersStore;
  tickets: TicketsStore;
  atRisk: AtRiskStore;
  metrics: MetricsStore;
  meta: MetaStore;
  contacts: ContactsStore;
  markers: MarkersStore;
  followUps: FollowUpsStore;
  outreach: OutreachStore;
  testimonials: TestimonialsStore;
  webhooks: WebhooksStore;
  deliveries: DeliveriesStore;
  notifications: NotificationsStore;
  accounts: AccountsStore;
  /** The write path as the last write found it. */
  health(): WriteHealth;
  /** Finishes what is in flight, makes it durable, closes. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** How long a write may wait for the disk (or the database) before it is refused (503). */
  writeTimeoutMs?: number;
  /** Told once when the write path starts failing and once when it recovers. */
  onHealth?: (health: WriteHealth) => void;
}

// ---------- customers (billing events), support tickets, customers at risk ----------

/** A customer event as stored: `at` in ms, `day` its local date in the site's time zone. */
export interface CustomerEventItem {
  id: string;
  customerId: string;
  type: CustomerEventType;
  at: number;
  day: string;
  /** The Monday of its ISO week, local. */
  week: string;
  plan: string | null;
  mrr: number | null;
}

/**
 * What one period's events change, counted as transitions of each customer's state (active after
 * an acquisition or reactivation, inactive after a loss), never as raw events: see
 * store/churn-query.ts. The period whose start is '' holds the customers active before any event
 * (those whose first event is a loss).
 */
export interface ChurnBucketCounts {
  start: string;
  /** Inactive → active changes; `reactivated` those of customers seen before. */
  acquired: number;
  reactivated: number;
  /** Active → inactive changes. */
  lost: number;
  /** Active customers at the end minus at the start. */
  net: number;
  /** Customers active at the start and inactive at the end. */
  cohortLost: number;
  /** MRR at the end minus at the start, and the MRR of the losses. */
  mrrNet: number;
  mrrLost: number;
}

export interface ChurnStoreQuery {
  siteId: string;
  /** Periods by day, week or month. */
  bucket: Interval;
  /** The range, counted as one period besides: the days before `fromDay`, the range, and after. */
  fromDay?: string;
  toDay?: string;
}

/**
 * The counts of every period with events (history before the range included), oldest first; and
 * of the range: the base (''), before it ('0'), the range itself (its `fromDay`, or 'range'), and
 * after it ('~').
 */
export interface ChurnCounts {
  buckets: ChurnBucketCounts[];
  range: ChurnBucketCounts[];
  hasMrr: boolean;
}

/** Customers whose latest NPS answer in a range had this score, and whether they left after it. */
export interface NpsChurnCounts {
  nps: number;
  customers: number;
  left: number;
  pending: number;
}

export interface CustomersStore {
  /** Stores events in one transaction; the same id again replaces that event. */
  upsertEvents(siteId: string, items: CustomerEventItem[]): Promise<void>;
  /** Stores every event or none, however many (an import), later items winning on the same id. */
  importEvents(siteId: string, items: CustomerEventItem[]): Promise<void>;
  /** Per period and over the range, in one read. */
  churn(q: ChurnStoreQuery): Promise<ChurnCounts>;
  /**
   * Per NPS score (0–10) of each customer's latest answer in the range given while they were
   * active: how many, how many were lost within `windowMs` of it, how many are still inside their
   * window at `asOf` and not lost (pending). `unmatched`: answering customers no event names.
   */
  npsChurn(q: { siteId: string; fromDay?: string; toDay?: string; windowMs: number; asOf: number }): Promise<{ counts: NpsChurnCounts[]; unmatched: number }>;
}

/** A ticket as stored. */
export interface TicketItem {
  id: string;
  customerId: string | null;
  subject: string | null;
  topic: string | null;
  topicSource: 'topic' | 'tag' | 'subject' | null;
  tags: string[] | null;
  channel: string | null;
  openedAt: number;
  openedDay: string;
  /** The Monday of its ISO week, local. */
  openedWeek: string;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  reopenedCount: number;
  satisfaction: number | null;
  /** Worked out with the site's schedule when written; null without one. */
  firstResponseBusinessMs: number | null;
  resolutionBusinessMs: number | null;
}

export type TicketGroupBy = 'topic' | 'channel' | 'nps';
export type TicketMeasure = 'first_response' | 'resolution' | 'first_response_business' | 'resolution_business';

export interface TicketStoreQuery {
  siteId: string;
  bucket: Interval | 'range';
  fromDay?: string;
  toDay?: string;
  groupBy?: TicketGroupBy;
}

/**
 * Counts and sums of one period and group (key null: no topic, channel or category), or with
 * `whole` of the period over every group.
 */
export interface TicketCounts {
  start: string;
  key: string | null;
  whole: boolean;
  volume: number;
  open: number;
  awaiting: number;
  resolved: number;
  reopened: number;
  /** Per measure: how many tickets have it, the sum of their durations and the percentiles asked (ms; null without any). */
  measured: Record<TicketMeasure, { count: number; sum: number; percentiles: number[] | null }>;
  /** Counts of ticket satisfaction 1..5. */
  csat: number[];
}

export interface TicketsStore {
  /** Stores tickets in one transaction; the same id again replaces that ticket whole. */
  upsert(siteId: string, items: TicketItem[]): Promise<void>;
  /** Stores every ticket or none, however many (an import), later items winning on the same id. */
  import(siteId: string, items: TicketItem[]): Promise<void>;
  getSchedule(siteId: string): Promise<TicketSchedule | undefined>;
  setSchedule(siteId: string, schedule: TicketSchedule | null): Promise<void>;
  /** Topics the site's tickets were given by the help desk (topic or first tag), most used first. */
  topics(siteId: string, limit: number): Promise<string[]>;
  /**
   * Counts, sums and the percentiles asked (fractions of 1, by linear interpolation between the
   * closest ranks) per period and group, and per period over every group when grouped (`series`);
   * the same over the whole range (`totals`, their start the range's `fromDay` or 'range'), from
   * one reading of the tickets.
   */
  figures(q: TicketStoreQuery, percentiles: readonly number[]): Promise<{ series: TicketCounts[]; totals: TicketCounts[] }>;
  /** Tickets per period and topic: the period before `fromDay` included, for rising topics. */
  topicCounts(q: TicketStoreQuery & { bucket: Interval; previousFromDay?: string }): Promise<{ start: string; topic: string; count: number }[]>;
  /** With groupBy nps: customers per category of their latest answer up to `toDay`. */
  npsCustomers(q: { siteId: string; toDay?: string }): Promise<{ key: string; customers: number }[]>;
  /** The median first-response time (ms) of the tickets opened since a local day; null without any. */
  firstResponseMedian(siteId: string, sinceDay: string): Promise<number | null>;
}

/** What the at-risk score reads of an active customer. */
export interface AtRiskFacts {
  customerId: string;
  plan: string | null;
  mrr: number | null;
  /** When they were last acquired or reactivated. */
  since: number;
  latestNps: number | null;
  latestNpsAt: number | null;
  previousNps: number | null;
  /** Their latest NPS answer has not been followed up: no first contact, and not set aside (`ignored`). */
  latestUncontacted: boolean;
  /** Tickets opened since `recentSince`. */
  recentTickets: number;
  /** Tickets with no reply, opened before `overdueBefore`, not resolved. */
  overdueTickets: number;
  score: number;
}

export interface AtRiskStoreQuery {
  siteId: string;
  /** Points per signal; the score is their sum over the signals that hold. */
  points: Record<AtRiskSignal, number>;
  /** What makes each signal hold. */
  thresholds: { scoreDrop: number; manyTickets: number; recentSince: number; overdueBefore: number | null };
  limit: number;
}

export interface AtRiskTicketRecord {
  id: string;
  customerId: string;
  subject: string | null;
  topic: string | null;
  openedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  csat: number | null;
}

export interface AtRiskStore {
  /** Active customers with a score above 0, highest first (ties: MRR, then id), and how many there are. */
  rank(q: AtRiskStoreQuery): Promise<{ customers: AtRiskFacts[]; total: number }>;
  /** Their latest comment, and their open tickets and those opened since `recentSince` (10 each at most, newest first). */
  details(siteId: string, customerIds: string[], recentSince: number): Promise<{ comments: Map<string, { text: string; at: number }>; tickets: AtRiskTicketRecord[] }>;
}
