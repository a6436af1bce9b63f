import type { FollowUpAnswer, FollowUpQuestion, QuestionType } from '@plaudit/shared';
import { Component, createRef, Fragment, h, type VNode } from './dom';
import { format, type Messages } from '../i18n';
import { COMMENT_MAX, type Answer } from '../response';

/** Constant scales (the values of @plaudit/shared's NPS_SCALE and CSAT_SCALE, which ship no values here). */
export const NPS_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const CSAT_VALUES = [1, 2, 3, 4, 5] as const;
/** Long enough to see the chosen score light up before the next step. */
export const ADVANCE_MS = 300;
/** The thank-you step closes itself after this long. */
export const THANKS_MS = 4000;

export type Layout = 'bottom-right' | 'bottom-left' | 'center' | 'inline';

/**
 * What the follow-up chunk (follow-ups.tsx) adds to a survey that has follow-up questions or a
 * next step for promoters. Only a survey with them loads it, so this file knows nothing of their
 * types: it asks which questions come after the comment, and has each one's step rendered.
 */
export interface FollowUps {
  /** The follow-up questions these answers qualify for, in order. */
  asked(answers: Answer): readonly FollowUpQuestion[];
  /** One question's step: heading, controls and buttons. */
  step(question: FollowUpQuestion, props: StepProps): VNode;
  /** The promoters' next step under the thanks, if these answers earn one; it keeps the thanks open. */
  nextStep(answers: Answer): { view: VNode; shown(): void } | undefined;
}

export interface StepProps {
  /** The heading's id, which names the dialog. */
  id: string;
  /** What the visitor has picked or typed so far in this step (undefined at first). */
  draft: unknown;
  change(draft: unknown): void;
  /** Sends the answer and goes on. */
  answer(value: FollowUpAnswer): void;
  /** Goes on without an answer. */
  skip(): void;
}

/** The comment prompt follows the answers so far: NPS category first, then CSAT. */
export function commentPrompt(answers: Answer): keyof Messages {
  if (answers.nps !== undefined) {
    return answers.nps >= 9 ? 'commentPromoter' : answers.nps >= 7 ? 'commentPassive' : 'commentDetractor';
  }
  if (answers.csat !== undefined) return answers.csat >= 4 ? 'commentCsatHigh' : 'commentCsatLow';
  return 'commentOnly';
}

export interface SurveyProps {
  questions: readonly QuestionType[];
  messages: Messages;
  product: string;
  locale: string;
  rtl: boolean;
  layout: Layout;
  /** The visitor opened it: focus goes to the first answer. A modal takes focus either way. */
  autoFocus: boolean;
  /** The survey is the page (the hosted page of a survey link): nothing to close, the thanks stay. */
  standalone?: boolean;
  /** A score chosen before the survey opened (the link's button): chosen at once, as if clicked. */
  score?: number | undefined;
  /** The follow-up chunk, for a survey with follow-up questions or a next step. */
  followUps?: FollowUps | undefined;
  onAnswer(answer: Answer): void;
  /** `answered` tells a dismissal (false) from closing after answering. */
  onClose(answered: boolean): void;
}

interface SurveyState {
  index: number;
  answers: Answer;
  /** The scale's roving tab stop: the group is one tab stop, on the option last focused. */
  active: number;
  /** The comment being typed, and the promoter's "you may quote me". */
  text: string;
  consent: boolean;
  /** A follow-up step's answer in the making (see FollowUps). */
  draft?: unknown;
}

type Step = QuestionType | FollowUpQuestion | 'thanks';

/** Arrow keys move within a scale, wrapping (left and right mirrored in RTL); Enter and Space choose. */
const ARROW_STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** For element ids unique in the page (no hooks in this bundle, so no useId). */
let instances = 0;

// One class component for every step, and no preact/hooks: each component and hooks cost bytes of
// the 12 KB budget. Steps are render branches; their state lives here and resets on `next`.
// Private members are `#` fields, which the minifier can shorten, and arrow functions rather than
// `#` methods, which Safari 14.1 does not know.
export class Survey extends Component<SurveyProps, SurveyState> {
  override state: SurveyState = { index: 0, answers: {}, active: 0, text: '', consent: false };
  #card = createRef<HTMLDivElement>();
  /** The step's heading, which names the dialog; the comment field is `${id}c`. */
  #id = `plaudit-${++instances}`;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Between a score and the next step: further choices (a key repeat, a double click) are ignored. */
  #advancing = false;
  /** Something was answered: closing is no longer a dismissal, and focus follows the visitor. */
  #answered = false;

