// The e-mails of the delivery queue, written when they are sent (not when queued), so they say
// what is true then: a detractor's alert waits a minute for the comment that follows the score,
// and a digest reads the week once it is over.
import { addDays, localDay, startOfLocalDay } from '../../lib/local-time';
import type { DeliveryRecord, Store } from '../../store/types';
import { compareRanges } from '../compare';
import type { ThemesService } from '../themes/service';
import { render, type Block, type Message } from './layout';
import { WORDS, dayText, num, type MailLocale } from './words';

export interface MailContext {
  store: Store;
  themes: ThemesService;
  publicUrl?: string | undefined;
  /** How long after a detractor's score the alert goes (the comment usually follows within it). */
  alertDelayMs: number;
}

export type Rendered = { message: Message } | { skip: string } | { waitUntil: number };

type Queued = { kind: 'alert'; responseId: string } | { kind: 'digest'; from: string; to: string };

const dashboard = (ctx: MailContext, path: string) => (ctx.publicUrl ? `${ctx.publicUrl.replace(/\/$/, '')}/dashboard${path}` : null);

export async function renderQueued(ctx: MailContext, d: DeliveryRecord, now: number): Promise<Rendered> {
  const queued = JSON.parse(d.payload) as Queued;
  const [site, settings] = await Promise.all([ctx.store.sites.get(d.siteId), ctx.store.notifications.get(d.siteId)]);
  if (!site || !settings) return { skip: 'the site or its settings are gone' };
  const locale: MailLocale = settings.digest.locale;
  if (queued.kind === 'alert') {
    if (settings.detractorAlerts.emails.length === 0) return { skip: 'detractor alerts were turned off' };
    const response = await ctx.store.responses.get(d.siteId, queued.responseId);
    if (!response) return { skip: 'the response was erased' };
    const answeredAt = Date.parse(response.createdAt);
    if (now < answeredAt + ctx.alertDelayMs) return { waitUntil: answeredAt + ctx.alertDelayMs };
    const survey = await ctx.store.surveys.get(d.siteId, response.survey);
    const w = WORDS[locale];
    const score = response.nps !== null ? `NPS ${response.nps}` : `CSAT ${response.csat}/5`;
    const when = new Date(answeredAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: site.timezone, dateStyle: 'long', timeStyle: 'short' });
    const lines = [w.alertAnswered(when, survey?.name ?? response.survey)];
    if (response.customer?.email || response.customer?.id) lines.push(w.customer([response.customer.id, response.customer.email].filter(Boolean).join(' · ')));
    if (response.page) lines.push(w.page(response.page));
    const link = dashboard(ctx, `/responses/${encodeURIComponent(response.id)}`);
    const body = render(`${w.alertTitle}: ${score}`, [{ lines: response.comment ? [] : [w.noComment], quotes: response.comment ? [response.comment] : [] }, { lines }], w.alertFooter, link ? { url: link, label: w.open } : null);
    return { message: { to: settings.detractorAlerts.emails, subject: w.alertSubject(score, site.name), ...body } };
  }

  if (settings.digest.emails.length === 0) return { skip: 'the digest was turned off' };
  return { message: { to: settings.digest.emails, ...(await digest(ctx, d.siteId, site.name, site.timezone, queued.from, queued.to, locale, now)) } };
}

async function digest(ctx: MailContext, siteId: string, siteName: string, timezone: string, from: string, to: string, locale: MailLocale, now: number) {
  const w = WORDS[locale];
  const week = await compareRanges(ctx.store, { siteId }, [from, to], [addDays(from, -7), addDays(to, -7)]);
  const blocks: Block[] = [{ lines: [w.answers(week.current.responses)] }];

  const nps = week.current.nps;
  if (nps.responses > 0 && nps.score !== null && nps.interval) {
    const lines = [w.npsLine(num(nps.score, locale), num(nps.interval.low, locale), num(nps.interval.high, locale))];
    if (week.previous.nps.responses > 0 && week.nps.difference !== null) lines.push(w.change(week.nps.difference, w.points, week.nps.significant, String(week.nps.pValue)));
    blocks.push({ heading: w.nps, lines });
  }
  const csat = week.current.csat;
  if (csat.responses > 0 && csat.score !== null && csat.mean !== null) {
    const lines = [w.csatLine(num(csat.score, locale), num(csat.mean, locale))];
    if (week.previous.csat.responses > 0 && week.csat.difference !== null) lines.push(w.change(week.csat.difference, w.points, week.csat.significant, String(week.csat.pValue)));
    blocks.push({ heading: w.csat, lines });
  }
  if (week.current.responses === 0) blocks.push({ lines: [w.none] });
  else if (week.lowSample) blocks.push({ lines: [w.lowSample] });

  const range = { siteId, fromMs: startOfLocalDay(from, timezone), toMs: startOfLocalDay(addDays(to, 1), timezone) };
  const [detractorThemes, promoterThemes] = await Promise.all(
    (['detractor', 'promoter'] as const).map((category) => ctx.themes.themes({ query: range, category, limit: 3 }).catch(() => undefined)),
  );
  const labels = (a: typeof detractorThemes) => (a?.themes ?? []).map((t) => t.label);
  const themeLines = [
    ...(labels(detractorThemes).length ? [w.detractorThemes(labels(detractorThemes).join(', '))] : []),
    ...(labels(promoterThemes).length ? [w.promoterThemes(labels(promoterThemes).join(', '))] : []),
  ];
  blocks.push({ heading: w.themes, lines: themeLines.length ? themeLines : [w.noThemes] });

  const pending = await ctx.store.testimonials.list(siteId, { status: 'pending', limit: 50 });
  if (pending.length) blocks.push({ heading: w.quotes, lines: [w.quotesWaiting(pending.length)], quotes: pending.slice(0, 2).map((q) => q.text) });

  const today = localDay(now, timezone);
  const open = await ctx.store.responses.list(siteId, { fromMs: startOfLocalDay(addDays(today, -29), timezone), category: 'detractor', followUp: 'open', limit: 50 });
  const count = open.items.length === 50 && open.last ? '50+' : String(open.items.length);
  blocks.push({
    heading: w.uncontacted,
    lines: [open.items.length ? w.uncontactedCount(count) : w.allContacted],
    quotes: open.items.filter((r) => r.comment).slice(0, 3).map((r) => r.comment!),
  });

  const link = dashboard(ctx, '');
  const fromText = dayText(from, locale);
  const toText = dayText(to, locale);
  return { subject: w.digestSubject(siteName, fromText, toText), ...render(w.digestTitle(fromText, toText), blocks, w.digestFooter, link ? { url: link, label: w.openDashboard } : null) };
}

/**
 * The week a digest is due for at `now`: from 8:00 on Monday in the site's zone, the Monday to
 * Sunday just ended. Its id makes it once per site and week, whatever the collectors.
 */
export function dueDigest(siteId: string, timezone: string, now: number): { id: string; from: string; to: string } | undefined {
  const today = localDay(now, timezone);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  if (now < startOfLocalDay(monday, timezone) + 8 * 3_600_000) return undefined;
  const from = addDays(monday, -7);
  return { id: `digest_${siteId}_${from}`, from, to: addDays(monday, -1) };
}
