// One response as the inbox and its own page show it: score, comment (as text), where it came
// from, and its follow-up (state, owner, notes) editable in place by editors.
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { FollowUp, FollowUpAnswer, FollowUpQuestion, FollowUpState, LocalizedText, StoredResponse, MemberSchema } from '@plaudit/shared';
import { api, sitePath } from '../api';
import { useApp } from '../context';
import { useAction } from '../hooks';
import { actorName, ErrorNote, ScoreBadge, Field } from './ui';

export const STATES: FollowUpState[] = ['open', 'contacted', 'resolved', 'ignored'];
export type Member = z.infer<typeof MemberSchema>;

/** Responses shown lately, so that opening one from the inbox needs no request. */
export const seen = new Map<string, { siteId: string; response: StoredResponse }>();

/** A survey's text in the reader's language, else English, else its first. */
export function localized(text: LocalizedText | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** A follow-up answer in words: the question's options by their labels, a rating out of its scale. */
function answerText(answer: FollowUpAnswer, question: FollowUpQuestion | undefined, lang: string): string {
  const option = (id: string) => localized(question?.options?.find((o) => o.id === id)?.label, lang) || id;
  if ('choice' in answer) return option(answer.choice);
  if ('choices' in answer) return answer.choices.map(option).join(', ') + (answer.other ? `, “${answer.other}”` : '');
  if ('other' in answer) return `“${answer.other}”`;
  if ('text' in answer) return `“${answer.text}”`;
  return `${answer.rating}\u00a0/\u00a0${question?.scale ?? 5}`;
}

export function ResponseCard({
  response,
  surveyName,
  questions = [],
  onChange,
  expanded = false,
  link = true,
}: {
  response: StoredResponse;
  surveyName: string | undefined;
  /** The survey's follow-up questions, to show answers by their words rather than their ids. */
  questions?: FollowUpQuestion[];
  onChange(r: StoredResponse): void;
  expanded?: boolean;
  link?: boolean;
}) {
  const { t, f, lang, siteId, can, href } = useApp();
  const [notesOpen, setNotesOpen] = useState(expanded);
  const [history, setHistory] = useState<FollowUp | undefined>();
  const editable = can('editor');
  const path = (rest: string) => sitePath(siteId, `/responses/${encodeURIComponent(response.id)}${rest}`);
  const loadHistory = async () => setHistory(await api<FollowUp>('GET', path('/follow-up')));
  const patch = useAction(async (change: { state?: FollowUpState; assignee?: string | null }) => {
    const next = await api<FollowUp>('PATCH', path('/follow-up'), change);
    const { history: h2, ...summary } = next;
    onChange({ ...response, followUp: summary });
    if (notesOpen) setHistory(next);
    void h2;
  });
  const addNote = useAction(async (form: HTMLFormElement) => {
    const body = String(new FormData(form).get('body') ?? '').trim();
    if (!body) return;
    await api('POST', path('/notes'), { body });
    form.reset();
    await loadHistory();
  });
  const toggleNotes = () => {
    const open = !notesOpen;
    setNotesOpen(open);
    if (open && !history) void loadHistory().catch(() => undefined);
  };
  useEffect(() => {
    if (expanded) void loadHistory().catch(() => undefined);
  }, [expanded, response.id]);
  seen.set(response.id, { siteId, response });
  const id = `r-${response.id}`;
  const answers = Object.entries(response.answers);
  const customer = response.customer?.id ?? response.customer?.email;
  return (
    <article class={`response ${response.followUp.state}`} aria-labelledby={`${id}-h`} data-response={response.id}>
      <div class="response-main">
        <ScoreBadge nps={response.nps} csat={response.csat} />
        <div class="response-body">
          <h3 id={`${id}-h`} class="response-meta">
            <span>{surveyName ?? response.survey}</span>
            <span aria-hidden="true"> · </span>
            <time dateTime={response.createdAt}>{f.instant(response.createdAt)}</time>
            {response.locale && <span class="tag">{response.locale}</span>}
          </h3>
          {response.comment ? <p class="comment">{response.comment}</p> : <p class="comment none">{t('noComment')}</p>}
          {answers.length > 0 && (
            <ul class="answers">
              {answers.map(([q, a]) => {
                const question = questions.find((x) => x.id === q);
                return (
                  <li key={q}>
                    <span class="q">{localized(question?.prompt, lang) || q}</span> {answerText(a, question, lang)}
                  </li>
                );
              })}
            </ul>
          )}
          <p class="response-where">
            {customer && (
              <span>
                {t('customer')} <b>{customer}</b>
              </span>
            )}
            {response.page && (
              <span class="page" title={response.page}>
                {pageOf(response.page)}
              </span>
            )}
            {Object.entries(response.attributes).map(([k, v]) => (
              <span key={k} class="attr">
                {k}: {String(v)}
              </span>
            ))}
          </p>
        </div>
      </div>
      <div class="follow-up">
        {editable ? (
          <>
            <Field label={t('followUpState')} class="compact">
<select value={response.followUp.state} disabled={patch.busy} onChange={(e) => void patch.act({ state: e.currentTarget.value as FollowUpState })}>
                {STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`state_${s}`)}
                  </option>
                ))}
              </select>
</Field>
            <Field label={t('assignee')} class="compact">
<input
                list="team-members"
                value={response.followUp.assignee ?? ''}
                placeholder={t('unassigned')}
                maxLength={120}
                onChange={(e) => {
                  const value = e.currentTarget.value.trim();
                  if (value !== (response.followUp.assignee ?? '')) void patch.act({ assignee: value || null });
                }}
              />
</Field>
          </>
        ) : (
          <p class="state-read">
            <span class={`state ${response.followUp.state}`}>{t(`state_${response.followUp.state}`)}</span>
            {response.followUp.assignee && <span> · {response.followUp.assignee}</span>}
          </p>
        )}
        <span class="row-actions">
          {!expanded && (
            <button type="button" aria-expanded={notesOpen} onClick={toggleNotes}>
              {t('notesAndHistory')}
            </button>
          )}
          {link && (
            <a href={href(`/dashboard/responses/${encodeURIComponent(response.id)}`)} class="button">
              {t('open')}
            </a>
          )}
        </span>
        <ErrorNote error={patch.error} />
      </div>
      {notesOpen && (
        <div class="notes">
          {!history ? (
            <p class="loading">{t('loading')}</p>
          ) : history.history.length === 0 ? (
            <p class="empty">{t('historyNone')}</p>
          ) : (
            <ol class="history">
              {history.history.map((e) => (
                <li key={e.id} class={e.kind}>
                  <span class="who">
                    {actorName(t, e.actor)} · <time dateTime={e.createdAt}>{f.instant(e.createdAt)}</time>
                  </span>
                  {e.kind === 'note' ? <p>{e.body}</p> : <p class="change">{e.kind === 'state' ? t('historyState', { state: t(`state_${e.body as FollowUpState}`) }) : e.body ? t('historyAssignee', { who: e.body }) : t('historyUnassigned')}</p>}
                </li>
              ))}
            </ol>
          )}
          {editable && (
            <form
              class="note-form"
              onSubmit={(e) => {
                e.preventDefault();
                void addNote.act(e.currentTarget);
              }}
            >
              <Field label={t('noteAdd')} wide>
<textarea name="body" rows={2} maxLength={5000} required />
</Field>
              <button type="submit" disabled={addNote.busy}>
                {t('noteSave')}
              </button>
              <ErrorNote error={addNote.error} />
            </form>
          )}
        </div>
      )}
    </article>
  );
}

function pageOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** The team's names, offered by every assignee box of the page (rendered once). */
export function TeamNames({ members }: { members: Member[] }) {
  return (
    <datalist id="team-members">
      {members.map((m) => (
        <option key={m.user} value={m.name ?? m.email} />
      ))}
    </datalist>
  );
}
