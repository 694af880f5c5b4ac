import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useI18n, type MessageKey } from '../i18n';
import type { Profile } from '../db/settings';
import type { RecoveryOffer } from '../features/safekeeping/recovery';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Logo } from '../ui/Logo';
import { Home } from './Home';
import { preferRegion } from '../shared/geo';
import { startTeamSyncLater } from '../features/sync/autostart';
import { preloadRegistryWhenBooted, startRegistry } from './preload';
import { lazyScreen } from '../ui/lazy-screen';

// Nothing that opens the database is on the first screen's path: a returning user's
// shell paints from the boot snapshot while these load (see db/boot.ts).
const FirstRun = lazy(() => import('../features/settings/FirstRun').then((m) => ({ default: m.FirstRun })));

const TutorialsRoutes = lazy(() => import('../features/tutorial-library/TutorialLibraryRoutes'));
const WorkshopsRoutes = lazy(() => import('../features/workshops/WorkshopsRoutes'));
// Drawn at once when its code is there (fetched once the app has booted, see preload.ts), not a React lazy
// component: that one would hold the Annuaire back 300 ms (React's fallback throttle) at its first click.
// Clicked before that, the registry's worker starts and the list's kept first rows are read beside the code's fetch.
let preloading = false;
const { Screen: RegistryRoutes, prefetch: prefetchRegistryScreens } = lazyScreen(() => {
  if (!preloading) void startRegistry().catch(() => undefined);
  return import('../features/animators/AnimatorsRoutes');
});
/** The Annuaire's code fetched by the preload (which starts the worker itself; no list is drawn yet to read rows for). */
function prefetchRegistry(): Promise<unknown> {
  preloading = true;
  try {
    return prefetchRegistryScreens();
  } finally {
    preloading = false;
  }
}
const CohortsRoutes = lazy(() => import('../features/promotions/PromotionsRoutes'));
const SettingsRoutes = lazy(() => import('../features/settings/SettingsRoutes'));
const QuickSearch = lazy(() => import('../features/tutorial-library/QuickSearch'));
const RecoveryScreen = lazy(() => import('../features/safekeeping/RecoveryScreen').then((m) => ({ default: m.RecoveryScreen })));

export const sections: { path: string; label: MessageKey; shortcut?: string }[] = [
  { path: '/tutoriels', label: 'nav.tutorials', shortcut: '1' },
  { path: '/ateliers', label: 'nav.workshops', shortcut: '2' },
  { path: '/annuaire', label: 'nav.registry', shortcut: '3' },
  { path: '/promotions', label: 'nav.cohorts', shortcut: '4' },
  { path: '/reglages', label: 'nav.settings' },
];

/** initialProfile: the boot snapshot's copy, shown until the database answers. */
export function App({ initialProfile }: { initialProfile?: Profile }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(initialProfile);
  const { t } = useI18n();
  // A database that vanished or shrank since last counted (disk full…): offer the latest copy
  // before anything else. undefined while checking.
  const [recovery, setRecovery] = useState<RecoveryOffer | null | undefined>(undefined);
  useEffect(() => {
    import('../db/settings')
      .then((settings) => settings.getProfile())
      .then((p) => setProfile(p ?? null), () => setProfile(null));
    // Bounded: a check that hangs must not keep the first-run screen away; an offer found later still shows.
    let stop: (() => void) | null = null;
    let unmounted = false;
    import('../features/safekeeping/recovery').then(
      (m) => {
        if (!unmounted) stop = m.boundedStartupCheck(() => m.checkAtStartup(), setRecovery);
      },
      (e: unknown) => {
        console.warn('start-up check failed', e);
        setRecovery(null);
      },
    );
    return () => {
      unmounted = true;
      stop?.();
    };
  }, []);
  if (recovery)
    return (
      <Suspense fallback={<p className="shell-main">{t('app.loading')}</p>}>
        <RecoveryScreen
          offer={recovery}
          onDone={(restored) => {
            // After a restore everything is read afresh (profile, boot snapshot, lists).
            if (restored) window.location.reload();
            else setRecovery(null);
          }}
        />
      </Suspense>
    );
  if (profile === undefined || (profile === null && recovery === undefined)) return <p className="shell-main">{t('app.loading')}</p>;
  if (profile === null)
    return (
      <Suspense fallback={<p className="shell-main">{t('app.loading')}</p>}>
        <FirstRun onDone={setProfile} />
      </Suspense>
    );
  return (
    <Router hook={useHashLocation}>
      <Shell profile={profile} />
    </Router>
  );
}

