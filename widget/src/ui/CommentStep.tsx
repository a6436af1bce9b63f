import { Component } from 'preact';
import { COMMENT_MAX } from '../response';
import { nextId } from './element-ids';

export interface CommentStepProps {
  /** Id for the prompt, which also names the dialog. */
  labelId: string;
  prompt: string;
  placeholder: string;
  /** The "you may quote me" label; the checkbox shows only when given (promoters). */
  consentLabel?: string | undefined;
  submitLabel: string;
  skipLabel: string;
  onSubmit(comment: string, consent: boolean): void;
  onSkip(): void;
}

// Not a <form>: a submission that slipped past preventDefault would navigate the host page.
export class CommentStep extends Component<CommentStepProps, { text: string; consent: boolean }> {
  override state = { text: '', consent: false };
  private fieldId = nextId();

  private submit = () => {
    if (this.state.text.trim()) this.props.onSubmit(this.state.text, this.state.consent);
  };

  override render() {
    const { props, state } = this;
    return (
      <div class="comment">
        <label class="question" id={props.labelId} for={this.fieldId}>
          {props.prompt}
        </label>
        <textarea
          id={this.fieldId}
          rows={3}
          maxLength={COMMENT_MAX}
          placeholder={props.placeholder}
          value={state.text}
          onInput={(e) => this.setState({ text: e.currentTarget.value })}
        />
        {props.consentLabel && (
          <label class="consent">
            <input
              type="checkbox"
              checked={state.consent}
              onChange={(e) => this.setState({ consent: e.currentTarget.checked })}
            />
            <span>{props.consentLabel}</span>
          </label>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onSkip}>
            {props.skipLabel}
          </button>
          <button type="button" class="primary" disabled={!state.text.trim()} onClick={this.submit}>
            {props.submitLabel}
          </button>
        </div>
      </div>
    );
  }
}
