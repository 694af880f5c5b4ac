import { useT } from '../../i18n';
import type { Profile } from '../../db/settings';
import { Logo } from '../../ui/Logo';
import { ProfileForm } from './ProfileForm';

export function FirstRun({ onDone }: { onDone: (p: Profile) => void }) {
  const t = useT();
  return (
    <main id="main" className="shell-main" style={{ maxWidth: 640, margin: '0 auto' }}>
      <Logo size={64} />
      <h1>{t('profile.firstRun.title')}</h1>
      <p>{t('profile.firstRun.intro')}</p>
      <div className="card">
        <ProfileForm submitLabel={t('profile.start')} onSaved={onDone} />
      </div>
    </main>
  );
}
