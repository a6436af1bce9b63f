// Colours derived from a survey's brand colour, computed by the collector and sent in the widget
// config, so any brand keeps WCAG AA contrast and the widget ships no colour maths.

export const DEFAULT_BRAND = '#4f46e5';
const INK = '#111827';
const WHITE = '#ffffff';

export interface ThemeColors {
  /** The brand colour: selected options, the primary button. */
  brand: string;
  /** Text on the brand colour: white or near-black, whichever contrasts more. */
  onBrand: string;
  /** The brand colour where it meets white (borders, focus rings) if it reaches 3:1 there, else ink. */
  accent: string;
  /** 8% of the brand colour on white, for hover backgrounds. */
  wash: string;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

export function themeColors(brandColor: string | undefined): ThemeColors {
  const brand = brandColor && /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor.toLowerCase() : DEFAULT_BRAND;
  return {
    brand,
    onBrand: contrast(WHITE, brand) >= contrast(INK, brand) ? WHITE : INK,
    accent: contrast(brand, WHITE) >= 3 ? brand : INK,
    wash: `rgb(${channels(brand).map((c) => Math.round(255 - (255 - c) * 0.08))})`,
  };
}
