/** Possible duplicates, and a side-by-side merge: pick each field's value, keep one record. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useT, type MessageKey } from '../../i18n';
import type { Animator } from '../../domain/registry';
import { DataTable } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { mergeAnimators, type AnimatorFields } from './repository';
import { useRegistryAnswer } from './useAnimatorList';
import type { NamedPair } from './registry-protocol';
import { statusLabel } from './labels';

const mergeFields = ['firstName', 'lastName', 'email', 'phone', 'structureName', 'jobTitle', 'communeName', 'status', 'trainedYear', 'notes'] as const;
type MergeField = (typeof mergeFields)[number];
const fieldLabel: Record<MergeField, MessageKey> = {
  firstName: 'animators.field.firstName', lastName: 'animators.field.lastName', email: 'animators.field.email', phone: 'animators.field.phone',
  structureName: 'animators.field.structureName', jobTitle: 'animators.field.jobTitle', communeName: 'animators.field.commune', status: 'animators.field.status',
  trainedYear: 'animators.field.trainedYear', notes: 'animators.field.notes',
};

export default function Duplicates() {
  const t = useT();
  // Found by the registry's worker in the columns it holds, with the names to show.
  const pairs = useRegistryAnswer(getDb(), { type: 'duplicates' }).data;
  const [open, setOpen] = useState<{ a: string; b: string } | null>(null);
  if (!pairs) return <p role="status">{t('animators.loading')}</p>;
  return (
    <>
      <PageHeader title={t('animators.dup.title')} intro={t('animators.dup.intro', { count: pairs.length })} />
      {open ? <Merge pair={open} onDone={() => setOpen(null)} /> : null}
      {pairs.length === 0 ? (
        <EmptyState>{t('animators.dup.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('animators.dup.title')}
          rows={pairs.slice(0, 500)}
          rowKey={(p) => `${p.a}-${p.b}`}
          columns={[
            { id: 'pair', header: t('animators.dup.pair'), rowHeader: true, minRem: 16, cell: (p) => <PairLabel pair={p} /> },
            { id: 'reason', header: t('animators.dup.reason'), minRem: 10, cell: (p) => (p.reason === 'email' ? t('animators.duplicate.sameEmail') : t('animators.duplicate.sameName')) },
          ]}
          actions={(p) => (
            <button type="button" className="btn btn-small" onClick={() => setOpen(p)}>
              {t('animators.dup.compare')}
            </button>
          )}
        />
      )}
    </>
  );
}

function PairLabel({ pair }: { pair: NamedPair }) {
  return (
    <>
      <Link href={`/${pair.a}`}>{pair.aName}</Link>
      {' / '}
      <Link href={`/${pair.b}`}>{pair.bName}</Link>
    </>
  );
}

function Merge({ pair, onDone }: { pair: { a: string; b: string }; onDone: () => void }) {
  const t = useT();
  const toast = useToast();
  const rows = useLiveQuery(() => getDb().animators.bulkGet([pair.a, pair.b]), [pair.a, pair.b]);
  const [choice, setChoice] = useState<Partial<Record<MergeField, 0 | 1>>>({});
  const [left, right] = rows ?? [];
  if (!left || !right) return null;
  const both: [Animator, Animator] = [left, right];
  const value = (f: MergeField, i: 0 | 1) => String(both[i][f] ?? '');
  const differs = (f: MergeField) => value(f, 0) !== value(f, 1);
  // a person reads the status label (« Certifié·e »), never its stored code
  const shown = (f: MergeField, i: 0 | 1) => (f === 'status' ? statusLabel(t, both[i].status) : value(f, i));
  async function merge() {
    const chosen: Partial<AnimatorFields> = {};
    for (const f of mergeFields) if (choice[f] === 1) (chosen as Record<string, unknown>)[f] = both[1][f];
    // the commune travels with its codes
    if (choice.communeName === 1) Object.assign(chosen, { communeInsee: right!.communeInsee, postalCode: right!.postalCode, departmentCode: right!.departmentCode, regionCode: right!.regionCode });
    await mergeAnimators(left!.id, right!.id, chosen);
    toast(t('animators.dup.merged'));
    onDone();
  }
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('animators.dup.mergeTitle')}</h2>
      <DataTable
        className="animators-compare"
        caption={t('animators.dup.mergeTitle')}
        rows={mergeFields}
        rowKey={(f) => f}
        rowClassName={(f) => (differs(f) ? 'differs' : undefined)}
        columns={[
          { id: 'field', header: t('animators.dup.field'), rowHeader: true, minRem: 9, cell: (f) => t(fieldLabel[f]) },
          ...([0, 1] as const).map((i) => ({
            id: String(i),
            header: i === 0 ? t('animators.dup.kept') : t('animators.dup.other'),
            minRem: 12,
            cell: (f: MergeField) => {
              const v = shown(f, i);
              return differs(f) ? (
                <label>
                  <input type="radio" name={`merge-${f}`} checked={(choice[f] ?? 0) === i} onChange={() => setChoice((c) => ({ ...c, [f]: i }))} /> {v || '—'}
                </label>
              ) : (
                v || '—'
              );
            },
          })),
        ]}
      />
      <div className="toolbar" style={{ marginTop: '1rem' }}>
        <button type="button" className="btn btn-primary" onClick={() => void merge()}>
          {t('animators.dup.merge')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('animators.cancel')}
        </button>
      </div>
    </section>
  );
}
