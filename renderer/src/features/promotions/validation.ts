/**
 * The promotion, module and session forms as the user types them (strings), and
 * their checks. Every error is a message key shown at its field; the repository
 * runs the same checks again, so nothing is saved half-valid.
 */
import { isoDate } from '../../domain/common';
import { cohortStatusSchema, type Cohort, type CohortModule, type ModuleSession } from '../../domain/cohorts';
import type { HalfDay } from '../../domain/common';
import type { MessageKey } from '../../i18n';
import { currentRegionOfOld, getOldRegion, getRegion } from '../../shared/geo';

export class FormError<K extends string> extends Error {
  constructor(readonly errors: Partial<Record<K, MessageKey>>) {
    super(Object.values(errors).join(', '));
  }
}

export interface CohortForm {
  number: string;
  nickname: string;
  /** 'current' region, or a pre-2016 'old' region kept for history */
  regionKind: 'current' | 'old';
  regionCode: string;
  oldRegionCode: string;
  organiser: string;
  trainingBody: string;
  /** one name per line */
  trainers: string;
  startDate: string;
  endDate: string;
  /** one place per line */
  places: string;
  status: Cohort['status'];
  targetPath: string;
  riskThresholdPercent: string;
  nature: string;
  contact: string;
  accessInfo: string;
  /** certificat de réalisation of a declared training body (NDA), or a plain attestation */
  legalForm: boolean;
}
export type CohortFormErrors = Partial<Record<keyof CohortForm, MessageKey>>;

export function emptyCohortForm(nextNumber = 1, regionCode = '', trainer = ''): CohortForm {
  return {
    number: String(nextNumber),
    nickname: '',
    regionKind: 'current',
    regionCode,
    oldRegionCode: '',
    organiser: '',
    trainingBody: '',
    trainers: trainer,
    startDate: '',
    endDate: '',
    places: '',
    status: 'prevue',
    targetPath: 'Parcours ANT — Chargé de projets e-tourisme',
    riskThresholdPercent: '70',
    nature: '',
    contact: '',
    accessInfo: '',
    legalForm: true,
  };
}

