import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepLocalCopy, localCopyInfo, MAX_LOCAL_COPY_CHARS, readLocalCopy } from './local-copy';
import type { BackupInfo } from './contract';

let local: Map<string, string>;
const info = (name: string): BackupInfo => ({ name, kind: 'daily', size: 0, createdAt: '2026-12-03T06:00:00.000Z' });

describe('the newest copy in localStorage', () => {
  beforeEach(() => {
    local = new Map();
    vi.stubGlobal('localStorage', { getItem: (k: string) => local.get(k) ?? null, setItem: (k: string, v: string) => void local.set(k, v) });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps it compressed and reads it back identical', async () => {
    const text = JSON.stringify({ records: Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}`, name: `Léa n°${i}` })) });
    expect(await keepLocalCopy(info('a.fourmiliere-backup.json'), new TextEncoder().encode(text))).toBe(true);
    expect(local.get('fourmiliere.lastCopy')!.length).toBeLessThan(text.length / 4);
    expect(localCopyInfo()?.name).toBe('a.fourmiliere-backup.json');
    expect(await readLocalCopy('a.fourmiliere-backup.json')).toBe(text);
    expect(await readLocalCopy('other.fourmiliere-backup.json')).toBeUndefined();
  });

  it('a copy too large once compressed leaves the previous one', async () => {
    await keepLocalCopy(info('small.fourmiliere-backup.json'), new TextEncoder().encode('{"a":1}'));
    const noise = new Uint8Array(MAX_LOCAL_COPY_CHARS); // random bytes do not compress
    for (let at = 0; at < noise.length; at += 65536) crypto.getRandomValues(noise.subarray(at, at + 65536));
    expect(await keepLocalCopy(info('big.fourmiliere-backup.json'), noise)).toBe(false);
    expect(localCopyInfo()?.name).toBe('small.fourmiliere-backup.json');
  });

  it('a full localStorage is not an error', async () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } });
    expect(await keepLocalCopy(info('x.fourmiliere-backup.json'), new TextEncoder().encode('{}'))).toBe(false);
  });
});
