/**
 * The home page: « À faire » for the profile's role (see features/agenda). The list
 * is loaded on demand: nothing that opens the database is on the first screen's path.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../i18n';
import type { Profile } from '../db/settings';

const DueList = lazy(() => import('../features/agenda/DueList'));

export function Home({ profile }: { profile: Profile }) {
  const t = useT();
  return (
    <>
      <h1>{t('home.title', { name: profile.name.split(' ')[0] ?? profile.name })}</h1>
      <p className="muted">{t(profile.role === 'formateur' ? 'agenda.intro.formateur' : 'agenda.intro.animateur')}</p>
      <Suspense fallback={<p>{t('agenda.loading')}</p>}>
        <DueList role={profile.role} />
      </Suspense>
    </>
  );
}
