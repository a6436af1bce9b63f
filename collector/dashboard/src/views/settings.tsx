// The site's settings: its team and their roles (with invitations), allowed origins, time zone and
// cooldown, keys, webhooks with their deliveries, and who hears of answers by e-mail. Owners change
// them; other members read them.
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { DeliverySchema, NotificationSettings, PendingInviteSchema, Role, WebhookCreatedSchema, WebhookSchema, WebhookEvent } from '@plaudit/shared';
import { api, sitePath } from '../api';
import { useSurveys } from '../components/filters';
import type { Member } from '../components/response-card';
import { Copyable, Empty, ErrorNote, Field, Loading, Section } from '../components/ui';
import { useApp, type Site } from '../context';
import { useAction, useData, type Loaded } from '../hooks';

type Webhook = z.infer<typeof WebhookSchema>;
type Delivery = z.infer<typeof DeliverySchema>;
type PendingInvite = z.infer<typeof PendingInviteSchema>;
const ROLES: Role[] = ['viewer', 'editor', 'owner'];
const EVENTS: WebhookEvent[] = ['response.created', 'response.updated', 'response.completed', 'followup.changed'];

export default function Settings() {
  const { t, site, session, href } = useApp();
  return (
    <section class="view" aria-labelledby="settings-title">
      <div class="view-head">
        <h1 id="settings-title">{t('settingsTitle')}</h1>
        {session.user.instanceOwner && (
          <a class="button" href={href('/dashboard/sites/new')}>
            {t('siteNew')}
          </a>
        )}
      </div>
      {!site ? (
        <Loading />
      ) : (
        <>
          <Team />
          <SiteForm site={site} />
          <Keys site={site} />
          <Webhooks />
          <Notifications />
        </>
      )}
    </section>
  );
}

