import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { getDeviceId, setDeviceId } from '../../../db/records';
import { detectMapping } from './headers';
import { ImportSession, type ImportIn, type ImportOut } from './session';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A session and what it posted, as the worker would run it. */
function session() {
  const out: ImportOut[] = [];
  const s = new ImportSession((m) => out.push(m));
  const ask = async (message: ImportIn) => {
    out.length = 0;
    await s.handle(message);
    return { last: out.at(-1)!, progress: out.filter((m) => m.type === 'progress') };
  };
  return { ask, close: () => s.close() };
}

describe('an import session beside the window', () => {
  let db: FourmiliereDatabase;
  const device = getDeviceId();
  beforeEach(() => {
    db = freshDb();
  });
  // The session sets this module's device id, as the worker's own would be.
  afterEach(() => setDeviceId(device));
  const lines = ['Nom;Prénom;Courriel;Commune;Code postal'];
  for (let i = 0; i < 8; i++) lines.push(`Nom${i};Prénom${i};p${i}@exemple.fr;Rennes;35000`);
  lines.push('SansPrénom;;x@exemple.fr;Rennes;35000');
  const csv = lines.join('\n');

  it('reads the file, sends a preview, plans without writing, then writes with the window’s device and clock', async () => {
    const { ask, close } = session();
    const parsed = await ask({ type: 'parse', bytes: utf8(csv) });
    expect(parsed.last.type).toBe('parsed');
    if (parsed.last.type !== 'parsed') return;
    const preview = parsed.last.preview;
    expect(preview.rowCount).toBe(9);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(preview.headers).toEqual(['Nom', 'Prénom', 'Courriel', 'Commune', 'Code postal']);

    const counter = Date.now() + 3_600_000;
    const planned = await ask({ type: 'plan', dbName: db.name, deviceId: 'window-device', counter, mapping: detectMapping(preview.headers) });
    expect(planned.last.type).toBe('planned');
    if (planned.last.type !== 'planned') return;
    expect(planned.last.report.counts).toEqual({ create: 8, update: 0, skip: 0, invalid: 1 });
    // The report carries what the screen shows, not the records to write.
    expect(planned.last.report.rows[8]).toMatchObject({ line: 10, action: 'invalid', name: 'SansPrénom', reasons: [{ key: 'animators.import.reason.noFirstName' }] });
    expect(planned.last.report.rows[8]?.values).toMatchObject({ lastName: 'SansPrénom', firstName: '', email: 'x@exemple.fr' });
    expect(planned.last.report.rows[0]?.values).toBeUndefined();
    expect(planned.last.report.rows.some((r) => 'record' in r || 'changes' in r)).toBe(false);
    expect(planned.progress.at(-1)).toMatchObject({ done: planned.progress.at(-1)!.total });
    expect(await db.animators.count()).toBe(0);

    // The rejected row downloads like the file, with its reason, and parses back in a spreadsheet's way.
    const rejected = await ask({ type: 'rejected', reasons: { 10: 'Prénom manquant.' }, reasonHeader: 'Motif du rejet' });
    expect(rejected.last.type).toBe('rejectedFile');
    if (rejected.last.type !== 'rejectedFile') return;
    const back = Papa.parse<string[]>(rejected.last.text.replace(/^\uFEFF/, ''), { delimiter: ';' }).data.filter((r) => r.length > 1);
    expect(back).toEqual([['Nom', 'Prénom', 'Courriel', 'Commune', 'Code postal', 'Motif du rejet'], ['SansPrénom', '', 'x@exemple.fr', 'Rennes', '35000', 'Prénom manquant.']]);

    // Corrected on screen, the row is valid at the next dry run.
    expect((await ask({ type: 'edit', edit: { line: 10, values: { firstName: 'Lou' } } })).last).toEqual({ type: 'edited' });
    const replanned = await ask({ type: 'plan', dbName: db.name, deviceId: 'window-device', counter, mapping: detectMapping(preview.headers) });
    if (replanned.last.type !== 'planned') throw new Error('no plan');
    expect(replanned.last.report.counts).toEqual({ create: 9, update: 0, skip: 0, invalid: 0 });

    const applied = await ask({ type: 'apply' });
    expect(applied.last).toMatchObject({ type: 'applied', created: 9, updated: 0 });
    const stored = await db.animators.toArray();
    expect(stored.map((a) => a.email).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `p${i}@exemple.fr`), 'x@exemple.fr']);
    expect(stored.find((a) => a.email === 'x@exemple.fr')?.firstName).toBe('Lou');
    expect(stored.every((a) => a.rev.device === 'window-device' && a.rev.counter > counter)).toBe(true);
    expect((await db.history.toArray()).every((h) => h.device === 'window-device')).toBe(true);
    // The clock it hands back is past every record written.
    if (applied.last.type === 'applied') expect(applied.last.counter).toBeGreaterThan(Math.max(...stored.map((a) => a.rev.counter)));

    // The same dry run is not written twice.
    expect((await ask({ type: 'apply' })).last).toEqual({ type: 'error', message: 'no dry run' });
    expect(await db.animators.count()).toBe(9);
    close();
  });

  it('answers a file problem with its code and a step out of order with a message, storing nothing', async () => {
    const { ask, close } = session();
    expect((await ask({ type: 'plan', dbName: db.name, deviceId: 'd', counter: 0, mapping: [] })).last).toEqual({ type: 'error', message: 'no file read' });
    expect((await ask({ type: 'parse', bytes: utf8('Nom;Prénom\r\n') })).last).toEqual({ type: 'error', code: 'headerOnly', message: 'headerOnly' });
    // A good file, then a broken one: the broken one's session has nothing to plan.
    await ask({ type: 'parse', bytes: utf8(csv) });
    expect((await ask({ type: 'parse', bytes: new Uint8Array([0x89, 0x50, 0, 0]) })).last).toMatchObject({ type: 'error', code: 'binary' });
    expect((await ask({ type: 'plan', dbName: db.name, deviceId: 'd', counter: 0, mapping: [] })).last).toEqual({ type: 'error', message: 'no file read' });
    expect((await ask({ type: 'apply' })).last).toEqual({ type: 'error', message: 'no dry run' });
    expect(await db.animators.count()).toBe(0);
    close();
  });
});
