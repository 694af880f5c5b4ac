/**
 * Shown when a save finds the record changed since the form was opened (another
 * window or tab saved it): both versions side by side, and the person chooses —
 * the stored one, their own, or field by field. Nothing was overwritten before this.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

export interface ConflictField {
  key: string;
  label: string;
  theirs: string;
  mine: string;
  /** preselected: 'theirs' where the person left the field as it was when opened */
  initial: 'mine' | 'theirs';
}

export function SaveConflict({ fields, onKeepTheirs, onKeepMine, onCombine }: { fields: ConflictField[]; onKeepTheirs(): void; onKeepMine(): void; onCombine(choice: Record<string, 'mine' | 'theirs'>): void }) {
  const t = useT();
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() => Object.fromEntries(fields.map((f) => [f.key, f.initial])));
  const heading = useRef<HTMLHeadingElement>(null);
  // Brought into view and announced where the person is: the save they just tried did not happen.
  useEffect(() => heading.current?.focus(), []);
  const shown = (v: string) => (v.trim() === '' ? t('saveConflict.empty') : `« ${v} »`);
  return (
    <section className="alert alert-warn save-conflict" role="alert" aria-labelledby="save-conflict-title">
      <h2 id="save-conflict-title" ref={heading} tabIndex={-1} style={{ fontSize: '1.1rem', marginTop: 0 }}>
        {t('saveConflict.title')}
      </h2>
      <p>{t('saveConflict.intro')}</p>
      {fields.map((f) => (
        <fieldset key={f.key} className="save-conflict-field">
          <legend>{f.label}</legend>
          <label style={{ display: 'block' }}>
            <input type="radio" name={`conflict-${f.key}`} checked={choice[f.key] === 'theirs'} onChange={() => setChoice((c) => ({ ...c, [f.key]: 'theirs' }))} /> {t('saveConflict.theirs')} : {shown(f.theirs)}
          </label>
          <label style={{ display: 'block' }}>
            <input type="radio" name={`conflict-${f.key}`} checked={choice[f.key] === 'mine'} onChange={() => setChoice((c) => ({ ...c, [f.key]: 'mine' }))} /> {t('saveConflict.mine')} : {shown(f.mine)}
          </label>
        </fieldset>
      ))}
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => onCombine(choice)}>
          {t('saveConflict.saveChoice')}
        </button>
        <button type="button" className="btn" onClick={onKeepTheirs}>
          {t('saveConflict.keepTheirs')}
        </button>
        <button type="button" className="btn" onClick={onKeepMine}>
          {t('saveConflict.keepMine')}
        </button>
      </div>
    </section>
  );
}

/**
 * The fields to choose between after a stale save of a form: those where the person's version
 * (`mine`) and the stored one (`theirs`) differ, each preselected on the stored value where the
 * person left it as it was when the form was opened (`opened`).
 */
export function conflictFields<F extends object>(
  versions: { mine: F; theirs: F; opened: F },
  describe: { label: (key: keyof F & string) => string; shown: (key: keyof F & string, form: F, other: F) => string; skip?: (key: keyof F & string) => boolean },
): ConflictField[] {
  const { mine, theirs, opened } = versions;
  const keys = (Object.keys({ ...mine, ...theirs }) as (keyof F & string)[]).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]) && !describe.skip?.(k));
  return keys.map((key) => ({
    key,
    label: describe.label(key),
    theirs: describe.shown(key, theirs, mine),
    mine: describe.shown(key, mine, theirs),
    initial: JSON.stringify(mine[key]) === JSON.stringify(opened[key]) ? 'theirs' : 'mine',
  }));
}
