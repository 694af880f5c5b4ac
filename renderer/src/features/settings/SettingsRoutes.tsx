import { lazy, Suspense, useEffect, useState } from 'react';
import { Route, Switch } from 'wouter';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n, type Language } from '../../i18n';
import { getProfile } from '../../db/settings';
import { getBridge, isDesktop, type AppInfo } from '../../platform';
import { Field } from '../../ui/Field';
import { geoSource } from '../../shared/geo';
import { applyTheme, storedTheme, type ThemeChoice } from '../../app/theme';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { SubNav } from '../../ui/SubNav';
import { useToast } from '../../ui/Toast';
import { ProfileForm } from './ProfileForm';
import { DemoDataCard } from './DemoDataCard';
import { UpdatesPanel } from './UpdatesPanel';
import { OrganisationForm } from './OrganisationForm';

const DataSettings = lazy(() => import('../safekeeping/DataSettings'));

export default function SettingsRoutes() {
  const { t } = useI18n();
  return (
    <>
      <SubNav
        label={t('settings.nav.label')}
        links={[
          { href: '/', label: t('profile.title') },
          { href: '/organisme', label: t('settings.organisation') },
          { href: '/donnees', label: t('settings.data') },
          { href: '/raccourcis', label: t('settings.shortcuts') },
          { href: '/a-propos', label: t('settings.about') },
        ]}
      />
      <PageHeader title={t('settings.title')} />
      <Switch>
        <Route path="/donnees">
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <DataSettings />
          </Suspense>
        </Route>
        <Route path="/organisme">
          <section className="card" style={{ maxWidth: 900 }}>
            <OrganisationForm />
          </section>
        </Route>
        <Route path="/raccourcis" component={Shortcuts} />
        <Route path="/a-propos" component={About} />
        <Route component={GeneralSettings} />
      </Switch>
    </>
  );
}

function GeneralSettings() {
  const { t, language, setLanguage } = useI18n();
  const profile = useLiveQuery(getProfile, [], null);
  const toast = useToast();
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme());
  return (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 720 }}>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('profile.title')}</h2>
        {profile === null ? <p>{t('app.loading')}</p> : <ProfileForm initial={profile} submitLabel={t('profile.save')} onSaved={() => toast(t('profile.saved'))} />}
      </section>
      <section className="card">
        <div className="form-grid">
          <Field label={t('settings.language')} hint={isDesktop() ? t('settings.language.pickers') : undefined}>
            {(p) => (
              <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                <option value="fr">Français</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
          <div className="field">
            <label htmlFor="theme">{t('settings.theme')}</label>
            <select
              id="theme"
              value={theme}
              onChange={(e) => {
                const next = e.target.value as ThemeChoice;
                setTheme(next);
                applyTheme(next);
              }}
            >
              <option value="system">{t('settings.theme.system')}</option>
              <option value="light">{t('settings.theme.light')}</option>
              <option value="dark">{t('settings.theme.dark')}</option>
            </select>
          </div>
        </div>
      </section>
      <DemoDataCard />
    </div>
  );
}

function Shortcuts() {
  const { t } = useI18n();
  const rows: [string, string][] = [
    ['Ctrl/⌘ + K', t('settings.shortcuts.search')],
    ['Ctrl/⌘ + 1…4', t('settings.shortcuts.nav')],
    ['Ctrl/⌘ + P', t('settings.shortcuts.print')],
  ];
  return (
    <section className="card" aria-labelledby="shortcuts-title" style={{ maxWidth: 720 }}>
      <h2 id="shortcuts-title">{t('settings.shortcuts')}</h2>
      <DataTable
        caption={t('settings.shortcuts')}
        rows={rows}
        rowKey={([keys]) => keys}
        columns={[
          { id: 'keys', header: t('tables.shortcuts.keys'), rowHeader: true, minRem: 9, cell: ([keys]) => <kbd>{keys}</kbd> },
          { id: 'action', header: t('tables.shortcuts.action'), minRem: 12, cell: ([, label]) => label },
        ]}
      />
    </section>
  );
}

function About() {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void getBridge()
      .appInfo()
      .then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <section className="card" aria-labelledby="about-title" style={{ maxWidth: 720 }}>
        <h2 id="about-title">{t('settings.about')}</h2>
        <p>{t('app.tagline')}</p>
        {info ? (
          <>
            <p>{t('settings.about.version', { version: info.version, platform: info.platform === 'electron' ? 'Electron' : 'navigateur' })}</p>
            <p>{t('settings.about.dataFolder', { folder: info.dataFolder })}</p>
          </>
        ) : null}
        <p>{t('settings.about.geo', geoSource)}</p>
        <p>{t('settings.about.map')}</p>
      </section>
      <UpdatesPanel />
    </div>
  );
}
