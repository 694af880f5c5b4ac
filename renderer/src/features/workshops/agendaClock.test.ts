import { describe, expect, it } from 'vitest';
import { stepMaterials, timedSteps } from './agendaClock';

describe('déroulé on the clock', () => {
  it('starts each step when the previous ends, from the session start', () => {
    const steps = [{ minutes: 20 }, { minutes: 100 }, { minutes: 60 }];
    expect(timedSteps(steps, '2026-03-10T09:00').map((s) => [s.start, s.end])).toEqual([
      ['09:00', '09:20'],
      ['09:20', '11:00'],
      ['11:00', '12:00'],
    ]);
    expect(timedSteps([{ minutes: 90 }], '2026-03-10T23:30').map((s) => s.end)).toEqual(['01:00']);
    expect(timedSteps([], '2026-03-10T09:00')).toEqual([]);
  });
});

describe('materials named in the déroulé', () => {
  it('lists each item once, split by line or semicolon, leaving out what the checklist has', () => {
    const steps = [{ material: 'Vidéoprojecteur ; Paperboard' }, { material: '- Tablettes\n- paperboard' }, { material: '' }];
    expect(stepMaterials(steps, [{ label: 'videoprojecteur' }])).toEqual(['Paperboard', 'Tablettes']);
    expect(stepMaterials(steps, [{ label: 'Vidéoprojecteur' }, { label: 'Paperboard' }, { label: 'Tablettes' }])).toEqual([]);
  });
});
