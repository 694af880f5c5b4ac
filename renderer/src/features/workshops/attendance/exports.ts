/** Participants and attendance of a workshop as French-Excel CSV (BOM, `;`, JJ/MM/AAAA). */
import type { CsvColumn } from '../../../shared/csv';
import { frenchDate } from '../../../shared/csv';
import type { Attendance } from '../../../domain/attendance';
import type { WorkshopSession } from '../../../domain/workshops';
import type { Translate } from '../../../i18n';
import { displayName } from '../../providers/repository';
import type { RegistrationRow } from '../registrations/queries';
import { registrationStatusLabel } from '../registrations/labels';
import { halfDayLabel, markLabel } from '../../../shared/attendance/AttendanceSheet';

const parisFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** An instant as JJ/MM/AAAA HH:MM in Paris time, whatever the machine's zone (sheets are French legal proof). */
export function parisDateTime(iso: string): string {
  return parisFormat.format(new Date(iso)).replace(',', '');
}

/** The session a registration is for (JJ/MM/AAAA HH:MM), « Toutes les séances » for the whole workshop. */
function sessionText(t: Translate, sessionId: string | null | undefined, sessions: readonly WorkshopSession[]): string {
  const s = sessionId ? sessions.find((x) => x.id === sessionId) : undefined;
  if (!sessionId) return t('sessions.csv.allSessions');
  return s ? `${frenchDate(s.start.slice(0, 10))} ${s.start.slice(11, 16)}` : '';
}

export function participantColumns(t: Translate, sessions: readonly WorkshopSession[] = []): CsvColumn<RegistrationRow>[] {
  return [
    { header: t('csv.lastName'), value: (r) => r.person?.lastName ?? '' },
    { header: t('csv.firstName'), value: (r) => r.person?.firstName ?? '' },
    { header: t('csv.structure'), value: (r) => r.person?.structure ?? '' },
    { header: t('csv.commune'), value: (r) => r.person?.communeName ?? '' },
    { header: t('csv.email'), value: (r) => r.person?.email ?? '' },
    { header: t('csv.phone'), value: (r) => r.person?.phone ?? '' },
    { header: t('csv.status'), value: (r) => t(registrationStatusLabel[r.registration.status]) },
    { header: t('csv.registeredOn'), value: (r) => frenchDate(r.registration.history[0]?.at.slice(0, 10)) },
    { header: t('csv.changedOn'), value: (r) => frenchDate(r.registration.history.at(-1)?.at.slice(0, 10)) },
    { header: t('sessions.csv.session'), value: (r) => sessionText(t, r.registration.sessionId, sessions) },
    { header: t('sessions.csv.walkIn'), value: (r) => (r.registration.walkIn ? t('common.yes') : '') },
  ];
}

export interface AttendanceCsvRow {
  session: WorkshopSession;
  row: Attendance;
  structure: string;
}

export function attendanceColumns(t: Translate): CsvColumn<AttendanceCsvRow>[] {
  return [
    { header: t('csv.date'), value: (r) => frenchDate(r.session.start.slice(0, 10)) },
    { header: t('csv.start'), value: (r) => r.session.start.slice(11, 16) },
    { header: t('csv.end'), value: (r) => r.session.end.slice(11, 16) },
    { header: t('csv.halfDay'), value: (r) => t(halfDayLabel[r.row.halfDay]) },
    { header: t('csv.name'), value: (r) => r.row.personName },
    { header: t('csv.structure'), value: (r) => r.structure },
    { header: t('csv.role'), value: (r) => t(r.row.role === 'animateur' ? 'csv.role.leader' : 'csv.role.participant') },
    { header: t('csv.attendance'), value: (r) => t(markLabel(r.row.status)) },
    { header: t('csv.signedAt'), value: (r) => (r.row.signature ? parisDateTime(r.row.signature.signedAt) : '') },
    { header: t('csv.signatureMethod'), value: (r) => (r.row.signature ? t(r.row.signature.method === 'typed' ? 'csv.method.typed' : 'csv.method.drawn') : '') },
    { header: t('print.csv.aPosteriori'), value: (r) => (r.row.aPosteriori ? parisDateTime(r.row.aPosteriori.at) : '') },
    { header: t('print.csv.aPosterioriReason'), value: (r) => r.row.aPosteriori?.reason ?? '' },
  ];
}

export { displayName };