export function formOfCohort(c: Cohort): CohortForm {
  return {
    number: String(c.number),
    nickname: c.nickname,
    regionKind: c.oldRegionCode ? 'old' : 'current',
    regionCode: c.regionCode,
    oldRegionCode: c.oldRegionCode ?? '',
    organiser: c.organiser,
    trainingBody: c.trainingBody,
    trainers: c.trainers.join('\n'),
    startDate: c.startDate,
    endDate: c.endDate,
    places: c.places.join('\n'),
    status: c.status,
    targetPath: c.targetPath,
    riskThresholdPercent: String(c.riskThresholdPercent),
    nature: c.nature ?? '',
    contact: c.contact ?? '',
    accessInfo: c.accessInfo ?? '',
    legalForm: c.legalForm !== false,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The region a cohort is counted in today: an old region maps to the region it merged into. */
export function regionOfForm(form: Pick<CohortForm, 'regionKind' | 'regionCode' | 'oldRegionCode'>): { regionCode: string; oldRegionCode: string | null } | null {
  if (form.regionKind === 'old') {
    const current = currentRegionOfOld(form.oldRegionCode);
    return current ? { regionCode: current.code, oldRegionCode: form.oldRegionCode } : null;
  }
  return getRegion(form.regionCode) ? { regionCode: form.regionCode, oldRegionCode: null } : null;
}

export function cohortFormErrors(form: CohortForm): CohortFormErrors {
  const errors: CohortFormErrors = {};
  if (!/^\d{1,5}$/.test(form.number.trim()) || Number(form.number) < 1) errors.number = 'cohorts.error.number';
  if (form.nickname.length > 200) errors.nickname = 'cohorts.error.tooLong';
  if (form.regionKind === 'old') {
    if (!getOldRegion(form.oldRegionCode)) errors.oldRegionCode = 'cohorts.error.region';
  } else if (!getRegion(form.regionCode)) errors.regionCode = 'cohorts.error.region';
  if (!isoDate.safeParse(form.startDate).success) errors.startDate = 'cohorts.error.date';
  if (!isoDate.safeParse(form.endDate).success) errors.endDate = 'cohorts.error.date';
  if (!errors.startDate && !errors.endDate && form.endDate < form.startDate) errors.endDate = 'cohorts.error.dateOrder';
  if (!cohortStatusSchema.safeParse(form.status).success) errors.status = 'cohorts.error.status';
  const threshold = form.riskThresholdPercent.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(threshold) || Number(threshold) > 100) errors.riskThresholdPercent = 'cohorts.error.threshold';
  for (const key of ['organiser', 'trainingBody', 'targetPath', 'nature'] as const) if (form[key].length > 200) errors[key] = 'cohorts.error.tooLong';
  return errors;
}

export type CohortFields = Omit<Cohort, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'>;

/** The record fields of a valid form. */
export function cohortFieldsOf(form: CohortForm): CohortFields {
  const region = regionOfForm(form);
  return {
    number: Number(form.number.trim()),
    nickname: form.nickname.trim(),
    regionCode: region?.regionCode ?? '',
    oldRegionCode: region?.oldRegionCode ?? null,
    organiser: form.organiser.trim(),
    trainingBody: form.trainingBody.trim(),
    trainers: lines(form.trainers),
    startDate: form.startDate,
    endDate: form.endDate,
    places: lines(form.places),
    status: form.status,
    targetPath: form.targetPath.trim(),
    riskThresholdPercent: Number(form.riskThresholdPercent.trim().replace(',', '.')),
    nature: form.nature.trim(),
    contact: form.contact.trim(),
    accessInfo: form.accessInfo.trim(),
    legalForm: form.legalForm,
  };
}

export interface ModuleForm {
  title: string;
  objectives: string;
  place: string;
  trainer: string;
  tutorialIds: string[];
  /** one criterion per line */
  criteria: string;
  evaluationPlanned: boolean;
}
export type ModuleFormErrors = Partial<Record<keyof ModuleForm, MessageKey>>;

export function emptyModuleForm(trainer = '', place = ''): ModuleForm {
  return { title: '', objectives: '', place, trainer, tutorialIds: [], criteria: '', evaluationPlanned: true };
}

export function formOfModule(m: CohortModule): ModuleForm {
  return { title: m.title, objectives: m.objectives, place: m.place, trainer: m.trainer, tutorialIds: [...m.tutorialIds], criteria: m.criteria.map((c) => c.label).join('\n'), evaluationPlanned: m.evaluationPlanned };
}

export function moduleFormErrors(form: ModuleForm): ModuleFormErrors {
  const errors: ModuleFormErrors = {};
  if (!form.title.trim()) errors.title = 'cohorts.error.moduleTitle';
  else if (form.title.trim().length > 200) errors.title = 'cohorts.error.tooLong';
  if (form.objectives.length > 5000) errors.objectives = 'cohorts.error.tooLong';
  if (lines(form.criteria).some((c) => c.length > 300)) errors.criteria = 'cohorts.error.tooLong';
  return errors;
}

/** Criteria keep their ids when their label is unchanged, so assessments already given stay attached. */
export function criteriaOf(text: string, previous: CohortModule['criteria'], newId: () => string): CohortModule['criteria'] {
  const byLabel = new Map(previous.map((c) => [c.label, c.id]));
  return lines(text).map((label) => ({ id: byLabel.get(label) ?? newId(), label }));
}

export interface SessionForm {
  date: string;
  halfDay: HalfDay;
  start: string;
  end: string;
  hours: string;
}
export type SessionFormErrors = Partial<Record<keyof SessionForm, MessageKey>>;

export function emptySessionForm(date = '', halfDay: HalfDay = 'matin'): SessionForm {
  return halfDay === 'matin' ? { date, halfDay, start: '09:00', end: '12:30', hours: '3,5' } : { date, halfDay, start: '13:30', end: '17:00', hours: '3,5' };
}

export function formOfSession(s: ModuleSession): SessionForm {
  return { date: s.date, halfDay: s.halfDay, start: s.start, end: s.end, hours: String(s.hours).replace('.', ',') };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Hours typed the French way ("3,5") or with a dot; NaN when not a number. */
export function parseHours(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export function sessionFormErrors(form: SessionForm, cohort: Pick<Cohort, 'startDate' | 'endDate'>): SessionFormErrors {
  const errors: SessionFormErrors = {};
  if (!isoDate.safeParse(form.date).success) errors.date = 'cohorts.error.date';
  else if (form.date < cohort.startDate || form.date > cohort.endDate) errors.date = 'cohorts.error.sessionOutside';
  if (form.halfDay !== 'matin' && form.halfDay !== 'apres-midi') errors.halfDay = 'cohorts.error.halfDay';
  if (!TIME.test(form.start)) errors.start = 'cohorts.error.time';
  if (!TIME.test(form.end)) errors.end = 'cohorts.error.time';
  if (!errors.start && !errors.end && form.end <= form.start) errors.end = 'cohorts.error.timeOrder';
  const hours = parseHours(form.hours);
  if (Number.isNaN(hours)) errors.hours = 'cohorts.error.hours';
  else if (hours < 0) errors.hours = 'cohorts.error.hoursNegative';
  else if (hours > 12) errors.hours = 'cohorts.error.hoursTooMany';
  return errors;
}
