// Putting the widget on the site: the snippet, the CSP lines a strict site needs, survey links and
// e-mail blocks, and whether the widget was seen on the site lately.
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import type { Metrics } from '@plaudit/shared';
import { api, sitePath } from '../api';
import { useSurveys } from '../components/filters';
import { Copyable, ErrorNote, Field, Loading, Section } from '../components/ui';
import { useApp } from '../context';
import { addDays, today, useAction, useData } from '../hooks';

/**
 * Whether the widget reached the site in the last 24 hours, from the metrics' daily series of
 * yesterday and today (site's time zone): a survey shown or answered counts.
 */
export function seenLately(series: Pick<Metrics['series'][number], 'impressions' | 'responses'>[]): boolean {
  return series.some((b) => b.impressions > 0 || b.responses > 0);
}

export default function Install() {
  const { t, site, siteId } = useApp();
  const origin = location.origin;
  const day = site ? today(site.timezone) : undefined;
  const recent = useData<Metrics>(site && day ? sitePath(siteId, '/metrics', { from: addDays(day, -1), to: day, interval: 'day' }) : null);
  if (!site) return <Loading />;
  const snippet = `<script async src="${origin}/widget.js" data-key="${site.publicKey}"></script>`;
  const csp = `script-src 'self' ${origin}\nconnect-src 'self' ${origin}`;
  return (
    <section class="view" aria-labelledby="install-title">
      <div class="view-head">
        <h1 id="install-title">{t('installTitle')}</h1>
      </div>
      <Section title={t('seenTitle')} id="seen">
        {recent.data ? (
          seenLately(recent.data.series) ? (
            <p class="ok" data-testid="seen">
              ✓ {t('seenYes', { shown: recent.data.impressions, answers: recent.data.responses })}
            </p>
          ) : (
            <p class="warn" data-testid="seen">
              {t('seenNo')}
            </p>
          )
        ) : (
          <Loading />
        )}
        <ErrorNote error={recent.error} />
      </Section>
      <Section title={t('snippetTitle')} id="snippet">
        <p class="hint">{t('snippetHint')}</p>
        <Copyable value={snippet} label={t('snippetTitle')} />
        <p class="hint">{t('originsNote', { origins: site.origins.join(', ') || t('none') })}</p>
      </Section>
      <Section title={t('cspTitle')} id="csp">
        <p class="hint">{t('cspHint')}</p>
        <Copyable value={csp} label={t('cspTitle')} multiline />
        <p class="hint">{t('cspNonce')}</p>
      </Section>
      <LinkGenerator />
    </section>
  );
}

function LinkGenerator() {
  const { t, siteId, can } = useApp();
  const surveys = useSurveys();
  const [survey, setSurvey] = useState('');
  const [link, setLink] = useState<{ url: string; token: string | null } | undefined>();
  const [block, setBlock] = useState<string | undefined>();
  const [locale, setLocale] = useState('');
  const chosen = survey || surveys.data?.items.find((s) => s.status === 'active')?.id || '';
  const make = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const customerId = String(data.get('customerId') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const attributes = Object.fromEntries(
      String(data.get('attributes') ?? '')
        .split('\n')
        .map((line) => line.split('='))
        .filter((p) => p.length >= 2 && p[0]!.trim())
        .map(([k, ...v]) => [k!.trim(), v.join('=').trim()]),
    );
    const expires = String(data.get('expires') ?? '');
    const body = {
      ...((customerId || email) && { customer: { ...(customerId && { id: customerId }), ...(email && { email }) } }),
      ...(Object.keys(attributes).length && { attributes }),
      ...(expires && { expiresAt: new Date(`${expires}T23:59:59`).toISOString() }),
    };
    const answer = await api<{ url: string; token: string | null }>('POST', sitePath(siteId, `/surveys/${encodeURIComponent(chosen)}/links`), body);
    setLink(answer);
    setBlock(await api<string>('GET', sitePath(siteId, `/surveys/${encodeURIComponent(chosen)}/email.html`, { t: answer.token ?? undefined, locale: locale || undefined })));
  });
  return (
    <Section title={t('linksTitle')} id="links">
      <p class="hint">{t('linksHint')}</p>
      {!can('editor') ? (
        <p class="note">{t('readOnlyNote')}</p>
      ) : (
        <form
          class="grid"
          onSubmit={(e) => {
            e.preventDefault();
            void make.act(e.currentTarget);
          }}
        >
          <Field label={t('survey')}>
            <select value={chosen} onChange={(e) => setSurvey(e.currentTarget.value)} required>
              {(surveys.data?.items ?? [])
                .filter((s) => s.status !== 'archived')
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('blockLanguage')}>
            <select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
              <option value="">{t('surveyDefault')}</option>
              {(['en', 'fr', 'es', 'de'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`lang_${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('customerId')} hint={t('optional')}>
            <input name="customerId" maxLength={128} />
          </Field>
          <Field label={t('customerEmail')} hint={t('optional')}>
            <input name="email" type="email" maxLength={254} />
          </Field>
          <Field label={t('linkAttributes')} hint={t('linkAttributesHint')}>
            <textarea name="attributes" rows={2} placeholder="order=A-1009" />
          </Field>
          <Field label={t('linkExpires')} hint={t('optional')}>
            <input name="expires" type="date" />
          </Field>
          <div class="form-end">
            <button type="submit" class="primary" disabled={make.busy || !chosen}>
              {t('linkMake')}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={make.error} />
      {link && (
        <div class="generated" role="status">
          <h3 class="sub-title">{t('linkResult')}</h3>
          <Copyable value={link.url} label={t('linkResult')} />
          <p class="hint">{t('linkScoreHint')}</p>
          {block && (
            <>
              <h3 class="sub-title">{t('blockResult')}</h3>
              <p class="hint">{t('blockHint')}</p>
              <Copyable value={block} label={t('blockResult')} multiline />
            </>
          )}
        </div>
      )}
    </Section>
  );
}
