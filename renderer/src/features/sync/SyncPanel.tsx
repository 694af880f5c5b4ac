import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n, type Translate } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { getDb } from '../../db/database';
import { getBridge, isDesktop } from '../../platform';
import type { SyncTargetInfo } from '../../platform/contract';
import { regions } from '../../shared/geo';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import { Progress } from '../../ui/Progress';
import { ConfirmDialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import type { ExchangeScope } from '../safekeeping/exchange';
import { ScopeFields, useScopeChoice } from '../safekeeping/ScopeFields';
import { errorFromBridge } from './bridge-transport';
import type { PeerLogState, RetireState, SyncProgress } from './engine';
import { isSyncError, type SyncErrorCode } from './transport';
import { claimOwnFolder, joinTeam, leaveThisTeam, onSyncProgress, pendingCount, SYNC_EVERY_MS, syncNow, teamSyncView } from './service';

const errorText = (t: Translate, e: { code: SyncErrorCode; detail: string }) => t(`sync.error.${e.code}`, { detail: e.detail || '—' });
const asError = (e: unknown) => (isSyncError(e) ? { code: e.code, detail: e.detail } : { code: 'io' as const, detail: e instanceof Error ? e.message : String(e) });

function scopeLabel(t: Translate, scope: ExchangeScope | null): string {
  if (!scope) return '';
  const kind = t(`sync.scope.${scope.kind}`);
  if (scope.kind === 'region') return `${kind} (${regions.find((r) => r.code === scope.regionCode)?.name ?? scope.regionCode})`;
  return kind;
}

/** Where a former folder of this machine is in its retirement (after a restore). */
function retireText(t: Translate, r: RetireState, locale: string): string {
  const args = { device: r.device, remaining: r.remaining, coveredBy: r.coveredBy };
  if (r.phase === 'removed') return t('syncRetire.removed', { ...args, date: r.removedAt ? formatDateTime(r.removedAt, locale) : '—' });
  return t(`syncRetire.${r.phase}`, args);
}

function deviceState(t: Translate, p: PeerLogState, former: readonly string[]): string {
  if (!p.left) return t('sync.device.active');
  if (p.retired) return former.includes(p.device) ? t('syncRetire.deviceRetired') : t('syncRetire.deviceReplaced');
  return t('sync.device.left');
}

/** Réglages › Données: the team folder, joining it, its state, its devices. */
export function SyncPanel() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [target, setTarget] = useState<SyncTargetInfo | null | undefined>(undefined);
  const [error, setError] = useState<{ code: SyncErrorCode; detail: string } | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const choice = useScopeChoice();
  const [dav, setDav] = useState({ url: '', username: '', password: '' });
  const [leaving, setLeaving] = useState(false);
  const view = useLiveQuery(() => teamSyncView(getDb(), false), [], null);
  const [pending, setPending] = useState(0);
  // Counted when no run is under way: a run's own writes would make a live count re-read on every step.
  const lastRun = view?.status?.lastRunAt ?? '';
  const joinedTeam = view?.teamId ?? '';
  useEffect(() => {
    if (progress || !joinedTeam) return;
    let live = true;
    void pendingCount().then((n) => live && setPending(n));
    return () => {
      live = false;
    };
  }, [progress, lastRun, joinedTeam]);

  useEffect(() => {
    let live = true;
    void getBridge()
      .syncTarget()
      .then((r) => live && setTarget(r.ok ? r.value : null));
    const off = onSyncProgress((p) => setProgress(p));
    return () => {
      live = false;
      off();
    };
  }, []);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }
  const chooseFolder = () =>
    act(async () => {
      const r = await getBridge().chooseSyncFolder();
      if (!r.ok) throw errorFromBridge(r.error);
      if (r.value) setTarget(r.value);
    });
  const saveWebdav = () =>
    act(async () => {
      const r = await getBridge().configureSyncWebdav(dav);
      if (!r.ok) throw errorFromBridge(r.error);
      setTarget(r.value);
      setDav((d) => ({ ...d, password: '' }));
    });
  const join = () =>
    act(async () => {
      const { created } = await joinTeam(passphrase, choice.scope);
      setPassphrase('');
      toast(t(created ? 'sync.created' : 'sync.joined'));
    });
  const runNow = () =>
    act(async () => {
      const report = await syncNow();
      if (report) toast(t('sync.done', { published: report.published, applied: report.applied }));
    });
  const leave = () =>
    act(async () => {
      setLeaving(false);
      await leaveThisTeam();
      toast(t('sync.left'));
    });
  const claim = (device: string) =>
    act(async () => {
      // main asks the person in its own dialog; the run after it removes the old files
      toast(t((await claimOwnFolder(device)) ? 'syncRetire.claimed' : 'syncRetire.notClaimed'));
    });
  const changeTarget = () =>
    act(async () => {
      const r = await getBridge().clearSyncTarget();
      if (!r.ok) throw errorFromBridge(r.error);
      setTarget(null);
    });

  const shownError = error ?? view?.status?.error ?? null;
  const joined = view?.joined ?? false;
  return (
    <section className="card" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <p className="muted">{t('sync.intro')}</p>
      <p>{target ? t(`sync.target.${target.kind}`, { label: target.label }) : t('sync.target.none')}</p>

      {target === null ? (
        <>
          <div className="toolbar">
            <button type="button" className="btn" onClick={() => void chooseFolder()} disabled={busy}>
              {t('sync.chooseFolder')}
            </button>
          </div>
          <fieldset style={{ marginTop: '1rem' }}>
            <legend>{t('sync.webdav.title')}</legend>
            {isDesktop() ? (
              <form
                className="form-grid"
                onSubmit={(e) => {
                  e.preventDefault();
                  void saveWebdav();
                }}
              >
                <Field label={t('sync.webdav.url')} hint={t('sync.webdav.urlHint')} required>
                  {(p) => <input {...p} type="url" value={dav.url} onChange={(e) => setDav({ ...dav, url: e.target.value })} />}
                </Field>
                <Field label={t('sync.webdav.username')} required>
                  {(p) => <input {...p} autoComplete="username" value={dav.username} onChange={(e) => setDav({ ...dav, username: e.target.value })} />}
                </Field>
                <Field label={t('sync.webdav.password')} required>
                  {(p) => <input {...p} type="password" autoComplete="current-password" value={dav.password} onChange={(e) => setDav({ ...dav, password: e.target.value })} />}
                </Field>
                <div>
                  <button type="submit" className="btn" disabled={busy}>
                    {t('sync.webdav.save')}
                  </button>
                </div>
              </form>
            ) : (
              <p className="muted">{t('sync.webdav.desktopOnly')}</p>
            )}
          </fieldset>
        </>
      ) : null}

      {target && !joined ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void join();
          }}
        >
          <Field label={t('sync.passphrase')} hint={t('sync.passphraseHint')} required>
            {(p) => <input {...p} type="password" autoComplete="new-password" minLength={8} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
          </Field>
          <ScopeFields choice={choice} label={t('sync.scope')} kindLabel={(k) => t(`sync.scope.${k}`)} />
          <div className="toolbar">
            <button type="submit" className="btn btn-primary" disabled={busy || passphrase.length < 8 || !choice.complete}>
              {t('sync.join')}
            </button>
            <button type="button" className="btn" onClick={() => void changeTarget()} disabled={busy}>
              {t('sync.changeTarget')}
            </button>
          </div>
        </form>
      ) : null}

      {joined && view ? (
        <div aria-live="polite">
          <p>{t('sync.scopeShown', { scope: scopeLabel(t, view.scope) })}</p>
          <p>{view.status?.lastOkAt ? t('sync.lastSync', { date: formatDateTime(view.status.lastOkAt, locale) }) : t('sync.never')}</p>
          <p>{t('sync.pending', { count: pending })}</p>
          {view.status?.last?.invalid ? <p className="alert alert-warn">{t('sync.invalid', { count: view.status.last.invalid })}</p> : null}
          {view.erasures && view.erasures.count > 0 ? (
            <p>
              {view.erasures.clean < view.erasures.count
                ? t('syncPrivacy.pendingHere')
                : view.erasures.compactedAt
                  ? t('syncPrivacy.compacted', { date: formatDateTime(view.erasures.compactedAt, locale), behind: view.erasures.behind, known: view.erasures.known })
                  : t('syncPrivacy.nothingHere', { behind: view.erasures.behind, known: view.erasures.known })}
            </p>
          ) : null}
          {view.claimable && isDesktop() ? (
            <div className="alert alert-warn">
              <p>{t('syncRetire.claimOwn', { device: view.claimable })}</p>
              <button type="button" className="btn" onClick={() => void claim(view.claimable!)} disabled={busy || progress !== null}>
                {t('syncRetire.claim', { device: view.claimable })}
              </button>
            </div>
          ) : view.status?.last?.removeRefused ? (
            <p className="alert alert-warn">{t('syncPrivacy.removeRefused', { detail: view.status.last.removeRefused })}</p>
          ) : null}
          {view.retiring.length > 0 ? (
            <section aria-labelledby="sync-retire-title">
              <h3 id="sync-retire-title">{t('syncRetire.title')}</h3>
              <p className="muted">{t('syncRetire.intro', { id: view.deviceId })}</p>
              <ul>
                {view.retiring.map((r) => (
                  <li key={r.device}>{retireText(t, r, locale)}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <p className="muted">{t('sync.automatic', { minutes: SYNC_EVERY_MS / 60_000 })}</p>
          {progress ? <Progress label={t('sync.progress', { phase: progress.phase, done: progress.done, total: progress.total })} done={progress.done} total={progress.total} /> : null}
          <div className="toolbar">
            <button type="button" className="btn btn-primary" onClick={() => void runNow()} disabled={busy || progress !== null}>
              {progress ? t('sync.running') : t('sync.now')}
            </button>
            <button type="button" className="btn" onClick={() => setLeaving(true)} disabled={busy}>
              {t('sync.leave')}
            </button>
          </div>
          <h3>{t('sync.devices')}</h3>
          {view.peers.length === 0 ? (
            <EmptyState>{t('sync.devices.none')}</EmptyState>
          ) : (
            <DataTable
              caption={t('sync.devices')}
              rows={view.peers}
              rowKey={(p) => p.device}
              columns={[
                { id: 'name', header: t('sync.device.name'), rowHeader: true, minRem: 10, cell: (p) => p.name || t('sync.device.unnamed', { id: p.device.slice(0, 8) }) },
                { id: 'activity', header: t('sync.device.activity'), minRem: 11, cell: (p) => (p.lastActivity ? formatDateTime(p.lastActivity, locale) : '—') },
                { id: 'state', header: t('sync.device.state'), minRem: 8, cell: (p) => deviceState(t, p, view.former) },
              ]}
            />
          )}
        </div>
      ) : null}

      {shownError ? (
        <div className="alert alert-error" role="alert" style={{ marginTop: '1rem' }}>
          <strong>{t('sync.error.title')}</strong> — {errorText(t, shownError)}
        </div>
      ) : null}
      <ConfirmDialog open={leaving} title={t('sync.leave')} confirmLabel={t('sync.leave')} danger onConfirm={() => void leave()} onCancel={() => setLeaving(false)}>
        <p>{t('sync.leaveConfirm')}</p>
      </ConfirmDialog>
    </section>
  );
}
