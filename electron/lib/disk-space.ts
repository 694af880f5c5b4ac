/**
 * Free space on the disk that holds a folder, as the operating system reports it
 * (statfs). Chromium's navigator.storage.estimate() answers from a quota that can be
 * far larger than the disk (1 GB reported on a 16 MB disk), so large writes are checked
 * against this instead.
 */
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DiskSpace } from '../../renderer/src/platform/contract';

/**
 * `dir` may not exist yet (the backups folder before the first copy): the nearest existing
 * parent is on the same disk. Unknown when the system cannot tell.
 */
export async function freeSpace(dir: string): Promise<DiskSpace> {
  let current = resolve(dir);
  for (let depth = 0; depth < 64; depth++) {
    try {
      const s = await statfs(current);
      // bavail: the blocks an unprivileged process may use (the root reserve is not ours).
      return { known: true, freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) return { known: false };
      current = parent;
    }
  }
  return { known: false };
}
