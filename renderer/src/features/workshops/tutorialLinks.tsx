/**
 * Where the déroulé meets the tutorials library. Until the library publishes its
 * picker (features/tutorials/public.ts), links are listed by id.
 */
import { useT } from '../../i18n';

export function StepTutorials({ label, value }: { label: string; value: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  return (
    <div className="field">
      <span className="label">{label}</span>
      {value.length > 0 ? <span>{value.join(', ')}</span> : null}
      <span className="hint">{t('agenda.tutorialsPending')}</span>
    </div>
  );
}

export function HandoutsPrint({ ids }: { ids: string[] }) {
  return (
    <ul>
      {ids.map((id) => (
        <li key={id}>{id}</li>
      ))}
    </ul>
  );
}
