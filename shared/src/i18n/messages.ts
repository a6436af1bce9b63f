import type { TextKey } from '../schemas';
import type { FollowUpMessages } from './follow-ups';

/**
 * The score step's texts, by key; `{product}` stands for the product or site name. The follow-up
 * steps' words (`next`, `other`…) are survey texts too, but their built-in tables live apart in
 * follow-ups.ts so that a survey without follow-up questions never downloads them.
 */
export type Messages = Record<Exclude<TextKey, keyof FollowUpMessages>, string>;
