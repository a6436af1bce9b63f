import type { TextKey } from '../schemas';

/** Every text the visitor can see, by key; `{product}` stands for the product or site name. */
export type Messages = Record<TextKey, string>;
