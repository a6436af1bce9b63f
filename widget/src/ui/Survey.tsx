import type { QuestionType, TextKey } from '@plaudit/shared';
import { Component, createRef } from 'preact';
import { format, type Messages } from '../i18n';
import type { Answer } from '../response';
import { CommentStep } from './CommentStep';
import { nextId } from './element-ids';
import { RatingScale } from './RatingScale';

/** Constant scales (the values of @plaudit/shared's NPS_SCALE and CSAT_SCALE, which ship no values here). */
export const NPS_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const CSAT_VALUES = [1, 2, 3, 4, 5] as const;
/** Long enough to see the chosen score light up before the next step. */
export const ADVANCE_MS = 300;
/** The thank-you step closes itself after this long. */
export const THANKS_MS = 4000;

export type Layout = 'bottom-right' | 'bottom-left' | 'center' | 'inline';

/** The comment prompt follows the answers so far: NPS category first, then CSAT. */
export function commentPrompt(answers: Answer): TextKey {
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
  onAnswer(answer: Answer): void;
  /** `answered` tells a dismissal (false) from closing after answering. */
  onClose(answered: boolean): void;
}

interface SurveyState {
  index: number;
  answers: Answer;
}

type Step = QuestionType | 'thanks';

export class Survey extends Component<SurveyProps, SurveyState> {
  override state: SurveyState = { index: 0, answers: {} };
  private steps: Step[] = [...this.props.questions, 'thanks'];
  private card = createRef<HTMLDivElement>();
  private headingId = nextId();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Between a score and the next step: further choices (a key repeat, a double click) are ignored. */
  private advancing = false;
  private interacted = false;

  override componentDidMount(): void {
    // A modal that opened by itself still takes focus, on itself rather than on an answer.
    if (this.props.autoFocus) this.focusStep();
    else if (this.props.layout === 'center') this.card.current?.focus();
  }

  override componentDidUpdate(_: SurveyProps, previous: SurveyState): void {
    if (previous.index === this.state.index) return;
    // Once the visitor has used the survey, focus follows them into each new step.
    if (this.props.autoFocus || this.interacted) this.focusStep();
    if (this.step() === 'thanks') this.later(this.close, THANKS_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  private step(): Step {
    return this.steps[this.state.index]!;
  }

  private answered(): boolean {
    const { nps, csat, comment } = this.state.answers;
    return nps !== undefined || csat !== undefined || !!comment;
  }

  /** The step's first control: the scale's tab stop, the comment field or the thank-you text. */
  private focusStep(): void {
    this.card.current?.querySelector<HTMLElement>('[tabindex="0"],textarea,.thanks p')?.focus();
  }

  private later(fn: () => void, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, ms);
  }

  private next = () => this.setState(({ index }) => ({ index: Math.min(index + 1, this.steps.length - 1) }));

  private close = () => this.props.onClose(this.answered());

  private answer(patch: Answer): void {
    this.interacted = true;
    this.setState(({ answers }) => ({ answers: { ...answers, ...patch } }));
    this.props.onAnswer(patch);
  }

  private choose(kind: 'nps' | 'csat', value: number): void {
    if (this.advancing) return;
    this.advancing = true;
    this.answer({ [kind]: value });
    this.later(() => {
      this.advancing = false;
      this.next();
    }, ADVANCE_MS);
  }

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
    } else if (e.key === 'Tab' && this.props.layout === 'center') trapFocus(e, this.card.current);
  };

  private t(key: TextKey): string {
    return format(this.props.messages[key], this.props.product);
  }

  override render() {
    const { props, headingId } = this;
    const { answers, index } = this.state;
    const step = this.step();
    const promoter = answers.nps !== undefined && answers.nps >= 9;
    const scale = step === 'nps' || step === 'csat';

    const card = (
      <div
        ref={this.card}
        class={`card ${props.layout}`}
        role={props.layout === 'inline' ? 'region' : 'dialog'}
        aria-modal={props.layout === 'center' ? 'true' : undefined}
        aria-labelledby={headingId}
        tabIndex={props.layout === 'center' ? -1 : undefined}
        dir={props.rtl ? 'rtl' : 'ltr'}
        lang={props.locale}
        onKeyDown={this.onKeyDown}
      >
        <div class="step" key={index}>
          {scale && (
            <>
              <p class="question" id={headingId}>
                {this.t(step === 'nps' ? 'npsQuestion' : 'csatQuestion')}
              </p>
              <RatingScale
                kind={step}
                values={step === 'nps' ? NPS_VALUES : CSAT_VALUES}
                value={answers[step]}
                labelledBy={headingId}
                low={this.t(step === 'nps' ? 'npsLow' : 'csatLow')}
                high={this.t(step === 'nps' ? 'npsHigh' : 'csatHigh')}
                rtl={props.rtl}
                onChoose={(value) => this.choose(step, value)}
              />
            </>
          )}
          {step === 'comment' && (
            <CommentStep
              labelId={headingId}
              prompt={this.t(commentPrompt(answers))}
              placeholder={this.t('commentPlaceholder')}
              consentLabel={promoter ? this.t('consent') : undefined}
              submitLabel={this.t('submit')}
              skipLabel={this.t('skip')}
              onSubmit={(comment, consent) => {
                this.answer(promoter ? { comment, consent } : { comment });
                this.next();
              }}
              onSkip={() => (this.answered() ? this.next() : this.close())}
            />
          )}
          {step === 'thanks' && (
            <div class="thanks">
              <span class="check" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="22" height="22">
                  <path d="M5 12.5l4.5 4.5L19 7.5" />
                </svg>
              </span>
              <p class="question" id={headingId} tabIndex={-1} role="status">
                {this.t('thanks')}
              </p>
            </div>
          )}
        </div>
        <button type="button" class="close" aria-label={this.t('close')} onClick={this.close}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>
    );

    if (props.layout !== 'center') return card;
    return (
      <div class="backdrop" onClick={(e) => e.target === e.currentTarget && this.close()}>
        {card}
      </div>
    );
  }
}

/** Keeps Tab inside a modal dialog. */
function trapFocus(e: KeyboardEvent, card: HTMLElement | null): void {
  if (!card) return;
  const focusable = Array.from(
    card.querySelectorAll<HTMLElement>('button:not([disabled]):not([tabindex="-1"]), textarea, input'),
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = (card.getRootNode() as ShadowRoot | Document).activeElement;
  if (e.shiftKey && (active === first || active === card)) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first?.focus();
  }
}