  override componentDidMount(): void {
    const { autoFocus, layout, score } = this.props;
    const first = this.props.questions[0];
    // A modal that opened by itself still takes focus, on itself rather than on an answer.
    if (autoFocus) this.#focusStep();
    else if (layout === 'center') this.#card.current?.focus();
    // A timer, so that the answer follows the impression the mount reports once this render returns.
    if (score !== undefined && (first === 'nps' || first === 'csat')) this.#later(() => this.#choose(first, score), 0);
    // A corner card or a modal closes on Escape wherever focus is; an inline survey is part of the
    // page, so only an Escape inside it counts (#onKeyDown).
    if (layout !== 'inline') addEventListener('keydown', this.#onPageKey);
  }

  override componentDidUpdate(_: SurveyProps, previous: SurveyState): void {
    if (previous.index === this.state.index) return;
    // Once the visitor has used the survey, focus follows them into each new step.
    if (this.props.autoFocus || this.#answered) this.#focusStep();
    if (this.#steps(this.state.answers)[this.state.index] !== 'thanks') return;
    // The end, whatever was skipped on the way: the response is complete. A survey closed before
    // this point never says so.
    if (this.#answered) this.props.onAnswer({ complete: true });
    // A promoter's next step stays until they close it; plain thanks go by themselves.
    const next = this.props.followUps?.nextStep(this.state.answers);
    next?.shown();
    if (!next && !this.props.standalone) this.#later(this.#close, THANKS_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.#timer);
    removeEventListener('keydown', this.#onPageKey);
  }

  /** The score, the comment, the follow-up questions these answers qualify for, the thanks. */
  #steps = (answers: Answer): Step[] => [...this.props.questions, ...(this.props.followUps?.asked(answers) ?? []), 'thanks'];

  /**
   * The step's focusable heading (a follow-up question's, the thank-you text), else its first
   * control: the scale's tab stop or the comment field.
   */
  #focusStep = () => {
    this.#card.current?.querySelector<HTMLElement>('.question[tabindex],[tabindex="0"],textarea')?.focus();
  };

  #later = (fn: () => void, ms: number) => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(fn, ms);
  };

  #next = () =>
    this.setState(({ index, answers }) => ({ index: Math.min(index + 1, this.#steps(answers).length - 1), active: 0, draft: undefined }));

  #close = () => this.props.standalone || this.props.onClose(this.#answered);

  #answer = (patch: Answer) => {
    this.#answered = true;
    this.setState(({ answers }) => ({ answers: { ...answers, ...patch } }));
    this.props.onAnswer(patch);
  };

  #choose = (kind: 'nps' | 'csat', value: number) => {
    if (this.#advancing) return;
    this.#advancing = true;
    this.#answer({ [kind]: value });
    this.#later(() => {
      this.#advancing = false;
      this.#next();
    }, ADVANCE_MS);
  };

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Meant for the survey: the host page does not see it.
      e.stopPropagation();
      this.#close();
    } else if (e.key === 'Tab' && this.props.layout === 'center') trapFocus(e, e.currentTarget as HTMLElement);
  };

  /**
   * Escape anywhere on the page, once it has passed the page's own handlers: one that handled it
   * (preventDefault) keeps the survey open. Nothing here stops or prevents the page's events.
   */
  #onPageKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) this.#close();
  };

  /** Keys inside a scale: arrows move the focus (and the tab stop with it), Enter and Space choose. */
  #onScaleKey = (e: KeyboardEvent) => {
    const options = (e.currentTarget as HTMLElement).children;
    const step = ARROW_STEPS[e.key];
    if (step) {
      const mirror = this.props.rtl && /Left|Right/.test(e.key) ? -1 : 1;
      (options[(this.state.active + step * mirror + options.length) % options.length] as HTMLElement).focus();
    } else if (e.key === 'Enter' || e.key === ' ') (e.target as HTMLElement).click();
    else return;
    e.preventDefault();
  };

  #t = (key: keyof Messages) => format(this.props.messages[key], this.props.product);

