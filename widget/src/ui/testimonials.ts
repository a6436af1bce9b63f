// The testimonials chunk: approved quotes drawn into each `<div data-plaudit-testimonials>` of the
// page, in a shadow root of its own. The loader imports it only when the page has such a div, and
// passes the config it is fetching anyway (the survey's colours). Plain DOM and textContent: a
// quote is text whatever it holds, and this chunk needs no renderer. The decisions are in
// ../testimonials.ts.
import type { WidgetConfig } from '@plaudit/shared';
import { isRtl } from '../i18n/tags';
import { labelFor, monthOf, pickTag, QUOTES_PLACE, quotesOf, quotesUrl, type Quote } from '../testimonials';
import { adoptStyles } from './mount';
import css from './testimonials.css?inline';
import { themeRule } from './theme';

/** What the loader hands over. */
export interface QuotesContext {
  /** Collector base URL, ending with `/`. */
  base: string;
  /** The script tag's `data-*` attributes: `key`, and `locale` and `nonce` as for the survey. */
  data: Readonly<Record<string, string | undefined>>;
  /** The config once the loader has it, undefined when it could not: the colours come from it. */
  config: Promise<WidgetConfig | undefined>;
}

export interface QuotesModule {
  run(ctx: QuotesContext): void;
}

/** Placeholders already handled, so that a single-page app's next route draws only its new ones. */
const taken = new WeakSet<Element>();

/** Fills every placeholder of the page not yet handled; safe to run again after a route change. */
export function run(ctx: QuotesContext): void {
  for (const place of document.querySelectorAll<HTMLElement>(QUOTES_PLACE)) {
    if (taken.has(place)) continue;
    taken.add(place);
    // Revalidated on every load (no-cache with an ETag): a quote hidden or erased is gone next time.
    Promise.all([fetch(quotesUrl(ctx.base, ctx.data.key!, place.dataset)).then((res) => (res.ok ? res.json() : null)), ctx.config])
      .then(([body, config]) => {
        const quotes = quotesOf(body);
        // None: nothing is drawn and the placeholder stays as the page made it.
        if (quotes.length) draw(place, quotes, ctx, config);
      })
      // Offline, refused, a placeholder that already had a shadow root: the page stays as it was.
      .catch(() => {});
  }
}

/** An element with attributes and children; strings become text nodes, never markup. */
function el(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function draw(place: HTMLElement, quotes: Quote[], ctx: QuotesContext, config: WidgetConfig | undefined): void {
  // The page's language: the placeholder's, the snippet's, the page's, the browser's.
  const tag = pickTag([place.dataset.locale, ctx.data.locale, document.documentElement.lang, navigator.language]);
  const surveys = config?.surveys ?? [];
  // The colours of the survey the quotes come from, else of the site's first survey, else indigo.
  const colors = (surveys.find((s) => s.id === place.dataset.survey) ?? surveys[0])?.theme?.colors;
  const shadow = place.attachShadow({ mode: 'open' });
  adoptStyles(shadow, css + themeRule(colors), ctx.data.nonce);
  // The placeholder is the region, so that the page may name it after its own heading.
  if (!place.hasAttribute('role')) place.setAttribute('role', 'region');
  if (!place.hasAttribute('aria-label') && !place.hasAttribute('aria-labelledby')) place.setAttribute('aria-label', labelFor(tag));
  // One tab stop: the row scrolls sideways when the quotes do not fit, by arrow keys once focused.
  const list = el('ul', { role: 'list', tabindex: '0', lang: tag, dir: isRtl(tag) ? 'rtl' : 'ltr' });
  for (const quote of quotes) {
    const caption = [quote.displayName && el('b', {}, quote.displayName), quote.date && el('time', { datetime: quote.date }, monthOf(quote.date, tag))].filter((c) => !!c);
    // A quote in another language than the page's is read in its own; `dir="auto"` lays it out.
    const said = el('blockquote', quote.locale ? { lang: quote.locale, dir: 'auto' } : { dir: 'auto' }, el('p', {}, quote.text));
    list.append(el('li', {}, el('figure', {}, said, ...(caption.length ? [el('figcaption', {}, ...caption)] : []))));
  }
  shadow.append(list);
}
