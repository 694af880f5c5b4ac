import { describe, expect, it } from 'vitest';
import { createRecord } from '../../db/records';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import { agendaTotal, compareAgenda, findConflicts, formatMinutes, inRange, matchesFilters, moveItem, periodRange, type Booking } from './rules';
import { contactHasBadEmail, sessionFormErrors, workshopFormErrors, emptyWorkshopForm } from './validation';

function workshop(changes: Partial<Workshop> = {}): Workshop {
  return createRecord<Workshop>({
    title: 'Atelier',
    theme: 'reseaux-sociaux',
    description: '',
    objectives: '',
    audience: [],
    prerequisites: '',
    format: 'collectif',
    place: { communeInsee: '64445', communeName: 'Pau', address: '', room: 'Salle des fêtes' },
    capacity: 10,
    animators: ['Camille Etcheverry'],
    status: 'publie',
    accessibility: '',
    contact: '',
    agenda: [],
    materials: [],
    materialsNotes: '',
    evaluationQuestions: [],
    isTemplate: false,
    templateId: null,
    firstDate: null,
    lastDate: null,
    ...changes,
  });
}
const booking = (w: Workshop, start: string, end: string, changes: Partial<WorkshopSession> = {}): Booking => ({
  workshop: w,
  session: createRecord<WorkshopSession>({ workshopId: w.id, start, end, sequence: 0, cancelled: false, ...changes }),
});

