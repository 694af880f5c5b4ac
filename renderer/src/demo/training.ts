/**
 * Demo promotions that look like a real year of training: one running now (half of its
 * half-days behind it, attendance taken, one person falling behind), one finished a few
 * months ago (everyone's attendance, people trained, one who left). Dates are relative to
 * `today`, so the running one is running whenever the demo is loaded; nothing dated after
 * today is marked as done.
 */
import type { Animator } from '../domain/registry';
import type { Cohort, CohortModule, Enrolment, ModuleSession } from '../domain/cohorts';
import type { Attendance, AttendanceStatus } from '../domain/attendance';
import { createRecord } from '../db/records';
import { seededRandom } from './random';
import { parisDateTime, parisToday } from '../domain/date-rules';
import { addDays } from '../shared/evaluation/repository';

export interface DemoTraining {
  cohorts: Cohort[];
  modules: CohortModule[];
  moduleSessions: ModuleSession[];
  enrolments: Enrolment[];
  attendance: Attendance[];
  /** the animators enrolled, with their training fields set to the promotion's */
  animators: Animator[];
}

const MODULES: { title: string; objectives: string; criteria: string[] }[] = [
  {
    title: 'Le métier d’ANT et le diagnostic numérique de territoire',
    objectives: 'Situer le rôle de l’animateur numérique de territoire ; conduire le diagnostic numérique du territoire (DNT) et en restituer les résultats.',
    criteria: ['Sait conduire un entretien de diagnostic', 'Restitue un DNT aux élus et aux partenaires'],
  },
  {
    title: 'Concevoir et animer un atelier collectif',
    objectives: 'Construire le déroulé minuté d’un atelier de trois heures, l’animer devant des prestataires et l’évaluer.',
    criteria: ['Construit un déroulé minuté', 'Anime un atelier en autonomie'],
  },
  {
    title: 'Réseaux sociaux et e-réputation',
    objectives: 'Accompagner un prestataire sur sa présence en ligne, sa ligne éditoriale et la réponse aux avis clients.',
    criteria: ['Conseille une stratégie éditoriale adaptée'],
  },
  {
    title: 'Accompagnement individuel des prestataires',
    objectives: 'Mener un rendez-vous conseil, fixer un plan d’action et en assurer le suivi.',
    criteria: [],
  },
];
const HALF_DAYS = [
  { halfDay: 'matin', start: '09:00', end: '12:30', hours: 3.5 },
  { halfDay: 'apres-midi', start: '14:00', end: '17:30', hours: 3.5 },
] as const;
/** The Tuesday on or after a YYYY-MM-DD day (training days of a regional cohort). */
function tuesdayFrom(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, (((2 - weekday) % 7) + 7) % 7);
}

interface Plan {
  nickname: string;
  /** first module's day, in days from today (negative: in the past) */
  startOffset: number;
  people: number;
  running: boolean;
}
const PLANS: Plan[] = [
  { nickname: 'Promotion Canva', startOffset: -38, people: 12, running: true },
  { nickname: 'Promotion Mailchimp', startOffset: -300, people: 10, running: false },
];

/**
 * Adds the two promotions to a region that has people, enrols people of that region and
 * writes their modules, half-days and attendance.
 */
