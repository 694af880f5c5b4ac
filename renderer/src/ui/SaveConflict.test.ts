import { describe, expect, it } from 'vitest';
import { conflictFields } from './SaveConflict';

describe('conflictFields', () => {
  const opened = { name: 'Amaia', phone: '05 59 00 00 00', town: 'Bayonne', insee: '64102' };
  it('lists the differing fields, preselecting theirs where I left the field as opened', () => {
    const mine = { ...opened, phone: '06 12 34 56 78' };
    const theirs = { ...opened, name: 'Amaia Etxeberria', phone: '05 59 11 11 11' };
    expect(conflictFields({ mine, theirs, opened }, { label: (k) => `<${k}>`, shown: (k, form) => String(form[k]) })).toEqual([
      { key: 'name', label: '<name>', theirs: 'Amaia Etxeberria', mine: 'Amaia', initial: 'theirs' },
      { key: 'phone', label: '<phone>', theirs: '05 59 11 11 11', mine: '06 12 34 56 78', initial: 'mine' },
    ]);
  });
  it('leaves out the fields that follow another one', () => {
    const theirs = { ...opened, town: 'Anglet', insee: '64024' };
    const fields = conflictFields({ mine: opened, theirs, opened }, { label: String, shown: (k, form) => String(form[k]), skip: (k) => k === 'insee' });
    expect(fields.map((f) => f.key)).toEqual(['town']);
  });
  it('compares lists by value', () => {
    const a = { tags: ['avis', 'google'] };
    expect(conflictFields({ mine: a, theirs: { tags: ['avis', 'google'] }, opened: a }, { label: String, shown: () => '' })).toEqual([]);
  });
});
