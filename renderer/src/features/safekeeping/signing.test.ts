import { beforeEach, describe, expect, it } from 'vitest';
import { FourmiliereDatabase, setDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { fillSample } from './test-data';
import { applyMerge, exportExchange, parseExchange, planMerge, type ExchangeFile, type Tombstone } from './exchange';
import { exportBackup, hashDatabase, parseAndValidateBackup, restoreBackup } from './backup';
import { canonicalJson, checkSignature, deviceSigningKey, deviceUsuallySigns, fingerprint, signerTrust, SIGNING_KEY_SETTING, trustSigner, TRUSTED_SIGNERS_SETTING } from './signing';
import { FORGER_PUBLIC, resumBackup, resumExchange } from './test-forgery';

let n = 0;
let a: FourmiliereDatabase;
let b: FourmiliereDatabase;

async function on<T>(machine: 'A' | 'B', work: (db: FourmiliereDatabase) => Promise<T>): Promise<T> {
  const db = machine === 'A' ? a : b;
  setDeviceId(machine);
  setDatabase(db);
  return work(db);
}
const exportFromA = () => on('A', (db) => exportExchange(db, { kind: 'all' }, 'Léa Martin (MONA)'));
const parseOnB = (text: string) => on('B', () => parseExchange(text));
const backupOfA = async () => new TextDecoder().decode(await on('A', (db) => exportBackup(db)));
const secretOf = async (db: FourmiliereDatabase) => ((await db.settings.get(SIGNING_KEY_SETTING))?.value as { secretKey: string }).secretKey;

beforeEach(async () => {
  a = new FourmiliereDatabase(`sign-a-${n}`);
  b = new FourmiliereDatabase(`sign-b-${n++}`);
  await on('A', (db) => fillSample(db));
});

describe('the device key', () => {
  it('is made once and kept in the settings', async () => {
    const first = await deviceSigningKey(a);
    const again = await deviceSigningKey(a);
    expect(again.publicKey).toBe(first.publicKey);
    expect(first.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect((await deviceSigningKey(b)).publicKey).not.toBe(first.publicKey);
    // two callers at once (the window and the backup worker) end up with one key
    const c = new FourmiliereDatabase(`sign-c-${n++}`);
    const [x, y] = await Promise.all([deviceSigningKey(c), deviceSigningKey(c)]);
    expect(x.publicKey).toBe(y.publicKey);
  });

  it('never leaves the machine: not in a backup, not in an exchange file', async () => {
    const backup = await backupOfA();
    const exchange = await exportFromA();
    const secret = await secretOf(a);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    for (const text of [backup, exchange]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(SIGNING_KEY_SETTING);
    }
    // but the public key is there, to check the signature with
    expect(JSON.parse(backup).signer.publicKey).toBe((await deviceSigningKey(a)).publicKey);
  });

  it('survives a restore, and a backup cannot plant a key or a trusted signer', async () => {
    const own = (await deviceSigningKey(b)).publicKey;
    const file = JSON.parse(await backupOfA());
    file.tables.settings.records.push({ key: SIGNING_KEY_SETTING, value: { secretKey: '11'.repeat(32), publicKey: FORGER_PUBLIC, createdAt: '2026-01-01T00:00:00.000Z' } });
    file.tables.settings.records.push({ key: TRUSTED_SIGNERS_SETTING, value: { [FORGER_PUBLIC]: { publicKey: FORGER_PUBLIC, deviceName: 'pirate', deviceId: 'X', trustedAt: '2026-01-01T00:00:00.000Z' } } });
    const forged = await resumBackup(file, 'forger'); // re-summed and signed by the forger: accepted as an unknown signer's
    const parsed = await on('B', () => parseAndValidateBackup(forged));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    await on('B', (db) => restoreBackup(db, parsed.value));
    expect((await deviceSigningKey(b)).publicKey).toBe(own);
    expect(await b.settings.get(TRUSTED_SIGNERS_SETTING)).toBeUndefined();
    expect(await signerTrust(b, FORGER_PUBLIC, 'X')).toEqual({ kind: 'unknown' });
  });
});

describe('signed backups', () => {
  it('name their signer, this device when it reads its own copy', async () => {
    const parsed = await on('A', async () => parseAndValidateBackup(await backupOfA()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sig = parsed.value.summary.signature;
    expect(sig).toMatchObject({ status: 'valid', signer: { deviceName: 'Léa Martin (MONA)' } });
    if (sig.status !== 'valid') return;
    expect(sig.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(await signerTrust(a, sig.signer.publicKey, 'A')).toEqual({ kind: 'self' });
    expect(await signerTrust(b, sig.signer.publicKey, 'A')).toEqual({ kind: 'unknown' });
  });

  it('refuse a forged backup whose checksums were all recomputed, and change nothing', async () => {
    const file = JSON.parse(await backupOfA());
    file.tables.animators.records[0].lastName = 'Pirate';
    const forged = await resumBackup(file, 'keep');
    const before = await hashDatabase(b);
    const result = await on('B', () => parseAndValidateBackup(forged));
    expect(result).toEqual({ ok: false, error: { key: 'backup.error.signature', detail: 'elle ne correspond pas au contenu' } });
    expect(await hashDatabase(b)).toBe(before);
  });

  it('refuse a changed header or a swapped signer name under the original signature', async () => {
    const good = await backupOfA();
    const changedDate = good.replace(/"createdAt":"[^"]+"/, '"createdAt":"2020-01-01T00:00:00.000Z"');
    expect(await parseAndValidateBackup(changedDate)).toMatchObject({ ok: false, error: { key: 'backup.error.signature' } });
    const renamed = good.replace('"deviceName":"Léa Martin (MONA)"', '"deviceName":"Direction régionale"');
    expect(await parseAndValidateBackup(renamed)).toMatchObject({ ok: false, error: { key: 'backup.error.signature' } });
  });

  it('take a forger’s own signature as an unknown signer, and a stripped one as unsigned', async () => {
    const file = JSON.parse(await backupOfA());
    file.tables.animators.records[0].lastName = 'Pirate';
    const resigned = await parseAndValidateBackup(await resumBackup(structuredClone(file), 'forger'));
    expect(resigned.ok && resigned.value.summary.signature).toMatchObject({ status: 'valid', signer: { publicKey: FORGER_PUBLIC } });
    expect(await signerTrust(a, FORGER_PUBLIC, 'A')).toEqual({ kind: 'unknown' });
    const stripped = await parseAndValidateBackup(await resumBackup(structuredClone(file), 'strip'));
    expect(stripped.ok && stripped.value.summary.signature).toEqual({ status: 'unsigned' });
  });
});

describe('signed exchange files', () => {
  it('show who signed them; the signer is unknown until trusted', async () => {
    const parsed = await parseOnB(await exportFromA());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.signature).toMatchObject({ status: 'valid', signer: { deviceName: 'Léa Martin (MONA)' } });
    if (parsed.signature.status !== 'valid') return;
    const key = parsed.signature.signer.publicKey;
    expect(await signerTrust(b, key, 'A')).toEqual({ kind: 'unknown' });
    await trustSigner(b, parsed.signature.signer, 'A', new Date('2026-12-03T10:00:00Z'));
    expect(await signerTrust(b, key, 'A')).toEqual({ kind: 'trusted', since: '2026-12-03T10:00:00.000Z' });
    // trust is this machine's: it is not in B's backups
    expect(new TextDecoder().decode(await on('B', (db) => exportBackup(db)))).not.toContain(TRUSTED_SIGNERS_SETTING);
  });

  it('refuse the forged "delete all participants" file with a recomputed checksum, changing nothing', async () => {
    // B holds A's data; a forger takes a genuine file from A and turns it into deletions.
    const genuine = await parseOnB(await exportFromA());
    if (!genuine.ok) throw new Error(genuine.error.key);
    await on('B', async (db) => applyMerge(db, await planMerge(db, genuine.value)));
    const before = await hashDatabase(b);
    const file = JSON.parse(await exportFromA()) as ExchangeFile;
    const victims = file.tables.providers ?? [];
    expect(victims.length).toBeGreaterThan(0);
    file.tombstones = victims.map((p, i): Tombstone => ({ id: `t${i}`, table: 'providers', recordId: p.id, deletedAt: new Date().toISOString(), rev: { device: 'A', counter: file.clock + 1 + i } }));
    file.tables.providers = [];
    const forged = await resumExchange(file, 'keep');
    const result = await parseOnB(forged);
    expect(result).toEqual({ ok: false, error: { key: 'exchange.error.signature', detail: 'elle ne correspond pas au contenu' } });
    expect(await hashDatabase(b)).toBe(before);
    expect(await b.providers.count()).toBe(victims.length);
  });

  it('refuse a changed scope, clock or "seen" under the original signature', async () => {
    const good = JSON.parse(await exportFromA()) as ExchangeFile;
    for (const change of [(f: ExchangeFile) => (f.clock += 1000), (f: ExchangeFile) => (f.seen = { A: 0, B: 999 }), (f: ExchangeFile) => (f.deviceName = 'Quelqu’un d’autre')]) {
      const file = structuredClone(good);
      change(file);
      expect(await parseOnB(JSON.stringify(file))).toMatchObject({ ok: false, error: { key: 'exchange.error.signature' } });
    }
  });

  it('flag a new key for a device trusted under another one, and an unsigned file from a device that signs', async () => {
    const genuine = await parseOnB(await exportFromA());
    if (!genuine.ok || genuine.signature.status !== 'valid') throw new Error('expected a signed file');
    await trustSigner(b, genuine.signature.signer, 'A');
    const file = JSON.parse(await exportFromA()) as ExchangeFile;
    const resigned = await parseOnB(await resumExchange(structuredClone(file), 'forger'));
    expect(resigned.ok && resigned.signature).toMatchObject({ status: 'valid', signer: { publicKey: FORGER_PUBLIC } });
    expect(await signerTrust(b, FORGER_PUBLIC, 'A')).toEqual({ kind: 'unknown', replaces: fingerprint(genuine.signature.signer.publicKey) });
    const stripped = await parseOnB(await resumExchange(structuredClone(file), 'strip'));
    expect(stripped.ok && stripped.signature).toEqual({ status: 'unsigned' });
    expect(await deviceUsuallySigns(b, 'A')).toBe(true);
    expect(await deviceUsuallySigns(b, 'Z')).toBe(false);
  });

  it('still import older unsigned files', async () => {
    const file = JSON.parse(await exportFromA()) as ExchangeFile;
    delete file.signer;
    delete file.signature;
    const parsed = await parseOnB(JSON.stringify(file));
    expect(parsed.ok && parsed.signature).toEqual({ status: 'unsigned' });
    if (!parsed.ok) return;
    await on('B', async (db) => applyMerge(db, await planMerge(db, parsed.value)));
    expect(await b.animators.count()).toBe(await a.animators.count());
  });
});

describe('signature checks', () => {
  it('refuse half a signature or unreadable values', () => {
    expect(checkSignature({ x: 1 }, undefined, undefined)).toEqual({ status: 'unsigned' });
    expect(checkSignature({ x: 1 }, { publicKey: FORGER_PUBLIC, deviceName: '' }, undefined)).toEqual({ status: 'invalid', reason: 'signature incomplète' });
    expect(checkSignature({ x: 1 }, undefined, 'ab'.repeat(64))).toEqual({ status: 'invalid', reason: 'signature incomplète' });
    expect(checkSignature({ x: 1 }, { publicKey: 'zz', deviceName: '' }, 'ab'.repeat(64))).toMatchObject({ status: 'invalid', reason: 'signataire illisible' });
    expect(checkSignature({ x: 1 }, { publicKey: FORGER_PUBLIC, deviceName: '' }, 'nope')).toMatchObject({ status: 'invalid', reason: 'signature illisible' });
    expect(checkSignature({ x: 1 }, { publicKey: FORGER_PUBLIC, deviceName: '' }, '00'.repeat(64))).toMatchObject({ status: 'invalid' });
  });

  it('sign the same text whatever the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: 'é' })).toBe('{"b":"é"}');
  });
});
