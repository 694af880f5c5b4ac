import { useState } from 'react';
import { useI18n } from '../../i18n';
import { fileNameFrom, openFiles, saveBytes } from '../../shared/files';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { exportPack, readPack, type PackEntry } from './packs';
import { useLibrary } from './useLibrary';
import { installPackEntries } from './userTutorials';
import { actionKey, failureText } from '../safekeeping/failure';
import { largeWrite } from '../safekeeping/large-write';

export function PackPage() {
  const { t } = useI18n();
  const toast = useToast();
  const library = useLibrary();
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [pack, setPack] = useState<{ name: string; entries: PackEntry[]; install: Set<string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!library) return <p>{t('app.loading')}</p>;
  const selection = chosen ?? new Set(library.tutorials.filter((x) => x.source === 'user').map((x) => x.meta.id));
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  async function doExport() {
    const list = library!.tutorials.filter((x) => selection.has(x.meta.id));
    const stamp = new Date().toISOString().slice(0, 10);
    const saved = await saveBytes(fileNameFrom(`tutoriels-${stamp}`, 'fourmiliere-pack.zip'), exportPack(list), 'application/zip', 'zip', 'Pack de tutoriels');
    if (saved.ok && saved.saved) toast(t('tl.pack.exported', { count: list.length }));
  }

  async function doImport() {
    setError(null);
    setPack(null);
    const [file] = await openFiles('Pack de tutoriels', ['zip']);
    if (!file) return;
    const read = readPack(file.name, file.bytes, library!.byId);
    if (!read.ok) {
      // the detail may be a whole sentence: one full stop, not two
      setError(t('tl.pack.error', { detail: read.error.replace(/\.+$/, '') }));
      return;
    }
    setPack({ name: file.name, entries: read.entries, install: new Set(read.entries.filter((e) => e.status === 'new' || e.status === 'updated').map((e) => e.meta.id)) });
  }

  async function install() {
    if (!pack) return;
    const chosen = pack.entries.filter((e) => pack.install.has(e.meta.id)).map((e) => ({ ...e, existing: library!.byId.get(e.meta.id) }));
    setError(null);
    try {
      const size = chosen.reduce((sum, e) => sum + e.body.length * 2 + JSON.stringify(e.meta).length, 0);
      // A pack adds tutorials and replaces none of the person's data: no safety copy.
      const count = await largeWrite({ inputBytes: size, kind: 'text', safetyCopy: false }, () => installPackEntries(chosen));
      toast(t('tl.pack.installed', { count }));
      setPack(null);
    } catch (e) {
      setError(failureText(t, e, t(actionKey.pack)));
    }
  }

  return (
    <>
      <PageHeader title={t('tl.exportPack')} actions={<button type="button" className="btn" onClick={() => void doImport()}>{t('tl.importPack')}</button>} />
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {pack ? (
        <section className="card" aria-labelledby="pack-preview" style={{ marginBottom: '1rem' }}>
          <h2 id="pack-preview">{t('tl.pack.preview', { name: pack.name })}</h2>
          <ul style={{ listStyle: 'none', padding: 0 }}>
            {pack.entries.map((e) => (
              <li key={e.meta.id}>
                <label>
                  <input type="checkbox" disabled={e.status === 'same'} checked={pack.install.has(e.meta.id)} onChange={(ev) => setPack({ ...pack, install: toggle(pack.install, e.meta.id, ev.target.checked) })} /> {e.meta.title} —{' '}
                  <span className="badge">{t(`tl.pack.${e.status}`)}</span> {e.status === 'updated' ? <span className="muted">{e.meta.changes}</span> : null}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary" onClick={() => void install()} disabled={pack.install.size === 0}>
            {t('tl.pack.install')}
          </button>
        </section>
      ) : null}
      <section className="card" aria-labelledby="pack-export">
        <h2 id="pack-export">{t('tl.pack.choose')}</h2>
        <div style={{ columns: 2, marginBottom: '1rem' }}>
          {library.tutorials.map((x) => (
            <label key={x.meta.id} style={{ display: 'block' }}>
              <input type="checkbox" checked={selection.has(x.meta.id)} onChange={(e) => setChosen(toggle(selection, x.meta.id, e.target.checked))} /> {x.meta.title}
            </label>
          ))}
        </div>
        <button type="button" className="btn btn-primary" onClick={() => void doExport()} disabled={selection.size === 0}>
          {t('tl.pack.export')}
        </button>
      </section>
    </>
  );
}
