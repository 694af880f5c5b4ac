import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord, StaleRecordError } from '../../db/records';
import type { Registration } from '../../domain/workshops';
import { freshDb } from '../../test/db';
import { bookingsBetween, conflictsOfWorkshop, getWorkshop, listWorkshops, sessionsOf } from './queries';
import { addSession, createFromTemplate, createWorkshop, deleteWorkshop, duplicateWorkshop, FormError, restoreWorkshop, saveAgenda, saveAsTemplate, saveMaterials, setSessionCancelled, updateSession, updateWorkshop } from './repository';
import { emptyWorkshopForm, formOfSession, formOfWorkshop, type WorkshopForm } from './validation';

const form = (changes: Partial<WorkshopForm> = {}): WorkshopForm => ({
  ...emptyWorkshopForm('Camille Etcheverry'),
  title: 'Google Business Profile',
  theme: 'google-business-profile',
  communeInsee: '64445',
  communeName: 'Pau',
  room: 'Salle des fêtes',
  capacity: '3',
  ...changes,
});
const slot = (date: string, startTime = '09:00', endTime = '12:00') => ({ date, startTime, endTime });

async function caught<K extends string>(promise: Promise<unknown>): Promise<FormError<K>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FormError) return error as FormError<K>;
    throw error;
  }
  throw new Error('expected a FormError');
}

