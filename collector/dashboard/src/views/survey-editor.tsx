// Create or edit a survey without JSON: its questions, follow-up questions, the promoters' next
// step, texts per language (the built-in ones shown as placeholders), display rules, colour and
// status, with the real widget previewed beside it. The draft is checked with the API's own zod
// schema before it is sent, so mistakes show at once, by field.
import { Fragment, h } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  DEFAULT_DISPLAY,
  FOLLOW_UP_TYPES,
  MAX_FOLLOW_UPS,
  POSITIONS,
  QUESTION_TYPES,
  SurveyCreateSchema,
  SurveyPatchSchema,
  TEXT_KEYS,
  TEXT_KEY_DESCRIPTIONS,
  TRIGGERS,
  type Cta,
  type Display,
  type FollowUpQuestion,
  type QuestionType,
  type TextKey,
} from '@plaudit/shared';
import en from '@plaudit/shared/i18n/en';
import fr from '@plaudit/shared/i18n/fr';
import es from '@plaudit/shared/i18n/es';
import de from '@plaudit/shared/i18n/de';
import { FOLLOW_UP_MESSAGES } from '@plaudit/shared/i18n/follow-ups';
import { api, sitePath } from '../api';
import type { Survey } from '../components/filters';
import { ErrorNote, Field, Loading, Section } from '../components/ui';
import { useApp } from '../context';
import { useAction, useData } from '../hooks';
import { Preview } from '../preview/preview';
import { problemInWords } from '../problems';
import { TEXT_KEY_FR } from '../preview/text-keys';

/** The built-in texts per language: the score's tables and the follow-up steps' words. */
const BUILT_IN: Record<string, Record<TextKey, string>> = {
  en: { ...en, ...FOLLOW_UP_MESSAGES.en },
  fr: { ...fr, ...FOLLOW_UP_MESSAGES.fr },
  es: { ...es, ...FOLLOW_UP_MESSAGES.es },
  de: { ...de, ...FOLLOW_UP_MESSAGES.de },
};
const LANGUAGES = ['en', 'fr', 'es', 'de'];

export interface Draft {
  name: string;
  questions: QuestionType[];
  productName: string;
  locale: string;
  status: 'active' | 'paused' | 'archived';
  display: Display;
  texts: Record<string, Partial<Record<TextKey, string>>>;
  brandColor: string;
  followUps: FollowUpQuestion[];
  cta: Cta | null;
}

const EMPTY: Draft = { name: '', questions: ['nps', 'comment'], productName: '', locale: '', status: 'active', display: DEFAULT_DISPLAY, texts: {}, brandColor: '#4f46e5', followUps: [], cta: null };

function fromSurvey(s: Survey): Draft {
  return {
    name: s.name,
    questions: s.questions,
    productName: s.productName ?? '',
    locale: s.locale ?? '',
    status: s.status,
    display: s.display,
    texts: s.texts as Draft['texts'],
    brandColor: s.theme.brandColor ?? '#4f46e5',
    followUps: s.followUps.filter((q) => !q.retired).map((q) => (q.options ? { ...q, options: q.options.filter((o) => !o.retired) } : q)),
    cta: s.cta,
  };
}

/** The body the API takes: blank texts left out, empty languages dropped. */
export function bodyOf(d: Draft, creating: boolean) {
  const texts = Object.fromEntries(
    Object.entries(d.texts)
      .map(([lang, table]) => [lang, Object.fromEntries(Object.entries(table).filter(([, v]) => v && v.trim()))])
      .filter(([, table]) => Object.keys(table as object).length > 0),
  );
  const base = {
    name: d.name.trim(),
    questions: d.questions,
    display: d.display,
    texts,
    theme: { brandColor: d.brandColor },
    followUps: d.followUps.map(cleanQuestion),
    cta: d.cta ? { ...d.cta, label: cleanText(d.cta.label), ...(d.cta.message && Object.keys(cleanText(d.cta.message)).length ? { message: cleanText(d.cta.message) } : { message: undefined }) } : null,
  };
  if (creating) return { ...base, ...(d.productName.trim() && { productName: d.productName.trim() }), ...(d.locale && { locale: d.locale }), status: d.status === 'archived' ? 'paused' : d.status };
  return { ...base, productName: d.productName.trim() || null, locale: d.locale || null, status: d.status };
}

const cleanText = (text: Record<string, string>) => Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim()));

