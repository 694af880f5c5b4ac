import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { getDb } from '../../db/database';
import { getProfile } from '../../db/settings';
import { openFiles, saveText } from '../../shared/files';
import { DataTable } from '../../ui/DataTable';
import { useToast } from '../../ui/Toast';
import { actionKey, failureText } from './failure';
import { largeWrite } from './large-write';
import { exportExchange } from './exchange';
import { ScopeFields, useScopeChoice } from './ScopeFields';
import { fileWrite, type FileWrite, type MergeSummary } from './write-client';
import { mergeDuplicatePeople } from './duplicates';
import { OwnSignature, SignatureNotice } from './SignatureNotice';
import type { SignatureCheck } from './signing';

export function ExchangePanel() {
  const { t } = useI18n();
  const toast = useToast();
  const choice = useScopeChoice();
  const [plan, setPlan] = useState<MergeSummary | null>(null);
  // The file, its plan and the write live in a worker (write-session.ts): one per file chosen.
  const session = useRef<FileWrite | null>(null);
  useEffect(() => () => session.current?.close(), []);
  /** who signed the file being previewed */
  const [signed, setSigned] = useState<{ check: SignatureCheck; device: string; name: string } | null>(null);
  const [fileBytes, setFileBytes] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** people found on both sides, offered for merging once the file is merged */
  const [duplicates, setDuplicates] = useState<MergeSummary['duplicates']>([]);

  async function exportFile() {
    setBusy(true);
    setError(null);
    try {
      const profile = await getProfile();
      const text = await exportExchange(getDb(), choice.scope, profile ? `${profile.name} (${profile.structure})` : '');
      const stamp = new Date().toISOString().slice(0, 10);
      const saved = await saveText(`echange-${stamp}.fourmiliere-echange.json`, text, 'application/json', 'json', 'Échange Fourmilière');
      if (!saved.ok) throw new Error(saved.error);
      if (saved.saved) toast(t('exchange.exported'));
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function importFile() {
    setError(null);
    setPlan(null);
    const [file] = await openFiles('Échange Fourmilière', ['json']);
    if (!file) return;
    setBusy(true);
    setFileBytes(file.bytes.length);
    try {
      session.current?.close();
      const current = fileWrite();
      session.current = current;
      const parsed = await current.planMerge(getDb().name, file.bytes);
      if (!parsed.ok) setError(t(parsed.error.key, { detail: parsed.error.detail }));
      else {
        setSigned({ check: parsed.summary.signature, device: parsed.summary.peer.device, name: parsed.summary.peer.name });
        setPlan(parsed.summary);
      }
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    const current = session.current;
    if (!plan || !current) return;
    setBusy(true);
    try {
      await largeWrite({ inputBytes: fileBytes, kind: 'json', safetyCopy: true }, () => current.applyMerge());
      toast(t('exchange.applied', { added: plan.added, updated: plan.updated, deleted: plan.deleted, conflicts: plan.conflicts }));
      setDuplicates(plan.duplicates);
      setPlan(null);
      current.close();
      session.current = null;
    } catch (e) {
      setError(failureText(t, e, t(actionKey.merge)));
    } finally {
      setBusy(false);
    }
  }

  async function mergeTwins(d: MergeSummary['duplicates'][number]) {
    try {
      await mergeDuplicatePeople(getDb(), d.table, d.localId, d.incomingId);
      toast(t('exchange.twinsMerged', { name: d.label }));
      setDuplicates((list) => list.filter((x) => x !== d));
    } catch (e) {
      setError(failureText(t, e));
    }
  }

  const rows: [string, number][] = plan
    ? [
        [t('exchange.added'), plan.added],
        [t('exchange.updated'), plan.updated],
        [t('exchange.deleted'), plan.deleted],
        [t('exchange.conflicts'), plan.conflicts],
        [t('exchange.unchanged'), plan.unchanged],
        [t('exchange.invalid'), plan.invalidCount],
      ]
    : [];
  const nothing = plan && plan.added + plan.updated + plan.deleted + plan.conflicts === 0;
  return (
    <section className="card" aria-labelledby="exchange-title">
      <h2 id="exchange-title">{t('exchange.title')}</h2>
      <p className="muted">{t('exchange.intro')}</p>
      <OwnSignature />
      <div className="form-grid">
        <ScopeFields choice={choice} label={t('exchange.scope')} kindLabel={(k) => t(`exchange.scope.${k}`)} />
      </div>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => void exportFile()} disabled={busy || !choice.complete}>
          {t('exchange.export')}
        </button>
        <button type="button" className="btn" onClick={() => void importFile()} disabled={busy}>
          {t('exchange.import')}
        </button>
      </div>
      {error ? (
        <p className="alert alert-error" role="alert" style={{ marginTop: '1rem' }}>
          {error}
        </p>
      ) : null}
      {duplicates.length > 0 && !plan ? (
        <div className="alert alert-warn" style={{ marginTop: '1rem' }}>
          <h3 style={{ marginTop: 0 }}>{t('exchange.twinsTitle')}</h3>
          <p>{t('exchange.twinsIntro')}</p>
          <ul>
            {duplicates.slice(0, 50).map((d) => (
              <li key={`${d.localId}-${d.incomingId}`}>
                {d.label} ({t(`table.${d.table}`)}){' '}
                <button type="button" className="btn btn-small" onClick={() => void mergeTwins(d)}>
                  {t('exchange.twinsMerge')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan ? (
        <div style={{ marginTop: '1rem' }} aria-live="polite">
          <h3>{t('exchange.dryRun', { name: plan.peer.name || plan.peer.device.slice(0, 8) })}</h3>
          {signed ? <SignatureNotice signature={signed.check} deviceId={signed.device} deviceName={signed.name} /> : null}
          <p className="muted">{t('exchange.dryRun.intro')}</p>
          <DataTable
            caption={t('tables.exchange.plan.caption')}
            rows={rows}
            rowKey={([label]) => label}
            columns={[
              { id: 'what', header: t('tables.exchange.plan.what'), rowHeader: true, minRem: 12, cell: ([label]) => label },
              { id: 'count', header: t('tables.exchange.plan.count'), align: 'end', minRem: 6, cell: ([, count]) => count },
            ]}
          />
          {plan.invalidCount > 0 ? (
            <ul>
              {plan.invalid.slice(0, 20).map((i) => (
                <li key={`${i.table}-${i.index}`}>{t('exchange.invalidItem', { table: i.table, index: i.index + 1, reason: i.reason })}</li>
              ))}
            </ul>
          ) : null}
          {plan.duplicates.length > 0 ? (
            <div className="alert alert-warn">
              <p>{t('exchange.duplicates')}</p>
              <ul>
                {plan.duplicates.slice(0, 20).map((d) => (
                  <li key={d.incomingId}>{d.label}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {nothing ? <p>{t('exchange.nothing')}</p> : null}
          <button type="button" className="btn btn-primary" onClick={() => void apply()} disabled={busy}>
            {t('exchange.apply')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
