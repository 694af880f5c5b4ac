import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeSpace } from './disk-space';

// A small disk of our own: a tmpfs needs root and the right to mount (CI runs as root on Linux).
const mountPoint = mkdtempSync(join(tmpdir(), 'fourmiliere-disk-'));
let mounted = false;
let whyNot = '';
beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    whyNot = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('free space on the data disk', () => {
  it('reports what the system reports for a real folder', async () => {
    const space = await freeSpace(tmpdir());
    expect(space.known).toBe(true);
    if (!space.known) return;
    const s = statfsSync(tmpdir());
    expect(space.totalBytes).toBe(s.blocks * s.bsize);
    // Other processes write meanwhile: within 64 MB of a fresh reading.
    expect(Math.abs(space.freeBytes - s.bavail * s.bsize)).toBeLessThan(64 * 1024 * 1024);
  });

  it('answers for a folder not created yet from its nearest existing parent', async () => {
    const space = await freeSpace(join(tmpdir(), 'not', 'there', 'yet'));
    const parent = await freeSpace(tmpdir());
    expect(space.known && parent.known && space.totalBytes === parent.totalBytes).toBe(true);
  });

  it('sees a small disk fill up', async (context) => {
    if (!mounted) context.skip(`cannot mount a tmpfs here (${whyNot})`);
    const before = await freeSpace(join(mountPoint, 'sauvegardes'));
    expect(before).toEqual({ known: true, freeBytes: 8 * 1024 * 1024, totalBytes: 8 * 1024 * 1024 });
    writeFileSync(join(mountPoint, 'filler'), randomBytes(3 * 1024 * 1024));
    const after = await freeSpace(mountPoint);
    expect(after.known && after.freeBytes).toBe(5 * 1024 * 1024);
  });
});