function cleanQuestion(q: FollowUpQuestion): FollowUpQuestion {
  const choice = q.type === 'single' || q.type === 'multiple';
  const out: FollowUpQuestion = { id: q.id, type: q.type, prompt: cleanText(q.prompt), retired: false };
  if (choice) {
    out.options = (q.options ?? []).map((o) => ({ id: o.id, label: cleanText(o.label), retired: false }));
    if (q.other) out.other = true;
    if (q.shuffle) out.shuffle = true;
  }
  if (q.type === 'rating') {
    out.scale = q.scale ?? 5;
    if (q.low && Object.keys(cleanText(q.low)).length) out.low = cleanText(q.low);
    if (q.high && Object.keys(cleanText(q.high)).length) out.high = cleanText(q.high);
  }
  if (q.shownTo && (q.shownTo.npsGroups?.length || q.shownTo.csat)) out.shownTo = q.shownTo;
  if (q.required) out.required = true;
  return out;
}

export default function SurveyEditor() {
  const { t, siteId, can, href, site } = useApp();
  const { params } = useRoute();
  const location = useLocation();
  const creating = params.id === 'new';
  const loaded = useData<Survey>(creating ? null : sitePath(siteId, `/surveys/${encodeURIComponent(params.id ?? '')}`));
  const [draft, setDraft] = useState<Draft | undefined>(creating ? EMPTY : undefined);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setDraft(fromSurvey(loaded.data));
  }, [loaded.data]);
  const existingIds = useMemo(() => new Set((loaded.data?.followUps ?? []).map((q) => q.id)), [loaded.data]);
  const readOnly = !can('editor');
  const parsed = useMemo(() => (draft ? (creating ? SurveyCreateSchema : SurveyPatchSchema).safeParse(bodyOf(draft, creating)) : undefined), [draft, creating]);
  const problems = parsed && !parsed.success ? [...new Set(parsed.error.issues.map((i) => problemInWords(t, i)))] : [];
  const save = useAction(async () => {
    if (!draft) return;
    const body = bodyOf(draft, creating);
    if (creating) {
      const survey = await api<Survey>('POST', sitePath(siteId, '/surveys'), body);
      location.route(href(`/dashboard/surveys/${survey.id}`), true);
    } else {
      const survey = await api<Survey>('PATCH', sitePath(siteId, `/surveys/${encodeURIComponent(params.id ?? '')}`), body);
      setDraft(fromSurvey(survey));
    }
    setSaved(true);
    setTimeout(() => setSaved(false), 3000);
  });
  if (!draft) {
    return (
      <section class="view">
        <ErrorNote error={loaded.error} />
        {!loaded.error && <Loading />}
      </section>
    );
  }
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d!, ...patch }));
  const langs = [...new Set(['en', ...LANGUAGES.filter((l) => l === draft.locale), ...Object.keys(draft.texts), ...draft.followUps.flatMap((q) => Object.keys(q.prompt))])];
  return (
    <section class="view" aria-labelledby="editor-title">
      <p class="crumbs">
        <a href={href('/dashboard/surveys')}>← {t('navSurveys')}</a>
      </p>
      <div class="view-head">
        <h1 id="editor-title">{creating ? t('surveyNew') : draft.name || t('survey')}</h1>
      </div>
      {readOnly && <p class="note">{t('readOnlyNote')}</p>}
      <div class="editor">
        <form
          class="editor-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!readOnly && parsed?.success) void save.act();
          }}
        >
          <fieldset disabled={readOnly}>
            <Basics draft={draft} update={update} creating={creating} siteName={site?.name ?? ''} />
            <Questions draft={draft} update={update} existing={existingIds} langs={langs} />
            <NextStep draft={draft} update={update} langs={langs} />
            <Texts draft={draft} update={update} />
            <DisplayRules draft={draft} update={update} />
          </fieldset>
          {!readOnly && (
            <div class="save-bar">
              {problems.length > 0 && (
                <div role="alert" class="problems">
                  <ul>
                    {problems.slice(0, 6).map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </div>
              )}
              <ErrorNote error={save.error} />
              <button type="submit" class="primary" disabled={save.busy || problems.length > 0}>
                {creating ? t('surveyCreate') : t('save')}
              </button>
              <span role="status" class="saved">
                {saved ? t('saved') : ''}
              </span>
            </div>
          )}
        </form>
        <aside class="editor-preview" aria-label={t('previewTitle')}>
          <Preview draft={draft} siteName={site?.name ?? ''} />
        </aside>
      </div>
      {!creating && loaded.data && <Results surveyId={loaded.data.id} />}
    </section>
  );
}

