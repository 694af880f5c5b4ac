import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { checkClaim, guardedTransport, LEFT_FILE, MAX_OWNED, parseStoredTarget, serialiseTarget, targetInfo, transportOf, webdavTarget, withOwned, type Secrets, type Target } from './sync-target';
import { SyncError } from '../../renderer/src/features/sync/transport';
import { validateArgs } from './ipc';
import { Channels } from '../../renderer/src/platform/contract';

const keychain: Secrets = { available: () => true, encrypt: (s) => `enc:${Buffer.from(s).toString('base64')}`, decrypt: (s) => Buffer.from(s.slice(4), 'base64').toString() };
const noKeychain: Secrets = { available: () => false, encrypt: () => '', decrypt: () => '' };

describe('the chosen team folder, as main keeps it', () => {
  it('keeps the app password only encrypted by the keychain, never in clear', () => {
    const target = webdavTarget('https://cloud.exemple.fr/remote.php/dav/files/lea/Equipe/', 'lea', 'app-pass-123');
    const stored = serialiseTarget(target, keychain);
    expect(stored).not.toContain('app-pass-123');
    expect(parseStoredTarget(stored, keychain)).toEqual({ kind: 'webdav', url: 'https://cloud.exemple.fr/remote.php/dav/files/lea/Equipe', username: 'lea', password: 'app-pass-123' });
    const without = serialiseTarget(target, noKeychain);
    expect(without).not.toContain('app-pass');
    const back = parseStoredTarget(without, noKeychain);
    expect(back).toMatchObject({ kind: 'webdav', password: null });
    expect(() => transportOf(back)).toThrow(SyncError);
    expect(targetInfo(back)).toEqual({ kind: 'webdav', label: 'https://cloud.exemple.fr/remote.php/dav/files/lea/Equipe' });
  });

  it('a folder target works on its folder; garbage or nothing is no target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'target-'));
    const t = parseStoredTarget(serialiseTarget({ kind: 'folder', path: dir }, keychain), keychain);
    expect(await transportOf(t).exists('')).toBe(true);
    expect(parseStoredTarget('{}', keychain)).toBeNull();
    expect(parseStoredTarget('not json', keychain)).toBeNull();
    expect(() => transportOf(null)).toThrow(SyncError);
  });

  it('main removes files only in the device folders this computer created there, and only logs and snapshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'target-'));
    // another device's folder, written by that device (through its own copy of the folder)
    mkdirSync(join(dir, 'devices/autre'), { recursive: true });
    writeFileSync(join(dir, 'devices/autre/log-000001.json.enc'), 'x');
    writeFileSync(join(dir, 'team.json'), '{}');
    let target: Target = { kind: 'folder', path: dir };
    const remembered: string[] = [];
    const t = () =>
      guardedTransport(target, transportOf(target), async (device) => {
        remembered.push(device);
        target = { ...target, owned: [...(target.owned ?? []), device] };
      });
    await t().writeNew('devices/moi/log-000001.json.enc', new Uint8Array([1]));
    await t().writeNew('devices/moi/log-000002.json.enc', new Uint8Array([2]));
    // writing into a folder that existed claims nothing
    await t().writeNew('devices/autre/log-000002.json.enc', new Uint8Array([3]));
    expect(remembered).toEqual(['moi']);
    // kept with the target across restarts
    expect(parseStoredTarget(serialiseTarget(target, keychain), keychain)).toMatchObject({ owned: ['moi'] });
    await t().remove('devices/moi/log-000001.json.enc');
    expect(readdirSync(join(dir, 'devices/moi'))).toEqual(['log-000002.json.enc']);
    for (const path of ['devices/autre/log-000001.json.enc', 'team.json', 'devices/moi', 'devices/moi/left.json.enc', 'devices/moi/notes.txt']) {
      const outcome = await t().remove(path).then(() => 'removed', (e: unknown) => (e instanceof SyncError ? e.code : String(e)));
      expect(outcome, path).toBe('refused');
    }
    expect(readdirSync(join(dir, 'devices/autre')).sort()).toEqual(['log-000001.json.enc', 'log-000002.json.enc']);
    expect(readdirSync(dir).sort()).toEqual(['devices', 'team.json']);
    expect(validateArgs(Channels.syncRemove, { path: '../devices/moi/log-000002.json.enc' }).ok).toBe(false);
    expect(validateArgs(Channels.syncRemove, { path: '' }).ok).toBe(false);
  });

  it('the bridge refuses paths out of the folder before main touches the disk', () => {
    expect(validateArgs(Channels.syncRead, { path: 'devices/a/log-000001.json.enc' }).ok).toBe(true);
    for (const path of ['../etc/passwd', '/etc/passwd', 'a/../../b', '', 'C:\\x', '.ssh/id']) expect(validateArgs(Channels.syncRead, { path }).ok, path).toBe(false);
    expect(validateArgs(Channels.syncWriteNew, { path: 'devices/a/x', bytes: 'text' }).ok).toBe(false);
    expect(validateArgs(Channels.syncConfigureWebdav, { url: 'https://x.fr/dav', username: 'a', password: '' }).ok).toBe(false);
  });
});

describe('a device folder an older version made', () => {
  it('main refuses to ask about a folder that is missing, holds other files, or has a bad name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'target-'));
    mkdirSync(join(dir, 'devices/melange'), { recursive: true });
    writeFileSync(join(dir, 'devices/melange/log-000001.json.enc'), 'x');
    writeFileSync(join(dir, 'devices/melange/notes.txt'), 'x');
    const target: Target = { kind: 'folder', path: dir };
    const outcome = (device: string, t: Target | null = target) => checkClaim(t, transportOf(t ?? target), device).then(() => 'accepted', (e: unknown) => (e instanceof SyncError ? `${e.code}: ${e.detail}` : String(e)));
    expect(await outcome('absent')).toBe('folder-missing: aucun dossier « devices/absent » dans le dossier d’équipe');
    expect(await outcome('melange')).toMatch(/^refused: « devices\/melange » contient des fichiers qui ne sont pas des fichiers de synchronisation de Fourmilière \(notes\.txt\)/);
    expect(await outcome('../etc')).toMatch(/^refused: identifiant d’appareil refusé/);
    expect(await outcome('melange', null)).toMatch(/^folder-missing/);
    const full: Target = { ...target, owned: Array.from({ length: MAX_OWNED }, (_, i) => `d${i}`) };
    rmSync(join(dir, 'devices/melange/notes.txt'));
    expect(await outcome('melange', full)).toMatch(/^refused: ce poste connaît déjà 100 dossiers/);
    expect(() => withOwned(full, 'melange')).toThrow(SyncError);
    expect(LEFT_FILE).toBe('left.json.enc');
    expect(validateArgs(Channels.syncClaimFolder, { device: 'poste-a' }).ok).toBe(true);
    for (const device of ['', '../x', 'a/b', 'x'.repeat(65)]) expect(validateArgs(Channels.syncClaimFolder, { device }).ok, device).toBe(false);
  });
});
