/** /ateliers/modeles: the templates, to open, schedule or remove. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import type { Workshop } from '../../domain/workshops';
import { useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { FromTemplateForm } from './FromTemplateForm';
import { themeName } from './labels';
import { listTemplates } from './queries';
import { deleteWorkshop } from './repository';
import { agendaTotal, formatMinutes } from './rules';
import './workshops.css';

export default function TemplatesPage() {
  const t = useT();
  const toast = useToast();
  const [, navigate] = useLocation();
  const templates = useLiveQuery(() => listTemplates(), []);
  const [using, setUsing] = useState<Workshop | null>(null);
  return (
    <>
      <PageHeader
        title={t('templates.title')}
        intro={t('templates.intro')}
        actions={
          <Link href="/modeles/nouveau" className="btn">
            {t('templates.new')}
          </Link>
        }
      />
      {templates === undefined ? null : templates.length === 0 ? (
        <EmptyState>{t('templates.empty')}</EmptyState>
      ) : (
        <ul className="card-grid" style={{ listStyle: 'none', padding: 0 }}>
          {templates.map((tpl) => (
            <li key={tpl.id} className="card">
              <h2 style={{ fontSize: '1.1rem', marginTop: 0 }}>{tpl.title}</h2>
              <p className="muted">
                {themeName(t, tpl.theme)} · {t('templates.steps', { count: tpl.agenda.length })} · {formatMinutes(agendaTotal(tpl.agenda))}
              </p>
              <div className="toolbar">
                <button type="button" className="btn btn-primary btn-small" aria-label={t('templates.useOf', { title: tpl.title })} onClick={() => setUsing(tpl)}>
                  {t('templates.use')}
                </button>
                <Link href={`/${tpl.id}`} className="btn btn-small">
                  {t('templates.open')} <span className="visually-hidden">{tpl.title}</span>
                </Link>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={t('templates.delete', { title: tpl.title })}
                  onClick={() =>
                    void deleteWorkshop(tpl.id).then(
                      () => toast(t('templates.deleted')),
                      (error: unknown) => toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' }),
                    )
                  }
                >
                  {t('common.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={using !== null} title={using ? t('templates.useOf', { title: using.title }) : ''} onClose={() => setUsing(null)}>
        {using ? (
          <FromTemplateForm
            key={using.id}
            templates={templates ?? []}
            fixed={using}
            defaultDate=""
            submitLabel={t('programme.add')}
            onCreated={(w) => {
              setUsing(null);
              toast(t('programme.added', { title: w.title }));
              navigate(`/${w.id}`);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