type Edit = { draft: Draft; update(patch: Partial<Draft>): void };

function Basics({ draft, update, creating }: Edit & { creating: boolean; siteName: string }) {
  const { t } = useApp();
  const toggle = (q: QuestionType, on: boolean) => update({ questions: QUESTION_TYPES.filter((x) => (x === q ? on : draft.questions.includes(x))) });
  return (
    <Section title={t('editorBasics')} id="basics">
      <div class="grid">
        <Field label={t('surveyName')} hint={t('surveyNameHint')}>
          <input value={draft.name} required maxLength={120} onInput={(e) => update({ name: e.currentTarget.value })} />
        </Field>
        <Field label={t('productName')} hint={t('productNameHint')}>
          <input value={draft.productName} maxLength={120} onInput={(e) => update({ productName: e.currentTarget.value })} />
        </Field>
        <Field label={t('surveyLocale')} hint={t('surveyLocaleHint')}>
          <select value={draft.locale} onChange={(e) => update({ locale: e.currentTarget.value })}>
            <option value="">{t('followPage')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`lang_${l as 'en'}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('status')}>
          <select value={draft.status} onChange={(e) => update({ status: e.currentTarget.value as Draft['status'] })}>
            {(creating ? ['active', 'paused'] : ['active', 'paused', 'archived']).map((s) => (
              <option key={s} value={s}>
                {t(`status_${s as 'active'}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('brandColor')} hint={t('brandColorHint')}>
          <span class="color">
            <input type="color" value={draft.brandColor} onInput={(e) => update({ brandColor: e.currentTarget.value })} aria-label={t('brandColor')} />
            <input value={draft.brandColor} pattern="#[0-9a-fA-F]{6}" maxLength={7} onInput={(e) => update({ brandColor: e.currentTarget.value })} aria-label={t('brandColorHex')} />
          </span>
        </Field>
      </div>
      <fieldset class="checks">
        <legend>{t('questions')}</legend>
        {QUESTION_TYPES.map((q) => (
          <label key={q} class="check">
            <input type="checkbox" checked={draft.questions.includes(q)} onChange={(e) => toggle(q, e.currentTarget.checked)} /> {t(`q_${q}`)}
          </label>
        ))}
      </fieldset>
    </Section>
  );
}

/** A text in several languages, one input each. */
function Localized({ label, value, langs, onChange, required }: { label: string; value: Record<string, string> | undefined; langs: string[]; onChange(v: Record<string, string>): void; required?: boolean }) {
  const { t } = useApp();
  return (
    <fieldset class="localized">
      <legend>
        {label}
        {required && <span class="hint"> {t('requiredOneLanguage')}</span>}
      </legend>
      {langs.map((l) => (
        <label key={l} class="lang-input">
          <span class="lang-tag" title={t(`lang_${l as 'en'}`)}>
            {l}
          </span>
          <input value={value?.[l] ?? ''} maxLength={300} lang={l} aria-label={`${label} (${l})`} onInput={(e) => onChange({ ...value, [l]: e.currentTarget.value })} />
        </label>
      ))}
    </fieldset>
  );
}

