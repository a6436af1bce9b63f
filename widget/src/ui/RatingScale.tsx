import { useEffect, useRef, useState } from 'preact/hooks';

export interface RatingScaleProps {
  kind: 'nps' | 'csat';
  values: readonly number[];
  value: number | undefined;
  /** Id of the question the radiogroup is named by. */
  labelledBy: string;
  low: string;
  high: string;
  rtl: boolean;
  autoFocus: boolean;
  onChoose(value: number): void;
}

/** Arrow keys move within the group (mirrored left/right in RTL); Enter and Space choose. */
const ARROW_STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function RatingScale(props: RatingScaleProps) {
  const { values, value, low, high } = props;
  const last = values.length - 1;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  // Roving tabindex: the group is one tab stop, on the chosen value or the first one.
  const [active, setActive] = useState(Math.max(0, values.indexOf(value ?? -1)));

  useEffect(() => {
    if (props.autoFocus) buttons.current[active]?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    let next: number | undefined;
    if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key in ARROW_STEPS) {
      const mirrored = props.rtl && (e.key === 'ArrowLeft' || e.key === 'ArrowRight');
      next = (active + ARROW_STEPS[e.key]! * (mirrored ? -1 : 1) + values.length) % values.length;
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onChoose(values[active]!);
      return;
    }
    if (next !== undefined) {
      e.preventDefault();
      setActive(next);
      buttons.current[next]?.focus();
    }
  };

  return (
    <div class={`scale ${props.kind}`}>
      <div class="options" role="radiogroup" aria-labelledby={props.labelledBy} onKeyDown={onKeyDown}>
        {values.map((v, i) => (
          <button
            key={v}
            type="button"
            role="radio"
            class="option"
            aria-checked={v === value}
            aria-label={i === 0 ? `${v} – ${low}` : i === last ? `${v} – ${high}` : undefined}
            tabIndex={i === active ? 0 : -1}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            onFocus={() => setActive(i)}
            onClick={() => props.onChoose(v)}
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
