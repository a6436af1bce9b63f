// The built-in texts, one table per language. The widget imports each on its own (a chunk per
// language, so a visitor downloads only theirs: `@plaudit/shared/i18n/fr`); the collector reads
// them all for the pages and e-mail blocks it writes itself.
import de from './de';
import en from './en';
import es from './es';
import fr from './fr';
import type { Messages } from './messages';

export type { Messages } from './messages';

export const BUILT_IN_MESSAGES: Readonly<Record<string, Messages>> = { en, fr, es, de };
