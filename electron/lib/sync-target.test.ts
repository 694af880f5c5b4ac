import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStoredTarget, serialiseTarget, targetInfo, transportOf, webdavTarget, type Secrets } from './sync-target';
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

  it('the bridge refuses paths out of the folder before main touches the disk', () => {
    expect(validateArgs(Channels.syncRead, { path: 'devices/a/log-000001.json.enc' }).ok).toBe(true);
    for (const path of ['../etc/passwd', '/etc/passwd', 'a/../../b', '', 'C:\\x', '.ssh/id']) expect(validateArgs(Channels.syncRead, { path }).ok, path).toBe(false);
    expect(validateArgs(Channels.syncWriteNew, { path: 'devices/a/x', bytes: 'text' }).ok).toBe(false);
    expect(validateArgs(Channels.syncConfigureWebdav, { url: 'https://x.fr/dav', username: 'a', password: '' }).ok).toBe(false);
  });
});