function Shell({ profile }: { profile: Profile }) {
  const { t, language } = useI18n();
  const [location, navigate] = useLocation();
  const [quickSearch, setQuickSearch] = useState(false);
  // Commune pickers list the profile's region first.
  useEffect(() => preferRegion(profile.regionCode), [profile.regionCode]);
  // The desktop draws its date and time pickers in this language from its next start.
  useEffect(() => {
    void import('../platform').then((p) => (p.isDesktop() ? p.getBridge().setLanguage(language) : undefined)).catch(() => undefined);
  }, [language]);

  const onKey = useCallback(
    (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      if (event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setQuickSearch(true);
        return;
      }
      const section = sections.find((s) => s.shortcut === event.key);
      if (section) {
        event.preventDefault();
        navigate(section.path);
      }
    },
    [navigate],
  );
  // Automatic copies (daily, weekly) once the app has settled; ask the browser to keep our data.
  useEffect(() => {
    const timer = setTimeout(() => {
      void navigator.storage?.persist?.().catch(() => undefined);
      void import('../features/safekeeping/backup-service').then((m) => m.runDueBackups()).catch((e: unknown) => console.warn('automatic backup failed', e));
    }, 5000);
    let unwatch: (() => void) | null = null;
    let ended = false;
    // Registered only if the shell is still there when the module arrives.
    void import('../features/safekeeping/backup-service').then((m) => {
      if (!ended) unwatch = m.watchQuit();
    });
    return () => {
      ended = true;
      clearTimeout(timer);
      unwatch?.();
    };
  }, []);
  // Team sync through a shared folder: at start, then every few minutes (does nothing until a team is joined).
  useEffect(() => startTeamSyncLater(), []);
  // The registry loads into its worker once the app has booted: the Annuaire then opens from memory.
  useEffect(() => preloadRegistryWhenBooted(prefetchRegistry), []);

  useEffect(() => {
    window.addEventListener('keydown', onKey);
    // The desktop menu's "Imprimer…" and "Rechercher un tutoriel…" arrive as window events.
    const onPrint = () => void import('../platform').then((p) => p.getBridge().printToPdf({ suggestedName: `${document.title || 'Fourmiliere'}.pdf` }));
    const onQuickSearch = () => setQuickSearch(true);
    window.addEventListener('fourmiliere:print', onPrint);
    window.addEventListener('fourmiliere:quick-search', onQuickSearch);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('fourmiliere:print', onPrint);
      window.removeEventListener('fourmiliere:quick-search', onQuickSearch);
    };
  }, [onKey]);

  // Move focus to the new page's main region so keyboard and screen-reader users follow navigation.
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement?.closest('.shell-nav')) main.focus({ preventScroll: true });
    const section = sections.find((s) => location === s.path || location.startsWith(`${s.path}/`));
    document.title = section ? `${t(section.label)} — Fourmilière` : 'Fourmilière';
  }, [location, t]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <nav className="shell-nav" aria-label={t('nav.label')}>
        <Link href="/" className="shell-brand">
          <Logo size={30} /> {t('app.name')}
        </Link>
        <ul>
          {sections.map((s) => {
            const active = location === s.path || location.startsWith(`${s.path}/`);
            return (
              <li key={s.path}>
                <Link href={s.path} className="nav-link" aria-current={active ? 'page' : undefined}>
                  {t(s.label)}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="shell-profile">
          {profile.name}
          <br />
          {profile.structure}
        </div>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        <ErrorBoundary key={location.split('/')[1] ?? ''}>
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <Switch>
              <Route path="/">
                <Home profile={profile} />
              </Route>
              <Route path="/tutoriels" nest><TutorialsRoutes /></Route>
              <Route path="/ateliers" nest><WorkshopsRoutes /></Route>
              <Route path="/annuaire" nest><RegistryRoutes /></Route>
              <Route path="/promotions" nest><CohortsRoutes /></Route>
              <Route path="/reglages" nest><SettingsRoutes /></Route>
              <Route>
                <p>{t('app.notFound')}</p>
                <Link href="/">{t('app.backHome')}</Link>
              </Route>
            </Switch>
          </Suspense>
        </ErrorBoundary>
      </main>
      {quickSearch ? (
        <Suspense fallback={null}>
          <QuickSearch onClose={() => setQuickSearch(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

