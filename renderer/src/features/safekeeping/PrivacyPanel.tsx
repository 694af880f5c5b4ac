import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { getDb } from '../../db/database';
import { foldText } from '../../db/records';
import { fileNameFrom, printView, saveJson } from '../../shared/files';
import { ConfirmDialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import { failureText } from './failure';
import { ErasureCopiesNotice } from './ErasureCopiesNotice';
import { findAnimators } from '../animators/public';
import { collectPerson, erasePerson, personExport, type PersonData, type PersonKind } from './privacy';

interface Hit {
  kind: PersonKind;
  id: string;
  name: string;
  detail: string;
}

/**
 * Prefix search over both people tables: the longest typed word goes through the
 * folded-word index (bounded), the other words filter what it found.
 */
async function searchPeople(query: string): Promise<Hit[]> {
  const words = foldText(query.trim()).split(/[^a-z0-9]+/).filter(Boolean);
  const word = [...words].sort((x, y) => y.length - x.length)[0];
  if (!word || word.length < 2) return [];
  const db = getDb();
  const all = (tokens: string[]) => words.every((w) => tokens.some((t) => t.startsWith(w)));
  const [animators, providers] = await Promise.all([
    // The registry in memory (its bin too) answers; no search-word index since schema 2.
    findAnimators(query, 10, db),
    db.providers.where('tokens').startsWith(word).filter((p) => all(p.tokens)).limit(10).toArray(),
  ]);
  return [
    ...animators.map((a) => ({ kind: 'animator' as const, id: a.id, name: `${a.firstName} ${a.lastName}`, detail: `${a.structureName} — ${a.communeName}` })),
    ...providers.map((p) => ({ kind: 'provider' as const, id: p.id, name: `${p.firstName} ${p.lastName}`.trim(), detail: `${p.structure} — ${p.communeName}` })),
  ];
}

export function PrivacyPanel() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [selected, setSelected] = useState<{ hit: Hit; data: PersonData } | null>(null);
  const [anonymise, setAnonymise] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    let live = true;
    void searchPeople(query).then((h) => live && setHits(h));
    return () => {
      live = false;
    };
  }, [query]);

  useEffect(() => {
    if (!printing) return;
    void printView(fileNameFrom(t('privacy.printTitle', { name: selected?.hit.name ?? '' }), 'pdf')).finally(() => setPrinting(false));
  }, [printing, selected, t]);

  async function pick(hit: Hit) {
    const data = await collectPerson(getDb(), hit.kind, hit.id);
    if (data) setSelected({ hit, data });
  }

  async function erase() {
    if (!selected) return;
    setConfirming(false);
    let result: Awaited<ReturnType<typeof erasePerson>>;
    try {
      result = await erasePerson(getDb(), selected.hit.kind, selected.hit.id, { anonymiseSignedSheets: anonymise });
    } catch (e) {
      toast(failureText(t, e), { kind: 'error' }); // one transaction: nothing was erased
      return;
    }
    toast(t('privacy.erased', { name: selected.hit.name, ...result }));
    // In a team folder: this device rewrites its older files without the person now (features/sync compaction).
    void import('../sync/service').then(async (sync) => {
      if (!(await sync.teamSyncView(getDb(), false)).joined) return;
      toast(t('syncPrivacy.afterErasure'));
      void sync.syncNow();
    });
    setSelected(null);
    setQuery('');
  }

  const d = selected?.data;
  const counts = d
    ? { registrations: d.registrations.length, attendance: d.attendance.length, evaluations: d.evaluations.length, enrolments: d.enrolments.length, history: d.history.length, conflicts: d.conflicts.length }
    : null;
  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title" className="no-print">{t('privacy.title')}</h2>
      <p className="muted no-print">{t('privacy.intro')}</p>
      <div className="field no-print">
        <label htmlFor="privacy-search">{t('privacy.search')}</label>
        <input id="privacy-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </div>
      {query.trim().length >= 2 && hits.length === 0 ? <p className="no-print">{t('privacy.noResult')}</p> : null}
      {hits.length > 0 && !selected ? (
        <ul className="no-print">
          {hits.map((h) => (
            <li key={`${h.kind}-${h.id}`}>
              <button type="button" className="btn-link" onClick={() => void pick(h)}>
                {h.name}
              </button>{' '}
              <span className="muted">
                ({t(`privacy.kind.${h.kind}`)}, {h.detail})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {selected && d && counts ? (
        <div>
          <h3 className={printing ? '' : 'print-only'}>{t('privacy.printTitle', { name: selected.hit.name })}</h3>
          <p>{t('privacy.summary', { name: selected.hit.name })}</p>
          <ul>
            <li>{t('privacy.count.registrations', { count: counts.registrations })}</li>
            <li>{t('privacy.count.attendance', { count: counts.attendance, signed: d.attendance.filter((a) => a.signature).length })}</li>
            <li>{t('privacy.count.evaluations', { count: counts.evaluations })}</li>
            <li>{t('privacy.count.enrolments', { count: counts.enrolments })}</li>
            <li>{t('privacy.count.history', { count: counts.history })}</li>
            {counts.conflicts > 0 ? <li>{t('privacy.count.conflicts', { count: counts.conflicts })}</li> : null}
          </ul>
          <pre className="print-only" style={{ whiteSpace: 'pre-wrap', fontSize: '0.8rem' }}>
            {JSON.stringify(personExport(d), null, 2)}
          </pre>
          <p className="muted">{new Date().toLocaleDateString(locale)}</p>
          <div className="toolbar no-print">
            <button type="button" className="btn" onClick={() => void saveJson(fileNameFrom(`donnees-${selected.hit.name}`, 'json'), personExport(d))}>
              {t('privacy.exportJson')}
            </button>
            <button type="button" className="btn" onClick={() => setPrinting(true)}>
              {t('privacy.print')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
              {t('privacy.erase')}
            </button>
            <button type="button" className="btn" onClick={() => setSelected(null)}>
              {t('common.cancel')}
            </button>
          </div>
          <ConfirmDialog open={confirming} danger title={t('privacy.confirmTitle', { name: selected.hit.name })} confirmLabel={t('common.delete')} onConfirm={() => void erase()} onCancel={() => setConfirming(false)}>
            <p>{t('privacy.confirmText', counts)}</p>
            <label>
              <input type="checkbox" checked={anonymise} onChange={(e) => setAnonymise(e.target.checked)} /> {t('privacy.anonymise')}
            </label>
            <ErasureCopiesNotice anonymise={anonymise} />
          </ConfirmDialog>
        </div>
      ) : null}
    </section>
  );
}
