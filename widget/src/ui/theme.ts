// The theme's colours arrive ready in the config: the collector derives them from the brand colour
// (@plaudit/shared's themeColors), so the widget ships no colour maths. It only checks them, as
// they end up in CSS, and writes them as --plaudit-* variables.
import type { PublicSurvey } from '@plaudit/shared';

export type ThemeColors = PublicSurvey['theme']['colors'];

/** The only shapes the collector sends; anything else could inject CSS. */
const COLOR = /^(#[\da-f]{6}|rgb\(\d{1,3},\d{1,3},\d{1,3}\))$/i;

/**
 * The theme as a `:host` rule for the constructed stylesheet (CSSOM, so no CSP exception), or
 * nothing, leaving the default of styles.css: when an older collector sends no colours, or when one
 * value is bad (a mixed set could lose its contrast).
 */
export function themeRule(colors: ThemeColors | undefined): string {
  if (!colors) return '';
  const { brand, onBrand, accent, wash } = colors;
  return [brand, onBrand, accent, wash].every((c) => COLOR.test(c))
    ? `:host{--plaudit-brand:${brand};--plaudit-on-brand:${onBrand};--plaudit-accent:${accent};--plaudit-wash:${wash}}`
    : '';
}
