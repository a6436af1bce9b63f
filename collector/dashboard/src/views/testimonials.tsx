// Quotes customers allowed: approve or hide each, with the name shown under it, and a preview of
// the block the site's pages embed.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { TestimonialSchema } from '@plaudit/shared';
import { api, sitePath } from '../api';
import { useQueryState } from '../components/filters';
import { Copyable, Empty, ErrorNote, Loading, Section, Field } from '../components/ui';
import { useApp } from '../context';
import { useAction, useData } from '../hooks';

type Testimonial = z.infer<typeof TestimonialSchema>;
const STATUSES = ['pending', 'approved', 'hidden'] as const;

export default function Testimonials() {
  const { t, siteId, can } = useApp();
  const { query, set } = useQueryState();
  const status = (STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as (typeof STATUSES)[number]) : 'pending';
  const list = useData<{ items: Testimonial[] }>(sitePath(siteId, '/testimonials', { status, limit: 100 }));
  const approved = useData<{ items: Testimonial[] }>(sitePath(siteId, '/testimonials', { status: 'approved', limit: 3 }));
  const reload = () => {
    list.reload();
    approved.reload();
  };
  return (
    <section class="view" aria-labelledby="testimonials-title">
      <div class="view-head">
        <h1 id="testimonials-title">{t('testimonialsTitle')}</h1>
      </div>
      <p class="lead">{t('testimonialsLead')}</p>
      <div class="tabs" role="group" aria-label={t('testimonialStatus')}>
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => set({ status: s })}>
            {t(`tstatus_${s}`)}
          </button>
        ))}
      </div>
      <ErrorNote error={list.error} />
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.items.length === 0 && <Empty>{t('testimonialsNone')}</Empty>}
      <ul class="quotes">
        {list.data?.items.map((q) => (
          <Quote key={q.response} quote={q} editable={can('editor')} onChange={reload} />
        ))}
      </ul>
      <Preview quotes={approved.data?.items ?? []} />
    </section>
  );
}

function Quote({ quote, editable, onChange }: { quote: Testimonial; editable: boolean; onChange(): void }) {
  const { t, f, siteId } = useApp();
  const [name, setName] = useState(quote.displayName ?? '');
  const review = useAction(async (status: 'approved' | 'hidden') => {
    await api('PATCH', sitePath(siteId, `/responses/${encodeURIComponent(quote.response)}/testimonial`), { status, displayName: name.trim() || null });
    onChange();
  });
  const id = `q-${quote.response}`;
  return (
    <li class="quote-card" aria-labelledby={id}>
      <blockquote id={id} lang={quote.locale ?? undefined}>
        {quote.text}
      </blockquote>
      <p class="quote-meta">
        {quote.nps !== null ? `NPS ${quote.nps}` : quote.csat !== null ? `CSAT ${quote.csat}/5` : ''} · {f.instant(quote.consentedAt)} · {t('consentGiven', { label: quote.consentLabel })}
      </p>
      {quote.reviewedAt && <p class="hint">{t('reviewedBy', { who: quote.reviewedBy ?? '', when: f.instant(quote.reviewedAt) })}</p>}
      {editable ? (
        <div class="inline-form">
          <Field label={t('displayName')}>
<input value={name} maxLength={40} placeholder={t('displayNameExample')} onInput={(e) => setName(e.currentTarget.value)} />
</Field>
          <button type="button" class="primary" disabled={review.busy} onClick={() => void review.act('approved')}>
            {quote.status === 'approved' ? t('saveName') : t('approve')}
          </button>
          {quote.status !== 'hidden' && (
            <button type="button" disabled={review.busy} onClick={() => void review.act('hidden')}>
              {t('hide')}
            </button>
          )}
          <ErrorNote error={review.error} />
        </div>
      ) : (
        <p class="state-read">{t(`tstatus_${quote.status}`)}{quote.displayName ? ` · ${quote.displayName}` : ''}</p>
      )}
    </li>
  );
}

function Preview({ quotes }: { quotes: Testimonial[] }) {
  const { t, site } = useApp();
  const origin = location.origin;
  const snippet = `<div data-plaudit-testimonials data-limit="3"></div>\n<script async src="${origin}/widget.js" data-key="${site?.publicKey ?? 'pk_…'}"></script>`;
  return (
    <Section title={t('embedTitle')} id="embed">
      <p class="hint">{t('embedHint')}</p>
      <Copyable value={snippet} label={t('embedSnippet')} multiline />
      <h3 class="sub-title">{t('embedPreview')}</h3>
      {quotes.length === 0 ? (
        <Empty>{t('embedEmpty')}</Empty>
      ) : (
        <div class="testimonial-preview" aria-label={t('embedPreview')}>
          {quotes.map((q) => (
            <figure key={q.response}>
              <blockquote lang={q.locale ?? undefined}>{q.text}</blockquote>
              {q.displayName && <figcaption>— {q.displayName}</figcaption>}
            </figure>
          ))}
        </div>
      )}
    </Section>
  );
}
