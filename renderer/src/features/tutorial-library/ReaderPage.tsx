import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { getBridge } from '../../platform';
import { printView, fileNameFrom } from '../../shared/files';
import { useToast } from '../../ui/Toast';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { HandoutHeader, TutorialHandouts } from './public-components';
import { renderTutorial, readingMinutes } from './render';
import { updateProgress } from './progress';
import { useLibrary } from './useLibrary';
import { audienceKey, levelKey, themeKey } from './labels';
import { duplicateAsOwn, moveToBin } from './userTutorials';
import type { TutorialProgress } from '../../domain/tutorials';

/** Internal links navigate in the app; external ones go to the OS browser through the bridge. */
export function useLinkHandler() {
  const [, navigate] = useLocation();
  return (event: MouseEvent<HTMLElement>) => {
    const a = (event.target as HTMLElement).closest('a');
    if (!a) return;
    const tutorial = a.getAttribute('data-tutorial');
    if (tutorial) {
      event.preventDefault();
      navigate(`~/tutoriels/${tutorial}`);
    } else if (a.getAttribute('data-external')) {
      event.preventDefault();
      void getBridge().openExternal(a.getAttribute('href') ?? '');
    }
  };
}

export function ReaderPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const library = useLibrary();
  const [, navigate] = useLocation();
  const tutorial = library?.byId.get(id);
  const progress = library?.progress.get(id);
  const rendered = useMemo(() => (tutorial ? renderTutorial(tutorial.body) : null), [tutorial]);
  const [notes, setNotes] = useState<string | null>(null);
  // Shown at once when clicked, before the stored progress comes back from the database.
  const [statusShown, setStatusShown] = useState<TutorialProgress['status'] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [printingParticipant, setPrintingParticipant] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const onLink = useLinkHandler();

  // Opening a tutorial records the visit and the version seen (clears "nouveau / mis à jour").
  const version = tutorial?.meta.version;
  useEffect(() => {
    if (version !== undefined) void updateProgress(id, { lastReadAt: new Date().toISOString(), seenVersion: version });
  }, [id, version]);
  useEffect(() => {
    setNotes(null);
    setStatusShown(null);
  }, [id]);

  // The table of contents follows the scrolling.
  useEffect(() => {
    const root = bodyRef.current;
    if (!root || !rendered) return;
    const headings = [...root.querySelectorAll('h2[id], h3[id]')];
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
        if (visible) setActiveId(visible.target.id);
      },
      { rootMargin: '0px 0px -70% 0px' },
    );
    headings.forEach((h) => observer.observe(h));
    return () => observer.disconnect();
  }, [rendered]);

  if (!library) return <p>{t('app.loading')}</p>;
  if (!tutorial || !rendered) {
    return (
      <>
        <p>{t('tl.reader.notFound')}</p>
        <Link href="/">{t('tl.title')}</Link>
      </>
    );
  }
  const sameTheme = library.tutorials.filter((x) => x.meta.theme === tutorial.meta.theme);
  const at = sameTheme.findIndex((x) => x.meta.id === id);
  const prev = at > 0 ? sameTheme[at - 1] : undefined;
  const next = at >= 0 && at < sameTheme.length - 1 ? sameTheme[at + 1] : undefined;
  const linked = new Set([...tutorial.body.matchAll(/\(tuto:([a-z0-9-]+)\)/g)].map((m) => m[1]!));
  const related = library.tutorials
    .filter((x) => x.meta.id !== id)
    .map((x) => ({ x, score: (linked.has(x.meta.id) ? 3 : 0) + x.meta.tags.filter((tag) => tutorial.meta.tags.includes(tag)).length }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 4)
    .map((r) => r.x);
  const status = statusShown ?? progress?.status ?? 'non-lu';

  return (
    <article aria-labelledby="tl-reader-title">
      {printingParticipant ? (
        <PrintOverlay title={t('tl.handout.participantTitle')} fileName={fileNameFrom(`${tutorial.meta.title} participant`, 'pdf')} onClose={() => setPrintingParticipant(false)}>
          <TutorialHandouts ids={[tutorial.meta.id]} version="participant" />
        </PrintOverlay>
      ) : null}
      <HandoutHeader tutorial={tutorial} />
      <header className="page-header">
        <div>
          <h1 id="tl-reader-title">{tutorial.meta.title}</h1>
          <p className="muted">{tutorial.meta.summary}</p>
          <div className="tl-meta">
            <span className="badge">{t(themeKey(tutorial.meta.theme))}</span>
            <span className="badge">{t(levelKey(tutorial.meta.level))}</span>
            <span className="badge">{t(audienceKey(tutorial.meta.audience))}</span>
            <span>{t('tl.reader.reading', { n: readingMinutes(rendered.words) })}</span>
            <span>{t('tl.reader.duration', { n: tutorial.meta.duration })}</span>
            <span>{t('tl.reader.reviewed', { date: new Date(tutorial.meta.reviewed).toLocaleDateString(locale) })}</span>
          </div>
          {tutorial.meta.changes && tutorial.meta.version > 1 ? <p className="muted">{t('tl.reader.changes', { version: tutorial.meta.version, changes: tutorial.meta.changes })}</p> : null}
        </div>
        <div className="toolbar no-print">
          <span role="group" aria-label={t('tl.reader.print')} className="toolbar">
            <button type="button" className="btn btn-primary" onClick={() => setPrintingParticipant(true)}>
              {t('tl.reader.printParticipant')}
            </button>
            <button type="button" className="btn" onClick={() => void printView(fileNameFrom(tutorial.meta.title, 'pdf'))}>
              {t('tl.reader.printAnimator')}
            </button>
          </span>
          {tutorial.source === 'user' ? (
            <>
              <Link href={`/${id}/modifier`} className="btn">
                {t('tl.reader.edit')}
              </Link>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() =>
                  void moveToBin(tutorial.recordId!).then(() => {
                    toast(tutorial.basedOn ? t('tl.restored') : t('tl.deleted'));
                    if (!tutorial.basedOn) navigate('/');
                  })
                }
              >
                {tutorial.basedOn ? t('tl.reader.restoreOriginal') : t('tl.reader.delete')}
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => void duplicateAsOwn(tutorial).then(() => navigate(`/${id}/modifier`))}>
              {t('tl.reader.duplicate')}
            </button>
          )}
        </div>
      </header>

      <div className="toolbar no-print" style={{ marginBottom: '1rem' }}>
        <fieldset style={{ margin: 0, padding: '0.25rem 0.75rem', display: 'flex', gap: '0.75rem' }}>
          <legend>{t('tl.reader.status')}</legend>
          {(
            [
              ['non-lu', 'tl.reader.markUnread'],
              ['lu', 'tl.reader.markRead'],
              ['a-pratiquer', 'tl.reader.markPractice'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="tl-status" checked={status === value} onChange={() => {
                  setStatusShown(value);
                  void updateProgress(id, { status: value });
                }} /> {t(label)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="btn" aria-pressed={progress?.favourite ?? false} onClick={() => void updateProgress(id, { favourite: !(progress?.favourite ?? false) })}>
          {progress?.favourite ? `★ ${t('tl.reader.kitRemove')}` : `☆ ${t('tl.reader.kitAdd')}`}
        </button>
      </div>

      <div className="tl-reader">
        <div ref={bodyRef} className="tl-body" onClick={onLink} dangerouslySetInnerHTML={{ __html: rendered.html }} />
        <aside className="tl-toc no-print" aria-label={t('tl.reader.toc')}>
          <nav aria-label={t('tl.reader.toc')}>
            <h2 style={{ fontSize: '1rem' }}>{t('tl.reader.toc')}</h2>
            <ol>
              {rendered.toc.map((entry) => (
                <li key={entry.id} className={`level-${entry.level}`}>
                  <a
                    href={`#${entry.id}`}
                    aria-current={activeId === entry.id ? 'true' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(entry.id)?.scrollIntoView({ behavior: 'smooth' });
                    }}
                  >
                    {entry.text}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          <div className="field" style={{ marginTop: '1.5rem' }}>
            <label htmlFor="tl-notes">{t('tl.reader.notes')}</label>
            <textarea id="tl-notes" rows={6} value={notes ?? progress?.notes ?? ''} onChange={(e) => setNotes(e.target.value)} />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void updateProgress(id, { notes: notes ?? progress?.notes ?? '' }).then(() => toast(t('tl.reader.notesSaved')))}
            >
              {t('tl.reader.saveNotes')}
            </button>
          </div>
          {related.length > 0 ? (
            <>
              <h2 style={{ fontSize: '1rem' }}>{t('tl.reader.related')}</h2>
              <ul>
                {related.map((r) => (
                  <li key={r.meta.id}>
                    <Link href={`/${r.meta.id}`}>{r.meta.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
      <nav className="toolbar no-print" aria-label={t('tl.reader.related')} style={{ justifyContent: 'space-between', marginTop: '2rem' }}>
        {prev ? (
          <Link href={`/${prev.meta.id}`} className="btn">
            {t('tl.reader.prev', { title: prev.meta.title })}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={`/${next.meta.id}`} className="btn">
            {t('tl.reader.next', { title: next.meta.title })}
          </Link>
        ) : null}
      </nav>
    </article>
  );
}
