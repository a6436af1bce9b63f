// The dashboard's entry: the reader's language, their session (or the pages that make one), then
// the app. Every view is its own chunk, loaded when it is opened.
import { h, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { api, useSessionToken, type Session } from './api';
import { WordsContext, type Words } from './context';
import { detectLang, rememberLang, translator, type Lang } from './i18n';
import { Shell } from './shell';
import './styles.css';

const Setup = lazy(() => import('./views/access').then((m) => m.Setup));
const SignIn = lazy(() => import('./views/access').then((m) => m.SignIn));
const Invite = lazy(() => import('./views/access').then((m) => m.Invite));

function Root() {
  const [lang, setLangState] = useState<Lang>(detectLang);
  const words: Words = useMemo(() => ({ lang, ...translator(lang), setLang: (l: Lang) => (rememberLang(l), setLangState(l)) }), [lang]);
  // undefined while asked, null when signed out.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  async function reloadSession() {
    try {
      setSession(await api<Session>('GET', '/v1/session'));
    } catch {
      setSession(null);
    }
  }
  useEffect(() => void reloadSession(), []);
  useSessionToken(session?.csrfToken ?? '', () => setSession(null));

  return (
    <WordsContext.Provider value={words}>
      <LocationProvider scope="/dashboard">
        {session === undefined ? (
          <p class="boot" role="status">
            {words.t('loading')}
          </p>
        ) : (
          <Pages session={session} onSession={setSession} reloadSession={reloadSession} />
        )}
      </LocationProvider>
    </WordsContext.Provider>
  );
}

function Pages({ session, onSession, reloadSession }: { session: Session | null; onSession(s: Session | null): void; reloadSession(): Promise<void> }) {
  const { path } = useLocation();
  if (path === '/dashboard/invite') return <Router>{[<Route key="invite" default component={Invite} session={session} onSession={onSession} />]}</Router>;
  if (!session) {
    return (
      <Router>
        <Route path="/dashboard/setup" component={Setup} onSession={onSession} />
        <Route default component={SignIn} onSession={onSession} />
      </Router>
    );
  }
  return <Shell session={session} onSession={onSession} reloadSession={reloadSession} />;
}

render(<Root />, document.getElementById('app')!);
