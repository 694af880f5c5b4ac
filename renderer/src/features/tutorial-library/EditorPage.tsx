import { useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n, type MessageKey } from '../../i18n';
import { combineVersions, differingKeys, StaleRecordError, type Revision } from '../../db/records';
import { conflictFields, SaveConflict } from '../../ui/SaveConflict';
import { tutorialAudienceSchema, tutorialLevelSchema, tutorialMetaSchema, tutorialThemes, type TutorialMeta, type UserTutorial } from '../../domain/tutorials';
import { fromRecord, type Tutorial } from './catalog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { PageHeader } from '../../ui/PageHeader';
import { errorMessage } from '../../ui/errors';
import { checkBody, REQUIRED_SECTIONS } from './frontmatter';
import { renderTutorial } from './render';
import { useLibrary } from './useLibrary';
import { saveUserTutorial } from './userTutorials';
import { audienceKey, levelKey, themeKey } from './labels';
import { issuesByField } from '../../i18n/issues';

const TEMPLATE = REQUIRED_SECTIONS.map((s) => `## ${s}\n\n`).join('') + '::: astuce\n\n:::\n';

type Draft = Omit<TutorialMeta, 'tags'> & { tags: string };
/** A version of the tutorial as the editor holds it: its fields, its text, and the stored revision it comes from. */
interface Version {
  rev?: Revision;
  draft: Draft;
  body: string;
}
/** The fields a person edits, as compared between two versions. */
type Edited = Pick<Draft, 'title' | 'summary' | 'theme' | 'level' | 'duration' | 'audience' | 'tags' | 'changes'> & { body: string };

const draftOf = (x: Tutorial): Draft => ({ ...x.meta, tags: x.meta.tags.join(', ') });
const versionOf = (x: Tutorial): Version => ({ rev: x.rev, draft: draftOf(x), body: x.body });
const editedOf = (v: Pick<Version, 'draft' | 'body'>): Edited => ({ title: v.draft.title, summary: v.draft.summary, theme: v.draft.theme, level: v.draft.level, duration: v.draft.duration, audience: v.draft.audience, tags: v.draft.tags, changes: v.draft.changes, body: v.body });
const EDITED_LABELS: Record<keyof Edited, MessageKey> = {
  title: 'tl.editor.titleField', summary: 'tl.editor.summary', theme: 'tl.theme', level: 'tl.level', duration: 'tl.editor.duration',
  audience: 'tl.editor.audience', tags: 'tl.editor.tags', changes: 'tl.editor.changes', body: 'tl.editor.body',
};

/** The text from its first line that differs from `other`'s, cut short: enough to tell two versions apart. */
function bodyExcerpt(text: string, other: string): string {
  const lines = text.split('\n');
  const others = other.split('\n');
  let i = 0;
  while (i < lines.length && lines[i] === others[i]) i++;
  const from = lines.slice(i).join('\n').trim();
  const cut = from.length > 160 ? `${from.slice(0, 160)}…` : from;
  return i > 0 && cut ? `…${cut}` : cut;
}

