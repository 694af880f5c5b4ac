import { useState, type FormEvent } from 'react';
import { isMessageKey, useT, type MessageKey } from '../../i18n';
import { profileSchema, saveProfile, type Profile } from '../../db/settings';
import { Field } from '../../ui/Field';
import { RegionSelect } from '../../ui/RegionSelect';

type Errors = Partial<Record<keyof Profile, string>>;

const fallbackError: Record<keyof Profile, MessageKey> = {
  name: 'profile.error.name',
  role: 'profile.error.role',
  structure: 'profile.error.structure',
  regionCode: 'profile.error.region',
};

/** The profile form, used at first run and in Réglages. */
export function ProfileForm({ initial, submitLabel, onSaved }: { initial?: Profile | undefined; submitLabel: string; onSaved: (p: Profile) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Partial<Profile>>(initial ?? { role: 'animateur' });
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof Profile>(key: K, value: Profile[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = profileSchema.safeParse(draft);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Profile;
        next[key] ??= t(isMessageKey(issue.message) ? issue.message : fallbackError[key]);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      onSaved(await saveProfile(parsed.data));
    } finally {
      setSaving(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form onSubmit={submit} noValidate aria-label={t('profile.title')}>
      {errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          {t('profile.error.summary', { count: errorCount })}
        </div>
      ) : null}
      <Field label={t('profile.name')} error={errors.name} required>
        {(p) => <input {...p} autoComplete="name" value={draft.name ?? ''} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
        <legend>{t('profile.role')}</legend>
        {(['animateur', 'formateur'] as const).map((role) => (
          <label key={role} style={{ display: 'block' }}>
            <input type="radio" name="role" value={role} checked={draft.role === role} onChange={() => set('role', role)} /> {t(`profile.role.${role}`)}
          </label>
        ))}
        {errors.role ? (
          <span id="role-error" className="error" role="alert">
            {errors.role}
          </span>
        ) : null}
      </fieldset>
      <Field label={t('profile.structure')} hint={t('profile.structure.hint')} error={errors.structure} required>
        {(p) => <input {...p} autoComplete="organization" value={draft.structure ?? ''} onChange={(e) => set('structure', e.target.value)} />}
      </Field>
      <Field label={t('profile.region')} error={errors.regionCode} required>
        {(p) => <RegionSelect {...p} value={draft.regionCode ?? ''} onChange={(code) => set('regionCode', code)} placeholder={t('profile.region.choose')} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={saving}>
        {submitLabel}
      </button>
    </form>
  );
}
