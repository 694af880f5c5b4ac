import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isMessageKey, useI18n, type Translate } from '../../i18n';
import { getDb } from '../../db/database';
import type { BaseRecord } from '../../db/records';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useToast } from '../../ui/Toast';
import { failureText } from './failure';
import { differingFields, openConflicts, resolveConflict, undoResolution, type Choice } from './conflicts';
import type { ConflictRow } from './exchange';
import { formatDateTime } from '../../i18n/format';

function labelOf(record: BaseRecord | null): string {
  if (!record) return '';
  const r = record as unknown as Record<string, unknown>;
  if (typeof r.title === 'string') return r.title;
  if (typeof r.lastName === 'string') return `${String(r.firstName ?? '')} ${r.lastName}`.trim();
  if (typeof r.nickname === 'string') return `n°${String(r.number)} ${r.nickname}`;
  return record.id;
}
function fieldLabel(t: Translate, field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(key) : field;
}
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function ConflictInbox() {
  const { t, locale } = useI18n();
  const open = useLiveQuery(() => openConflicts(getDb()), [], []);
  const resolved = useLiveQuery(async () => ((await getDb().conflicts.orderBy('resolvedAt').reverse().limit(20).toArray()) as unknown as ConflictRow[]).filter((c) => c.resolvedAt !== ''), [], []);
  return (
    <section className="card" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">
        {t('conflicts.title')} {open.length > 0 ? <span className="badge badge-accent">{open.length}</span> : null}
      </h2>
      {open.length === 0 ? <EmptyState>{t('conflicts.none')}</EmptyState> : open.map((c) => <ConflictCard key={c.id} conflict={c} />)}
      {resolved.length > 0 ? (
        <>
          <h3>{t('conflicts.resolved')}</h3>
          <ul>
            {resolved.map((c) => (
              <ResolvedItem key={c.id} conflict={c} date={formatDateTime(c.resolvedAt, locale)} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ResolvedItem({ conflict, date }: { conflict: ConflictRow; date: string }) {
  const { t } = useI18n();
  const toast = useToast();
  return (
    <li>
      {t(`table.${conflict.table}`)} — {labelOf(conflict.result ?? conflict.local ?? conflict.incoming)} ({date}){' '}
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void undoResolution(getDb(), conflict.id).then(
            () => toast(t('conflicts.undone')),
            (e: unknown) => toast(failureText(t, e), { kind: 'error' }),
          )
        }
      >
        {t('conflicts.undo')}
      </button>
    </li>
  );
}

function ConflictCard({ conflict }: { conflict: ConflictRow }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const fields = differingFields(conflict.local, conflict.incoming);
  const [picks, setPicks] = useState<Record<string, 'local' | 'incoming'>>(() => Object.fromEntries(fields.map((f) => [f, 'local'])));
  const resolve = (choice: Choice) =>
    void resolveConflict(getDb(), conflict.id, choice).then(
      () => toast(t('conflicts.done')),
      (e: unknown) => toast(failureText(t, e), { kind: 'error' }),
    );
  const title = `${t(`table.${conflict.table}`)} — ${labelOf(conflict.local ?? conflict.incoming)}`;
  return (
    <article className="card" style={{ marginBottom: '1rem' }} aria-label={title}>
      <h3 style={{ marginTop: 0 }}>{title}</h3>
      <p className="muted">{t('conflicts.from', { name: conflict.peerName || conflict.peerDevice.slice(0, 8), date: formatDateTime(conflict.createdAt, locale) })}</p>
      {conflict.local && conflict.incoming ? (
        <DataTable
          caption={t('tables.conflict.caption', { title })}
          rows={fields}
          rowKey={(f) => f}
          columns={[
            { id: 'field', header: t('conflicts.field'), rowHeader: true, minRem: 8, cell: (f) => fieldLabel(t, f) },
            ...(['local', 'incoming'] as const).map((side) => ({
              id: side,
              header: t(side === 'local' ? 'conflicts.mine' : 'conflicts.theirs'),
              minRem: 10,
              className: 'wrap-anywhere',
              cell: (f: string) => (
                <label>
                  <input type="radio" name={`${conflict.id}-${f}`} checked={picks[f] === side} onChange={() => setPicks((p) => ({ ...p, [f]: side }))} />{' '}
                  {show((conflict[side] as unknown as Record<string, unknown>)[f])}
                </label>
              ),
            })),
          ]}
        />
      ) : (
        <p>{conflict.local ? t('conflicts.deletedThere') : t('conflicts.deletedHere')}</p>
      )}
      <div className="toolbar" style={{ marginTop: '0.75rem' }}>
        <button type="button" className="btn" onClick={() => resolve('local')}>
          {t('conflicts.keepMine')}
        </button>
        <button type="button" className="btn" onClick={() => resolve('incoming')}>
          {t('conflicts.takeTheirs')}
        </button>
        {fields.length > 1 ? (
          <button type="button" className="btn btn-primary" onClick={() => resolve(picks)}>
            {t('conflicts.combine')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