export function generateTraining(animators: readonly Animator[], firstNumber: number, today: Date, seed = 42): DemoTraining {
  const rnd = seededRandom(seed + 7);
  const out: DemoTraining = { cohorts: [], modules: [], moduleSessions: [], enrolments: [], attendance: [], animators: [] };
  const byRegion = new Map<string, Animator[]>();
  for (const a of animators) {
    if (a.deletedAt !== null || !a.regionCode) continue;
    const list = byRegion.get(a.regionCode);
    if (list) list.push(a);
    else byRegion.set(a.regionCode, [a]);
  }
  const regions = [...byRegion.entries()].sort((a, b) => b[1].length - a[1].length);
  if (regions.length === 0) return out;
  const [regionCode, people] = regions[0]!;
  const todayDay = parisToday(today);
  const here = parisDateTime(today);
  const taken = new Set<string>();
  const stamp = new Date(Date.parse(`${addDays(todayDay, -400)}T09:00:00Z`));
  PLANS.forEach((plan, p) => {
    const first = tuesdayFrom(addDays(todayDay, plan.startOffset));
    const days = MODULES.map((_, m) => addDays(first, m * 14));
    const start = days[0]!;
    const end = days[days.length - 1]!;
    const trainer = p === 0 ? 'Anne Lacoste' : 'Pierre Etchegaray';
    const cohort = createRecord<Cohort>(
      {
        number: firstNumber + p,
        nickname: plan.nickname,
        regionCode,
        oldRegionCode: null,
        organiser: 'Relais territorial',
        trainingBody: 'Organisme de formation e-tourisme',
        trainers: [trainer],
        startDate: start,
        endDate: end,
        places: [people[0]!.communeName],
        status: plan.running ? 'en-cours' : 'terminee',
        targetPath: 'Parcours ANT — Chargé de projets e-tourisme',
        riskThresholdPercent: 70,
        contact: `${trainer}, Relais territorial — 06 12 34 56 78`,
        accessInfo: 'Salle au rez-de-chaussée, accessible en fauteuil roulant. Parking gratuit.',
      },
      stamp,
    );
    out.cohorts.push(cohort);
    const sessions: ModuleSession[] = [];
    MODULES.forEach((def, m) => {
      const module = createRecord<CohortModule>(
        {
          cohortId: cohort.id,
          order: m,
          title: def.title,
          objectives: def.objectives,
          place: `Maison du tourisme, ${people[0]!.communeName}`,
          trainer,
          tutorialIds: [],
          criteria: def.criteria.map((label, c) => ({ id: `${cohort.id}-c${m}-${c}`, label })),
          evaluationPlanned: def.criteria.length > 0,
        },
        stamp,
      );
      out.modules.push(module);
      for (const h of HALF_DAYS) {
        const session = createRecord<ModuleSession>({ moduleId: module.id, cohortId: cohort.id, date: days[m]!, halfDay: h.halfDay, start: h.start, end: h.end, hours: h.hours, sequence: 0 }, stamp);
        sessions.push(session);
      }
    });
    out.moduleSessions.push(...sessions);

    const chosen = people.filter((a) => !taken.has(a.id)).slice(0, plan.people);
    chosen.forEach((a, i) => {
      taken.add(a.id);
      // The finished promotion: one left after the first module; the running one: one falls behind.
      const left = !plan.running && i === chosen.length - 1;
      const behind = plan.running && i === 1;
      const withdrawnAt = left ? addDays(days[1]!, -3) : null;
      const certified = !plan.running && !left && i % 3 === 0;
      const status: Enrolment['status'] = plan.running ? 'en-cours' : left ? 'abandon' : certified ? 'certifie' : 'termine';
      out.enrolments.push(
        createRecord<Enrolment>(
          {
            cohortId: cohort.id,
            animatorId: a.id,
            status,
            withdrawnAt,
            withdrawReason: left ? 'Changement de poste' : '',
            assessments: {},
            completedAt: plan.running || left ? null : end,
            contacts: [],
          },
          stamp,
        ),
      );
      out.animators.push({
        ...a,
        cohortId: cohort.id,
        status: plan.running ? 'en-formation' : left ? 'abandon' : certified ? 'certifie' : 'forme',
        trainingStart: start,
        trainingEnd: plan.running || left ? null : end,
        trainedYear: plan.running || left ? null : Number(end.slice(0, 4)),
      });
      for (const s of sessions) {
        // Only half-days already over (Paris time) carry a presence; none after the person left.
        if (here < `${s.date}T${s.end}` || (withdrawnAt && withdrawnAt <= s.date)) continue;
        const roll = rnd.next();
        const mark: AttendanceStatus = behind ? (roll < 0.6 ? 'absent' : 'present') : roll < 0.9 ? 'present' : roll < 0.95 ? 'excuse' : 'absent';
        // marked during the half-day (its start read as UTC, an hour or two after it in Paris), never after today
        const at = new Date(Math.min(Date.parse(`${s.date}T${s.start}:00Z`) + 30 * 60_000, today.getTime())).toISOString();
        out.attendance.push(
          createRecord<Attendance>(
            {
              context: 'module',
              sessionId: s.id,
              halfDay: s.halfDay,
              personId: a.id,
              role: 'participant',
              personName: `${a.firstName} ${a.lastName}`,
              status: mark,
              signature: null,
              aPosteriori: null,
              audit: [{ at, device: 'demo', action: 'status', from: null, to: mark, reason: '', previous: null }],
            },
            new Date(at),
          ),
        );
      }
    });
  });
  return out;
}
