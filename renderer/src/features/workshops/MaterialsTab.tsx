/** Matériel tab: the checklist with ticks and a note per item, plus general notes. */
import { useEffect, useRef, useState } from 'react';
import { newId } from '../../db/records';
import type { MaterialItem, Workshop } from '../../domain/workshops';
import { useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { defaultMaterials, saveMaterials } from './repository';

export default function MaterialsTab({ workshop }: { workshop: Workshop }) {
  const t = useT();
  const toast = useToast();
  const [items, setItems] = useState<MaterialItem[]>(workshop.materials);
  const [notes, setNotes] = useState(workshop.materialsNotes);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (dirtyRef.current) return;
    setItems(workshop.materials);
    setNotes(workshop.materialsNotes);
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
    try {
      await saveMaterials(workshop.id, items, notes);
      setDirty(false);
      toast(t('materials.saved'));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }));
    }
  }

  const done = items.filter((i) => i.checked).length;
  const missingDefaults = defaultMaterials().filter((d) => !items.some((i) => i.label === d.label));
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
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('materials.save')}
        </button>
        {dirty ? <span className="muted">{t('agenda.unsaved')}</span> : null}
      </div>
    </section>
  );
}
