import type { QuestionType, TextKey } from '@plaudit/shared';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { format, type Messages } from '../i18n';
import type { Answer } from '../response';
import { CommentStep } from './CommentStep';
import { RatingScale } from './RatingScale';

/** Constant scales (values from @plaudit/shared's NPS_SCALE and CSAT_SCALE, which we may not import). */
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
  /** Move focus into the survey as it opens. */
  autoFocus: boolean;
  onAnswer(answer: Answer): void;
  /** `answered` tells a dismissal (false) from closing after answering. */
  onClose(answered: boolean): void;
}

type Step = QuestionType | 'thanks';

export function Survey(props: SurveyProps) {
  const steps: Step[] = [...props.questions, 'thanks'];
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answer>({});
  const interacted = useRef(false);
  const card = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const step = steps[index]!;
  const answered = answers.nps !== undefined || answers.csat !== undefined || !!answers.comment;
  const t = (key: TextKey) => format(props.messages[key], props.product);
  const next = () => setIndex((i) => Math.min(i + 1, steps.length - 1));
  const close = () => props.onClose(answered);

  useEffect(() => {
    if ((step === 'nps' || step === 'csat') && answers[step] !== undefined) {
      const timer = setTimeout(next, ADVANCE_MS);
      return () => clearTimeout(timer);
    }
    if (step === 'thanks') {
      const timer = setTimeout(close, THANKS_MS);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [step, answers]);

  const answer = (patch: Answer) => {
    interacted.current = true;
    setAnswers((a) => ({ ...a, ...patch }));
    props.onAnswer(patch);
  };

  const choose = (kind: 'nps' | 'csat') => (value: number) => {
    // A keyboard "choose" can arrive twice (keydown, then the button's own click).
    if (answers[kind] === undefined) answer({ [kind]: value });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab' && props.layout === 'center') trapFocus(e, card.current);
  };

  // Focus follows the visitor into each new step once they have interacted.
  const focusStep = props.autoFocus || interacted.current;
  const promoter = answers.nps !== undefined && answers.nps >= 9;

  const body = (
    <div
      ref={card}
      class={`card ${props.layout}`}
      role={props.layout === 'inline' ? 'region' : 'dialog'}
      aria-modal={props.layout === 'center' ? 'true' : undefined}
      aria-labelledby={headingId}
      dir={props.rtl ? 'rtl' : 'ltr'}
      lang={props.locale}
      onKeyDown={onKeyDown}
    >
      <div class="step" key={index}>
        {(step === 'nps' || step === 'csat') && (
          <>
            <p class="question" id={headingId}>
              {t(step === 'nps' ? 'npsQuestion' : 'csatQuestion')}
            </p>
            <RatingScale
              kind={step}
              values={step === 'nps' ? NPS_VALUES : CSAT_VALUES}
              value={answers[step]}
              labelledBy={headingId}
              low={t(step === 'nps' ? 'npsLow' : 'csatLow')}
              high={t(step === 'nps' ? 'npsHigh' : 'csatHigh')}
              rtl={props.rtl}
              autoFocus={focusStep}
              onChoose={choose(step)}
            />
          </>
        )}
        {step === 'comment' && (
          <CommentStep
            labelId={headingId}
            prompt={t(commentPrompt(answers))}
            placeholder={t('commentPlaceholder')}
            consentLabel={promoter ? t('consent') : undefined}
            submitLabel={t('submit')}
            skipLabel={t('skip')}
            autoFocus={focusStep}
            onSubmit={(comment, consent) => {
              answer(promoter ? { comment, consent } : { comment });
              next();
            }}
            onSkip={() => (answered ? next() : close())}
          />
        )}
        {step === 'thanks' && <Thanks id={headingId} text={t('thanks')} autoFocus={focusStep} />}
      </div>
      <button type="button" class="close" aria-label={t('close')} onClick={close}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );

  if (props.layout !== 'center') return body;
  return (
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      {body}
    </div>
  );
}

function Thanks(props: { id: string; text: string; autoFocus: boolean }) {
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (props.autoFocus) heading.current?.focus();
  }, []);
  return (
    <div class="thanks">
      <span class="check" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="22" height="22">
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </span>
      <p class="question" id={props.id} ref={heading} tabIndex={-1} role="status">
        {props.text}
      </p>
    </div>
  );
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
  if (e.shiftKey && active === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first?.focus();
  }
}
