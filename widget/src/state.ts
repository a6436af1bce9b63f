// The loader's states, and what moves it from one to another, as a table a reader can follow and
// a test can walk (state.test.ts). The loader (loader.ts) feeds it inputs and does what the new
// state asks for: disarm the triggers and load the UI when a survey opens, close the one it replaces.
//
// One survey is on screen at a time. A page view shows one survey by itself (a trigger, an inline
// placeholder); explicit calls (`plaudit('show', id)`) win over whatever is opening or shown, which
// closes without counting a dismissal.

export type Phase =
  /** Nothing open and nothing waiting: before the config, or no survey fits this page. */
  | 'idle'
  /** Surveys wait for their triggers. */
  | 'armed'
  /** A survey's UI, language and (for an identified customer) the collector's fatigue answer are on their way. */
  | 'opening'
  /** The same, after a survey has shown on this page view: if it is held back, none shows by itself. */
  | 'reopening'
  /** A survey is on screen. */
  | 'shown'
  /** A survey was shown, or hidden: only explicit calls show another on this page view. */
  | 'closed';

export type Input =
  /** The loader looked at the page: some surveys wait for their triggers (`arm`), or none does. */
  | 'arm'
  | 'disarm'
  /** A trigger fired, or an inline placeholder was found. */
  | 'trigger'
  /** `plaudit('show', id)` passed the rules. */
  | 'show'
  /** From the UI: it showed; the collector held it back (fatigue) before it showed; it left the page. */
  | 'shown'
  | 'skipped'
  | 'closed'
  /** `plaudit('hide')`. */
  | 'hide';

/** Where each input leads from each phase; an input a phase does not list changes nothing. */
export const TRANSITIONS: Readonly<Record<Phase, Partial<Record<Input, Phase>>>> = {
  idle: { arm: 'armed', trigger: 'opening', show: 'opening' },
  armed: { disarm: 'idle', trigger: 'opening', show: 'opening' },
  // Skipped: nothing reached the visitor, so another survey may still show by itself.
  opening: { show: 'opening', shown: 'shown', skipped: 'idle', closed: 'closed', hide: 'closed' },
  reopening: { show: 'reopening', shown: 'shown', skipped: 'closed', closed: 'closed', hide: 'closed' },
  shown: { show: 'reopening', closed: 'closed', hide: 'closed' },
  closed: { show: 'reopening' },
};

export interface LoaderState {
  phase: Phase;
  /** The survey opening or shown. */
  survey?: string | undefined;
  /**
   * Changes with every transition but `shown`, so that only the survey opening or on screen can
   * report: a UI that was replaced, or hidden while it loaded, is ignored (and never mounts).
   */
  ticket: number;
  /** Surveys the collector held back on this page view (fatigue): they do not open again. */
  held: readonly string[];
}

export const INITIAL: LoaderState = { phase: 'idle', ticket: 0, held: [] };

/**
 * The state after `input`: the same object when nothing changes, so the caller can tell. `ticket`
 * names the opening a report from the UI is about; `survey`, the one `trigger` or `show` opens.
 */
export function next(state: LoaderState, input: Input, ticket = state.ticket, survey?: string): LoaderState {
  const phase = TRANSITIONS[state.phase][input];
  // A stale report, an input this phase ignores, or show() of the survey already there.
  if (ticket !== state.ticket || !phase || (survey && survey === state.survey)) return state;
  return {
    phase,
    survey: phase === 'shown' ? state.survey : survey,
    ticket: input === 'shown' ? ticket : ticket + 1,
    held: input === 'skipped' ? [...state.held, state.survey!] : state.held,
  };
}
