/**
 * The old device folders of this computer, on real files, through main's guard
 * (electron/lib/sync-target.ts) as the desktop app reaches them: after a restore this
 * computer empties the old folder it created and never another computer's; a folder an
 * older version made is emptied only once the person confirms it in main's dialog.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkClaim, claimConfirmed, claimDialog, guardedTransport, LEFT_FILE as MAIN_LEFT_FILE, parseStoredTarget, serialiseTarget, transportOf, withOwned, type Secrets, type Target } from '../../../../electron/lib/sync-target';
import { folderTransport } from '../../../../electron/lib/sync-folder';
import { FourmiliereDatabase } from '../../db/database';
import { createRecord, setDeviceId } from '../../db/records';
import { readRetiring, syncOnce } from './engine';
import { LEFT_FILE } from './format';
import { resetTeamSyncAfterRestore } from './reset';
import { openTeam } from './team';
import { SyncError } from './transport';

const keychain: Secrets = { available: () => true, encrypt: (s) => `enc:${Buffer.from(s).toString('base64')}`, decrypt: (s) => Buffer.from(s.slice(4), 'base64').toString() };

describe('the old device folders of this computer, on real files', () => {
  const passphrase = 'phrase de passe de test';
  const cost = { N: 2 ** 10, r: 8, p: 1 };
  let dbs = 0;

  /** This computer through main's guard (the target as main keeps it), and another computer writing the same folder. */
  async function setup(owned?: string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'target-'));
    let target: Target = { kind: 'folder', path: dir, ...(owned ? { owned } : {}) };
    const mine = () =>
      guardedTransport(target, transportOf(target), async (device) => {
        target = { ...target, owned: [...(target.owned ?? []), device] };
      });
    const { team } = await openTeam(folderTransport(dir), passphrase, { cost });
    const here = new FourmiliereDatabase(`retire-real-${dbs++}`);
    const other = new FourmiliereDatabase(`retire-real-${dbs++}`);
    return { dir, team, here, other, mine, target: () => target, setTarget: (t: Target) => (target = t) };
  }
  const provider = (device: string, lastName: string) => {
    setDeviceId(device);
    return createRecord({ firstName: 'Anne', lastName, structure: 'Camping', businessType: 'camping', communeInsee: '33063', communeName: 'Bordeaux', email: '', phone: '', consent: { given: false, date: null, purpose: '' }, notes: '', lastContactAt: null, tokens: [], sortName: lastName.toLowerCase() } as never);
  };
  const restore = async (db: FourmiliereDatabase, teamId: string, deviceId: string) => {
    await db.transaction('rw', [db.syncClocks, db.syncState], async () => {
      if (!(await db.syncState.get('~config'))) await db.syncState.put({ id: '~config', teamId });
      await resetTeamSyncAfterRestore(db, deviceId);
    });
    return (await db.syncState.get('~config')) as unknown as { replica: string; retiring: { id: string; seq: number }[] };
  };

  it('after a restore, main lets this computer empty the old folder it created, and never another computer’s', async () => {
    const { dir, team, here, other, mine } = await setup();
    await here.providers.put(provider('poste-a', 'Avant-restauration') as never);
    setDeviceId('poste-a');
    await syncOnce(here, mine(), team, { deviceId: 'poste-a', deviceName: 'Poste A' });
    await other.providers.put(provider('poste-b', 'De-B') as never);
    setDeviceId('poste-b');
    await syncOnce(other, folderTransport(dir), team, { deviceId: 'poste-b', deviceName: 'Poste B' });
    const bFiles = readdirSync(join(dir, 'devices/poste-b')).sort();

    const config = await restore(here, team.teamId, 'poste-a');
    setDeviceId('poste-a');
    const report = await syncOnce(here, mine(), team, { deviceId: config.replica, deviceName: 'Poste A', former: config.retiring });
    // on disk: the old folder holds only its marker; B's files are all there
    expect(MAIN_LEFT_FILE).toBe(LEFT_FILE);
    expect(readdirSync(join(dir, 'devices/poste-a'))).toEqual([LEFT_FILE]);
    expect(report.removed.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'devices/poste-b')).sort()).toEqual(bFiles);
    // main still refuses the marker and B's files, whatever the renderer asks
    for (const path of ['devices/poste-a/left.json.enc', `devices/poste-b/${bFiles[0]}`]) {
      expect(await mine().remove(path).then(() => 'removed', (e: unknown) => (e instanceof SyncError ? e.code : String(e))), path).toBe('refused');
    }
    // B, reading from disk, sees the old folder as left and still has A's record
    setDeviceId('poste-b');
    await syncOnce(other, folderTransport(dir), team, { deviceId: 'poste-b', deviceName: 'Poste B' });
    expect((await other.providers.toArray()).map((p) => p.lastName).sort()).toEqual(['Avant-restauration', 'De-B']);
  });

  it('a folder made before main remembered its folders: removal refused until the person confirms in main’s dialog, then emptied at the next run', async () => {
    const { dir, team, here, mine, target, setTarget } = await setup();
    await here.providers.put(provider('poste-a', 'Ancien') as never);
    setDeviceId('poste-a');
    await syncOnce(here, mine(), team, { deviceId: 'poste-a', deviceName: 'Poste A' });
    // as an older version left it: the folder is there, main's list does not name it
    setTarget({ kind: 'folder', path: dir });
    const config = await restore(here, team.teamId, 'poste-a');
    const me = { deviceId: config.replica, deviceName: 'Poste A', former: config.retiring };
    const refused = await syncOnce(here, mine(), team, me);
    expect(refused.removeRefused).toMatch(/^devices\/poste-a\/log-/);
    expect(readdirSync(join(dir, 'devices/poste-a')).sort()).toEqual(['left.json.enc', 'log-000001.json.enc']);
    expect(await readRetiring(here)).toMatchObject([{ device: 'poste-a', phase: 'refused', remaining: 1 }]);

    // what main checks before asking, on the real folder
    const claim = await checkClaim(target(), transportOf(target()), 'poste-a');
    expect(claim).toEqual({ device: 'poste-a', files: 1, already: false });
    const box = claimDialog(claim, dir);
    // French spacing (narrow no-break spaces), read here as plain spaces
    expect(box.message).toContain('\u202f?');
    const plain = (text: string) => text.replace(/\u202f/g, ' ');
    expect(plain(box.message)).toBe('« devices/poste-a » est-il un dossier de ce poste ?');
    expect(plain(box.detail)).toContain('1 fichier de synchronisation');
    expect(plain(box.detail)).toContain('Ne confirmez pas s’il s’agit du dossier d’un autre poste : l’identifiant de ce poste est affiché dans Réglages › Données.');
    expect(box.buttons[box.defaultId]).toBe('Annuler');
    expect(box.cancelId).toBe(box.defaultId);
    expect(claimConfirmed(box.cancelId)).toBe(false);
    expect(claimConfirmed(1)).toBe(true);
    // the person said yes: kept with the target, across restarts
    setTarget(withOwned(target(), 'poste-a'));
    expect(parseStoredTarget(serialiseTarget(target(), keychain), keychain)).toMatchObject({ owned: expect.arrayContaining(['poste-a', config.replica]) });
    expect(await checkClaim(target(), transportOf(target()), 'poste-a')).toMatchObject({ already: true });
    const after = await syncOnce(here, mine(), team, me);
    expect(after.removed).toEqual(['devices/poste-a/log-000001.json.enc']);
    expect(readdirSync(join(dir, 'devices/poste-a'))).toEqual(['left.json.enc']);
    expect(await readRetiring(here)).toMatchObject([{ device: 'poste-a', phase: 'removed', remaining: 0 }]);
  });

});
