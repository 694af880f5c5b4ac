/**
 * An in-memory Origin Private File System for unit tests under Node (which has none):
 * the handle calls web code uses, with the browser's rules — NotFoundError for what is
 * missing, a write seen only once closed — and a switch that makes writes fail as on a
 * full disk. The real one is exercised by the e2e tests in Chromium.
 */
import type { OpfsDirectory, OpfsFileHandle, OpfsWritable } from '../platform/opfs';

const notFound = (name: string) => new DOMException(`${name} not found`, 'NotFoundError');

export class FakeOpfsDirectory implements OpfsDirectory {
  readonly files = new Map<string, { bytes: Uint8Array; lastModified: number }>();
  readonly dirs = new Map<string, FakeOpfsDirectory>();
  /** when set, every write fails at close() as a full disk does */
  full = false;

  clock = Date.parse('2026-12-01T10:00:00.000Z');

  async getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectory> {
    let dir = this.dirs.get(name);
    if (!dir) {
      if (!options?.create) throw notFound(name);
      dir = new FakeOpfsDirectory();
      dir.root = this.root ?? this;
      this.dirs.set(name, dir);
    }
    return dir;
  }
  root: FakeOpfsDirectory | null = null;
  private get isFull(): boolean {
    return (this.root ?? this).full;
  }

  async getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle> {
    if (!this.files.has(name)) {
      if (!options?.create) throw notFound(name);
      this.files.set(name, { bytes: new Uint8Array(), lastModified: this.tick() });
    }
    return {
      getFile: async () => {
        const entry = this.files.get(name);
        if (!entry) throw notFound(name);
        return new File([entry.bytes as Uint8Array<ArrayBuffer>], name, { lastModified: entry.lastModified });
      },
      createWritable: async (): Promise<OpfsWritable> => {
        const parts: Uint8Array[] = [];
        return {
          write: async (data) => void parts.push(typeof data === 'string' ? new TextEncoder().encode(data) : data.slice()),
          close: async () => {
            if (this.isFull) throw new DOMException('The operation failed because there was not enough space.', 'QuotaExceededError');
            const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
            let at = 0;
            for (const p of parts) {
              bytes.set(p, at);
              at += p.length;
            }
            this.files.set(name, { bytes, lastModified: this.tick() });
          },
          abort: async () => undefined,
        };
      },
    };
  }

  async removeEntry(name: string): Promise<void> {
    if (!this.files.delete(name) && !this.dirs.delete(name)) throw notFound(name);
  }

  async *keys(): AsyncIterableIterator<string> {
    yield* [...this.dirs.keys(), ...this.files.keys()];
  }

  private tick(): number {
    const root = this.root ?? this;
    root.clock += 1000;
    return root.clock;
  }
}
