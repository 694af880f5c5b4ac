/**
 * Where the déroulé meets the tutorial library: steps link tutorials with its
 * picker, and the linked tutorials print together as the workshop's handouts.
 */
import { TutorialHandouts, TutorialPicker } from '../tutorial-library/public';

export function StepTutorials({ label, value, onChange }: { label: string; value: string[]; onChange: (ids: string[]) => void }) {
  return <TutorialPicker label={label} value={value} onChange={onChange} />;
}

export function HandoutsPrint({ ids, version }: { ids: string[]; version: 'participant' | 'animateur' }) {
  return <TutorialHandouts ids={ids} version={version} />;
}
