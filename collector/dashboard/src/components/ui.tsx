// Small pieces every view uses. User text is always a text child: Preact sets it as text, never
// as HTML (no dangerouslySetInnerHTML anywhere in the dashboard).
import { cloneElement, h, isValidElement, toChildArray, type ComponentChildren, type VNode } from 'preact';
import { useId, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useWords } from '../context';
import type { T } from '../i18n';

export function ErrorNote({ error }: { error: Error | undefined | null }) {
  const { t } = useWords();
  if (!error) return null;
  let text = error.message;
  if (error instanceof ApiError) {
    if (error.status === 403) text = `${t('errorForbidden')} (${error.message})`;
    else if (error.status === 404) text = t('errorNotFound');
    else if (error.status === 429) text = t('errorTooMany', { s: error.retryAfter ?? 60 });
    else if (error.status >= 500) text = t('errorServer');
  } else if (error.name === 'TypeError') text = t('errorNetwork');
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useWords();
  return (
    <p class="loading" role="status">
      {label ?? t('loading')}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A value a reader copies: shown as code, with a button that puts it on the clipboard. */
export function Copyable({ value, label, multiline }: { value: string; label: string; multiline?: boolean }) {
  const { t } = useWords();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="copyable">
      {multiline ? (
        <textarea readOnly rows={Math.min(8, value.split('\n').length + 1)} aria-label={label} value={value} onFocus={(e) => e.currentTarget.select()} />
      ) : (
        <input readOnly aria-label={label} value={value} onFocus={(e) => e.currentTarget.select()} />
      )}
      <button type="button" onClick={() => void copy()}>
        {copied ? t('copied') : t('copy')}
      </button>
      <span class="visually-hidden" aria-live="polite">
        {copied ? t('copied') : ''}
      </span>
    </div>
  );
}

/** Who made a change, as the API records it: an account's e-mail, or one of the keys, in words. */
export function actorName(t: T, actor: string): string {
  if (actor === 'secret key') return t('actorSecretKey');
  if (actor === 'admin token') return t('actorAdminToken');
  return actor;
}

export function categoryOf(nps: number): 'detractor' | 'passive' | 'promoter' {
  return nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
}

/** A score as a coloured badge that also says its group in words (colour is never the only cue). */
export function ScoreBadge({ nps, csat }: { nps: number | null; csat: number | null }) {
  const { t } = useWords();
  if (nps !== null) {
    const group = categoryOf(nps);
    return (
      <span class={`score ${group}`} title={t(`cat_${group}`)}>
        <b>{nps}</b>
        <span class="visually-hidden"> / 10, {t(`cat_${group}`)}</span>
      </span>
    );
  }
  if (csat !== null) {
    const group = csat >= 4 ? 'promoter' : csat === 3 ? 'passive' : 'detractor';
    return (
      <span class={`score ${group}`} title={`CSAT ${csat}/5`}>
        <b>{csat}</b>
        <small>/5</small>
        <span class="visually-hidden"> CSAT</span>
      </span>
    );
  }
  return <span class="score none">–</span>;
}

/**
 * A labelled control: the label names the control by `for`, and a hint, outside the label, is tied
 * to it by aria-describedby, so the control's name is its label alone. The first element child is
 * the control (an input's datalist may follow it).
 */
export function Field({ label, hint, children, wide, class: extra, labelHidden }: { label: string; hint?: string | undefined; children: ComponentChildren; wide?: boolean; class?: string; labelHidden?: boolean }) {
  const id = useId();
  const hintId = `${id}-hint`;
  let given = false;
  const control = toChildArray(children).map((child) => {
    if (given || !isValidElement(child)) return child;
    given = true;
    return cloneElement(child as VNode<Record<string, unknown>>, { id, ...(hint && { 'aria-describedby': hintId }) });
  });
  return (
    <div class={['field', wide && 'wide', extra].filter(Boolean).join(' ')}>
      <label class={labelHidden ? 'label visually-hidden' : 'label'} for={id}>
        {label}
      </label>
      {control}
      {hint && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function Section({ title, children, actions, id }: { title: string; children: ComponentChildren; actions?: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-labelledby={id} id={id ? `${id}-section` : undefined}>
      <div class="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * A ref that sets one style property through the CSSOM, which a strict CSP allows (a style
 * attribute in markup it would refuse): widths of bars, colours of swatches.
 */
export const styled = (property: string, value: string) => (el: HTMLElement | null) => {
  if (el) el.style.setProperty(property, value);
};

/**
 * A table in a box of its own that scrolls sideways on a phone (focusable, so the keyboard scrolls
 * it too): a row of column names, then the rows given as children.
 */
export function DataTable({ head, caption, children }: { head: ComponentChildren[]; caption?: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0}>
      <table>
        {caption && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {head.map((name, i) => (
              <th scope="col" key={i}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A chart's figures as a table folded under it: the chart's text alternative. */
export function FiguresTable(props: { head: ComponentChildren[]; caption?: string; children: ComponentChildren }) {
  const { t } = useWords();
  return (
    <details class="figures">
      <summary>{t('showFigures')}</summary>
      <DataTable {...props} />
    </details>
  );
}