function Team() {
  const { t, f, siteId, can, session } = useApp();
  const members = useData<{ items: Member[] }>(sitePath(siteId, '/members'));
  const [invite, setInvite] = useState<{ url: string; role: Role } | undefined>();
  const owner = can('owner');
  const pending = useData<{ items: PendingInvite[] }>(owner ? sitePath(siteId, '/invites') : null);
  const setRole = useAction(async (user: string, role: Role) => {
    await api('PATCH', sitePath(siteId, `/members/${encodeURIComponent(user)}`), { role });
    members.reload();
  });
  const remove = useAction(async (user: string) => {
    await api('DELETE', sitePath(siteId, `/members/${encodeURIComponent(user)}`));
    members.reload();
  });
  const create = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const role = String(data.get('role')) as Role;
    const answer = await api<{ url: string; role: Role }>('POST', sitePath(siteId, '/invites'), { role, ...(email && { email }) });
    setInvite(answer);
    form.reset();
    pending.reload();
  });
  return (
    <Section title={t('teamTitle')} id="team">
      <p class="hint">{t('rolesHint')}</p>
      <ErrorNote error={members.error} />
      {!members.data ? (
        !members.error && <Loading />
      ) : members.data.items.length === 0 ? (
        <Empty>{t('teamNone')}</Empty>
      ) : (
        <ul class="members">
          {members.data.items.map((m) => (
            <li key={m.user}>
              <span class="member">
                <b>{m.name ?? m.email}</b> <span class="hint">{m.email}</span>
                <span class="hint"> · {t('memberSince', { when: f.instant(m.since) })}</span>
              </span>
              {owner && m.user !== session.user.id ? (
                <span class="row-actions">
                  <select aria-label={t('roleOf', { who: m.name ?? m.email })} value={m.role} onChange={(e) => void setRole.act(m.user, e.currentTarget.value as Role)}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role_${r}`)}
                        </option>
                      ))}
                  </select>
                  <button type="button" class="danger" onClick={() => confirm(t('memberRemoveConfirm', { who: m.email })) && void remove.act(m.user)} aria-label={t('memberRemoveNamed', { who: m.email })}>
                    {t('remove')}
                  </button>
                </span>
              ) : (
                <span class="tag">{t(`role_${m.role}`)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={setRole.error ?? remove.error} />
      {owner && <PendingInvites data={pending} />}
      {owner && (
        <form
          class="inline-form"
          aria-label={t('inviteSomeone')}
          onSubmit={(e) => {
            e.preventDefault();
            void create.act(e.currentTarget);
          }}
        >
          <Field label={t('inviteRole')}>
            <select name="role" defaultValue="viewer">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('inviteEmail')} hint={t('inviteEmailHint')}>
            <input type="email" name="email" maxLength={254} />
          </Field>
          <button type="submit" class="primary" disabled={create.busy}>
            {t('inviteMake')}
          </button>
          <ErrorNote error={create.error} />
        </form>
      )}
      {invite && (
        <div class="generated" role="status">
          <p>{t('inviteMade', { role: t(`role_${invite.role}`) })}</p>
          <Copyable value={invite.url} label={t('inviteLink')} />
        </div>
      )}
    </Section>
  );
}

/** The invitations not accepted yet (owners only: they name addresses), each revocable. */
function PendingInvites({ data }: { data: Loaded<{ items: PendingInvite[] }> }) {
  const { t, f, siteId } = useApp();
  const revoke = useAction(async (id: string) => {
    await api('DELETE', sitePath(siteId, `/invites/${encodeURIComponent(id)}`));
    data.reload();
  });
  if (data.error) return <ErrorNote error={data.error} />;
  if (!data.data || data.data.items.length === 0) return null;
  return (
    <>
      <h3 id="invites-title" class="subhead">{t('invitesPending')}</h3>
      <ul class="members" aria-labelledby="invites-title">
        {data.data.items.map((i) => {
          const who = i.email ?? t('inviteAnyone');
          return (
            <li key={i.id}>
              <span class="member">
                <b>{who}</b> <span class="tag">{t(`role_${i.role}`)}</span>
                <span class="hint"> · {t('inviteExpires', { when: f.instant(i.expiresAt) })}</span>
              </span>
              <span class="row-actions">
                <button type="button" class="danger" disabled={revoke.busy} onClick={() => confirm(t('inviteRevokeConfirm', { who })) && void revoke.act(i.id)} aria-label={t('inviteRevokeNamed', { who })}>
                  {t('inviteRevoke')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <ErrorNote error={revoke.error} />
    </>
  );
}

function SiteForm({ site }: { site: Site }) {
  const { t, siteId, can, reloadSite, reloadSession } = useApp();
  const owner = can('owner');
  const [saved, setSaved] = useState(false);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [site.timezone];
  const save = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    await api('PATCH', sitePath(siteId, ''), {
      name: String(data.get('name')).trim(),
      origins: String(data.get('origins') ?? '')
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
      timezone: String(data.get('timezone')),
      cooldownDays: Number(data.get('cooldownDays') || 0),
    });
    reloadSite();
    await reloadSession();
    setSaved(true);
    setTimeout(() => setSaved(false), 3000);
  });
  return (
    <Section title={t('siteTitle')} id="site">
      <form
        key={site.updatedAt}
        class="grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save.act(e.currentTarget);
        }}
      >
        <fieldset disabled={!owner} class="grid-fieldset">
          <Field label={t('siteName')}>
            <input name="name" defaultValue={site.name} required maxLength={120} />
          </Field>
          <Field label={t('timezone')} hint={t('timezoneHint')}>
            <input name="timezone" list="zones" defaultValue={site.timezone} required />
            <datalist id="zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
          <Field label={t('origins')} hint={t('originsHint')} wide>
            <textarea name="origins" rows={3} defaultValue={site.origins.join('\n')} />
          </Field>
          <Field label={t('cooldownDays')} hint={t('cooldownDaysHint')}>
            <input name="cooldownDays" type="number" min={0} max={365} defaultValue={String(site.cooldownDays)} />
          </Field>
        </fieldset>
        {owner && (
          <div class="form-end">
            <button type="submit" class="primary" disabled={save.busy}>
              {t('save')}
            </button>
            <span role="status" class="saved">
              {saved ? t('saved') : ''}
            </span>
          </div>
        )}
        <ErrorNote error={save.error} />
      </form>
    </Section>
  );
}

function Keys({ site }: { site: Site }) {
  const { t, f, siteId, can, reloadSite } = useApp();
  const [secret, setSecret] = useState<string | undefined>();
  const [rotated, setRotated] = useState<{ publicKey: string; previousValidUntil: string } | undefined>();
  const owner = can('owner');
  const rotateSecret = useAction(async () => {
    if (!confirm(t('rotateSecretConfirm'))) return;
    setSecret((await api<{ secretKey: string }>('POST', sitePath(siteId, '/keys/rotate'))).secretKey);
  });
  const rotatePublic = useAction(async (form: HTMLFormElement) => {
    const graceHours = Number(new FormData(form).get('grace') || 0);
    setRotated(await api('POST', sitePath(siteId, '/keys/rotate-public'), { graceHours }));
    reloadSite();
  });
  return (
    <Section title={t('keysTitle')} id="keys">
      <Field label={t('publicKey')} hint={t('publicKeyHint')} wide>
        <Copyable value={site.publicKey} label={t('publicKey')} />
      </Field>
      {owner && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void rotatePublic.act(e.currentTarget);
          }}
        >
          <Field label={t('graceHours')} hint={t('graceHoursHint')}>
            <input name="grace" type="number" min={0} max={720} defaultValue="72" />
          </Field>
          <button type="submit" disabled={rotatePublic.busy}>
            {t('rotatePublic')}
          </button>
        </form>
      )}
      {rotated && (
        <p class="note" role="status">
          {t('rotatedPublic', { until: f.instant(rotated.previousValidUntil) })}
        </p>
      )}
      <ErrorNote error={rotatePublic.error} />
      <h3 class="sub-title">{t('secretKey')}</h3>
      <p class="hint">{t('secretKeyHint')}</p>
      {owner && (
        <button type="button" class="danger" disabled={rotateSecret.busy} onClick={() => void rotateSecret.act()}>
          {t('rotateSecret')}
        </button>
      )}
      {secret && (
        <div class="generated" role="status">
          <p>{t('secretShownOnce')}</p>
          <Copyable value={secret} label={t('secretKey')} />
        </div>
      )}
      <ErrorNote error={rotateSecret.error} />
    </Section>
  );
}

function Webhooks() {
  const { t, siteId, can } = useApp();
  const hooks = useData<{ items: Webhook[] }>(sitePath(siteId, '/webhooks'));
  const surveys = useSurveys();
  const [created, setCreated] = useState<string | undefined>();
  const owner = can('owner');
  const create = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const events = EVENTS.filter((e) => data.get(`event-${e}`));
    const category = String(data.get('category') ?? '');
    const survey = String(data.get('survey') ?? '');
    const answer = await api<z.infer<typeof WebhookCreatedSchema>>('POST', sitePath(siteId, '/webhooks'), {
      url: String(data.get('url')).trim(),
      events,
      filter: { ...(category && { category }), ...(survey && { survey }) },
      format: String(data.get('format')),
    });
    setCreated(answer.secret);
    form.reset();
    hooks.reload();
  });
  return (
    <Section title={t('webhooksTitle')} id="webhooks">
      <p class="hint">{t('webhooksHint')}</p>
      <ErrorNote error={hooks.error} />
      {hooks.data && hooks.data.items.length === 0 && <Empty>{t('webhooksNone')}</Empty>}
      <ul class="webhooks">
        {hooks.data?.items.map((w) => (
          <WebhookItem key={w.id} hook={w} owner={owner} onChange={hooks.reload} />
        ))}
      </ul>
      {owner && (
        <form
          class="grid webhook-form"
          aria-label={t('webhookAdd')}
          onSubmit={(e) => {
            e.preventDefault();
            void create.act(e.currentTarget);
          }}
        >
          <Field label={t('webhookUrl')} wide>
            <input name="url" type="url" required maxLength={2048} placeholder="https://hooks.slack.com/services/…" />
          </Field>
          <fieldset class="checks wide">
            <legend>{t('webhookEvents')}</legend>
            {EVENTS.map((e) => (
              <label key={e} class="check">
                <input type="checkbox" name={`event-${e}`} defaultChecked={e === 'response.created'} /> <code>{e}</code>
              </label>
            ))}
          </fieldset>
          <Field label={t('webhookFormat')}>
            <select name="format" defaultValue="json">
              <option value="json">JSON</option>
              <option value="slack">Slack</option>
            </select>
          </Field>
          <Field label={t('category')}>
            <select name="category" defaultValue="">
              <option value="">{t('allCategories')}</option>
              {(['detractor', 'passive', 'promoter'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`cats_${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('survey')}>
            <select name="survey" defaultValue="">
              <option value="">{t('allSurveys')}</option>
              {(surveys.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <div class="form-end">
            <button type="submit" class="primary" disabled={create.busy}>
              {t('webhookAdd')}
            </button>
          </div>
          <ErrorNote error={create.error} />
        </form>
      )}
      {created && (
        <div class="generated" role="status">
          <p>{t('webhookSecretOnce')}</p>
          <Copyable value={created} label={t('webhookSecret')} />
        </div>
      )}
    </Section>
  );
}

function WebhookItem({ hook, owner, onChange }: { hook: Webhook; owner: boolean; onChange(): void }) {
  const { t, f, siteId } = useApp();
  const [open, setOpen] = useState(false);
  const base = `/webhooks/${encodeURIComponent(hook.id)}`;
  const deliveries = useData<{ items: Delivery[] }>(open ? sitePath(siteId, `${base}/deliveries`, { limit: 20 }) : null);
  const patch = useAction(async (status: 'active' | 'disabled') => {
    await api('PATCH', sitePath(siteId, base), { status });
    onChange();
  });
  const remove = useAction(async () => {
    if (!confirm(t('webhookDeleteConfirm'))) return;
    await api('DELETE', sitePath(siteId, base));
    onChange();
  });
  const retry = useAction(async (id: string) => {
    await api('POST', sitePath(siteId, `${base}/deliveries/${encodeURIComponent(id)}/retry`));
    deliveries.reload();
  });
  return (
    <li class="webhook">
      <div class="webhook-head">
        <span class="url">{hook.url}</span>
        <span class={`status ${hook.status}`}>{t(`wstatus_${hook.status}`)}</span>
      </div>
      <p class="hint">
        {hook.events.join(', ')} · {hook.format === 'slack' ? 'Slack' : 'JSON'}
        {hook.filter.category && ` · ${t(`cats_${hook.filter.category}`)}`}
      </p>
      {hook.disabledReason && <p class="warn">{hook.disabledReason}</p>}
      <div class="row-actions">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('deliveries')}
        </button>
        {owner && (
          <>
            <button type="button" onClick={() => void patch.act(hook.status === 'active' ? 'disabled' : 'active')}>
              {hook.status === 'active' ? t('disable') : t('enable')}
            </button>
            <button type="button" class="danger" onClick={() => void remove.act()}>
              {t('delete')}
            </button>
          </>
        )}
      </div>
      <ErrorNote error={patch.error ?? remove.error ?? retry.error} />
      {open && (
        <div class="deliveries">
          <ErrorNote error={deliveries.error} />
          {!deliveries.data ? (
            !deliveries.error && <Loading />
          ) : deliveries.data.items.length === 0 ? (
            <Empty>{t('deliveriesNone')}</Empty>
          ) : (
            <div class="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('deliveryEvent')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('attempts')}</th>
                    <th scope="col">{t('lastAttempt')}</th>
                    {owner && <th scope="col"><span class="visually-hidden">{t('actions')}</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {deliveries.data.items.map((d) => {
                    const last = d.attempts[d.attempts.length - 1];
                    return (
                      <tr key={d.id}>
                        <td>
                          <code>{d.event}</code>
                          <br />
                          <span class="hint">{f.instant(d.createdAt)}</span>
                        </td>
                        <td>{t(`dstatus_${d.status}`)}</td>
                        <td>{d.attempts.length}</td>
                        <td>{last ? `${last.statusCode ?? '—'} ${last.error ?? ''} (${f.int(last.durationMs)} ms)` : '—'}</td>
                        {owner && (
                          <td>
                            <button type="button" class="small" onClick={() => void retry.act(d.id)}>
                              {t('retry')}
                            </button>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function Notifications() {
  const { t, siteId, can } = useApp();
  const settings = useData<NotificationSettings>(sitePath(siteId, '/notifications'));
  const [saved, setSaved] = useState(false);
  const owner = can('owner');
  const list = (v: FormDataEntryValue | null) =>
    String(v ?? '')
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean);
  const save = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    await api('PUT', sitePath(siteId, '/notifications'), { detractorAlerts: { emails: list(data.get('alerts')) }, digest: { emails: list(data.get('digest')), locale: String(data.get('locale')) } });
    settings.reload();
    setSaved(true);
    setTimeout(() => setSaved(false), 3000);
  });
  const s = settings.data;
  return (
    <Section title={t('emailsTitle')} id="emails">
      <p class="hint">{t('emailsHint')}</p>
      <ErrorNote error={settings.error} />
      {s && (
        <form
          class="grid"
          key={JSON.stringify(s)}
          onSubmit={(e) => {
            e.preventDefault();
            void save.act(e.currentTarget);
          }}
        >
          <fieldset disabled={!owner} class="grid-fieldset">
            <Field label={t('alertEmails')} hint={t('alertEmailsHint')} wide>
              <textarea name="alerts" rows={2} defaultValue={s.detractorAlerts.emails.join('\n')} />
            </Field>
            <Field label={t('digestEmails')} hint={t('digestEmailsHint')} wide>
              <textarea name="digest" rows={2} defaultValue={s.digest.emails.join('\n')} />
            </Field>
            <Field label={t('digestLanguage')}>
              <select name="locale" defaultValue={s.digest.locale}>
                <option value="en">English</option>
                <option value="fr">Français</option>
              </select>
            </Field>
          </fieldset>
          {owner && (
            <div class="form-end">
              <button type="submit" class="primary" disabled={save.busy}>
                {t('save')}
              </button>
              <span role="status" class="saved">
                {saved ? t('saved') : ''}
              </span>
            </div>
          )}
          <ErrorNote error={save.error} />
        </form>
      )}
    </Section>
  );
}