describe('déroulé totals', () => {
  it('sums the steps and compares them with each distinct live session length', () => {
    const steps = [{ minutes: 20 }, { minutes: 100 }, { minutes: 45 }];
    expect(agendaTotal(steps)).toBe(165);
    const sessions = [
      { start: '2026-03-10T09:00', end: '2026-03-10T12:00', cancelled: false },
      { start: '2026-03-17T09:00', end: '2026-03-17T12:00', cancelled: false },
      { start: '2026-03-24T14:00', end: '2026-03-24T16:45', cancelled: false },
      { start: '2026-03-31T09:00', end: '2026-03-31T17:00', cancelled: true },
    ];
    expect(compareAgenda(steps, sessions)).toEqual([
      { sessionMinutes: 165, agendaMinutes: 165, difference: 0 },
      { sessionMinutes: 180, agendaMinutes: 165, difference: -15 },
    ]);
    expect(compareAgenda(steps, [])).toEqual([]);
  });

  it('formats minutes as hours and minutes', () => {
    expect(formatMinutes(45)).toBe('45\u00a0min');
    expect(formatMinutes(180)).toBe('3\u00a0h');
    expect(formatMinutes(155)).toBe('2\u00a0h\u00a035');
    expect(formatMinutes(65)).toBe('1\u00a0h\u00a005');
  });

  it('moves a step up and down, and ignores moves past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});

describe('conflicts', () => {
  it('finds the same animator (accents and case ignored) booked at overlapping times', () => {
    const a = workshop({ title: 'Facebook', place: { communeInsee: '64445', communeName: 'Pau', address: '', room: '' } });
    const b = workshop({ title: 'Instagram', animators: ['camille  ETCHEVERRY'], place: { communeInsee: '64102', communeName: 'Bayonne', address: '', room: '' } });
    const mine = booking(a, '2026-03-10T09:00', '2026-03-10T12:00');
    const overlapping = booking(b, '2026-03-10T11:30', '2026-03-10T13:00');
    const touching = booking(b, '2026-03-10T12:00', '2026-03-10T13:00');
    const conflicts = findConflicts([mine], [mine, overlapping, touching]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'animator', detail: 'Camille Etcheverry', sessionId: mine.session.id });
    expect(conflicts[0]?.other.workshop.title).toBe('Instagram');
  });

  it('finds the same room of the same commune, not a homonym room elsewhere', () => {
    const a = workshop({ animators: ['Léa'] });
    const sameRoom = workshop({ animators: ['Hugo'], place: { communeInsee: '64445', communeName: 'Pau', address: '', room: 'salle des FETES' } });
    const elsewhere = workshop({ animators: ['Inès'], place: { communeInsee: '64102', communeName: 'Bayonne', address: '', room: 'Salle des fêtes' } });
    const mine = booking(a, '2026-03-10T09:00', '2026-03-10T12:00');
    const conflicts = findConflicts([mine], [booking(sameRoom, '2026-03-10T10:00', '2026-03-10T11:00'), booking(elsewhere, '2026-03-10T10:00', '2026-03-10T11:00')]);
    expect(conflicts.map((c) => c.kind)).toEqual(['room']);
  });

  it('ignores cancelled sessions, cancelled or deleted workshops and templates', () => {
    const a = workshop();
    const mine = booking(a, '2026-03-10T09:00', '2026-03-10T12:00');
    const others = [
      booking(workshop(), '2026-03-10T09:00', '2026-03-10T12:00', { cancelled: true }),
      booking(workshop({ status: 'annule' }), '2026-03-10T09:00', '2026-03-10T12:00'),
      booking({ ...workshop(), deletedAt: '2026-01-01T00:00:00.000Z' }, '2026-03-10T09:00', '2026-03-10T12:00'),
      booking(workshop({ isTemplate: true }), '2026-03-10T09:00', '2026-03-10T12:00'),
    ];
    expect(findConflicts([mine], others)).toEqual([]);
    expect(findConflicts([mine], [booking(workshop(), '2026-03-10T09:00', '2026-03-10T12:00')]).map((c) => c.kind).sort()).toEqual(['animator', 'room']);
  });
});

describe('period filters', () => {
  const today = new Date('2026-05-14T10:00:00');
  it('turns presets into date ranges seen from today', () => {
    expect(periodRange('all', today)).toEqual({ from: null, to: null });
    expect(periodRange('upcoming', today)).toEqual({ from: '2026-05-14', to: null });
    expect(periodRange('past', today)).toEqual({ from: null, to: '2026-05-13' });
    expect(periodRange('thisMonth', today)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(periodRange('thisQuarter', today)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodRange('thisYear', today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange('custom', today, { from: '2026-02-01', to: null })).toEqual({ from: '2026-02-01', to: null });
  });

  it('keeps workshops whose dates meet the range, undated ones only without a range', () => {
    const spread = { firstDate: '2026-04-20', lastDate: '2026-06-02' };
    expect(inRange(spread, { from: '2026-05-01', to: '2026-05-31' })).toBe(true);
    expect(inRange(spread, { from: '2026-06-03', to: null })).toBe(false);
    expect(inRange(spread, { from: null, to: '2026-04-19' })).toBe(false);
    expect(inRange({ firstDate: null, lastDate: null }, { from: '2026-01-01', to: null })).toBe(false);
    expect(inRange({ firstDate: null, lastDate: null }, { from: null, to: null })).toBe(true);
  });

  it('combines status, theme, commune, text and period', () => {
    const w = workshop({ title: 'Avis en ligne', theme: 'e-reputation', firstDate: '2026-05-20', lastDate: '2026-05-20' });
    const base = { status: '' as const, theme: '', communeInsee: '', range: { from: null, to: null }, text: '' };
    expect(matchesFilters(w, base)).toBe(true);
    expect(matchesFilters(w, { ...base, status: 'brouillon' })).toBe(false);
    expect(matchesFilters(w, { ...base, theme: 'e-reputation', communeInsee: '64445', text: 'avis' })).toBe(true);
    expect(matchesFilters(w, { ...base, communeInsee: '64102' })).toBe(false);
    expect(matchesFilters(w, { ...base, range: periodRange('thisMonth', today) })).toBe(true);
    expect(matchesFilters(w, { ...base, range: periodRange('past', today) })).toBe(false);
    expect(matchesFilters({ ...w, isTemplate: true }, base)).toBe(false);
  });
});

describe('form checks', () => {
  it('refuses end before start and a date outside the workshop period, in French keys at the fields', () => {
    expect(sessionFormErrors({ date: '2026-03-10', startTime: '14:00', endTime: '09:00' }, {})).toEqual({ endTime: 'session.error.endBeforeStart' });
    expect(sessionFormErrors({ date: '2026-03-10', startTime: '09:00', endTime: '09:00' }, {})).toEqual({ endTime: 'session.error.endBeforeStart' });
    expect(sessionFormErrors({ date: '2026-02-30', startTime: '09:00', endTime: '12:00' }, {})).toEqual({ date: 'session.error.date' });
    expect(sessionFormErrors({ date: '2026-03-10', startTime: '09:00', endTime: '12:00' }, { periodStart: '2026-04-01', periodEnd: '2026-06-30' })).toEqual({ date: 'session.error.outsidePeriod' });
    expect(sessionFormErrors({ date: '2026-04-10', startTime: '09:00', endTime: '12:00' }, { periodStart: '2026-04-01', periodEnd: '2026-06-30' })).toEqual({});
  });

  it('checks e-mail addresses inside the contact only where there is one', () => {
    expect(contactHasBadEmail('OT Pau — 05 59 00 00 00')).toBe(false);
    expect(contactHasBadEmail('Léa, accueil@ot-pau.fr.')).toBe(false);
    expect(contactHasBadEmail('accueil@ot-pau')).toBe(true);
    expect(contactHasBadEmail('Léa <lea@@ot.fr>')).toBe(true);
    const form = { ...emptyWorkshopForm(), title: ' ', capacity: '0', contact: 'x@y', periodStart: '2026-06-01', periodEnd: '2026-05-01' };
    expect(workshopFormErrors(form)).toEqual({ title: 'workshop.error.title', capacity: 'workshop.error.capacity', contact: 'workshop.error.contactEmail', periodEnd: 'workshop.error.periodOrder' });
  });
});
