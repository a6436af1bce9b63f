// Colours derived from the survey's brand colour, so any brand keeps WCAG AA contrast: text on the
// brand colour is white or near-black, whichever contrasts more.

export const DEFAULT_BRAND = '#4f46e5';
export const INK = '#111827';
const WHITE = '#ffffff';
const HEX = /^#[0-9a-f]{6}$/i;

function channels(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour `amount` (0–1) of the way from white to `hex`. */
function tint(hex: string, amount: number): string {
  return '#' + channels(hex).map((c) => Math.round(255 + (c - 255) * amount).toString(16).padStart(2, '0')).join('');
}

export interface Theme {
  brand: string;
  /** Text on the brand colour. */
  onBrand: string;
  /** The brand colour where it meets white (borders, focus rings): itself if it reaches 3:1, else ink. */
  accent: string;
  /** A faint wash of the brand colour for hover backgrounds. */
  wash: string;
}

export function themeFor(brandColor: string | undefined): Theme {
  const brand = brandColor && HEX.test(brandColor) ? brandColor.toLowerCase() : DEFAULT_BRAND;
  return {
    brand,
    onBrand: contrast(WHITE, brand) >= contrast(INK, brand) ? WHITE : INK,
    accent: contrast(brand, WHITE) >= 3 ? brand : INK,
    wash: tint(brand, 0.08),
  };
}

/** The theme as a `:host` rule appended to the constructed stylesheet (CSSOM, so CSP-safe). */
export function themeRule(theme: Theme): string {
  return `:host{--plaudit-brand:${theme.brand};--plaudit-on-brand:${theme.onBrand};--plaudit-accent:${theme.accent};--plaudit-wash:${theme.wash}}`;
}
