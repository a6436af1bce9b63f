// Quotes for the testimonials browser tests and screenshots: answers given with consent through
// the public API, as a promoter's widget gives them, then reviewed by the owner.
import { randomUUID } from 'node:crypto';

export interface QuoteSeed {
  text: string;
  locale: string;
  displayName?: string;
  /** The owner's decision; `pending` leaves it unreviewed. */
  status: 'approved' | 'hidden' | 'pending';
}

export interface SiteKeys {
  collectorUrl: string;
  site: { id: string; publicKey: string; secretKey: string };
}

/** Gives the quote as a promoter (NPS 10, consent) and reviews it; answers the response id. */
export async function seedQuote({ collectorUrl, site }: SiteKeys, survey: string, quote: QuoteSeed): Promise<string> {
  const id = randomUUID();
  const given = await fetch(`${collectorUrl}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, key: site.publicKey, survey, nps: 10, comment: quote.text, consent: true, locale: quote.locale, visitor: `v_${id.slice(0, 8)}` }),
  });
  if (given.status !== 202) throw new Error(`answer: ${given.status} ${await given.text()}`);
  if (quote.status !== 'pending') {
    const reviewed = await fetch(`${collectorUrl}/v1/sites/${site.id}/responses/${id}/testimonial`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: quote.status, ...(quote.displayName && { displayName: quote.displayName }) }),
    });
    if (reviewed.status !== 200) throw new Error(`review: ${reviewed.status} ${await reviewed.text()}`);
  }
  return id;
}

/**
 * Gives the demo shop its approved quotes unless its bootstrap already did (collector/src/bootstrap.ts
 * is asked to seed these same quotes), so the example pages show "What customers say" either way.
 */
export async function demoQuotes(keys: SiteKeys, survey: string): Promise<void> {
  const shown = (await (await fetch(`${keys.collectorUrl}/v1/testimonials?key=${keys.site.publicKey}`)).json()) as { items: unknown[] };
  if (shown.items.length) return;
  for (const quote of SHOP_QUOTES) await seedQuote(keys, survey, quote);
}

/** What the demo shop's customers say, in English and French (the demo's approved quotes). */
export const SHOP_QUOTES: QuoteSeed[] = [
  { text: 'The dripper pours so evenly that my morning coffee finally tastes like the café’s. It came in two days, wrapped in paper, not plastic.', locale: 'en', displayName: 'Hannah K.', status: 'approved' },
  { text: 'I chipped a mug and they mended it for free. Who still does that?', locale: 'en', displayName: 'Tom', status: 'approved' },
  { text: 'Beautiful glazes, and each cup sits well in the hand. We bought a second set for my parents.', locale: 'en', displayName: 'Priya S.', status: 'approved' },
  { text: 'Le dripper verse si régulièrement que mon café du matin a enfin le goût de celui du comptoir. Reçu en deux jours, emballé dans du papier.', locale: 'fr', displayName: 'Léa M.', status: 'approved' },
  { text: 'Une tasse ébréchée, réparée gratuitement et renvoyée avec un petit mot. Merci l’atelier\u202f!', locale: 'fr', displayName: 'Karim', status: 'approved' },
  { text: 'Des émaux superbes et des tasses qui tiennent bien en main. Nous en avons offert un service à mes parents.', locale: 'fr', displayName: 'Camille D.', status: 'approved' },
];
