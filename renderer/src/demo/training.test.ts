import { describe, expect, it } from 'vitest';
import { loadCommunes } from '../shared/geo';
import { generateDemoData } from './generator';
import { generateTraining } from './training';
import { animatorSchema } from '../domain/registry';
import { cohortSchema, enrolmentSchema, moduleSchema, moduleSessionSchema } from '../domain/cohorts';
import { attendanceSchema } from '../domain/attendance';

describe('demo promotions', () => {
  it('one runs around today with attendance only for half-days already over, one is finished; every record is valid', async () => {
    const { communes } = await loadCommunes();
    const data = generateDemoData(communes, { animators: 300, cohorts: 12, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, 42);
    const today = new Date('2026-12-07T15:00:00Z');
    const t = generateTraining(data.animators, 13, today);
    for (const c of t.cohorts) expect(cohortSchema.safeParse(c).error).toBeUndefined();
    for (const m of t.modules) expect(moduleSchema.safeParse(m).error).toBeUndefined();
    for (const s of t.moduleSessions) expect(moduleSessionSchema.safeParse(s).error).toBeUndefined();
    for (const e of t.enrolments) expect(enrolmentSchema.safeParse(e).error).toBeUndefined();
    for (const a of t.attendance) expect(attendanceSchema.safeParse(a).error).toBeUndefined();
    for (const a of t.animators) expect(animatorSchema.safeParse(a).error).toBeUndefined();

    const [running, finished] = t.cohorts;
    expect(running).toMatchObject({ number: 13, status: 'en-cours' });
    expect(finished).toMatchObject({ number: 14, status: 'terminee' });
    expect(running!.startDate < '2026-12-07' && running!.endDate > '2026-12-07').toBe(true);
    expect(finished!.endDate < '2026-12-07').toBe(true);
    // the running one has half-days behind and ahead; no presence for one not over yet
    const sessionsOf = (id: string) => t.moduleSessions.filter((s) => s.cohortId === id);
    expect(sessionsOf(running!.id).some((s) => s.date > '2026-12-07')).toBe(true);
    expect(sessionsOf(running!.id).some((s) => s.date < '2026-12-07')).toBe(true);
    const dateOf = new Map(t.moduleSessions.map((s) => [s.id, s.date]));
    expect(t.attendance.length).toBeGreaterThan(0);
    expect(t.attendance.every((a) => dateOf.get(a.sessionId)! <= '2026-12-07' && a.audit[0]!.at <= today.toISOString())).toBe(true);
    // nobody is enrolled twice, everyone enrolled is in the registry, with the promotion's training fields
    expect(new Set(t.enrolments.map((e) => e.animatorId)).size).toBe(t.enrolments.length);
    const ids = new Set(data.animators.map((a) => a.id));
    expect(t.animators.every((a) => ids.has(a.id))).toBe(true);
    for (const e of t.enrolments) {
      const a = t.animators.find((x) => x.id === e.animatorId)!;
      expect(a.cohortId).toBe(e.cohortId);
      if (e.status === 'abandon') expect(e.withdrawnAt).not.toBeNull();
    }
    // someone in the running promotion is behind (mostly absent), so the dashboard has a person at risk
    const absences = new Map<string, number>();
    for (const a of t.attendance) if (a.status === 'absent') absences.set(a.personId, (absences.get(a.personId) ?? 0) + 1);
    expect(Math.max(...absences.values())).toBeGreaterThanOrEqual(2);
    // the same seed and day give the same promotions
    const again = generateTraining(data.animators, 13, today);
    expect(again.attendance.map((a) => a.status)).toEqual(t.attendance.map((a) => a.status));
  });
});
