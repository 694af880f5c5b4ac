/**
 * The date rules, judged in Paris time. Run with the machine in UTC (TZ=UTC, as CI
 * machines often are): instants below are written in UTC on purpose.
 */
import { describe, expect, it } from 'vitest';
import { canBeDone, checkEntry, evaluationOpen, hasStarted, parisDateTime, parisToday, phaseOf, slotMinutes, slotNotice, workshopSlot, type Slot } from './date-rules';

// Tuesday 8 December 2026, morning 09:00–12:30 in Paris (UTC+1 in winter)
const MORNING: Slot = { date: '2026-12-08', start: '09:00', end: '12:30' };
const utc = (iso: string) => new Date(iso);

describe('Paris wall-clock time, whatever the machine zone', () => {
  it('turns instants into Paris time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(parisDateTime(utc('2026-12-08T07:59:00Z'))).toBe('2026-12-08T08:59');
    expect(parisDateTime(utc('2026-07-14T07:30:00Z'))).toBe('2026-07-14T09:30');
  });
  it('is already tomorrow in Paris at 23:30 UTC', () => {
    expect(parisToday(utc('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
  });
  it('knows the machine under test runs in UTC when TZ=UTC', () => {
    // not a rule, a guard: the suite is meant to be run with the machine in UTC too
    if (process.env.TZ === 'UTC') expect(new Date('2026-12-08T00:00:00Z').getHours()).toBe(0);
  });
});

describe('phases of a half-day', () => {
  it('is before until the start, Paris time (08:59 Paris = 07:59 UTC)', () => {
    expect(phaseOf(MORNING, utc('2026-12-08T07:59:00Z'))).toBe('before');
    expect(phaseOf(MORNING, utc('2026-12-02T10:00:00Z'))).toBe('before');
  });
  it('is the day from the start to midnight Paris time', () => {
    expect(phaseOf(MORNING, utc('2026-12-08T08:00:00Z'))).toBe('day');
    expect(phaseOf(MORNING, utc('2026-12-08T15:00:00Z'))).toBe('day');
    // 23:30 Paris is still the 8th although UTC says 22:30
    expect(phaseOf(MORNING, utc('2026-12-08T22:30:00Z'))).toBe('day');
  });
  it('is after from midnight Paris (23:00 UTC the day before in winter)', () => {
    expect(phaseOf(MORNING, utc('2026-12-08T23:00:00Z'))).toBe('after');
    expect(phaseOf(MORNING, utc('2027-01-15T10:00:00Z'))).toBe('after');
  });
  it('uses summer time for a July session', () => {
    const july: Slot = { date: '2026-07-14', start: '09:00', end: '12:00' };
    expect(phaseOf(july, utc('2026-07-14T06:59:00Z'))).toBe('before');
    expect(phaseOf(july, utc('2026-07-14T07:00:00Z'))).toBe('day');
    expect(phaseOf(july, utc('2026-07-14T22:00:00Z'))).toBe('after');
  });
});

describe('entries', () => {
  it('refuses a signature, a presence or an absence before the half-day, saying when it opens', () => {
    for (const entry of ['signature', 'present', 'absent'] as const) {
      expect(checkEntry(entry, MORNING, utc('2026-12-02T10:00:00Z'))).toEqual({ ok: false, error: 'dates.error.notOpenYet', opensAt: '2026-12-08T09:00' });
    }
  });
  it('accepts an apology or a withdrawn mark before the session', () => {
    expect(checkEntry('excuse', MORNING, utc('2026-12-02T10:00:00Z'))).toEqual({ ok: true, aPosteriori: false });
    expect(checkEntry('clear', MORNING, utc('2026-12-02T10:00:00Z'))).toEqual({ ok: true, aPosteriori: false });
  });
  it('accepts everything during the day, without a reason', () => {
    for (const entry of ['signature', 'present', 'absent', 'excuse', 'clear'] as const) {
      expect(checkEntry(entry, MORNING, utc('2026-12-08T09:15:00Z'))).toEqual({ ok: true, aPosteriori: false });
    }
  });
  it('wants a reason on another day after, and marks the entry a posteriori', () => {
    const later = utc('2026-12-09T09:00:00Z');
    expect(checkEntry('present', MORNING, later)).toEqual({ ok: false, error: 'dates.error.reasonRequired', opensAt: '2026-12-08T09:00' });
    expect(checkEntry('present', MORNING, later, '  ok ')).toMatchObject({ ok: false });
    expect(checkEntry('present', MORNING, later, 'Feuille papier saisie le lendemain')).toEqual({ ok: true, aPosteriori: true });
    expect(checkEntry('signature', MORNING, later, 'Oubli de signature')).toEqual({ ok: true, aPosteriori: true });
  });
  it('tells the screen what to explain', () => {
    expect(slotNotice(MORNING, utc('2026-12-08T07:00:00Z'))).toEqual({ kind: 'not-open', opensAt: '2026-12-08T09:00' });
    expect(slotNotice(MORNING, utc('2026-12-08T08:30:00Z'))).toEqual({ kind: 'open' });
    expect(slotNotice(MORNING, utc('2026-12-10T08:30:00Z'))).toEqual({ kind: 'a-posteriori' });
  });
});

describe('half-days of a workshop session', () => {
  const fullDay = { start: '2026-12-08T09:30', end: '2026-12-08T17:00' };
  it('cuts a full day at lunch', () => {
    expect(workshopSlot(fullDay, 'matin')).toEqual({ date: '2026-12-08', start: '09:30', end: '12:00' });
    expect(workshopSlot(fullDay, 'apres-midi')).toEqual({ date: '2026-12-08', start: '13:00', end: '17:00' });
    expect(slotMinutes(workshopSlot(fullDay, 'apres-midi'))).toBe(240);
  });
  it('keeps a morning or an afternoon session whole', () => {
    expect(workshopSlot({ start: '2026-12-08T09:00', end: '2026-12-08T12:30' }, 'matin')).toEqual(MORNING);
    expect(workshopSlot({ start: '2026-12-08T14:00', end: '2026-12-08T16:30' }, 'apres-midi')).toEqual({ date: '2026-12-08', start: '14:00', end: '16:30' });
  });
  it('opens the afternoon of a full day at 13:00, not at the morning start', () => {
    const afternoon = workshopSlot(fullDay, 'apres-midi');
    expect(checkEntry('signature', afternoon, utc('2026-12-08T11:00:00Z'))).toMatchObject({ ok: false, opensAt: '2026-12-08T13:00' });
    expect(checkEntry('signature', afternoon, utc('2026-12-08T12:00:00Z'))).toEqual({ ok: true, aPosteriori: false });
  });
});

describe('what counts as held or done', () => {
  it('counts a half-day as held only once started', () => {
    expect(hasStarted(MORNING, utc('2026-12-08T07:59:00Z'))).toBe(false);
    expect(hasStarted(MORNING, utc('2026-12-08T08:00:00Z'))).toBe(true);
    expect(hasStarted(MORNING, utc('2027-02-01T08:00:00Z'))).toBe(true);
  });
  it('opens the évaluation à chaud when the session starts, not before', () => {
    expect(evaluationOpen('2026-12-08T09:00', utc('2026-12-02T08:00:00Z'))).toBe(false);
    expect(evaluationOpen('2026-12-08T09:00', utc('2026-12-08T08:00:00Z'))).toBe(true);
    expect(evaluationOpen(null, utc('2026-12-08T08:00:00Z'))).toBe(false);
  });
  it('allows « Réalisé » once the last session has started', () => {
    expect(canBeDone('2026-12-08T14:00', utc('2026-12-08T12:59:00Z'))).toBe(false);
    expect(canBeDone('2026-12-08T14:00', utc('2026-12-08T13:00:00Z'))).toBe(true);
    expect(canBeDone(null, utc('2026-12-08T13:00:00Z'))).toBe(false);
  });
});
