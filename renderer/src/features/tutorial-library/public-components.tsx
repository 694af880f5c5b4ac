import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Combobox } from '../../ui/Combobox';
import { useI18n } from '../../i18n';
import { renderTutorial } from './render';
import { useLibrary } from './useLibrary';
import type { Tutorial } from './catalog';
import { pagesFor, participantBody, uniqueIds, type HandoutVersion } from './handout';
import './library.css';

export interface TutorialSummary {
  id: string;
  title: string;
  theme: string;
  level: string;
  duration: number;
}

/** Bundled and own tutorials, or undefined while loading. */
export function useTutorialList(): TutorialSummary[] | undefined {
  const library = useLibrary();
  return useMemo(() => library?.tutorials.map((x) => ({ id: x.meta.id, title: x.meta.title, theme: x.meta.theme, level: x.meta.level, duration: x.meta.duration })), [library]);
}

/** Pick one or several tutorials by typing; chosen ones show as removable chips. */
export function TutorialPicker({ value, onChange, label }: { value: string[]; onChange(ids: string[]): void; label: string }) {
  const { t } = useI18n();
  const library = useLibrary();
  const [query, setQuery] = useState('');
  const hits = library && query.trim() ? library.search.search(query).filter((h) => !value.includes(h.id)).slice(0, 8) : [];
  const add = (tutorialId: string) => {
    onChange([...value, tutorialId]);
    setQuery('');
  };
  return (
    <Combobox
      label={label}
      placeholder={t('tl.search')}
      text={query}
      onTextChange={setQuery}
      // the list shows only when something matches, and closes with the query
      options={hits.length > 0 ? hits : null}
      optionKey={(h) => h.id}
      renderOption={(h) => library?.byId.get(h.id)?.meta.title}
      onPick={(h) => add(h.id)}
      onClose={() => undefined}
      noneLabel={t('ui.combobox.none')}
      before={
        value.length > 0 ? (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', gap: '0.35rem', flexWrap: 'wrap' }} aria-label={label}>
            {value.map((tid) => (
              <li key={tid} className="badge">
                {library?.byId.get(tid)?.meta.title ?? tid}{' '}
                <button type="button" className="btn-link" aria-label={`${t('common.delete')} ${library?.byId.get(tid)?.meta.title ?? tid}`} onClick={() => onChange(value.filter((v) => v !== tid))}>
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

export function HandoutHeader({ tutorial, version = 'animateur' }: { tutorial: Tutorial; version?: HandoutVersion }) {
  const { t, locale } = useI18n();
  return (
    <p className="print-only muted" style={{ fontSize: '0.85rem' }}>
      {t('tl.handout.source', {
        title: tutorial.meta.title,
        version: tutorial.meta.version,
        audience: version,
        date: new Date(tutorial.meta.reviewed).toLocaleDateString(locale),
        today: new Date().toLocaleDateString(locale),
      })}
    </p>
  );
}

/**
 * The given tutorials one after another, in the handout print layout: each once,
 * each from a new page, in the participant or the animator version. Before printing,
 * a line says how many pages they make (laid out at the printed width and measured).
 */
export function TutorialHandouts({ ids, version = 'animateur' }: { ids: readonly string[]; version?: HandoutVersion }) {
  const library = useLibrary();
  const { t } = useI18n();
  const sheet = useRef<HTMLDivElement>(null);
  const millimetre = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const tutorials = useMemo(() => (library ? uniqueIds(ids).flatMap((tid) => library.byId.get(tid) ?? []) : []), [library, ids]);
  const bodies = useMemo(() => tutorials.map((tutorial) => renderTutorial(version === 'participant' ? participantBody(tutorial.body) : tutorial.body).html), [tutorials, version]);
  useLayoutEffect(() => {
    const root = sheet.current;
    const mm = millimetre.current;
    if (!root || !mm) return;
    const heights = [...root.querySelectorAll<HTMLElement>('.tl-handout')].map((a) => a.getBoundingClientRect().height);
    setPages(pagesFor(heights, mm.getBoundingClientRect().width / 100));
  }, [bodies]);
  if (!library) return null;
  return (
    <>
      <p className="no-print alert" role="status" data-testid="handout-pages">
        {pages === null ? null : t(version === 'participant' ? 'tl.handout.pagesParticipant' : 'tl.handout.pagesAnimator', { tutorials: tutorials.length, pages })}
      </p>
      <div ref={millimetre} aria-hidden="true" style={{ position: 'absolute', visibility: 'hidden', width: '100mm', height: 0 }} />
      <div ref={sheet} className="handout-sheet">
        {tutorials.map((tutorial, i) => (
          <article key={tutorial.meta.id} className="tl-handout tl-body" aria-label={tutorial.meta.title}>
            <HandoutHeader tutorial={tutorial} version={version} />
            <h1>{tutorial.meta.title}</h1>
            <p>{tutorial.meta.summary}</p>
            <div dangerouslySetInnerHTML={{ __html: bodies[i]! }} />
          </article>
        ))}
      </div>
    </>
  );
}
