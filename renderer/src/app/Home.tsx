import { Link } from 'wouter';
import { useT, type MessageKey } from '../i18n';
import type { Profile } from '../db/settings';
import { sections } from './App';

const cards: Record<string, MessageKey> = {
  '/tutoriels': 'home.card.tutorials',
  '/ateliers': 'home.card.workshops',
  '/annuaire': 'home.card.registry',
  '/promotions': 'home.card.cohorts',
  '/reglages': 'home.card.settings',
};

export function Home({ profile }: { profile: Profile }) {
  const t = useT();
  return (
    <>
      <h1>{t('home.title', { name: profile.name.split(' ')[0] ?? profile.name })}</h1>
      <p className="muted">{t('home.intro')}</p>
      <div className="card-grid">
        {sections.map((s) => (
          <Link key={s.path} href={s.path} className="card-link">
            <div className="card">
              <h2 style={{ fontSize: '1.15rem', marginTop: 0 }}>{t(s.label)}</h2>
              <p className="muted" style={{ marginBottom: 0 }}>
                {t(cards[s.path] ?? 'home.intro')}
              </p>
            </div>
          </Link>
        ))}
      </div>
    </>
  );
}
