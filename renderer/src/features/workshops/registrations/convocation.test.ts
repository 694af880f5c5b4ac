import { describe, expect, it } from 'vitest';
import type { AgendaStep } from '../../../domain/workshops';
import { timedAgenda } from './Convocation';

const step = (id: string, minutes: number): AgendaStep => ({ id, title: id, minutes, objective: '', method: '', material: '', tutorialIds: [] });

describe('the programme of a convocation', () => {
  it('gives each step its clock times from the session start', () => {
    expect(timedAgenda([step('accueil', 15), step('fiche', 90), step('avis', 105)], '09:00').map((s) => [s.step.id, s.from, s.to])).toEqual([
      ['accueil', '09:00', '09:15'],
      ['fiche', '09:15', '10:45'],
      ['avis', '10:45', '12:30'],
    ]);
  });
  it('never runs past midnight', () => {
    expect(timedAgenda([step('long', 600)], '20:00')[0]?.to).toBe('23:59');
  });
});
