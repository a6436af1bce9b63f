// The pages before the dashboard: the first account (with the set-up link the collector printed),
// signing in, and joining a team by an invitation link.
import { Fragment, h, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, type Session } from '../api';
import { ErrorNote, Field } from '../components/ui';
import { useWords } from '../context';
import { LANGS } from '../i18n';

type OnSession = { onSession(s: Session | null): void };

function Frame({ title, children, lead }: { title: string; lead?: string; children?: ComponentChildren }) {
  const { t, lang, setLang } = useWords();
  return (
    <main class="access" id="main">
      <div class="access-card">
        <p class="brand">Plaudit</p>
        <h1>{title}</h1>
        {lead && <p class="lead">{lead}</p>}
        {children}
        <p class="lang-switch">
          <label for="access-lang">{t('language')}</label>{' '}
          <select id="access-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value as never)}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {l === 'en' ? 'English' : 'Français'}
                </option>
              ))}
          </select>
        </p>
      </div>
    </main>
  );
}

function useForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const submit = (run: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await run();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function Credentials({ withName, newPassword }: { withName?: boolean; newPassword?: boolean }) {
  const { t } = useWords();
  return (
    <>
      {withName && (
        <Field label={t('yourName')}>
<input name="name" autoComplete="name" maxLength={120} />
</Field>
      )}
      <Field label={t('email')}>
<input name="email" type="email" autoComplete={newPassword ? 'username' : 'email'} required maxLength={254} />
</Field>
      <Field label={t('password')} hint={newPassword ? t('passwordHint') : undefined}>
        <input name="password" type="password" autoComplete={newPassword ? 'new-password' : 'current-password'} required minLength={newPassword ? 10 : 1} maxLength={200} />
      </Field>
    </>
  );
}

const fields = (form: HTMLFormElement) => {
  const data = new FormData(form);
  const name = String(data.get('name') ?? '').trim();
  return { email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? ''), ...(name && { name }) };
};

export function Setup({ onSession }: OnSession) {
  const { t } = useWords();
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const [needed, setNeeded] = useState<boolean | undefined>();
  const { busy, error, submit } = useForm();
  useEffect(() => {
    api<{ needsSetup: boolean }>('GET', '/v1/setup').then((s) => setNeeded(s.needsSetup), () => setNeeded(true));
  }, []);
  if (needed === false) {
    return (
      <Frame title={t('setupDoneTitle')} lead={t('setupDoneBody')}>
        <p>
          <a class="button primary" href="/dashboard/">
            {t('signIn')}
          </a>
        </p>
      </Frame>
    );
  }
  if (!token) {
    return <Frame title={t('setupTitle')} lead={t('setupNoToken')} />;
  }
  return (
    <Frame title={t('setupTitle')} lead={t('setupLead')}>
      <form
        onSubmit={submit(async () => {
          const session = await api<Session>('POST', '/v1/setup', { token, ...fields(document.getElementById('setup-form') as HTMLFormElement) });
          onSession(session);
          route('/dashboard/', true);
        })}
        id="setup-form"
      >
        <Credentials withName newPassword />
        <ErrorNote error={error instanceof ApiError && error.status === 403 ? new Error(t('setupBadToken')) : error} />
        <button class="primary" type="submit" disabled={busy}>
          {t('setupSubmit')}
        </button>
      </form>
    </Frame>
  );
}

export function SignIn({ onSession }: OnSession) {
  const { t } = useWords();
  const [needsSetup, setNeedsSetup] = useState(false);
  const { busy, error, submit } = useForm();
  useEffect(() => {
    api<{ needsSetup: boolean }>('GET', '/v1/setup').then((s) => setNeedsSetup(s.needsSetup), () => undefined);
  }, []);
  return (
    <Frame title={t('signInTitle')}>
      {needsSetup && <p class="note">{t('signInNeedsSetup')}</p>}
      <form
        id="signin-form"
        onSubmit={submit(async () => {
          const { email, password } = fields(document.getElementById('signin-form') as HTMLFormElement);
          onSession(await api<Session>('POST', '/v1/session', { email, password }));
        })}
      >
        <Credentials />
        <ErrorNote error={error instanceof ApiError && error.status === 401 ? new Error(t('signInWrong')) : error} />
        <button class="primary" type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </Frame>
  );
}

export function Invite({ session, onSession }: OnSession & { session: Session | null }) {
  const { t } = useWords();
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const { busy, error, submit } = useForm();
  const joined = (next: Session, before: Session | null) => {
    onSession(next);
    const added = next.sites.find((s) => !before?.sites.some((b) => b.id === s.id)) ?? next.sites[0];
    route(added ? `/dashboard/?site=${encodeURIComponent(added.id)}` : '/dashboard/', true);
  };
  const explain = (e: Error | undefined) =>
    e instanceof ApiError && (e.status === 410 || e.status === 403) && e.message.includes('invitation') ? new Error(e.status === 410 ? t('inviteGone') : e.message) : e;
  if (!token) return <Frame title={t('inviteTitle')} lead={t('inviteNoToken')} />;
  if (session) {
    return (
      <Frame title={t('inviteTitle')} lead={t('inviteSignedIn', { email: session.user.email })}>
        <form onSubmit={submit(async () => joined(await api<Session>('POST', '/v1/invites/accept', { token }), session))}>
          <ErrorNote error={explain(error)} />
          <button class="primary" type="submit" disabled={busy}>
            {t('inviteAccept')}
          </button>
        </form>
      </Frame>
    );
  }
  return (
    <Frame title={t('inviteTitle')} lead={t('inviteLead')}>
      <div class="tabs" role="group" aria-label={t('inviteHow')}>
        <button type="button" aria-pressed={mode === 'new'} onClick={() => setMode('new')}>
          {t('inviteNew')}
        </button>
        <button type="button" aria-pressed={mode === 'existing'} onClick={() => setMode('existing')}>
          {t('inviteExisting')}
        </button>
      </div>
      <form
        id="invite-form"
        onSubmit={submit(async () => {
          const f = fields(document.getElementById('invite-form') as HTMLFormElement);
          if (mode === 'new') return joined(await api<Session>('POST', '/v1/invites/accept', { token, ...f }), null);
          const before = await api<Session>('POST', '/v1/session', { email: f.email, password: f.password });
          // The session's CSRF token goes with the accept: a signed-in account joins as itself.
          const next = await fetch('/v1/invites/accept', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': before.csrfToken },
            body: JSON.stringify({ token }),
          });
          const body = (await next.json()) as Session & { error?: { code: string; message: string } };
          if (!next.ok) {
            onSession(before);
            throw new ApiError(next.status, body.error?.code ?? 'error', body.error?.message ?? '');
          }
          joined(body, before);
        })}
      >
        <Credentials withName={mode === 'new'} newPassword={mode === 'new'} />
        <ErrorNote error={explain(error)} />
        <button class="primary" type="submit" disabled={busy}>
          {mode === 'new' ? t('inviteCreate') : t('inviteSignInJoin')}
        </button>
      </form>
    </Frame>
  );
}
