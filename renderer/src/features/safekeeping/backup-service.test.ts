import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { BackupInfo, Bridge } from '../../platform/contract';
import { parseAndValidateBackup } from './backup';
import { runDueBackups } from './backup-service';
import { fillSample } from './test-data';

/** A desktop bridge that keeps the copies it is given. */
function fakeDesktop(existing: BackupInfo[] = []) {
  const written: { kind: BackupInfo['kind']; bytes: Uint8Array }[] = [];
  const bridge = {
    listBackups: async () => ({ ok: true as const, value: existing }),
    writeBackup: async (args: { name: string; kind: BackupInfo['kind']; content: string | Uint8Array }) => {
      written.push({ kind: args.kind, bytes: args.content as Uint8Array });
      return { ok: true as const, value: { name: args.name, kind: args.kind, size: args.content.length, createdAt: new Date().toISOString() } };
    },
  } as unknown as Bridge;
  return { bridge, written };
}

const now = new Date('2026-11-29T10:00:00Z');
const g = globalThis as { window?: unknown };

describe('automatic copies', () => {
  beforeEach(async () => {
    await fillSample(freshDb());
  });
  afterEach(() => {
    delete g.window;
  });

  it('writes the daily and weekly copies that are due, from one export, each a valid backup', async () => {
    const { bridge, written } = fakeDesktop();
    g.window = { fourmiliere: bridge };
    expect(await runDueBackups(now)).toEqual(['daily', 'weekly']);
    expect(written.map((w) => w.kind)).toEqual(['daily', 'weekly']);
    const parsed = await parseAndValidateBackup(new TextDecoder().decode(written[0]!.bytes));
    expect(parsed.ok && parsed.value.summary.counts.animators).toBe(60);
    expect(written[1]!.bytes).toEqual(written[0]!.bytes);
  });

  it('writes nothing when the last copies are recent enough', async () => {
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
    const { bridge, written } = fakeDesktop([
      { name: 'd.fourmiliere-backup.json', kind: 'daily', size: 10, createdAt: at(23) },
      { name: 'w.fourmiliere-backup.json', kind: 'weekly', size: 10, createdAt: at(24 * 6) },
    ]);
    g.window = { fourmiliere: bridge };
    expect(await runDueBackups(now)).toEqual([]);
    expect(written).toEqual([]);
  });

  it("does not count another machine's copies in a shared folder as this one's", async () => {
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
    const { bridge, written } = fakeDesktop([
      { name: 'd.fourmiliere-backup.json', kind: 'daily', size: 10, createdAt: at(1), device: 'bureau-11111111', mine: false },
      { name: 'w.fourmiliere-backup.json', kind: 'weekly', size: 10, createdAt: at(24 * 6), device: 'portable-22222222', mine: true },
    ]);
    g.window = { fourmiliere: bridge };
    expect(await runDueBackups(now)).toEqual(['daily']);
    expect(written.map((w) => w.kind)).toEqual(['daily']);
  });
});
