/**
 * Where the déroulé meets the tutorials library: the only file to change when
 * features/tutorials/public.ts lands — StepTutorials becomes its TutorialPicker
 * (value: tutorial ids, onChange) and HandoutsPrint its TutorialHandouts (ids,
 * printed all at once inside AgendaTab's PrintOverlay). Until then, links are
 * kept and listed by id.
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
