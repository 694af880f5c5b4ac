/** Matériel tab: the checklist with ticks and a note per item, plus general notes. */
import { useEffect, useRef, useState } from 'react';
import { newId } from '../../db/records';
import { type ConflictField } from '../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { combineSteps, differingSteps, ORDER_KEY } from './agendaVersions';
import type { MaterialItem, Workshop } from '../../domain/workshops';
import { useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { defaultMaterials, saveMaterials } from './repository';
import { stepMaterials } from './agendaClock';

/** The key of the general notes among the checklist's items, in the choice between two versions. */
const NOTES_KEY = 'materials-notes';

export default function MaterialsTab({ workshop }: { workshop: Workshop }) {
  const t = useT();
  const toast = useToast();
  const [items, setItems] = useState<MaterialItem[]>(workshop.materials);
  const [notes, setNotes] = useState(workshop.materialsNotes);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const stale = useStaleSave<Workshop, { items: MaterialItem[]; notes: string }>({
    initial: workshop,
    save: (values, rev) => saveMaterials(workshop.id, values.items, values.notes, rev),
    part: (w) => ({ materials: w.materials, notes: w.materialsNotes }),
    onSaved: (saved) => {
      setItems(saved.materials);
      setNotes(saved.materialsNotes);
      setDirty(false);
      toast(t('materials.saved'));
    },
  });
  const { base, setBase, conflict } = stale;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (dirtyRef.current) return;
    setItems(workshop.materials);
    setNotes(workshop.materialsNotes);
    setBase(workshop);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the checklist only, not every change of the workshop
  }, [workshop.materials, workshop.materialsNotes]);

  const change = (next: MaterialItem[]) => {
    setItems(next);
    setDirty(true);
  };
  const update = (id: string, changes: Partial<MaterialItem>) => change(items.map((i) => (i.id === id ? { ...i, ...changes } : i)));

  async function save() {
    if (items.some((i) => !i.label.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    await stale.persist({ items, notes }, base);
  }

  const itemText = (i: MaterialItem | undefined) => (i ? [i.label.trim() || t('materials.newLabel'), t(i.checked ? 'revisions.checked' : 'revisions.unchecked'), i.note ?? ''].filter((x) => x.trim() !== '').join(' — ') : '');
  const conflictFields: ConflictField[] = conflict
    ? [
        ...differingSteps(conflict.mine.items, conflict.current.materials).map((key): ConflictField => {
          const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
          if (key === ORDER_KEY) {
            const order = (list: MaterialItem[]) => list.map((i) => i.label.trim() || t('materials.newLabel')).join(', ');
            return { key, label: t('revisions.materialsOrder'), theirs: order(conflict.current.materials), mine: order(conflict.mine.items), initial: same(conflict.mine.items.map((i) => i.id), base.materials.map((i) => i.id)) ? 'theirs' : 'mine' };
          }
          const mine = conflict.mine.items.find((i) => i.id === key);
          const theirs = conflict.current.materials.find((i) => i.id === key);
          return { key, label: t('revisions.materialItem', { label: (mine ?? theirs)!.label.trim() || t('materials.newLabel') }), theirs: itemText(theirs), mine: itemText(mine), initial: same(mine, base.materials.find((i) => i.id === key)) ? 'theirs' : 'mine' };
        }),
        ...(conflict.mine.notes !== conflict.current.materialsNotes
          ? [{ key: NOTES_KEY, label: t('materials.notes'), theirs: conflict.current.materialsNotes, mine: conflict.mine.notes, initial: conflict.mine.notes === base.materialsNotes ? ('theirs' as const) : ('mine' as const) }]
          : []),
      ]
    : [];

  const done = items.filter((i) => i.checked).length;
  const missingDefaults = defaultMaterials().filter((d) => !items.some((i) => i.label === d.label));
  // What the déroulé's steps ask to bring joins the checklist in one click.
  const fromAgenda = stepMaterials(workshop.agenda, items);
  return (
    <section aria-labelledby="materials-title">
      <h2 id="materials-title">{t('materials.title')}</h2>
      <p className="muted">{t('materials.intro')}</p>
      <p role="status">{t('materials.progress', { done, total: items.length })}</p>
      {invalid ? (
        <p className="alert alert-error" role="alert">
          {t('materials.error.label')}
        </p>
      ) : null}
      <ul className="materials-list">
        {items.map((item) => {
          const label = item.label.trim() || t('materials.newLabel');
          return (
            <li key={item.id}>
              <input type="checkbox" checked={item.checked} aria-label={label} onChange={(e) => update(item.id, { checked: e.target.checked })} />
              <input value={item.label} aria-label={t('materials.newLabel')} aria-invalid={invalid && !item.label.trim() ? true : undefined} onChange={(e) => update(item.id, { label: e.target.value })} maxLength={200} />
              <input value={item.note ?? ''} aria-label={t('materials.item.note', { label })} onChange={(e) => update(item.id, { note: e.target.value })} maxLength={500} />
              <button type="button" className="btn btn-small" aria-label={t('materials.item.remove', { label })} onClick={() => change(items.filter((i) => i.id !== item.id))}>
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      <div className="toolbar" style={{ marginBottom: '1rem' }}>
        <button type="button" className="btn" onClick={() => change([...items, { id: newId(), label: '', checked: false, note: '' }])}>
          {t('materials.add')}
        </button>
        {fromAgenda.length > 0 ? (
          <button type="button" className="btn" onClick={() => change([...items, ...fromAgenda.map((label) => ({ id: newId(), label, checked: false, note: '' }))])}>
            {t('materials.fromAgenda', { count: fromAgenda.length, items: fromAgenda.join(', ') })}
          </button>
        ) : null}
        {missingDefaults.length > 0 ? (
          <button type="button" className="btn" onClick={() => change([...items, ...missingDefaults])}>
            {t('materials.resetDefaults')}
          </button>
        ) : null}
      </div>
      <Field label={t('materials.notes')}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            value={notes}
            onChange={(e) => {
              setNotes(e.target.value);
              setDirty(true);
            }}
          />
        )}
      </Field>
      <StaleSaveChoice
        stale={stale}
        fields={conflictFields}
        onKeepTheirs={(current) => {
          setItems(current.materials);
          setNotes(current.materialsNotes);
          setInvalid(false);
          setDirty(false);
        }}
        onCombine={(choice, { current, mine }) => {
          change(combineSteps(mine.items, current.materials, choice));
          setNotes(choice[NOTES_KEY] === 'theirs' ? current.materialsNotes : mine.notes);
        }}
      />
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('materials.save')}
        </button>
        {dirty ? <span className="muted">{t('agenda.unsaved')}</span> : null}
      </div>
    </section>
  );
}