export function EditorPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const library = useLibrary();
  const [, navigate] = useLocation();
  const existing = id ? library?.byId.get(id) : undefined;
  const today = new Date().toISOString().slice(0, 10);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [body, setBody] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The stored version the editor opened: its fields stay put while another tab saves, and a save starts from its revision.
  const [opened, setOpened] = useState<Version | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Version; mine: { draft: Draft; body: string } } | null>(null);
  if (existing && opened === null) setOpened(versionOf(existing));
  const base = opened ?? (existing ? versionOf(existing) : null);
  const current: Draft = draft ?? base?.draft ?? { id: '', title: '', summary: '', theme: 'metier-ant', level: 'debutant', duration: 60, audience: 'both', tags: '', reviewed: today, version: 1, changes: 'Première version.' };
  const text = body ?? base?.body ?? TEMPLATE;
  const preview = useMemo(() => renderTutorial(text).html, [text]);
  if (!library) return <p>{t('app.loading')}</p>;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...current, [key]: value });
  const structure = checkBody(text, new Set(library.tutorials.map((x) => x.meta.id)));

  async function persist(values: Draft, content: string, from: Version | null, metaEdited: boolean): Promise<void> {
    const bump = existing && existing.source === 'user' && metaEdited ? 1 : 0;
    const candidate = { ...values, tags: values.tags.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean), reviewed: today, version: (from?.draft.version ?? values.version) + bump };
    const parsed = tutorialMetaSchema.safeParse(candidate);
    const next: Record<string, string> = {};
    if (!parsed.success) Object.assign(next, issuesByField(t, parsed.error, candidate));
    const taken = library!.byId.get(candidate.id);
    if (!existing && taken) next.id = t('tl.editor.idTaken');
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    try {
      await saveUserTutorial(parsed.data, content, existing ? { recordId: existing.recordId, basedOn: existing.basedOn, expected: from?.rev } : undefined);
    } catch (error) {
      if (!(error instanceof StaleRecordError) || !from) throw error;
      const theirs = versionOf(fromRecord(error.current as UserTutorial));
      // Saved elsewhere but changed in no field of this editor: nothing to choose.
      if (differingKeys(editedOf(from), editedOf(theirs)).length === 0) return persist(values, content, theirs, metaEdited);
      setConflict({ theirs, mine: { draft: values, body: content } });
      return;
    }
    setConflict(null);
    toast(t('tl.editor.saved'));
    navigate(`/${parsed.data.id}`);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void persist(current, text, base, draft !== null).catch((error: unknown) => toast(t('common.error.generic', { detail: errorMessage(error) })));
  }

  const shownValue = (key: keyof Edited, v: Edited, other: Edited): string => {
    if (key === 'theme') return t(themeKey(v.theme));
    if (key === 'level') return t(levelKey(v.level));
    if (key === 'audience') return t(audienceKey(v.audience));
    if (key === 'body') return bodyExcerpt(v.body, other.body);
    return String(v[key]);
  };
  const conflictView = conflict && base ? { mine: editedOf(conflict.mine), theirs: editedOf(conflict.theirs), opened: editedOf(base) } : null;

  return (
    <>
      <PageHeader title={existing ? t('tl.editor.edit', { title: existing.meta.title }) : t('tl.editor.new')} />
      <form onSubmit={submit} noValidate>
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert-error" role="alert">
            {t('tl.editor.errors')}
          </p>
        ) : null}
        <div className="form-grid">
          <Field label={t('tl.editor.id')} error={errors.id} required>
            {(p) => <input {...p} value={current.id} readOnly={Boolean(existing)} onChange={(e) => set('id', e.target.value)} />}
          </Field>
          <Field label={t('tl.editor.titleField')} error={errors.title} required>
            {(p) => <input {...p} value={current.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <Field label={t('tl.theme')}>
            {(p) => (
              <select {...p} value={current.theme} onChange={(e) => set('theme', e.target.value as Draft['theme'])}>
                {tutorialThemes.map((th) => (
                  <option key={th} value={th}>
                    {t(themeKey(th))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('tl.level')}>
            {(p) => (
              <select {...p} value={current.level} onChange={(e) => set('level', e.target.value as Draft['level'])}>
                {tutorialLevelSchema.options.map((l) => (
                  <option key={l} value={l}>
                    {t(levelKey(l))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('tl.editor.audience')}>
            {(p) => (
              <select {...p} value={current.audience} onChange={(e) => set('audience', e.target.value as Draft['audience'])}>
                {tutorialAudienceSchema.options.map((a) => (
                  <option key={a} value={a}>
                    {t(audienceKey(a))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('tl.editor.duration')} error={errors.duration}>
            {(p) => <input {...p} type="number" min={5} max={600} value={current.duration} onChange={(e) => set('duration', Number(e.target.value))} />}
          </Field>
          <Field label={t('tl.editor.tags')} error={errors.tags}>
            {(p) => <input {...p} value={current.tags} onChange={(e) => set('tags', e.target.value)} />}
          </Field>
          <Field label={t('tl.editor.changes')} error={errors.changes}>
            {(p) => <input {...p} value={current.changes} onChange={(e) => set('changes', e.target.value)} />}
          </Field>
        </div>
        <Field label={t('tl.editor.summary')} error={errors.summary} required>
          {(p) => <textarea {...p} rows={2} value={current.summary} onChange={(e) => set('summary', e.target.value)} />}
        </Field>
        {structure.length > 0 ? <p className="alert alert-warn">{t('tl.editor.structure', { problems: structure.join(' ; ') })}</p> : null}
        <div className="tl-editor">
          <Field label={t('tl.editor.body')}>{(p) => <textarea {...p} value={text} onChange={(e) => setBody(e.target.value)} spellCheck />}</Field>
          <section aria-label={t('tl.editor.preview')} className="card tl-body" style={{ overflow: 'auto', maxHeight: 560 }}>
            <div dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        </div>
        {conflict && conflictView ? (
          <SaveConflict
            key={`${conflict.theirs.rev?.device}-${conflict.theirs.rev?.counter}`}
            fields={conflictFields(conflictView, { label: (k) => t(EDITED_LABELS[k]), shown: shownValue })}
            onKeepTheirs={() => {
              setConflict(null);
              setOpened(conflict.theirs);
              setDraft(null);
              setBody(null);
              setErrors({});
              toast(t('saveConflict.kept'));
            }}
            onKeepMine={() => {
              setOpened(conflict.theirs);
              void persist(conflict.mine.draft, conflict.mine.body, conflict.theirs, true);
            }}
            onCombine={(choice) => {
              const { body: chosenBody, ...fields } = combineVersions(conflictView.mine, conflictView.theirs, choice as Partial<Record<keyof Edited, 'mine' | 'theirs'>>);
              const combined: Draft = { ...conflict.theirs.draft, ...fields };
              setOpened(conflict.theirs);
              setDraft(combined);
              setBody(chosenBody);
              void persist(combined, chosenBody, conflict.theirs, true);
            }}
          />
        ) : null}
        <button type="submit" className="btn btn-primary" style={{ marginTop: '1rem' }}>
          {t('tl.editor.save')}
        </button>
      </form>
    </>
  );
}
