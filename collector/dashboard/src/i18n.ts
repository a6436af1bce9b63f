// The dashboard's words in English and French: the browser's language first, then the reader's
// choice (kept in localStorage). Every figure is formatted with the language's own conventions.
import en from './i18n/en';
import fr from './i18n/fr';

export type Messages = typeof en;
export type MessageKey = keyof Messages;
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
const TABLES: Record<Lang, Messages> = { en, fr };
const STORE_KEY = 'plaudit.dashboard.lang';

export function detectLang(): Lang {
  try {
    const chosen = localStorage.getItem(STORE_KEY);
    if (chosen === 'en' || chosen === 'fr') return chosen;
  } catch {
    // Storage refused: follow the browser.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch {
    // Not kept across visits, still switched now.
  }
}

export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export interface Formats {
  /** A number with up to `digits` decimals (one by default), grouped the language's way. */
  num(value: number | null | undefined, digits?: number): string;
  /** A whole count. */
  int(value: number): string;
  pct(value: number | null | undefined, digits?: number): string;
  /** A signed number of points: +6.2, −3. */
  signed(value: number, digits?: number): string;
  pValue(p: number): string;
  /** A local day (YYYY-MM-DD) written out. */
  day(day: string, long?: boolean): string;
  /** A day under a chart's axis: day and month over a few months, month and year beyond. */
  tick(day: string, spanDays: number): string;
  /** An instant, day and time in the reader's zone. */
  instant(iso: string): string;
  /** An instant's day alone, in the reader's zone. */
  date(iso: string): string;
  hours(h: number | null | undefined): string;
}

export function translator(lang: Lang): { t: T; f: Formats } {
  const table = TABLES[lang];
  const t: T = (key, vars) => {
    const text = table[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let n = numbers.get(digits);
    if (!n) numbers.set(digits, (n = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })));
    return n;
  };
  const dash = '–';
  const f: Formats = {
    num: (v, digits = 1) => (v === null || v === undefined ? dash : nf(digits).format(v)),
    int: (v) => nf(0).format(v),
    pct: (v, digits = 1) => (v === null || v === undefined ? dash : `${nf(digits).format(v)}${lang === 'fr' ? '\u202f%' : '%'}`),
    signed: (v, digits = 1) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v),
    // No-break spaces: "p =" never ends a line without its figure.
    pValue: (p) => (p < 0.001 ? `p\u00a0<\u00a0${nf(3).format(0.001)}` : `p\u00a0=\u00a0${nf(p < 0.01 ? 3 : 2).format(p)}`),
    day: (day, long) => {
      const [y, m, d] = day.split('-').map(Number);
      return new Intl.DateTimeFormat(lang, { day: 'numeric', month: long ? 'long' : 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
    },
    tick: (day, spanDays) => {
      const [y, m, d] = day.split('-').map(Number);
      const options: Intl.DateTimeFormatOptions = spanDays > 120 ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
      return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
    },
    date: (iso) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso)),
    instant: (iso) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    hours: (h) => {
      if (h === null || h === undefined) return dash;
      if (h < 1) return t('minutes', { n: nf(0).format(Math.round(h * 60)) });
      if (h < 48) return t('hours', { n: nf(1).format(h) });
      return t('days', { n: nf(1).format(h / 24) });
    },
  };
  return { t, f };
}
