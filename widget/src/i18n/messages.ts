import type { TextKey } from '@plaudit/shared';

/** Every text the visitor can see, by key; `{product}` stands for the product or site name. */
export type Messages = Record<TextKey, string>;
