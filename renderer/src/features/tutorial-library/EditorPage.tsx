import { useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { tutorialAudienceSchema, tutorialLevelSchema, tutorialMetaSchema, tutorialThemes, type TutorialMeta } from '../../domain/tutorials';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { PageHeader } from '../../ui/PageHeader';
import { checkBody, REQUIRED_SECTIONS } from './frontmatter';
import { renderTutorial } from './render';
import { useLibrary } from './useLibrary';
import { saveUserTutorial } from './userTutorials';
import { audienceKey, levelKey, themeKey } from './labels';
import { issuesByField } from '../../i18n/issues';

const TEMPLATE = REQUIRED_SECTIONS.map((s) => `## ${s}\n\n`).join('') + '::: astuce\n\n:::\n';

type Draft = Omit<TutorialMeta, 'tags'> & { tags: string };

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
  const current: Draft = draft ?? (existing ? { ...existing.meta, tags: existing.meta.tags.join(', ') } : { id: '', title: '', summary: '', theme: 'metier-ant', level: 'debutant', duration: 60, audience: 'both', tags: '', reviewed: today, version: 1, changes: 'Première version.' });
  const text = body ?? existing?.body ?? TEMPLATE;
  const preview = useMemo(() => renderTutorial(text).html, [text]);
  if (!library) return <p>{t('app.loading')}</p>;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...current, [key]: value });
  const structure = checkBody(text, new Set(library.tutorials.map((x) => x.meta.id)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = { ...current, tags: current.tags.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean), reviewed: today, version: existing && existing.source === 'user' && draft ? current.version + 1 : current.version };
    const parsed = tutorialMetaSchema.safeParse(candidate);
    const next: Record<string, string> = {};
    if (!parsed.success) Object.assign(next, issuesByField(t, parsed.error, candidate));
    const taken = library!.byId.get(candidate.id);
    if (!existing && taken) next.id = t('tl.editor.idTaken');
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    await saveUserTutorial(parsed.data, text, existing ? { recordId: existing.recordId, basedOn: existing.basedOn } : undefined);
    toast(t('tl.editor.saved'));
    navigate(`/${parsed.data.id}`);
  }

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
        <button type="submit" className="btn btn-primary" style={{ marginTop: '1rem' }}>
          {t('tl.editor.save')}
        </button>
      </form>
    </>
  );
}
