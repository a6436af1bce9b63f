// The follow-up chunk: the questions after the score (single and multiple choice with "Other",
// text, 1–5 or 1–7 rating) and the promoters' next step. The UI chunk imports it only for a
// survey that has either, so a survey without them never downloads it. Each step is a render
// branch of the Survey component, which keeps its draft and sends its answer (see FollowUps in
// Survey.tsx); the decisions are in ../follow-ups.ts.
import type { FollowUpQuestion, PublicSurvey } from '@plaudit/shared';
import { FOLLOW_UP_MESSAGES, type FollowUpMessages } from '@plaudit/shared/i18n/follow-ups';
import { answerOf, asked, ctaFor, ctaHref, EMPTY_DRAFT, FOLLOW_UP_TEXT_MAX, localized, ordered, toggle, toggleOther, type Draft } from '../follow-ups';
import { messagesFor, type Messages } from '../i18n';
import { Fragment, h } from './dom';
import type { FollowUps, StepProps } from './Survey';

export { default as css } from './follow-ups.css?inline';

export interface FollowUpsContext {
  /** `texts`: the survey's overrides, for Next, Other, "Other (please say)" and "(opens in a new tab)" too. */
  survey: Pick<PublicSurvey, 'followUps' | 'cta'> & Partial<Pick<PublicSurvey, 'texts'>>;
  locale: string;
  /** Seeds the order of shuffled choices. */
  visitor: string;
  /** The response's id, which a referral link carries as `ref`. */
  response: string;
  /** The survey's texts (Skip is theirs). */
  messages: Messages;
  /** Counts the next step's impression and click (POST v1/events). */
  event(type: 'cta_shown' | 'cta_clicked'): void;
}

const TABLES: Readonly<Record<string, FollowUpMessages | undefined>> = FOLLOW_UP_MESSAGES;

export function followUps(ctx: FollowUpsContext): FollowUps {
  // The survey's language, English for a language without a built-in table, under the survey's own
  // words for that language and tag: as for the score's texts.
  const t = messagesFor(ctx.locale, ctx.survey.texts, TABLES[ctx.locale.split('-')[0]!.toLowerCase()] ?? FOLLOW_UP_MESSAGES.en);
  const text = (value: Parameters<typeof localized>[0]) => localized(value, ctx.locale);

  function step(question: FollowUpQuestion, props: StepProps) {
    const { id, change } = props;
    const draft = (props.draft as Draft | undefined) ?? EMPTY_DRAFT;
    const value = answerOf(question, draft);
    const go = () => value && props.answer(value);
    const required = !!question.required;
    let controls;

    if (question.type === 'text') {
      controls = (
        <textarea
          id={id + 'c'}
          rows={3}
          maxLength={FOLLOW_UP_TEXT_MAX}
          required={required}
          value={draft.text ?? ''}
          onInput={(e) => change({ ...draft, text: e.currentTarget.value })}
        />
      );
    } else if (question.type === 'rating') {
      const top = question.scale ?? 5;
      const low = text(question.low);
      const high = text(question.high);
      controls = (
        <>
          <div class="rate">
            {Array.from({ length: top }, (_, i) => i + 1).map((v) => (
              <label class={v === draft.rating ? 'on' : undefined}>
                <input
                  type="radio"
                  name={id + 'r'}
                  checked={v === draft.rating}
                  required={required}
                  // The ends carry their labels, as the score's do.
                  aria-label={v === 1 && low ? `1 – ${low}` : v === top && high ? `${v} – ${high}` : undefined}
                  onChange={() => change({ ...draft, rating: v })}
                />
                <span>{v}</span>
              </label>
            ))}
          </div>
          {(low || high) && (
            <div class="ends" aria-hidden="true">
              <span>{low}</span>
              <span>{high}</span>
            </div>
          )}
        </>
      );
    } else {
      const single = question.type === 'single';
      const choice = (label: string, checked: boolean, set: (on: boolean) => Draft) => (
        <label class={checked ? 'choice on' : 'choice'}>
          <input
            type={single ? 'radio' : 'checkbox'}
            name={id + 'o'}
            checked={checked}
            required={single && required}
            onChange={(e) => change(set(e.currentTarget.checked))}
          />
          <span>{label}</span>
        </label>
      );
      controls = (
        <>
          <div class="choices">
            {ordered(question.options ?? [], question, ctx.visitor).map((o) =>
              choice(text(o.label), draft.choices.includes(o.id), (on) => toggle(draft, question, o.id, on)),
            )}
            {/* "Other" always last, whatever the order of the rest. */}
            {question.other && choice(t.other, draft.other !== undefined, (on) => toggleOther(draft, question, on))}
          </div>
          {draft.other !== undefined && (
            <input
              type="text"
              class="other"
              aria-label={t.otherPlease}
              placeholder={t.otherPlease}
              maxLength={FOLLOW_UP_TEXT_MAX}
              value={draft.other}
              onInput={(e) => change({ ...draft, other: e.currentTarget.value })}
            />
          )}
        </>
      );
    }

    // The heading takes focus as the step opens (Survey's #focusStep); a text step's names its field.
    const heading =
      question.type === 'text' ? (
        <label class="question" id={id} for={id + 'c'} tabIndex={-1}>
          {text(question.prompt)}
        </label>
      ) : (
        <legend class="question" id={id} tabIndex={-1}>
          {text(question.prompt)}
        </legend>
      );

    return (
      <div
        // Enter goes on, from anywhere but a text area (a new line) and a button (its own click).
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !/^(TEXTAREA|BUTTON|A)$/.test((e.target as Element).tagName)) {
            e.preventDefault();
            go();
          }
        }}
      >
        {question.type === 'text' ? (
          <>
            {heading}
            {controls}
          </>
        ) : (
          <fieldset>
            {heading}
            {controls}
          </fieldset>
        )}
        <div class="actions">
          {!required && (
            <button type="button" class="secondary" onClick={props.skip}>
              {ctx.messages.skip}
            </button>
          )}
          <button type="button" class="primary" disabled={!value} onClick={go}>
            {t.next}
          </button>
        </div>
      </div>
    );
  }

  return {
    asked: (answers) => asked(ctx.survey.followUps, answers),
    step,
    nextStep(answers) {
      const cta = ctaFor(ctx.survey.cta, answers);
      if (!cta) return undefined;
      return {
        view: (
          <div class="cta">
            {cta.message && <p>{text(cta.message)}</p>}
            <a class="primary" href={ctaHref(cta, ctx.response)} target="_blank" rel="noopener" onClick={() => ctx.event('cta_clicked')}>
              {text(cta.label)}
              <span class="sr"> {t.newTab}</span>
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <path d="M6 3.5h6.5V10M12.5 3.5l-9 9" />
              </svg>
            </a>
          </div>
        ),
        shown: () => ctx.event('cta_shown'),
      };
    },
  };
}
