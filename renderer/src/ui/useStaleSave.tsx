/**
 * The wiring of a save that may find the record changed elsewhere (StaleRecordError), shared
 * by the editors: those that save part of a record (a workshop's déroulé, materials, questions)
 * and those that save a whole record or create it (an animator, a provider, a promotion):
 * the revision the editor started from, the retry when the other save did not touch this
 * part, and the choice (SaveConflict) when it did — keep theirs, keep mine, or combine.
 */
import { useCallback, useState } from 'react';
import { differingKeys, StaleRecordError, type Revision } from '../db/records';
import { useT } from '../i18n';
import { errorMessage } from './errors';
import { SaveConflict, type ConflictField } from './SaveConflict';
import { useToast } from './Toast';

export interface StaleConflict<R, V> {
  /** the stored record, as the other save left it */
  current: R;
  /** what this editor tried to save */
  mine: V;
  /** the stored record the attempt started from (what the editor had opened) */
  from: R;
}

/**
 * `R` is the record; `null` among its types for an editor that may create it (no base yet: the
 * save creates, and nothing can be stale).
 */
export function useStaleSave<R extends { rev: Revision } | null, V>({
  initial,
  save,
  part,
  onSaved,
  onError,
}: {
  /** the stored record the editor was opened on (null: a new record) */
  initial: R;
  /** writes `values` if the stored record is still at `rev` (or throws StaleRecordError); creates when there is no base */
  save: (values: V, rev: Revision | undefined, from: R) => Promise<NonNullable<R>>;
  /** the part of the record this editor writes: another save that left it alone needs no choice */
  part: (record: NonNullable<R>) => unknown;
  /** after a save: put the stored values back into the editor */
  onSaved: (saved: NonNullable<R>) => void;
  /** any other failure (default: a generic error toast) */
  onError?: (error: unknown) => void;
}) {
  const toast = useToast();
  const t = useT();
  // The stored record the editor's values were read from: a save starts from its revision.
  const [base, setBase] = useState<R>(initial);
  const [conflict, setConflict] = useState<StaleConflict<NonNullable<R>, V> | null>(null);

  const persist = useCallback(
    async function persist(values: V, from: R): Promise<void> {
      try {
        const saved = await save(values, from?.rev, from);
        setConflict(null);
        setBase(saved);
        onSaved(saved);
      } catch (error) {
        if (error instanceof StaleRecordError && from) {
          const current = error.current as unknown as NonNullable<R>;
          // Saved elsewhere without touching this part: nothing to choose.
          if (differingKeys({ part: part(from) }, { part: part(current) }).length === 0) return persist(values, current);
          setConflict({ current, mine: values, from });
          return;
        }
        if (onError) onError(error);
        else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
      }
    },
    [save, part, onSaved, onError, toast, t],
  );

  return { base, setBase, conflict, persist, setConflict };
}

/**
 * The choice after a stale save, wired to the hook: « keep theirs » puts the stored values back
 * (`onKeepTheirs`), « keep mine » saves mine over the new revision, « combine » hands the
 * combination to the editor (`onCombine`): when it returns values they are saved at once,
 * otherwise the editor shows them to be checked and saved.
 */
export function StaleSaveChoice<R extends { rev: Revision } | null, V>({
  stale,
  fields,
  onKeepTheirs,
  onCombine,
}: {
  stale: ReturnType<typeof useStaleSave<R, V>>;
  fields: ConflictField[];
  onKeepTheirs: (current: NonNullable<R>) => void;
  onCombine: (choice: Record<string, 'mine' | 'theirs'>, conflict: StaleConflict<NonNullable<R>, V>) => V | void;
}) {
  const t = useT();
  const toast = useToast();
  const { conflict, setConflict, setBase, persist } = stale;
  if (!conflict) return null;
  return (
    <SaveConflict
      key={`${conflict.current.rev.device}-${conflict.current.rev.counter}`}
      fields={fields}
      onKeepTheirs={() => {
        setConflict(null);
        setBase(conflict.current);
        onKeepTheirs(conflict.current);
        toast(t('saveConflict.kept'));
      }}
      onKeepMine={() => {
        setBase(conflict.current);
        void persist(conflict.mine, conflict.current);
      }}
      onCombine={(choice) => {
        setBase(conflict.current);
        const combined = onCombine(choice, conflict);
        if (combined !== undefined) {
          void persist(combined, conflict.current);
          return;
        }
        // The combination went back into the editor, based on the stored revision: checked, then saved.
        setConflict(null);
        toast(t('saveConflict.review'));
      }}
    />
  );
}
