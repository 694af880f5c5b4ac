import { useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { tutorialLevelSchema, tutorialThemes } from '../../domain/tutorials';
import { PageHeader, EmptyState } from '../../ui/PageHeader';
import { highlight } from './search';
import { freshness, useLibrary } from './useLibrary';
import { levelKey, themeKey } from './labels';
import type { Tutorial } from './catalog';

type Sort = 'title' | 'duration' | 'recent';

function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {highlight(text, terms).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

export function LibraryPage() {
  const { t } = useI18n();
  const library = useLibrary();
  const params = new URLSearchParams(useSearch());
  const [query, setQuery] = useState('');
  const [theme, setTheme] = useState(params.get('theme') ?? '');
  const [level, setLevel] = useState('');
  const [sort, setSort] = useState<Sort>('title');
  const [kitOnly, setKitOnly] = useState(false);

  const results = useMemo(() => {
    if (!library) return [];
    let list: { tutorial: Tutorial; terms: string[] }[];
    if (query.trim()) {
      list = library.search
        .search(query, { theme: theme || undefined, level: level || undefined })
        .flatMap((hit) => {
          const tutorial = library.byId.get(hit.id);
          return tutorial ? [{ tutorial, terms: hit.terms }] : [];
        });
    } else {
      list = library.tutorials.filter((x) => (!theme || x.meta.theme === theme) && (!level || x.meta.level === level)).map((tutorial) => ({ tutorial, terms: [] }));
      if (sort === 'duration') list.sort((a, b) => a.tutorial.meta.duration - b.tutorial.meta.duration);
      if (sort === 'recent') list.sort((a, b) => (library.progress.get(b.tutorial.meta.id)?.lastReadAt ?? '').localeCompare(library.progress.get(a.tutorial.meta.id)?.lastReadAt ?? ''));
    }
    return kitOnly ? list.filter((r) => library.progress.get(r.tutorial.meta.id)?.favourite) : list;
  }, [library, query, theme, level, sort, kitOnly]);

  if (!library) return <p>{t('app.loading')}</p>;
  return (
    <>
      <PageHeader
        title={t('tl.title')}
        intro={t('tl.intro', { count: library.tutorials.length })}
        actions={
          <>
            <Link href="/nouveau" className="btn btn-primary">
              {t('tl.new')}
            </Link>
          </>
        }
      />
      <div className="form-grid no-print" role="search">
        <div className="field">
          <label htmlFor="tl-search">{t('tl.search')}</label>
          <input id="tl-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby="tl-search-hint" autoComplete="off" />
          <span id="tl-search-hint" className="hint">
            {t('tl.search.hint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="tl-theme">{t('tl.theme')}</label>
          <select id="tl-theme" value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">{t('tl.all', { gender: 'masculine' })}</option>
            {tutorialThemes.map((th) => (
              <option key={th} value={th}>
                {t(themeKey(th))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-level">{t('tl.level')}</label>
          <select id="tl-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('tl.all', { gender: 'masculine' })}</option>
            {tutorialLevelSchema.options.map((l) => (
              <option key={l} value={l}>
                {t(levelKey(l))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-sort">{t('tl.sort')}</label>
          <select id="tl-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)} disabled={query.trim() !== ''}>
            <option value="title">{t('tl.sort.title')}</option>
            <option value="duration">{t('tl.sort.duration')}</option>
            <option value="recent">{t('tl.sort.recent')}</option>
          </select>
        </div>
      </div>
      <label className="no-print" style={{ display: 'block', marginBottom: '0.75rem' }}>
        <input type="checkbox" checked={kitOnly} onChange={(e) => setKitOnly(e.target.checked)} /> {t('tl.onlyKit')}
      </label>
      <p className="muted" aria-live="polite">
        {t('tl.results', { count: results.length })}
      </p>
      {results.length === 0 ? (
        <EmptyState>{t('tl.none')}</EmptyState>
      ) : (
        <ul className="card-grid" style={{ listStyle: 'none', padding: 0 }}>
          {results.map(({ tutorial, terms }) => {
            const progress = library.progress.get(tutorial.meta.id);
            const fresh = freshness(tutorial, progress);
            return (
              <li key={tutorial.meta.id}>
                <article className="card tl-card">
                  <h2>
                    <Link href={`/${tutorial.meta.id}`}>
                      <Highlighted text={tutorial.meta.title} terms={terms} />
                    </Link>
                  </h2>
                    <p className="muted">
                      <Highlighted text={tutorial.meta.summary} terms={terms} />
                    </p>
                    <div className="tl-meta">
                      <span className="badge">{t(themeKey(tutorial.meta.theme))}</span>
                      <span className="badge">{t(levelKey(tutorial.meta.level))}</span>
                      <span>{t('tl.minutes', { n: tutorial.meta.duration })}</span>
                      {fresh === 'new' ? <span className="badge badge-accent">{t('tl.badge.new')}</span> : null}
                      {fresh === 'updated' ? <span className="badge badge-accent">{t('tl.badge.updated')}</span> : null}
                      {tutorial.source === 'user' ? <span className="badge">{t('tl.badge.own')}</span> : null}
                      {progress?.status === 'lu' ? <span className="badge">{t('tl.badge.read')}</span> : null}
                      {progress?.status === 'a-pratiquer' ? <span className="badge">{t('tl.badge.practice')}</span> : null}
                      {progress?.favourite ? <span className="badge">{t('tl.badge.kit')}</span> : null}
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