describe('workshop repository', () => {
  let db: FourmiliereDatabase;
  beforeEach(() => {
    db = freshDb();
  });

  it('a save from a stale form (two tabs) writes nothing and hands back the stored version', async () => {
    const w = await createWorkshop(form());
    const saved = await updateWorkshop(w.id, { ...formOfWorkshop(w), description: 'Créer et animer sa fiche.' }, new Date(), w.rev);
    const stale = updateWorkshop(w.id, { ...formOfWorkshop(w), room: 'Médiathèque' }, new Date(), w.rev);
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    expect(((await stale.catch((e: unknown) => e)) as StaleRecordError).current.rev).toEqual(saved.rev);
    expect(await getWorkshop(w.id)).toMatchObject({ description: 'Créer et animer sa fiche.', place: expect.objectContaining({ room: 'Salle des fêtes' }) });
    const again = await updateWorkshop(w.id, { ...formOfWorkshop(saved), room: 'Médiathèque' }, new Date(), saved.rev);
    expect(again).toMatchObject({ description: 'Créer et animer sa fiche.', place: expect.objectContaining({ room: 'Médiathèque' }) });
  });

  it('a déroulé saved from a stale revision writes nothing; the steps saved in the other tab survive', async () => {
    const w = await createWorkshop(form());
    const step = { id: 's1', title: 'Accueil', minutes: 15, objective: '', method: '', material: '', tutorialIds: [] };
    const afterTab1 = await saveAgenda(w.id, [step, { ...step, id: 's2', title: 'Créer la fiche', minutes: 60 }], w.rev);
    const error = await saveAgenda(w.id, [{ ...step, minutes: 20 }], w.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    expect((await getWorkshop(w.id))!.agenda.map((s) => [s.title, s.minutes])).toEqual([['Accueil', 15], ['Créer la fiche', 60]]);
    const again = await saveAgenda(w.id, [{ ...step, minutes: 20 }, afterTab1.agenda[1]!], afterTab1.rev);
    expect(again.agenda.map((s) => [s.title, s.minutes])).toEqual([['Accueil', 20], ['Créer la fiche', 60]]);
  });

  it('a checklist saved from a stale revision writes nothing; the ticks saved in the other tab survive', async () => {
    const w = await createWorkshop(form());
    const [first, ...rest] = w.materials;
    const afterTab1 = await saveMaterials(w.id, [{ ...first!, checked: true }, ...rest], 'Clé de la salle à l’accueil', w.rev);
    const error = await saveMaterials(w.id, w.materials, 'Prévoir des rallonges', w.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    expect(await getWorkshop(w.id)).toMatchObject({ materialsNotes: 'Clé de la salle à l’accueil', materials: [expect.objectContaining({ id: first!.id, checked: true }), ...rest] });
    const again = await saveMaterials(w.id, afterTab1.materials, 'Prévoir des rallonges', afterTab1.rev);
    expect(again).toMatchObject({ materialsNotes: 'Prévoir des rallonges', materials: afterTab1.materials });
  });

  it('a session moved from a stale form writes nothing; the times saved in the other tab survive', async () => {
    const w = await createWorkshop(form());
    const s = await addSession(w.id, slot('2026-03-10'));
    const afterTab1 = await updateSession(s.id, { ...formOfSession(s), startTime: '09:30' }, s.rev);
    const error = await updateSession(s.id, { ...formOfSession(s), endTime: '12:30' }, s.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    expect(formOfSession((await sessionsOf(w.id))[0]!)).toEqual({ date: '2026-03-10', startTime: '09:30', endTime: '12:00' });
    const again = await updateSession(s.id, { ...formOfSession(afterTab1), endTime: '12:30' }, afterTab1.rev);
    expect(formOfSession(again)).toEqual({ date: '2026-03-10', startTime: '09:30', endTime: '12:30' });
  });

  it('saves nothing from a half-valid form and says which fields are wrong', async () => {
    const error = await caught(createWorkshop(form({ title: '', contact: 'accueil@ot-pau' })));
    expect(error.errors).toEqual({ title: 'workshop.error.title', contact: 'workshop.error.contactEmail' });
    expect(await db.workshops.count()).toBe(0);
  });

  it('adds sessions, keeps the workshop dates in step, grows SEQUENCE on each change', async () => {
    const w = await createWorkshop(form());
    expect(w.materials.map((m) => m.label)).toContain('Vidéoprojecteur');
    const s1 = await addSession(w.id, slot('2026-03-10'));
    await addSession(w.id, slot('2026-04-14', '14:00', '17:00'));
    expect(await getWorkshop(w.id)).toMatchObject({ firstDate: '2026-03-10', lastDate: '2026-04-14' });
    expect(s1.sequence).toBe(0);
    const moved = await updateSession(s1.id, slot('2026-03-11'));
    expect(moved.sequence).toBe(1);
    expect(await getWorkshop(w.id)).toMatchObject({ firstDate: '2026-03-11' });
    const unchanged = await updateSession(s1.id, slot('2026-03-11'));
    expect(unchanged.sequence).toBe(1);
    const cancelled = await setSessionCancelled(s1.id, true);
    expect(cancelled).toMatchObject({ cancelled: true, sequence: 2 });
    // a new title is a significant revision of every session's event
    await updateWorkshop(w.id, { ...formOfWorkshop((await getWorkshop(w.id))!), title: 'Google Business Profile : les bases' });
    expect((await sessionsOf(w.id)).map((s) => s.sequence)).toEqual([3, 1]);
  });

  it('refuses end before start and sessions outside the workshop period, saving nothing', async () => {
    const w = await createWorkshop(form({ periodStart: '2026-04-01', periodEnd: '2026-06-30' }));
    expect((await caught(addSession(w.id, slot('2026-04-10', '12:00', '09:00')))).errors).toEqual({ endTime: 'session.error.endBeforeStart' });
    expect((await caught(addSession(w.id, slot('2026-03-31')))).errors).toEqual({ date: 'session.error.outsidePeriod' });
    expect(await db.sessions.count()).toBe(0);
    await addSession(w.id, slot('2026-05-05'));
    const narrowed = await caught(updateWorkshop(w.id, { ...formOfWorkshop(w), periodEnd: '2026-04-30' }));
    expect(narrowed.errors).toEqual({ periodEnd: 'workshop.error.sessionsOutsidePeriod' });
    expect((await getWorkshop(w.id))?.periodEnd).toBe('2026-06-30');
  });

  it('refuses « Réalisé » before the last session has started (Paris time), and for a workshop without sessions', async () => {
    expect((await caught(createWorkshop(form({ status: 'realise' })))).errors).toEqual({ status: 'dates.status.realiseNoSession' });
    const w = await createWorkshop(form());
    expect((await caught(updateWorkshop(w.id, { ...formOfWorkshop(w), status: 'realise' }))).errors).toEqual({ status: 'dates.status.realiseNoSession' });
    await addSession(w.id, slot('2026-05-05'));
    await addSession(w.id, slot('2026-05-12', '14:00', '17:00'));
    const before = new Date('2026-05-12T11:59:00Z'); // 13:59 Paris, summer time
    expect((await caught(updateWorkshop(w.id, { ...formOfWorkshop(w), status: 'realise' }, before))).errors).toEqual({ status: 'dates.status.realiseRefused' });
    expect((await getWorkshop(w.id))?.status).toBe('brouillon');
    const done = await updateWorkshop(w.id, { ...formOfWorkshop(w), status: 'realise' }, new Date('2026-05-12T12:00:00Z'));
    expect(done.status).toBe('realise');
  });

    it('refuses a capacity below the number registered', async () => {
    const w = await createWorkshop(form({ capacity: '5' }));
    const reg = (personId: string, status: Registration['status']) => createRecord<Registration>({ workshopId: w.id, personId, status, waitRank: 0, history: [] });
    await db.registrations.bulkAdd([reg('p1', 'inscrit'), reg('p2', 'inscrit'), reg('p3', 'inscrit'), reg('p4', 'annule'), reg('p5', 'attente')]);
    const error = await caught(updateWorkshop(w.id, { ...formOfWorkshop(w), capacity: '2', title: 'Nouveau titre' }));
    expect(error.errors).toEqual({ capacity: 'workshop.error.capacityBelowRegistered' });
    expect(await getWorkshop(w.id)).toMatchObject({ capacity: 5, title: 'Google Business Profile' });
    await updateWorkshop(w.id, { ...formOfWorkshop(w), capacity: '3' });
    expect((await getWorkshop(w.id))?.capacity).toBe(3);
  });

  it('duplicates, saves as template and schedules from a template, keeping the déroulé', async () => {
    const w = await createWorkshop(form());
    await saveAgenda(w.id, [{ id: 'a', title: 'Accueil', minutes: 15, objective: '', method: '', material: '', tutorialIds: ['gbp-fiche'] }]);
    await addSession(w.id, slot('2026-03-10'));
    const copy = await duplicateWorkshop(w.id, '(copie)');
    expect(copy).toMatchObject({ title: 'Google Business Profile (copie)', status: 'brouillon', firstDate: null, isTemplate: false });
    expect(copy.agenda[0]).toMatchObject({ title: 'Accueil', tutorialIds: ['gbp-fiche'] });
    expect(await sessionsOf(copy.id)).toEqual([]);
    const template = await saveAsTemplate(w.id);
    expect(template.isTemplate).toBe(true);
    const scheduled = await createFromTemplate(template.id, slot('2026-10-06', '14:00', '17:00'));
    expect(scheduled).toMatchObject({ templateId: template.id, isTemplate: false, firstDate: '2026-10-06' });
    expect((await sessionsOf(scheduled.id)).map((s) => s.start)).toEqual(['2026-10-06T14:00']);
    const year = await listWorkshops({ from: '2026-01-01', to: '2026-12-31' });
    expect(year.map((x) => x.id).sort()).toEqual([w.id, scheduled.id].sort());
  });

  it('deletes softly and restores', async () => {
    const w = await createWorkshop(form());
    await addSession(w.id, slot('2026-03-10'));
    await deleteWorkshop(w.id);
    expect((await getWorkshop(w.id))?.deletedAt).not.toBeNull();
    expect(await listWorkshops({ from: null, to: null })).toEqual([]);
    expect((await listWorkshops({ from: null, to: null }, { deleted: true })).map((x) => x.id)).toEqual([w.id]);
    expect(await bookingsBetween('2026-03-10T00:00', '2026-03-10T23:59')).toEqual([]);
    await restoreWorkshop(w.id);
    expect((await getWorkshop(w.id))?.deletedAt).toBeNull();
    expect(await bookingsBetween('2026-03-10T00:00', '2026-03-10T23:59')).toHaveLength(1);
  });

  it('finds conflicts with other workshops around the same days', async () => {
    const a = await createWorkshop(form({ title: 'Facebook', room: '' }));
    const b = await createWorkshop(form({ title: 'Instagram', room: '' }));
    await addSession(a.id, slot('2026-03-10', '09:00', '12:00'));
    await addSession(b.id, slot('2026-03-10', '11:00', '13:00'));
    const conflicts = await conflictsOfWorkshop((await getWorkshop(a.id))!);
    expect(conflicts.map((c) => [c.kind, c.detail, c.other.workshop.title])).toEqual([['animator', 'Camille Etcheverry', 'Instagram']]);
  });
});
