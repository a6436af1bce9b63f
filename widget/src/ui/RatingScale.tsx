import { Component } from 'preact';

export interface RatingScaleProps {
  kind: 'nps' | 'csat';
  values: readonly number[];
  value: number | undefined;
  /** Id of the question the radiogroup is named by. */
  labelledBy: string;
  low: string;
  high: string;
  rtl: boolean;
  onChoose(value: number): void;
}

/** Arrow keys move within the group, wrapping (left and right mirrored in RTL); Enter and Space choose. */
const ARROW_STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

// Class components throughout the UI: preact/hooks would cost 1.5 KB of the 12 KB budget.
export class RatingScale extends Component<RatingScaleProps, { active: number }> {
  private buttons: (HTMLButtonElement | null)[] = [];
  // Roving tabindex: the group is one tab stop, on the chosen value or the first one.
  override state = { active: Math.max(0, this.props.values.indexOf(this.props.value ?? -1)) };

  private onKeyDown = (e: KeyboardEvent) => {
    const { values, rtl } = this.props;
    const { active } = this.state;
    const step = ARROW_STEPS[e.key];
    if (step) {
      const mirror = rtl && /Left|Right/.test(e.key) ? -1 : 1;
      const next = (active + step * mirror + values.length) % values.length;
      this.setState({ active: next });
      this.buttons[next]?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') this.props.onChoose(values[active]!);
    else return;
    e.preventDefault();
  };

  override render() {
    const { kind, values, value, low, high } = this.props;
    const last = values.length - 1;
    return (
      <div class={`scale ${kind}`}>
        <div class="options" role="radiogroup" aria-labelledby={this.props.labelledBy} onKeyDown={this.onKeyDown}>
          {values.map((v, i) => (
            <button
              key={v}
              type="button"
              role="radio"
              class="option"
              aria-checked={v === value}
              aria-label={i === 0 ? `${v} – ${low}` : i === last ? `${v} – ${high}` : undefined}
              tabIndex={i === this.state.active ? 0 : -1}
              ref={(el) => {
                this.buttons[i] = el;
              }}
              onFocus={() => this.setState({ active: i })}
              onClick={() => this.props.onChoose(v)}
            >
              {v}
            </button>
          ))}
        </div>
        <div class="ends" aria-hidden="true">
          <span>{low}</span>
          <span>{high}</span>
        </div>
      </div>
    );
  }
}
