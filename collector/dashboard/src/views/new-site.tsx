// The instance owner adds a site: its name, origins and time zone; its secret key is shown once.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { SiteCreated } from '@plaudit/shared';
import { api } from '../api';
import { Copyable, ErrorNote, Field } from '../components/ui';
import { useApp } from '../context';
import { useAction } from '../hooks';

export default function NewSite() {
  const { t, session, reloadSession } = useApp();
  const [created, setCreated] = useState<SiteCreated | undefined>();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const create = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const site = await api<SiteCreated>('POST', '/v1/sites', {
      name: String(data.get('name')).trim(),
      origins: String(data.get('origins') ?? '')
        .split(/[\s,]+/)
        .filter(Boolean),
      timezone: String(data.get('timezone')),
    });
    setCreated(site);
  });
  if (!session.user.instanceOwner) return <p class="note">{t('siteNewOwnerOnly')}</p>;
  return (
    <section class="view" aria-labelledby="new-site-title">
      <h1 id="new-site-title">{t('siteNew')}</h1>
      {created ? (
        <div class="card generated" role="status">
          <p>{t('siteCreated', { name: created.name })}</p>
          <Field label={t('secretKey')} hint={t('secretShownOnce')} wide>
            <Copyable value={created.secretKey} label={t('secretKey')} />
          </Field>
          <p>
            <a
              class="button primary"
              href={`/dashboard/install?site=${encodeURIComponent(created.id)}`}
              onClick={() => void reloadSession()}
            >
              {t('siteInstallNext')}
            </a>
          </p>
        </div>
      ) : (
        <form
          class="card grid"
          onSubmit={(e) => {
            e.preventDefault();
            void create.act(e.currentTarget);
          }}
        >
          <Field label={t('siteName')}>
            <input name="name" required maxLength={120} />
          </Field>
          <Field label={t('timezone')}>
            <input name="timezone" defaultValue={zone} required />
          </Field>
          <Field label={t('origins')} hint={t('originsHint')} wide>
            <textarea name="origins" rows={2} placeholder="https://shop.example" />
          </Field>
          <div class="form-end">
            <button type="submit" class="primary" disabled={create.busy}>
              {t('siteCreate')}
            </button>
          </div>
          <ErrorNote error={create.error} />
        </form>
      )}
    </section>
  );
}
