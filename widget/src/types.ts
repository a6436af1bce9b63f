// The contract between the loader (widget.js) and the lazily loaded chunks. Types only: the two
// sides are built separately and meet at runtime through `import()`.
import type { PublicSurvey } from '@plaudit/shared';
import type { SkipReason } from './eligibility';

export type WidgetEvent = 'shown' | 'answered' | 'dismissed' | 'skipped';

export interface EventDetail {
  survey: string;
  nps?: number;
  csat?: number;
  /** `skipped` only: why the survey did not display. */
  reason?: SkipReason;
}

/** What the host page passed to `plaudit('identify', …)`, unchecked. */
export interface Identity {
  id?: unknown;
  email?: unknown;
  attributes?: unknown;
}

export interface MountOptions {
  /** Collector base URL, ending with `/`. */
  base: string;
  visitor: string;
  siteName: string;
  survey: PublicSurvey;
  /**
   * The script tag's `data-*` attributes: `key`, and for the UI only `locale`, `nonce` (for the
   * `<style>` fallback), `link` and `attributes` (sent with every answer), and on the hosted page
   * `hosted` and `score`.
   */
  data: Readonly<Record<string, string | undefined>>;
  /** Inline mode: the element to render into. */
  container?: Element | undefined;
  /** Move focus into the survey (it opened from a user action). */
  focus: boolean;
  /** The page insisted (`{ force: true }`, the hosted page): the collector is not asked about fatigue. */
  force: boolean;
  identity(): Identity | undefined;
  /** The page's listeners; the loader also learns from `shown` and `skipped` where it stands. */
  emit(type: WidgetEvent, detail: EventDetail): void;
  /** The survey left the page, for whatever reason. */
  closed(): void;
}

export interface Mounted {
  close(): void;
}

export interface UiModule {
  mount(options: MountOptions): Mounted;
}

export interface TransportModule {
  flush(base: string): Promise<void>;
}
