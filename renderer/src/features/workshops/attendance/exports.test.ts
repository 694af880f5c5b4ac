import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import { translate } from '../../../i18n';
import { toFrenchCsv } from '../../../shared/csv';
import { listSessionAttendance, setAttendanceStatus, signAttendance } from '../../../shared/attendance/repository';
import { seedPerson, seedWorkshop } from '../registrations/fixtures';
import { registrationRows } from '../registrations/queries';
import { register } from '../registrations/repository';
import { attendanceColumns, participantColumns } from './exports';

beforeEach(() => {
  freshDb();
});

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('fr', key, params);

function readBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' , skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('participants and attendance as French CSV', () => {
  it('exports the participants with French dates and statuses', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    await register(workshop, (await seedPerson('Élissalde', { structure: 'Camping "Les Pins"; Biarritz', email: 'elissalde@pins.fr' })).id, {}, new Date('2026-02-03T10:00:00Z'));
    await register(workshop, (await seedPerson('Bordes')).id, {}, new Date('2026-02-04T10:00:00Z'));
    const rows = (await registrationRows(workshop.id)).sort((a, b) => (a.person?.lastName ?? '').localeCompare(b.person?.lastName ?? ''));
    const data = readBack(toFrenchCsv(rows, participantColumns(t)));
    expect(data[0]).toEqual(['Nom', 'Prénom', 'Structure', 'Commune', 'E-mail', 'Téléphone', 'Statut', 'Inscrit le', 'Dernier changement le', 'Séance', 'Sur place']);
    expect(data[1]).toEqual(['Bordes', 'Alex', 'Gîte Bordes', '', 'bordes@exemple.fr', '', 'Liste d’attente', '04/02/2026', '04/02/2026', 'Toutes les séances', '']);
    expect(data[2]?.[2]).toBe('Camping "Les Pins"; Biarritz');
    expect(data[2]?.[6]).toBe('Inscrit');
  });

  it('exports attendance per half-day with signature times and methods', async () => {
    const { session } = await seedWorkshop();
    const key = { context: 'workshop' as const, sessionId: session.id, halfDay: 'matin' as const, role: 'participant' as const };
    await signAttendance({ ...key, personId: 'p1', personName: 'Maite Arrieta' }, 'data:image/png;base64,AAAA', 'drawn', '', new Date('2026-03-10T08:05:00Z'));
    await setAttendanceStatus({ ...key, personId: 'p2', personName: 'Jon Bordes' }, 'excuse', '', new Date('2026-03-10T08:05:00Z'));
    await setAttendanceStatus({ ...key, personId: 'p3', personName: 'Peio Etxeberri' }, 'present', 'feuille papier saisie le lendemain', new Date('2026-03-11T09:00:00Z'));
    const rows = (await listSessionAttendance('workshop', session.id)).sort((a, b) => a.personName.localeCompare(b.personName));
    const data = readBack(toFrenchCsv(rows.map((row) => ({ row, session, structure: '' })), attendanceColumns(t)));
    expect(data[0]?.slice(0, 5)).toEqual(['Date', 'Début', 'Fin', 'Demi-journée', 'Nom et prénom']);
    expect(data[0]?.slice(10)).toEqual(['Saisie a posteriori le', 'Raison de la saisie a posteriori']);
    expect(data[1]).toEqual(['10/03/2026', '09:00', '12:00', 'Matin', 'Jon Bordes', '', 'Participant·e', 'Excusé', '', '', '', '']);
    expect(data[2]).toEqual(['10/03/2026', '09:00', '12:00', 'Matin', 'Maite Arrieta', '', 'Participant·e', 'Présent', '10/03/2026 09:05', 'manuscrite à l’écran', '', '']);
    expect(data[3]).toEqual(['10/03/2026', '09:00', '12:00', 'Matin', 'Peio Etxeberri', '', 'Participant·e', 'Présent', '', '', '11/03/2026 10:00', 'feuille papier saisie le lendemain']);
  });
});
