// The texts of the follow-up questions' steps and of the promoters' next step, in every built-in
// language. Apart from the score's tables (en.ts…): the widget loads them with its follow-up chunk,
// only for a survey that has follow-up questions or a next step, so a survey without them never
// downloads a byte of them. Skip and Close are the score's (`skip`, `close`).

export interface FollowUpMessages {
  /** Goes on to the next question, the answer given. */
  next: string;
  /** The last choice of a choice question, with a text box. */
  other: string;
  /** The text box's name and placeholder. */
  otherPlease: string;
  /** Read after the next step's link text: where it opens. */
  newTab: string;
}

// Before « ? », « ! » and « : » French sets a narrow no-break space (U+202F).
export const FOLLOW_UP_MESSAGES = {
  en: { next: 'Next', other: 'Other', otherPlease: 'Other (please say)', newTab: '(opens in a new tab)' },
  fr: { next: 'Suivant', other: 'Autre', otherPlease: 'Autre (précisez)', newTab: '(s’ouvre dans un nouvel onglet)' },
  es: { next: 'Siguiente', other: 'Otro', otherPlease: 'Otro (especifique)', newTab: '(se abre en una pestaña nueva)' },
  de: { next: 'Weiter', other: 'Sonstiges', otherPlease: 'Sonstiges (bitte angeben)', newTab: '(öffnet in einem neuen Tab)' },
} satisfies Readonly<Record<string, FollowUpMessages>>;
