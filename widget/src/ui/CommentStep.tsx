import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { COMMENT_MAX } from '../response';

export interface CommentStepProps {
  /** Id for the prompt, which also names the dialog. */
  labelId: string;
  prompt: string;
  placeholder: string;
  /** The "you may quote me" label; the checkbox shows only when given (promoters). */
  consentLabel?: string | undefined;
  submitLabel: string;
  skipLabel: string;
  autoFocus: boolean;
  onSubmit(comment: string, consent: boolean): void;
  onSkip(): void;
}

// Not a <form>: a submission that slipped past preventDefault would navigate the host page.
export function CommentStep(props: CommentStepProps) {
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const fieldId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const empty = !text.trim();

  useEffect(() => {
    if (props.autoFocus) field.current?.focus();
  }, []);

  const submit = () => {
    if (!empty) props.onSubmit(text, consent);
  };

  return (
    <div class="comment">
      <label class="question" id={props.labelId} for={fieldId}>
        {props.prompt}
      </label>
      <textarea
        id={fieldId}
        ref={field}
        rows={3}
        maxLength={COMMENT_MAX}
        placeholder={props.placeholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit();
        }}
      />
      {props.consentLabel && (
        <label class="consent">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          <span>{props.consentLabel}</span>
        </label>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onSkip}>
          {props.skipLabel}
        </button>
        <button type="button" class="primary" disabled={empty} onClick={submit}>
          {props.submitLabel}
        </button>
      </div>
    </div>
  );
}