function Questions({ draft, update, existing, langs }: Edit & { existing: Set<string>; langs: string[] }) {
  const { t } = useApp();
  const set = (i: number, q: FollowUpQuestion) => update({ followUps: draft.followUps.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, by: number) => {
    const list = [...draft.followUps];
    const [q] = list.splice(i, 1);
    list.splice(i + by, 0, q!);
    update({ followUps: list });
  };
  const add = () => {
    let n = draft.followUps.length + 1;
    while (draft.followUps.some((q) => q.id === `q${n}`) || existing.has(`q${n}`)) n++;
    update({ followUps: [...draft.followUps, { id: `q${n}`, type: 'single', prompt: {}, options: [{ id: 'a', label: {}, retired: false }, { id: 'b', label: {}, retired: false }], retired: false }] });
  };
  return (
    <Section title={t('followUpsTitle')} id="follow-ups">
      <p class="hint">{t('followUpsHint')}</p>
      {draft.followUps.map((q, i) => (
        <fieldset key={i} class="question">
          <legend>{t('followUpN', { n: i + 1 })}</legend>
          <div class="grid">
            <Field label={t('questionId')} hint={existing.has(q.id) ? t('questionIdKept') : t('questionIdHint')}>
              <input value={q.id} readOnly={existing.has(q.id)} pattern="[a-z0-9_\-]{1,40}" maxLength={40} onInput={(e) => set(i, { ...q, id: e.currentTarget.value })} />
            </Field>
            <Field label={t('questionType')}>
              <select
                value={q.type}
                disabled={existing.has(q.id)}
                onChange={(e) => {
                  const type = e.currentTarget.value as FollowUpQuestion['type'];
                  const choice = type === 'single' || type === 'multiple';
                  set(i, { id: q.id, type, prompt: q.prompt, retired: false, ...(choice && { options: q.options ?? [{ id: 'a', label: {}, retired: false }, { id: 'b', label: {}, retired: false }] }), ...(type === 'rating' && { scale: 5 }) });
                }}
              >
                {FOLLOW_UP_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`fu_${ty}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Localized label={t('questionPrompt')} value={q.prompt} langs={langs} onChange={(prompt) => set(i, { ...q, prompt })} required />
          {(q.type === 'single' || q.type === 'multiple') && (
            <fieldset class="options">
              <legend>{t('options')}</legend>
              {(q.options ?? []).map((o, k) => (
                <div key={k} class="option">
                  <label class="lang-input">
                    <span class="lang-tag">id</span>
                    <input value={o.id} maxLength={40} aria-label={t('optionId', { n: k + 1 })} onInput={(e) => set(i, { ...q, options: q.options!.map((x, m) => (m === k ? { ...x, id: e.currentTarget.value } : x)) })} />
                  </label>
                  {langs.map((l) => (
                    <label key={l} class="lang-input">
                      <span class="lang-tag">{l}</span>
                      <input value={o.label[l] ?? ''} lang={l} maxLength={300} aria-label={t('optionLabel', { n: k + 1, lang: l })} onInput={(e) => set(i, { ...q, options: q.options!.map((x, m) => (m === k ? { ...x, label: { ...x.label, [l]: e.currentTarget.value } } : x)) })} />
                    </label>
                  ))}
                  <button type="button" class="danger small" onClick={() => set(i, { ...q, options: q.options!.filter((_, m) => m !== k) })} aria-label={t('optionRemove', { n: k + 1 })}>
                    ✕
                  </button>
                </div>
              ))}
              <button type="button" class="small" onClick={() => set(i, { ...q, options: [...(q.options ?? []), { id: `o${(q.options?.length ?? 0) + 1}`, label: {}, retired: false }] })}>
                {t('optionAdd')}
              </button>
              <label class="check">
                <input type="checkbox" checked={!!q.other} onChange={(e) => set(i, { ...q, other: e.currentTarget.checked })} /> {t('optionOther')}
              </label>
              <label class="check">
                <input type="checkbox" checked={!!q.shuffle} onChange={(e) => set(i, { ...q, shuffle: e.currentTarget.checked })} /> {t('optionShuffle')}
              </label>
            </fieldset>
          )}
          {q.type === 'rating' && (
            <>
              <Field label={t('ratingScale')}>
                <select value={String(q.scale ?? 5)} onChange={(e) => set(i, { ...q, scale: Number(e.currentTarget.value) as 5 | 7 })}>
                  <option value="5">1–5</option>
                  <option value="7">1–7</option>
                </select>
              </Field>
              <Localized label={t('ratingLow')} value={q.low} langs={langs} onChange={(low) => set(i, { ...q, low })} />
              <Localized label={t('ratingHigh')} value={q.high} langs={langs} onChange={(high) => set(i, { ...q, high })} />
            </>
          )}
          <fieldset class="checks">
            <legend>{t('shownTo')}</legend>
            {(['detractor', 'passive', 'promoter'] as const).map((g) => (
              <label key={g} class="check">
                <input
                  type="checkbox"
                  checked={!q.shownTo?.npsGroups || q.shownTo.npsGroups.includes(g)}
                  onChange={(e) => {
                    const all = ['detractor', 'passive', 'promoter'] as const;
                    const current = q.shownTo?.npsGroups ?? [...all];
                    const next = all.filter((x) => (x === g ? e.currentTarget.checked : current.includes(x)));
                    set(i, { ...q, shownTo: { ...q.shownTo, npsGroups: next.length === 3 || next.length === 0 ? undefined : next } });
                  }}
                />{' '}
                {t(`cats_${g}`)}
              </label>
            ))}
            <label class="check">
              <input type="checkbox" checked={!!q.required} onChange={(e) => set(i, { ...q, required: e.currentTarget.checked })} /> {t('required')}
            </label>
          </fieldset>
          <div class="row-actions">
            <button type="button" class="small" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('moveUp')}
            </button>
            <button type="button" class="small" disabled={i === draft.followUps.length - 1} onClick={() => move(i, 1)}>
              {t('moveDown')}
            </button>
            <button type="button" class="danger small" onClick={() => update({ followUps: draft.followUps.filter((_, j) => j !== i) })}>
              {existing.has(q.id) ? t('questionRetire') : t('questionRemove')}
            </button>
          </div>
        </fieldset>
      ))}
      {draft.followUps.length < MAX_FOLLOW_UPS && (
        <button type="button" onClick={add}>
          {t('followUpAdd')}
        </button>
      )}
    </Section>
  );
}

function NextStep({ draft, update, langs }: Edit & { langs: string[] }) {
  const { t } = useApp();
  const cta = draft.cta;
  return (
    <Section title={t('ctaTitle')} id="cta">
      <p class="hint">{t('ctaHint')}</p>
      <label class="check">
        <input type="checkbox" checked={!!cta} onChange={(e) => update({ cta: e.currentTarget.checked ? { kind: 'review', url: 'https://', label: { en: 'Leave us a review' } } : null })} /> {t('ctaOn')}
      </label>
      {cta && (
        <>
          <div class="grid">
            <Field label={t('ctaKind')}>
              <select value={cta.kind} onChange={(e) => update({ cta: { ...cta, kind: e.currentTarget.value as Cta['kind'] } })}>
                <option value="review">{t('ctaReview')}</option>
                <option value="referral">{t('ctaReferral')}</option>
              </select>
            </Field>
            <Field label={t('ctaUrl')}>
              <input type="url" value={cta.url} maxLength={2048} onInput={(e) => update({ cta: { ...cta, url: e.currentTarget.value } })} />
            </Field>
          </div>
          <Localized label={t('ctaLabel')} value={cta.label} langs={langs} onChange={(label) => update({ cta: { ...cta, label } })} required />
          <Localized label={t('ctaMessage')} value={cta.message} langs={langs} onChange={(message) => update({ cta: { ...cta, message } })} />
        </>
      )}
    </Section>
  );
}

function Texts({ draft, update }: Edit) {
  const { t, lang: uiLang } = useApp();
  const [lang, setLang] = useState(draft.locale || 'en');
  const [custom, setCustom] = useState('');
  const tabs = [...new Set([...LANGUAGES, ...Object.keys(draft.texts)])];
  const defaults = BUILT_IN[lang] ?? BUILT_IN[lang.slice(0, 2)] ?? BUILT_IN.en!;
  const table = draft.texts[lang] ?? {};
  return (
    <Section title={t('textsTitle')} id="texts">
      <p class="hint">{t('textsHint')}</p>
      <div class="tabs" role="group" aria-label={t('textsLanguage')}>
        {tabs.map((l) => (
          <button key={l} type="button" aria-pressed={lang === l} onClick={() => setLang(l)}>
            {l}
            {draft.texts[l] && Object.values(draft.texts[l]!).some(Boolean) ? ' •' : ''}
          </button>
        ))}
        <span class="add-lang">
          <input value={custom} maxLength={35} placeholder="pt-BR" aria-label={t('textsAddLanguage')} onInput={(e) => setCustom(e.currentTarget.value)} />
          <button
            type="button"
            class="small"
            onClick={() => {
              if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(custom)) {
                update({ texts: { ...draft.texts, [custom]: draft.texts[custom] ?? {} } });
                setLang(custom);
                setCustom('');
              }
            }}
          >
            {t('add')}
          </button>
        </span>
      </div>
      <div class="texts">
        {TEXT_KEYS.map((key) => (
          <label key={key} class="field wide text-row">
            <span class="label">
              <code>{key}</code> {uiLang === 'fr' ? TEXT_KEY_FR[key] : TEXT_KEY_DESCRIPTIONS[key].replace(/`/g, '')}
            </span>
            <input
              value={table[key] ?? ''}
              lang={lang}
              maxLength={300}
              placeholder={defaults[key]}
              onInput={(e) => update({ texts: { ...draft.texts, [lang]: { ...table, [key]: e.currentTarget.value } } })}
            />
          </label>
        ))}
      </div>
    </Section>
  );
}

