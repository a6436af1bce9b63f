// The contract between the loader (widget.js) and the lazily loaded chunks. Types only: the two
// sides are built separately and meet at runtime through `import()`.
import type { PublicSurvey } from '@plaudit/shared';

export type WidgetEvent = 'shown' | 'answered' | 'dismissed';

export interface EventDetail {
  survey: string;
  nps?: number;
  csat?: number;
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
  key: string;
  visitor: string;
  siteName: string;
  survey: PublicSurvey;
  /** `data-locale`. */
  locale?: string | undefined;
  /** `data-nonce`, for the `<style>` fallback. */
  nonce?: string | undefined;
  /** Inline mode: the element to render into. */
  container?: Element | undefined;
  /** Move focus into the survey (it opened from a user action). */
  focus: boolean;
  identity(): Identity | undefined;
  emit(type: WidgetEvent, detail: EventDetail): void;
  /** The visitor answered or dismissed: the resurvey window starts now. */
  done(): void;
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
