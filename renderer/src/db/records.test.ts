import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRecord, foldText, nextCounter, searchTokens, softDelete, touchRecord, type BaseRecord } from './records';

type Note = BaseRecord & { text: string };

describe('records', () => {
  it('creates records with identity, dates and a revision of this device', () => {
    const note = createRecord<Note>({ text: 'a' }, new Date('2026-01-01T00:00:00Z'));
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(note.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(note.deletedAt).toBeNull();
    expect(note.rev.device).toBe('test-device');
  });

  it('increases the revision counter on every change, even within the same millisecond', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    const a = createRecord<Note>({ text: 'a' }, t);
    const b = touchRecord(a, { text: 'b' }, t);
    const c = softDelete(b, t);
    expect(b.rev.counter).toBeGreaterThan(a.rev.counter);
    expect(c.rev.counter).toBeGreaterThan(b.rev.counter);
    expect(c.deletedAt).toBe(t.toISOString());
    expect(nextCounter(0)).toBeGreaterThan(c.rev.counter);
  });

  it('folds accents, case and ligatures', () => {
    expect(foldText('Évaluation Œnologie Cœur')).toBe('evaluation oenologie coeur');
    expect(searchTokens('Saint-Émilion', 'Office de Tourisme')).toEqual(['saint', 'emilion', 'office', 'de', 'tourisme']);
  });

  it('folds plain ASCII by its quick path exactly as the full normalisation does', () => {
    const slow = (text: string) => text.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), fc.string()), (text) => foldText(text) === slow(text)));
    expect(foldText('KÉVIN Æsir Straße')).toBe('kevin aesir strasse');
  });
});
