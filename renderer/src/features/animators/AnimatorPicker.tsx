import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { useT } from '../../i18n';
import { Combobox } from '../../ui/Combobox';
import type { Animator } from '../../domain/registry';
import { emptyFilter } from './query';
import { registryClient } from './registry-client';
import { displayName } from './repository';

/** results shown at first, and added by each « Afficher plus » */
const PAGE = 12;

/**
 * Search-as-you-type multi-select over the registry (the kit's Combobox): the
 * chosen people show as removable chips; arrows move, Enter adds, Escape closes,
 * « Afficher plus » brings the next results.
 */
export function AnimatorPicker({ value, onChange, label, excludeIds }: { value: string[]; onChange(ids: string[]): void; label: string; excludeIds?: string[] }) {
  const t = useT();
  const [text, setText] = useState('');
  /** null while the list is closed */
  const [options, setOptions] = useState<Animator[] | null>(null);
  /** how many results are shown; « Afficher plus » raises it */
  const [limit, setLimit] = useState(PAGE);
  const [more, setMore] = useState(false);
  const ticket = useRef(0);
  const chosen = useLiveQuery(async () => (await getDb().animators.bulkGet(value)).filter((a): a is Animator => a !== undefined), [value.join(',')]) ?? [];

  async function search(query: string, shown = PAGE) {
    setText(query);
    setLimit(shown);
    const mine = ++ticket.current;
    if (query.trim().length < 1) {
      setOptions(null);
      return;
    }
    const hidden = new Set([...value, ...(excludeIds ?? [])]);
    // The registry in memory finds and orders them; only the few shown are read whole.
    const db = getDb();
    const found = await registryClient(db.name).ask({ type: 'search', filter: { ...emptyFilter, text: query }, sort: { field: 'sortName', dir: 'asc' }, limit: shown + hidden.size + 1 });
    const rows = (await db.animators.bulkGet(found.rows.map((r) => r.id).filter((id) => !hidden.has(id)))).filter((a): a is Animator => a !== undefined);
    if (mine !== ticket.current) return; // a newer keystroke won
    setOptions(rows.slice(0, shown));
    setMore(rows.length > shown);
  }

  function pick(a: Animator) {
    onChange([...value, a.id]);
    setText('');
    setOptions(null);
  }

  return (
    <Combobox
      label={label}
      placeholder={t('animators.picker.placeholder')}
      text={text}
      onTextChange={(q) => void search(q)}
      options={options}
      optionKey={(a) => a.id}
      renderOption={(a) => (
        <>
          {displayName(a)} <span className="muted">— {[a.structureName, a.communeName].filter(Boolean).join(', ')}</span>
        </>
      )}
      onPick={pick}
      onClose={() => setOptions(null)}
      noneLabel={t('animators.picker.none')}
      more={more ? { label: t('animators.picker.more'), onMore: () => void search(text, limit + PAGE) } : undefined}
      // after « Afficher plus », the first new result is the active one
      firstActive={limit === PAGE ? 0 : limit - PAGE}
      before={
        chosen.length > 0 ? (
          <ul className="animator-chips" aria-label={t('animators.picker.chosen')}>
            {chosen.map((a) => (
              <li key={a.id} className="badge">
                {displayName(a)}{' '}
                <button type="button" className="btn-link" aria-label={t('animators.picker.remove', { name: displayName(a) })} onClick={() => onChange(value.filter((v) => v !== a.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}
