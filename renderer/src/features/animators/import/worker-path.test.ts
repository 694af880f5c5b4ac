/**
 * The import's dry run as its worker makes it: the people the rows name found in the
 * registry's columns (its snapshot, kept current from the log) rather than by reading
 * names one request at a time, and the report sent a page at a time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { createRecord, getDeviceId, setDeviceId, softDelete } from '../../../db/records';
import type { Animator } from '../../../domain/registry';
import { createAnimator, emptyAnimatorForm, fieldsOf, withDerived, nameStructureKey } from '../repository';
import { RegistryService } from '../registry-service';
import { LiveRegistry } from '../registry-live';
import { detectMapping } from './headers';
import { parseCsv } from './parse';
import { planImport, registryPeople, type FindPeople, type ImportPlan } from './plan';
import { REPORT_PAGE, reportRow } from './report';
import { ImportSession, type ImportIn, type ImportOut } from './session';

const utf8 = (s: string) => new TextEncoder().encode(s);

function person(first: string, last: string, email: string, structureName: string, extra: Partial<Animator> = {}): Animator {
  return createRecord<Animator>(
    withDerived({
      firstName: first, lastName: last, email, phone: '', structureName, structureType: 'office-tourisme', jobTitle: '', communeInsee: '', communeName: '', postalCode: '',
      departmentCode: '', regionCode: '', status: 'forme', cohortId: null, trainingStart: null, trainingEnd: null, trainedYear: null, specialities: [], languages: [], notes: '',
      consent: { given: false, date: null, purpose: 'annuaire' }, lastContactAt: null, ...extra,
    }),
  );
}

/** What the dry run did before the registry answered: the e-mails and names read from their indexes, a hundred at a time. */
function indexReads(db: FourmiliereDatabase): FindPeople {
  return async (emails, sortNames, keys) => {
    const byEmail = new Map<string, string>();
    const byKey = new Map<string, string>();
    const list = [...emails];
    for (let i = 0; i < list.length; i += 100) for (const a of await db.animators.where('email').anyOf(list.slice(i, i + 100)).toArray()) if (a.deletedAt === null) byEmail.set(a.email, a.id);
    const names = [...sortNames];
    for (let i = 0; i < names.length; i += 100)
      for (const a of await db.animators.where('sortName').anyOf(names.slice(i, i + 100)).toArray()) {
        const key = nameStructureKey(a);
        if (a.deletedAt === null && keys.has(key)) byKey.set(key, a.id);
      }
    return { byEmail, byKey };
  };
}

/** A plan without what differs between two runs (new ids, clocks, times). */
const shape = (plan: ImportPlan) =>
  plan.rows.map((r) => ({ ...reportRow(r), id: r.action === 'update' ? r.record?.id : undefined, previous: r.previous?.id, changes: r.changes ? Object.keys(r.changes).sort() : undefined }));

