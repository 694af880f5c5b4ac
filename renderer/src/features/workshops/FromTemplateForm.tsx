/** Schedules a workshop from a template: pick the template (unless given) and the first session's slot. */
import { useState, type FormEvent } from 'react';
import type { Workshop } from '../../domain/workshops';
import { useT, type MessageKey } from '../../i18n';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { createFromTemplate, FormError } from './repository';
import type { SessionForm, SessionFormErrors } from './validation';

export function FromTemplateForm({ templates, fixed, defaultDate, submitLabel, onCreated }: { templates: readonly Workshop[]; fixed?: Workshop; defaultDate: string; submitLabel: string; onCreated: (w: Workshop) => void }) {
  const t = useT();
  const toast = useToast();
  const [templateId, setTemplateId] = useState(fixed?.id ?? '');
  const [slot, setSlot] = useState<SessionForm>({ date: defaultDate, startTime: '09:00', endTime: '12:00' });
  const [errors, setErrors] = useState<SessionFormErrors & { template?: MessageKey }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!templateId) {
      setErrors({ template: 'programme.error.template' });
      return;
    }
    try {
      const w = await createFromTemplate(templateId, slot);
      setErrors({});
      onCreated(w);
    } catch (error) {
      if (error instanceof FormError) setErrors(error.errors as SessionFormErrors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const err = (k: keyof typeof errors) => {
    const key = errors[k];
    return key ? t(key) : undefined;
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid">
        {fixed ? null : (
          <Field label={t('programme.template')} required error={err('template')}>
            {(p) => (
              <select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">—</option>
                {templates.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('session.date')} required error={err('date')}>
          {(p) => <input {...p} type="date" value={slot.date} onChange={(e) => setSlot({ ...slot, date: e.target.value })} />}
        </Field>
        <Field label={t('session.start')} required error={err('startTime')}>
          {(p) => <input {...p} type="time" value={slot.startTime} onChange={(e) => setSlot({ ...slot, startTime: e.target.value })} />}
        </Field>
        <Field label={t('session.end')} required error={err('endTime')}>
          {(p) => <input {...p} type="time" value={slot.endTime} onChange={(e) => setSlot({ ...slot, endTime: e.target.value })} />}
        </Field>
      </div>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </form>
  );
}
