// The signed-in frame: the site picker, the views' navigation, language and sign-out, and the
// router of the views (each loaded on first use).
import { h } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { ErrorBoundary, Route, Router, lazy, useLocation } from 'preact-iso';
import { api, withQuery, type Session } from './api';
import { AppContext, allows, useWords, type App, type Site } from './context';
import { useData } from './hooks';
import { LANGS, type MessageKey } from './i18n';

const Overview = lazy(() => import('./views/overview'));
const Responses = lazy(() => import('./views/responses'));
const ResponsePage = lazy(() => import('./views/response'));
const Themes = lazy(() => import('./views/themes'));
const Testimonials = lazy(() => import('./views/testimonials'));
const Surveys = lazy(() => import('./views/surveys'));
const SurveyEditor = lazy(() => import('./views/survey-editor'));
const Install = lazy(() => import('./views/install'));
const Settings = lazy(() => import('./views/settings'));
const Customers = lazy(() => import('./views/customers'));
const NewSite = lazy(() => import('./views/new-site'));

const SITE_KEY = 'plaudit.dashboard.site';

const NAV: [path: string, label: MessageKey][] = [
  ['/dashboard/', 'navOverview'],
  ['/dashboard/responses', 'navResponses'],
  ['/dashboard/themes', 'navThemes'],
  ['/dashboard/testimonials', 'navTestimonials'],
  ['/dashboard/surveys', 'navSurveys'],
  ['/dashboard/customers', 'navCustomers'],
  ['/dashboard/install', 'navInstall'],
  ['/dashboard/settings', 'navSettings'],
];

function storedSite(): string | null {
  try {
    return localStorage.getItem(SITE_KEY);
  } catch {
    return null;
  }
}

export function Shell({ session, onSession, reloadSession }: { session: Session; onSession(s: Session | null): void; reloadSession(): Promise<void> }) {
  const words = useWords();
  const { t } = words;
  const location = useLocation();
  const asked = location.query.site;
  const choice = session.sites.find((s) => s.id === asked) ?? session.sites.find((s) => s.id === storedSite()) ?? session.sites[0];
  const siteId = choice?.id ?? '';
  useEffect(() => {
    if (!siteId) return;
    try {
      localStorage.setItem(SITE_KEY, siteId);
    } catch {
      // The URL still names it.
    }
  }, [siteId]);
  const site = useData<Site>(siteId ? `/v1/sites/${encodeURIComponent(siteId)}` : null);

  const app: App = useMemo(
    () => ({
      ...words,
      session,
      siteId,
      site: site.data?.id === siteId ? site.data : undefined,
      role: choice?.role ?? 'viewer',
      can: (least) => allows(choice?.role ?? 'viewer', least),
      href: (path, query = {}) => withQuery(path, { ...query, site: siteId }),
      reloadSession,
      reloadSite: site.reload,
      signOut: async () => {
        await api('DELETE', '/v1/session').catch(() => undefined);
        onSession(null);
        location.route('/dashboard/', true);
      },
    }),
    [words, session, siteId, site.data, site.reload, choice?.role],
  );

  const current = location.path.replace(/\/$/, '') || '/dashboard';
  const active = (path: string) => (path === '/dashboard/' ? current === '/dashboard' : current === path || current.startsWith(`${path}/`));

  return (
    <AppContext.Provider value={app}>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <a class="brand" href={app.href('/dashboard/')}>
          Plaudit
        </a>
        {session.sites.length > 0 && (
          <select class="site-pick" aria-label={t('site')} value={siteId} onChange={(e) => location.route(withQuery(location.path, { ...location.query, site: e.currentTarget.value }))}>
              {session.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        )}
        <span class="top-end">
          <select aria-label={t('language')} value={words.lang} onChange={(e) => words.setLang(e.currentTarget.value as never)}>
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {l === 'en' ? 'English' : 'Français'}
                </option>
              ))}
          </select>
          <span class="who" title={session.user.email}>
            {session.user.name ?? session.user.email}
            {choice && <span class="role"> · {t(`role_${choice.role}`)}</span>}
          </span>
          <button type="button" class="link" onClick={() => void app.signOut()}>
            {t('signOut')}
          </button>
        </span>
      </header>
      {siteId && (
        <nav class="views" aria-label={t('views')}>
          <ul>
            {NAV.map(([path, label]) => (
              <li key={path}>
                <a href={app.href(path)} aria-current={active(path) ? 'page' : undefined}>
                  {t(label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          {siteId ? (
            <Router onRouteChange={() => window.scrollTo(0, 0)}>
              <Route path="/dashboard/" component={Overview} />
              <Route path="/dashboard/responses" component={Responses} />
              <Route path="/dashboard/responses/:id" component={ResponsePage} />
              <Route path="/dashboard/themes" component={Themes} />
              <Route path="/dashboard/testimonials" component={Testimonials} />
              <Route path="/dashboard/surveys" component={Surveys} />
              <Route path="/dashboard/surveys/:id" component={SurveyEditor} />
              <Route path="/dashboard/customers/:tab?" component={Customers} />
              <Route path="/dashboard/install" component={Install} />
              <Route path="/dashboard/settings" component={Settings} />
              <Route path="/dashboard/sites/new" component={NewSite} />
              <Route default component={NotFound} />
            </Router>
          ) : (
            <Router>{[<Route key="none" default component={session.user.instanceOwner ? NewSite : NoSite} />]}</Router>
          )}
        </ErrorBoundary>
      </main>
    </AppContext.Provider>
  );
}

function NotFound() {
  const { t } = useWords();
  return (
    <section class="view">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
    </section>
  );
}

function NoSite() {
  const { t } = useWords();
  return (
    <section class="view">
      <h1>{t('noSiteTitle')}</h1>
      <p>{t('noSiteBody')}</p>
    </section>
  );
}
