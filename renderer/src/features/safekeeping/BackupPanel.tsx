import { SignatureNotice } from './SignatureNotice';
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../../i18n';
import { getBridge, type BackupInfo } from '../../platform';
import { opfsRoot } from '../../platform/opfs';
import { localCopyInfo } from '../../platform/local-copy';
import { Progress } from '../../ui/Progress';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ConfirmDialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import { actionKey, failureText } from './failure';
import { getDb } from '../../db/database';
import { largeWrite } from './large-write';
import { openFiles } from '../../shared/files';
import type { BackupError, ParsedBackup, Progress as P } from './backup';
import { fileWrite, type FileWrite } from './write-client';
import { getSetting } from '../../db/settings';
import { downloadBackup, LAST_DOWNLOAD_KEY, lastBackupAt, readStoredBackupText, REMINDER_DAYS, requestPersistentStorage } from './backup-service';
import { BACKUP_TABLES } from './tables';
import { BackupSettingsForm } from './BackupSettingsForm';
import { formatDateTime } from '../../i18n/format';

type Busy = { label: string; progress: P } | null;

export function BackupPanel() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [candidate, setCandidate] = useState<(Pick<ParsedBackup, 'summary'> & { bytes: number }) | null>(null);
  // The file is checked and restored in a worker (write-session.ts), which keeps its records: one per file chosen.
  const session = useRef<FileWrite | null>(null);
  useEffect(() => () => session.current?.close(), []);
  const [confirming, setConfirming] = useState(false);
  const [automatic, setAutomatic] = useState<BackupInfo[] | null>(null);
  const [desktop, setDesktop] = useState(false);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  /** browser mode: whether copies are also kept as files outside IndexedDB */
  const [files, setFiles] = useState(false);
  const last = useLiveQuery(lastBackupAt, [], undefined);
  const lastDownload = useLiveQuery(() => getSetting<string>(LAST_DOWNLOAD_KEY), [], undefined);

  const refreshList = () =>
    void getBridge()
      .listBackups()
      .then((r) => setAutomatic(r.ok ? r.value : []));
  useEffect(() => {
    refreshList();
    void getBridge()
      .appInfo()
      .then((r) => r.ok && setDesktop(r.value.automaticBackups));
    void navigator.storage?.persisted?.().then(setPersisted);
    void opfsRoot().then((root) => setFiles(root !== null));
  }, []);

  const explain = (e: BackupError) => t(e.key, { detail: e.detail });
  const failure = (e: unknown) => setError(failureText(t, e));
  const date = (iso: string) => formatDateTime(iso, locale);

  async function exportNow() {
    setError(null);
    setBusy({ label: t('backup.exporting'), progress: { done: 0, total: 1 } });
    try {
      const { saved, count, unverified } = await downloadBackup((progress) => setBusy({ label: t('backup.exporting'), progress }));
      if (saved) toast(unverified ? t('disk.download.unverified', { count }) : t('backup.exported', { count }));
      else toast(t('disk.download.cancelled'));
    } catch (e) {
      failure(e);
    } finally {
      setBusy(null);
    }
  }

  async function check(load: () => Promise<Uint8Array | string>, bytes: number) {
    setError(null);
    setCandidate(null);
    setBusy({ label: t('restore.checking'), progress: { done: 0, total: 1 } });
    try {
      session.current?.close();
      const current = fileWrite();
      session.current = current;
      const result = await current.checkBackup(getDb().name, await load());
      if (result.ok) setCandidate({ summary: result.summary, bytes });
      else setError(explain(result.error));
    } catch (e) {
      failure(e);
    } finally {
      setBusy(null);
    }
  }

  async function chooseFile() {
    const files = await openFiles('Sauvegarde Fourmilière', ['json']);
    const file = files[0];
    if (!file) return;
    await check(async () => file.bytes, file.bytes.length);
  }

  async function restore() {
    const current = session.current;
    if (!candidate || !current) return;
    setConfirming(false);
    setBusy({ label: t('restore.restoring'), progress: { done: 0, total: candidate.summary.total } });
    try {
      await largeWrite({ inputBytes: candidate.bytes, kind: 'json', safetyCopy: true }, () => current.restore((progress) => setBusy({ label: t('restore.restoring'), progress })));
      toast(t('restore.done', { total: candidate.summary.total }));
      setCandidate(null);
      current.close();
      session.current = null;
      refreshList();
    } catch (e) {
      setError(failureText(t, e, t(actionKey.restore)));
    } finally {
      setBusy(null);
    }
  }

  const reminder = !desktop && (!last || Date.now() - Date.parse(last) > REMINDER_DAYS * 24 * 3600_000);
  return (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 860 }}>
      <section className="card" aria-labelledby="backup-title">
        <h2 id="backup-title">{t('backup.title')}</h2>
        <p className="muted">{t('backup.intro')}</p>
        <p>{last ? t('backup.last', { date: date(last) }) : t('backup.never')}</p>
        {lastDownload && (!last || lastDownload > last) ? <p className="muted">{t('disk.download.lastStarted', { date: date(lastDownload) })}</p> : null}
        {reminder ? <p className="alert alert-warn">{last ? t('backup.reminder', { days: REMINDER_DAYS }) : t('backup.reminderFirst')}</p> : null}
        {!desktop && persisted !== null ? <p className="muted">{persisted ? t('backup.persisted') : t('backup.notPersisted')}</p> : null}
        {!desktop && persisted === false ? (
          <p>
            <button type="button" className="btn btn-small" onClick={() => void requestPersistentStorage().then((granted) => setPersisted(granted === true))}>
              {t('backup.askPersist')}
            </button>
          </p>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void exportNow()} disabled={busy !== null}>
          {t('backup.export')}
        </button>
      </section>

      <section className="card" aria-labelledby="restore-title">
        <h2 id="restore-title">{t('restore.title')}</h2>
        <p className="muted">{t('restore.intro')}</p>
        <button type="button" className="btn" onClick={() => void chooseFile()} disabled={busy !== null}>
          {t('restore.choose')}
        </button>
        {candidate ? (
          <div style={{ marginTop: '1rem' }}>
            <p>{t('restore.preview', { date: date(candidate.summary.createdAt), device: candidate.summary.device.slice(0, 8), version: candidate.summary.appVersion, total: candidate.summary.total })}</p>
            <SignatureNotice signature={candidate.summary.signature} deviceId={candidate.summary.device} deviceName="" />
            <DataTable
              caption={t('restore.table')}
              rows={BACKUP_TABLES.filter((name) => (candidate.summary.counts[name] ?? 0) > 0)}
              rowKey={(name) => name}
              columns={[
                { id: 'table', header: t('restore.table'), rowHeader: true, minRem: 12, cell: (name) => t(`table.${name}`) },
                { id: 'count', header: t('restore.count'), align: 'end', minRem: 6, cell: (name) => candidate.summary.counts[name] },
              ]}
            />
            {candidate.summary.warningCount > 0 ? (
              <div className="alert alert-warn" style={{ marginTop: '0.75rem' }}>
                <p>{t('restore.warnings', { count: candidate.summary.warningCount })}</p>
                <ul>
                  {candidate.summary.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <button type="button" className="btn btn-primary" style={{ marginTop: '0.75rem' }} onClick={() => setConfirming(true)}>
              {t('restore.confirm')}
            </button>
          </div>
        ) : null}
      </section>

      {busy ? <Progress label={busy.label} done={busy.progress.done} total={busy.progress.total} /> : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}

      <section className="card" aria-labelledby="auto-title">
        <h2 id="auto-title">{t('auto.title')}</h2>
        <p className="muted">{desktop ? t('auto.intro.desktop') : t('auto.intro.web')}</p>
        {!desktop && files ? <p className="muted">{t('disk.opfs.note')}</p> : null}
        {!desktop && automatic && automatic.length > 0 ? <LocalCopyNote date={date} /> : null}
        {desktop ? <BackupSettingsForm /> : null}
        {automatic && automatic.length === 0 ? <EmptyState>{t('auto.none')}</EmptyState> : null}
        {automatic && automatic.length > 0 ? (
          <DataTable
            caption={t('auto.title')}
            rows={automatic}
            rowKey={(b) => b.name}
            columns={[
              { id: 'name', header: t('auto.name'), rowHeader: true, minRem: 11, cell: (b) => date(b.createdAt) },
              {
                id: 'kind',
                header: t('auto.kind'),
                minRem: 10,
                cell: (b) => (
                  <>
                    {t(`auto.kind.${b.kind}`)}
                    {b.mine === false && b.device ? ` · ${t('hardening.backup.otherDevice', { device: b.device })}` : null}
                  </>
                ),
              },
              { id: 'size', header: t('auto.size'), align: 'end', minRem: 5, cell: (b) => `${Math.max(1, Math.round(b.size / 1024))} Ko` },
            ]}
            actionsLabel={t('auto.restore')}
            actions={(b) => (
              <button type="button" className="btn btn-small" onClick={() => void check(() => readStoredBackupText(b.name), b.size)} aria-label={`${t('auto.restore')} ${date(b.createdAt)}`}>
                {t('auto.restore')}
              </button>
            )}
          />
        ) : null}
      </section>

      <ConfirmDialog open={confirming} title={t('restore.confirmTitle')} confirmLabel={t('restore.confirm')} danger onConfirm={() => void restore()} onCancel={() => setConfirming(false)}>
        <p>{t('restore.confirmText')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Browser mode: whether the newest copy fits in localStorage, the one place seen to survive a full disk. */
function LocalCopyNote({ date }: { date: (iso: string) => string }) {
  const { t } = useI18n();
  const local = localCopyInfo();
  return local ? <p className="muted">{t('disk.local.kept', { date: date(local.createdAt) })}</p> : <p className="alert alert-warn">{t('disk.local.none')}</p>;
}