describe('the dry run beside the window', () => {
  let db: FourmiliereDatabase;
  const device = getDeviceId();
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => setDeviceId(device));

  it('matches the same people from the registry’s columns as from index reads: e-mail, name in the structure, twins, the bin', async () => {
    const stored = [
      person('Anne', 'Martin', 'anne@ot.fr', 'OT Rennes'),
      // Twins by e-mail and by name: the greatest id is taken, as the last of an index read.
      person('Anne', 'Martin', 'anne.m@ot.fr', 'OT Rennes', { id: 'zz-twin' }),
      person('Annie', 'Martin', 'anne.m@ot.fr', 'OT Vitré', { id: 'aa-twin' }),
      person('Léa', 'Dupré', '', 'Office de Tourisme de Brest'),
      // Namesakes elsewhere, and a binned one: never taken.
      person('Léa', 'Dupré', '', 'OT Quimper'),
      softDelete(person('Jon', 'Etcheverry', 'jon@ot.fr', 'OT Bayonne'), new Date()),
      person('Paul', 'Durand', 'paul@ot.fr', 'OT Pau'),
    ];
    await db.animators.bulkPut(stored);
    const csv = [
      'Nom;Prénom;Courriel;Structure;Statut',
      'Martin;Anne;;OT Rennes;Certifié',
      'Martin;Annie;anne.m@ot.fr;;Certifié',
      'DUPRÉ;lea;;office de tourisme de brest;Certifié',
      'Etcheverry;Jon;jon@ot.fr;OT Bayonne;Certifié',
      'Durand;Paul;PAUL@ot.fr;;Formé',
      'Nouveau;Né;;OT Pau;',
    ].join('\n');
    const parsed = parseCsv(utf8(csv));
    const mapping = detectMapping(parsed.headers);
    const before = await planImport(db, parsed, mapping, undefined, {}, indexReads(db));
    // The registry from its snapshot, as the app's worker saved it, then an edit made since (read from the log).
    const saved = new LiveRegistry(db);
    await saved.open();
    await saved.save(true);
    await db.animators.put({ ...stored[6]!, structureName: 'OT Pau centre' });
    const loads: string[] = [];
    const live = new LiveRegistry(db, { readOnly: true, onLoad: (from) => loads.push(from) });
    const after = await planImport(db, parsed, mapping, undefined, {}, registryPeople(db, live));
    expect(loads).toEqual(['snapshot']);
    // The edit made after the snapshot is seen; the index reads see it too.
    const again = await planImport(db, parsed, mapping, undefined, {}, indexReads(db));
    expect(shape(after)).toEqual(shape(again));
    expect(after.counts).toEqual({ create: 2, update: 4, skip: 0, invalid: 0 });
    expect(after.rows.map((r) => r.previous?.id ?? null)).toEqual([stored[1]!.id, stored[1]!.id, stored[3]!.id, null, stored[6]!.id, null]);
    expect(shape(before).map((r) => r.action)).toEqual(shape(after).map((r) => r.action));
    // Read-only: the dry run never rewrote the snapshot.
    expect((await db.registrySnapshot.get('meta'))?.id).toBe('meta');
    expect(await db.registryLog.count()).toBe(1);
  });

  it('asks the registry’s worker over a port: the same people, a write made just before seen, no second registry loaded', async () => {
    const stored = [person('Anne', 'Martin', 'anne@ot.fr', 'OT Rennes'), person('Léa', 'Dupré', '', 'Office de Tourisme de Brest'), person('Léa', 'Dupré', '', 'OT Quimper')];
    await db.animators.bulkPut(stored);
    // Every registry opened, to tell the registry worker's from a copy loaded by the import.
    const opened = new Set<LiveRegistry>();
    const realOpen = LiveRegistry.prototype.open;
    const spy = vi.spyOn(LiveRegistry.prototype, 'open').mockImplementation(function (this: LiveRegistry) {
      opened.add(this);
      return realOpen.call(this);
    });
    const service = new RegistryService(db, () => undefined);
    const channel = new MessageChannel();
    service.handle({ type: 'people', port: channel.port1 });
    const out: ImportOut[] = [];
    const session = new ImportSession((m) => out.push(m));
    const csv = ['Nom;Prénom;Courriel;Structure;Statut', 'Martin;Anne;ANNE@ot.fr;;Certifié', 'DUPRÉ;lea;;office de tourisme de brest;Certifié', 'Neuve;Zoé;zoe@ot.fr;OT Pau;Certifié'].join('\n');
    await session.handle({ type: 'parse', bytes: utf8(csv) });
    const mapping = detectMapping(parseCsv(utf8(csv)).headers);
    const plan = async (registry?: MessagePort) => {
      out.length = 0;
      await session.handle({ type: 'plan', dbName: db.name, deviceId: 'window', counter: 1, mapping, ...(registry ? { registry } : {}) });
      const m = out.at(-1)!;
      if (m.type !== 'planned') throw new Error(JSON.stringify(m));
      return m.report;
    };
    const first = await plan(channel.port2);
    expect(first.rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect(first.rows.map((r) => r.reasons[0]?.key)).toEqual(['animators.import.reason.matchEmail', 'animators.import.reason.matchName', undefined]);
    // Zoé stored by another screen just now: the next dry run finds her, the registry's worker caught up first.
    await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Zoé', lastName: 'Neuve', email: 'zoe@ot.fr', structureName: 'OT Pau' }), db);
    const second = await plan();
    expect(second.rows.map((r) => r.action)).toEqual(['update', 'update', 'update']);
    expect(second.counts).toEqual((await planImport(db, parseCsv(utf8(csv)), mapping, undefined, {}, indexReads(db))).counts);
    // The one registry opened is the service's: the import's side loaded none of its own.
    expect(opened.size).toBe(1);
    spy.mockRestore();
    session.close();
    channel.port1.close();
    service.stop();
  });

  it('sends the counts and the first thousand rows, then any page of any filter, the same as the whole plan', async () => {
    const lines = ['Nom;Prénom;Courriel;Promotion'];
    for (let i = 0; i < 2_500; i++) lines.push(i % 3 === 0 ? `Nom${i};;p${i}@exemple.fr;` : `Nom${i};Prénom${i};p${i}@exemple.fr;${i % 5 === 1 ? 'Promotion n°7 « Inconnue »' : ''}`);
    const out: ImportOut[] = [];
    const session = new ImportSession((m) => out.push(m));
    const ask = async (message: ImportIn) => {
      out.length = 0;
      await session.handle(message);
      return out.at(-1)!;
    };
    const parsed = await ask({ type: 'parse', bytes: utf8(lines.join('\n')) });
    if (parsed.type !== 'parsed') throw new Error(parsed.type);
    const mapping = detectMapping(parsed.preview.headers);
    const planned = await ask({ type: 'plan', dbName: db.name, deviceId: 'window', counter: 1, mapping });
    if (planned.type !== 'planned') throw new Error(planned.type);
    const { report } = planned;
    expect(report.counts).toEqual({ create: 1_666, update: 0, skip: 0, invalid: 834 });
    expect(report.total).toBe(2_500);
    expect(report.rows).toHaveLength(REPORT_PAGE);
    expect(report.unknownCohorts).toEqual([{ value: 'Promotion n°7 « Inconnue »', region: '', number: '7', nickname: 'Inconnue', people: 333 }]);
    // The whole plan, made here the same way, to compare the pages with.
    const whole = (await planImport(db, parseCsv(utf8(lines.join('\n'))), mapping)).rows.map(reportRow);
    const strip = (rows: ReturnType<typeof reportRow>[]) => rows.map(({ line, action, name, reasons, values }) => ({ line, action, name, reasons, values }));
    expect(strip(report.rows)).toEqual(strip(whole.slice(0, REPORT_PAGE)));
    const pages = [];
    for (let from = REPORT_PAGE; from < report.total; from += REPORT_PAGE) {
      const page = await ask({ type: 'rows', show: 'all', from, count: REPORT_PAGE });
      if (page.type !== 'reportRows') throw new Error(page.type);
      expect(page.total).toBe(2_500);
      pages.push(...page.rows);
    }
    expect(strip([...report.rows, ...pages])).toEqual(strip(whole));
    const invalid = await ask({ type: 'rows', show: 'invalid', from: 800, count: 5_000 });
    if (invalid.type !== 'reportRows') throw new Error(invalid.type);
    expect(invalid.total).toBe(834);
    expect(strip(invalid.rows)).toEqual(strip(whole.filter((r) => r.action === 'invalid').slice(800)));
    // The invalid rows carry their values (to correct them on screen), the others none.
    expect(invalid.rows.every((r) => r.values?.lastName)).toBe(true);
    expect(report.rows.find((r) => r.action === 'create')?.values).toBeUndefined();
    // Nothing is stored by a dry run, nor by reading its pages.
    expect(await db.animators.count()).toBe(0);
    // A page asked of no dry run is refused, in the session's words.
    await ask({ type: 'apply' });
    expect(await ask({ type: 'rows', show: 'all', from: 0, count: 10 })).toEqual({ type: 'error', message: 'no dry run' });
    session.close();
  });
});
