// Language tags: their shape, their language, their direction. Apart from the message tables so
// that the testimonials chunk can use them without the tables' imports.

/** The collector's language tag shape (and its 35-character limit). */
export const LOCALE = /^(?=.{2,35}$)[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export const language = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** Arabic, Hebrew, Persian and Urdu. */
export function isRtl(locale: string): boolean {
  return /^(ar|he|fa|ur)(-|$)/i.test(locale);
}