  override render() {
    const { props } = this;
    const id = this.#id;
    const { answers, index, active, text, consent } = this.state;
    const step = this.#steps(answers)[index]!;
    const promoter = (answers.nps ?? 0) >= 9;
    const center = props.layout === 'center';
    let body;

    if (step === 'nps' || step === 'csat') {
      const values = step === 'nps' ? NPS_VALUES : CSAT_VALUES;
      const low = this.#t(`${step}Low`);
      const high = this.#t(`${step}High`);
      body = (
        <>
          <p class="question" id={id}>
            {this.#t(`${step}Question`)}
          </p>
          <div class={`options ${step}`} role="radiogroup" aria-labelledby={id} onKeyDown={this.#onScaleKey}>
            {values.map((v, i) => (
              <button
                type="button"
                role="radio"
                class="option"
                aria-checked={v === answers[step]}
                aria-label={i === 0 ? `${v} – ${low}` : i === values.length - 1 ? `${v} – ${high}` : undefined}
                tabIndex={i === active ? 0 : -1}
                onFocus={() => this.setState({ active: i })}
                onClick={() => this.#choose(step, v)}
              >
                {v}
              </button>
            ))}
          </div>
          <div class="ends" aria-hidden="true">
            <span>{low}</span>
            <span>{high}</span>
          </div>
        </>
      );
    } else if (step === 'comment') {
      // Not a <form>: a submission that slipped past preventDefault would navigate the host page.
      body = (
        <>
          <label class="question" id={id} for={id + 'c'}>
            {this.#t(commentPrompt(answers))}
          </label>
          <textarea
            id={id + 'c'}
            rows={3}
            maxLength={COMMENT_MAX}
            placeholder={this.#t('commentPlaceholder')}
            value={text}
            onInput={(e) => this.setState({ text: e.currentTarget.value })}
          />
          {promoter && (
            <label class="consent">
              <input type="checkbox" checked={consent} onChange={(e) => this.setState({ consent: e.currentTarget.checked })} />
              {this.#t('consent')}
            </label>
          )}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => (this.#answered || props.standalone ? this.#next() : this.#close())}
            >
              {this.#t('skip')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={!text.trim()}
              onClick={() => {
                this.#answer(promoter ? { comment: text, consent } : { comment: text });
                this.#next();
              }}
            >
              {this.#t('submit')}
            </button>
          </div>
        </>
      );
    } else if (typeof step == 'object') {
      body = props.followUps!.step(step, {
        id,
        draft: this.state.draft,
        change: (draft) => this.setState({ draft }),
        answer: (value) => {
          this.#answer({ answers: { ...answers.answers, [step.id]: value } });
          this.#next();
        },
        skip: this.#next,
      });
    } else {
      body = (
        <>
          <div class="thanks">
            <span class="check" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22">
                <path d="M5 12.5l4.5 4.5L19 7.5" />
              </svg>
            </span>
            <p class="question" id={id} tabIndex={-1} role="status">
              {this.#t('thanks')}
            </p>
          </div>
          {props.followUps?.nextStep(answers)?.view}
        </>
      );
    }

    const card = (
      <div
        ref={this.#card}
        class={`card ${props.layout}${props.standalone ? ' page' : ''}`}
        role={props.layout === 'inline' ? 'region' : 'dialog'}
        aria-modal={center ? 'true' : undefined}
        aria-labelledby={id}
        tabIndex={center ? -1 : undefined}
        dir={props.rtl ? 'rtl' : 'ltr'}
        lang={props.locale}
        onKeyDown={this.#onKeyDown}
      >
        <div class="step" key={index}>
          {body}
        </div>
        {!props.standalone && (
          <button type="button" class="close" aria-label={this.#t('close')} onClick={this.#close}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        )}
      </div>
    );

    return center ? (
      <div class="backdrop" onClick={(e) => e.target === e.currentTarget && this.#close()}>
        {card}
      </div>
    ) : (
      card
    );
  }
}

/** Keeps Tab inside a modal dialog: from one end of its controls (or the dialog itself), to the other. */
function trapFocus(e: KeyboardEvent, card: HTMLElement): void {
  const group = (radio: HTMLInputElement) => card.querySelector(`[name="${radio.name}"]:checked`) ?? card.querySelector(`[name="${radio.name}"]`);
  // A group of radio inputs is one tab stop: its checked radio, else its first.
  const focusable = [...card.querySelectorAll<HTMLInputElement>('button:not(:disabled,[tabindex="-1"]),textarea,input,a')].filter(
    (el) => el.type != 'radio' || group(el) === el,
  );
  const [from, to] = e.shiftKey ? [0, focusable.length - 1] : [focusable.length - 1, 0];
  const active = (card.getRootNode() as ShadowRoot | Document).activeElement;
  // Shift+Tab from before the first control (the dialog, or a step's heading that took focus) wraps too.
  if (active === focusable[from] || (e.shiftKey && (active === card || active?.matches('.question')))) {
    e.preventDefault();
    focusable[to]?.focus();
  }
}
