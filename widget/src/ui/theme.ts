// Colours derived from the survey's brand colour, so any brand keeps WCAG AA contrast: text on the
// brand colour is white or near-black, whichever contrasts more.

export const DEFAULT_BRAND = '#4f46e5';
const INK = '#111827';
const WHITE = '#ffffff';

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * The theme as a `:host` rule for the constructed stylesheet (CSSOM, so no CSP exception):
 * --plaudit-on-brand for text on the brand colour; --plaudit-accent, the brand colour where it
 * meets white (borders, focus rings) if it reaches 3:1 there, else ink; --plaudit-wash, 8% of the
 * brand colour on white for hover backgrounds.
 */
export function themeRule(brandColor: string | undefined): string {
  const brand = brandColor && /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : DEFAULT_BRAND;
  // contrast() without its min and max: white is always the lighter colour, and ink is darker than
  // any brand that could beat white against it (l / ink below 1 loses to 1.05 / l above 1).
  const l = luminance(brand) + 0.05;
  const onBrand = 1.05 / l >= l / (luminance(INK) + 0.05) ? WHITE : INK;
  const accent = 1.05 / l >= 3 ? brand : INK;
  const wash = `rgb(${channels(brand).map((c) => Math.round(255 - (255 - c) * 0.08))})`;
  return `:host{--plaudit-brand:${brand};--plaudit-on-brand:${onBrand};--plaudit-accent:${accent};--plaudit-wash:${wash}}`;
}
