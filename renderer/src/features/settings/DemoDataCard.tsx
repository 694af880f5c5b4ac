import { useState } from 'react';
import { useT } from '../../i18n';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';

export function DemoDataCard() {
  const t = useT();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function load() {
    setBusy(true);
    try {
      const { seedDemoData } = await import('../../demo/seed');
      const count = await seedDemoData();
      // Counted outside the database, so that its loss is noticed at the next start.
      const [{ rememberCensus }, { getDb }] = await Promise.all([import('../safekeeping/census'), import('../../db/database')]);
      await rememberCensus(getDb());
      toast(t('settings.demo.loaded', { count }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('settings.demo')}</h2>
      <p className="muted">{t('settings.demo.intro')}</p>
      <button type="button" className="btn" onClick={load} disabled={busy}>
        {t('settings.demo.load')}
      </button>
    </section>
  );
}
