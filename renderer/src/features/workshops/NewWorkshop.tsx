/** /ateliers/nouveau, and /ateliers/modeles/nouveau for a new template. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { getProfile } from '../../db/settings';
import { useT } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { createWorkshop } from './repository';
import { emptyWorkshopForm } from './validation';
import { WorkshopForm } from './WorkshopForm';
import './workshops.css';

export default function NewWorkshop({ isTemplate = false }: { isTemplate?: boolean }) {
  const t = useT();
  const toast = useToast();
  const [, navigate] = useLocation();
  const profile = useLiveQuery(() => getProfile().then((p) => p ?? null), []);
  if (profile === undefined) return <p>{t('app.loading')}</p>;
  return (
    <>
      <PageHeader title={isTemplate ? t('templates.new') : t('workshops.new')} />
      <WorkshopForm
        initial={emptyWorkshopForm(profile?.name ?? '')}
        submitLabel={t('workshop.create')}
        onSubmit={async (form) => {
          const w = await createWorkshop(form, { isTemplate });
          toast(t('workshop.created', { title: w.title }));
          navigate(`/${w.id}`);
        }}
      />
    </>
  );
}