function DisplayRules({ draft, update }: Edit) {
  const { t } = useApp();
  const d = draft.display;
  const set = (patch: Partial<Display>) => update({ display: { ...d, ...patch } });
  const num = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <Section title={t('displayTitle')} id="display">
      <div class="grid">
        <Field label={t('trigger')}>
          <select value={d.trigger} onChange={(e) => set({ trigger: e.currentTarget.value as Display['trigger'] })}>
            {TRIGGERS.map((x) => (
              <option key={x} value={x}>
                {t(`trigger_${x}`)}
              </option>
            ))}
          </select>
        </Field>
        {d.trigger === 'load' && (
          <Field label={t('delaySeconds')}>
            <input type="number" min={0} max={3600} value={d.delaySeconds} onInput={(e) => set({ delaySeconds: num(e.currentTarget.value) })} />
          </Field>
        )}
        {d.trigger === 'scroll' && (
          <Field label={t('scrollPercent')}>
            <input type="number" min={0} max={100} value={d.scrollPercent} onInput={(e) => set({ scrollPercent: num(e.currentTarget.value) })} />
          </Field>
        )}
        <Field label={t('position')}>
          <select value={d.position} onChange={(e) => set({ position: e.currentTarget.value as Display['position'] })}>
            {POSITIONS.map((x) => (
              <option key={x} value={x}>
                {t(`position_${x}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('samplePercent')} hint={t('samplePercentHint')}>
          <input type="number" min={0} max={100} step="any" value={d.samplePercent} onInput={(e) => set({ samplePercent: num(e.currentTarget.value) })} />
        </Field>
        <Field label={t('resurveyDays')} hint={t('resurveyDaysHint')}>
          <input type="number" min={0} max={3650} value={d.resurveyDays} onInput={(e) => set({ resurveyDays: num(e.currentTarget.value) })} />
        </Field>
        <Field label={t('urlPattern')} hint={t('urlPatternHint')}>
          <input value={d.urlPattern ?? ''} maxLength={500} placeholder="/checkout/**" onInput={(e) => set({ urlPattern: e.currentTarget.value.trim() || null })} />
        </Field>
        <Field label={t('excludePatterns')} hint={t('excludePatternsHint')} wide>
          <textarea rows={2} value={d.excludeUrlPatterns.join('\n')} onInput={(e) => set({ excludeUrlPatterns: e.currentTarget.value.split('\n').map((x) => x.trim()).filter(Boolean) })} />
        </Field>
      </div>
      <p class="hint">{t('cooldownNote')}</p>
    </Section>
  );
}

function Results({ surveyId }: { surveyId: string }) {
  const { t, f, siteId, lang } = useApp();
  const results = useData<import('@plaudit/shared').SurveyResults>(sitePath(siteId, `/surveys/${encodeURIComponent(surveyId)}/results`));
  const text = (l: Record<string, string>) => l[lang] ?? l.en ?? Object.values(l)[0] ?? '';
  const r = results.data;
  if (!r || (r.questions.length === 0 && !r.cta)) return null;
  return (
    <Section title={t('resultsTitle')} id="results">
      {r.questions.map((q) => (
        <div key={q.id} class="result">
          <h3>
            {text(q.prompt)} {q.retired && <span class="tag">{t('retired')}</span>}
          </h3>
          <p class="hint">{t('answeredN', { n: f.int(q.answered) })}</p>
          {q.options.length > 0 && (
            <div class="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('option')}</th>
                    <th scope="col">{t('answers')}</th>
                    <th scope="col">{t('share')}</th>
                    <th scope="col">{t('npsOfThem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.options.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">{text(o.label)}</th>
                      <td>{f.int(o.count)}</td>
                      <td>
                        {f.pct(o.share)} {o.interval && <span class="hint">({f.num(o.interval.low)}–{f.num(o.interval.high)})</span>}
                      </td>
                      <td>{f.num(o.nps.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {q.rating && <p>{t('ratingMean', { mean: f.num(q.rating.mean, 2), scale: q.rating.scale })}</p>}
        </div>
      ))}
      {r.cta && <p>{t('ctaResult', { shown: f.int(r.cta.shown), clicked: f.int(r.cta.clicked), rate: f.pct(r.cta.clickRate) })}</p>}
    </Section>
  );
}

