import { describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../domain/attendance';
import { attendedSpan, buildGrid, cohortStats, heldSessionIds, inOrder, natureOf, personProgress, progressSeries, sumHours, type AttendanceLike, type EnrolmentLike, type SessionLike } from './progress';

const s = (id: string, date: string, halfDay: SessionLike['halfDay'], hours = 3.5, moduleId = 'm1'): SessionLike => ({ id, moduleId, date, halfDay, start: halfDay === 'matin' ? '09:00' : '13:30', hours });
const sessions = [s('s4', '2026-03-11', 'matin', 3, 'm2'), s('s1', '2026-03-10', 'matin'), s('s2', '2026-03-10', 'apres-midi'), s('s3', '2026-03-11', 'apres-midi', 3, 'm2')];
const mark = (sessionId: string, personId: string, status: AttendanceStatus, halfDay?: SessionLike['halfDay']): AttendanceLike => ({
  sessionId,
  personId,
  status,
  role: 'participant',
  halfDay: halfDay ?? sessions.find((x) => x.id === sessionId)!.halfDay,
});
const enrolled = (animatorId: string, changes: Partial<EnrolmentLike> = {}): EnrolmentLike => ({ animatorId, status: 'en-cours', withdrawnAt: null, ...changes });

describe('hours and completion', () => {
  it('orders sessions by date, morning first', () => {
    expect(inOrder(sessions).map((x) => x.id)).toEqual(['s1', 's2', 's4', 's3']);
  });

  it('sums hours without float noise', () => {
    expect(sumHours([{ hours: 0.1 }, { hours: 0.2 }, { hours: 3.5 }])).toBe(3.8);
  });

  it('counts attended hours against planned and held hours, per half-day', () => {
    const rows = [mark('s1', 'ana', 'present'), mark('s2', 'ana', 'present'), mark('s4', 'ana', 'absent'), mark('s1', 'bob', 'present'),
      // a row of the other half-day of s4 does not count for s4
      mark('s4', 'bob', 'present', 'apres-midi')];
    const grid = buildGrid(sessions, rows);
    const held = heldSessionIds(sessions, grid);
    expect([...held].sort()).toEqual(['s1', 's2', 's4']);
    const ana = personProgress(enrolled('ana'), sessions, grid, held, 70);
    expect(ana).toMatchObject({ plannedHours: 13, heldHours: 10, attendedHours: 7, percentOfHeld: 70, percentOfPlanned: 53.85, modulesAttended: ['m1'], missedSessions: 1, longestMissedRun: 1, risks: [] });
    const bob = personProgress(enrolled('bob'), sessions, grid, held, 70);
    expect(bob.attendedHours).toBe(3.5);
    expect(bob.longestMissedRun).toBe(2);
    expect(bob.risks).toEqual(['consecutive', 'below-threshold']);
  });

  it('never counts a session still to come as held or attended, even when marked (Paris time)', () => {
    const rows = [mark('s1', 'ana', 'present'), mark('s2', 'ana', 'present'), mark('s4', 'ana', 'present')];
    const grid = buildGrid(sessions, rows);
    // 10 March 2026 at 13:29 Paris (12:29 UTC): the afternoon s2 starts at 13:30, s4 is the next day
    const held = heldSessionIds(sessions, grid, new Date('2026-03-10T12:29:00Z'));
    expect([...held]).toEqual(['s1']);
    expect(personProgress(enrolled('ana'), sessions, grid, held, 70)).toMatchObject({ heldHours: 3.5, attendedHours: 3.5 });
    expect([...heldSessionIds(sessions, grid, new Date('2026-03-10T12:30:00Z'))].sort()).toEqual(['s1', 's2']);
  });

  it('ignores a mark taken back to « non renseigné »', () => {
    const grid = buildGrid(sessions, [{ ...mark('s1', 'ana', 'present'), status: null }]);
    expect(grid.get('ana')).toBeUndefined();
  });

    it('stops counting planned hours at a withdrawal', () => {
    const grid = buildGrid(sessions, [mark('s1', 'cid', 'present')]);
    const p = personProgress(enrolled('cid', { status: 'abandon', withdrawnAt: '2026-03-11' }), sessions, grid, heldSessionIds(sessions, grid), 70);
    expect(p.plannedHours).toBe(7);
    expect(p.risks).toEqual([]);
  });

  it('gives completion and drop-out rates', () => {
    const enrolments = [enrolled('a', { status: 'termine' }), enrolled('b', { status: 'certifie' }), enrolled('c', { status: 'abandon', withdrawnAt: '2026-03-10' }), enrolled('d')];
    const grid = buildGrid(sessions, [mark('s1', 'a', 'present'), mark('s1', 'd', 'absent'), mark('s2', 'd', 'excuse')]);
    const held = heldSessionIds(sessions, grid);
    const progress = enrolments.map((e) => personProgress(e, sessions, grid, held, 70));
    expect(cohortStats(enrolments, progress, sessions, held)).toEqual({
      enrolled: 4,
      completed: 2,
      droppedOut: 1,
      atRisk: 1,
      completionRate: 50,
      dropOutRate: 25,
      plannedHours: 13,
      heldHours: 7,
      attendedHours: 3.5,
    });
  });

  it('gives zero rates for an empty promotion', () => {
    expect(cohortStats([], [], [], new Set())).toMatchObject({ completionRate: 0, dropOutRate: 0, plannedHours: 0 });
  });
});

describe('at-risk rules', () => {
  const grid = (rows: AttendanceLike[]) => buildGrid(sessions, rows);
  const risk = (rows: AttendanceLike[], threshold = 70, who = 'p') => {
    const g = grid(rows);
    return personProgress(enrolled(who), sessions, g, heldSessionIds(sessions, g), threshold).risks;
  };

  it('flags two held sessions missed in a row, excused or not', () => {
    expect(risk([mark('s1', 'p', 'excuse'), mark('s2', 'p', 'absent'), mark('s4', 'p', 'present'), mark('s3', 'p', 'present')], 0)).toEqual(['consecutive']);
  });

  it('does not flag two misses with a presence between them', () => {
    expect(risk([mark('s1', 'p', 'absent'), mark('s2', 'p', 'present'), mark('s4', 'p', 'absent'), mark('s3', 'p', 'present')], 0)).toEqual([]);
  });

  it('counts a held session where the person is not on the sheet as missed', () => {
    expect(risk([mark('s1', 'other', 'present'), mark('s2', 'other', 'present')], 0)).toEqual(['consecutive']);
  });

  it('flags attendance below the threshold of held hours, not of all planned hours', () => {
    expect(risk([mark('s1', 'p', 'present'), mark('s2', 'p', 'absent')], 60)).toEqual(['below-threshold']);
    expect(risk([mark('s1', 'p', 'present'), mark('s2', 'p', 'absent')], 50)).toEqual([]);
    // nothing held yet: nobody is at risk
    expect(risk([], 100)).toEqual([]);
  });

  it('never flags people who finished', () => {
    const g = grid([mark('s1', 'p', 'absent'), mark('s2', 'p', 'absent')]);
    expect(personProgress(enrolled('p', { status: 'termine' }), sessions, g, heldSessionIds(sessions, g), 70).risks).toEqual([]);
  });
});

describe('progress over time', () => {
  it('gives one cumulative point per day with a held session', () => {
    const enrolments = [enrolled('a'), enrolled('b')];
    const g = buildGrid(sessions, [mark('s1', 'a', 'present'), mark('s2', 'a', 'present'), mark('s1', 'b', 'present'), mark('s2', 'b', 'absent'), mark('s4', 'a', 'present')]);
    expect(progressSeries(sessions, g, heldSessionIds(sessions, g), enrolments)).toEqual([
      { date: '2026-03-10', heldHours: 7, averageAttendedHours: 5.25, percent: 75 },
      { date: '2026-03-11', heldHours: 10, averageAttendedHours: 6.75, percent: 67.5 },
    ]);
  });
});

describe('what the certificate says', () => {
  it('gives the person’s own dates: first and last held session attended', () => {
    const grid = buildGrid(sessions, [mark('s1', 'ana', 'absent'), mark('s2', 'ana', 'present'), mark('s4', 'ana', 'present'), mark('s3', 'ana', 'absent')]);
    const held = heldSessionIds(sessions, grid, new Date('2026-04-01T00:00:00Z'));
    expect(attendedSpan(sessions, grid, held, 'ana')).toEqual({ first: '2026-03-10', last: '2026-03-11' });
    expect(attendedSpan(sessions, grid, held, 'bob')).toBeNull();
    // a « présent » on a session still to come gives no date
    expect(attendedSpan(sessions, grid, heldSessionIds(sessions, grid, new Date('2026-03-10T12:00:00Z')), 'ana')).toBeNull();
  });

  it('reads the nature of the action (art. L.6313-1) from the promotion’s text', () => {
    expect(natureOf(undefined)).toBe('formation');
    expect(natureOf('Action de formation')).toBe('formation');
    expect(natureOf('Bilan de compétences')).toBe('bilan');
    expect(natureOf('Action de VAE')).toBe('vae');
    expect(natureOf('Validation des acquis de l’expérience')).toBe('vae');
    expect(natureOf('Action de formation par apprentissage')).toBe('apprentissage');
  });
});
