/**
 * Tutorial packs: a zip of Markdown files and a manifest, to share tutorials by
 * file. Reading a pack checks everything first and says what is new, updated or
 * in conflict with the user's own edits; nothing is written until installed.
 */
import { Inflate, strFromU8, strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { parseTutorialFile, serialiseTutorial } from './frontmatter';
import type { Tutorial } from './catalog';
import type { TutorialMeta } from '../../domain/tutorials';
import { translate } from '../../i18n';
import { issueText } from '../../i18n/issues';

export const PACK_FORMAT = 'fourmiliere-tutorial-pack';
const MAX_PACK_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 500;
/** Caps on what a pack may expand to: a small zip must not fill memory or disk. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_ENTRIES = 2000;
const MAX_ENTRY_BYTES = 5 * 1024 * 1024;
/** Compressed bytes fed to the inflater at a time: one step expands to at most ~1,032 times this. */
const INFLATE_STEP = 4096;
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;

class PackLimit extends Error {}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/**
 * Unzips a pack within the caps. The central directory's declared sizes and entry
 * count are checked before anything is inflated; then the bytes actually produced
 * are counted while inflating, so a header that lies about a size stops the read
 * as soon as the real output passes what was declared or the total cap.
 * Throws PackLimit (French message) past a cap, Error for an unreadable archive.
 */
export function unzipWithinLimits(bytes: Uint8Array): Record<string, Uint8Array> {
  let end = bytes.length - 22;
  while (end >= 0 && u32(bytes, end) !== 0x06054b50) {
    if (bytes.length - end > 65_557) throw new Error('no end of central directory');
    end--;
  }
  if (end < 0) throw new Error('no end of central directory');
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new PackLimit('archive zip64 non prise en charge');
  if (count > MAX_ENTRIES) throw new PackLimit(`l’archive contient ${count} fichiers, au-delà de la limite de ${MAX_ENTRIES} fichiers`);
  const entries: { name: string; method: number; compressed: number; size: number; offset: number }[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new Error('bad central directory');
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength));
    const offset = u32(bytes, at + 42);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (size > MAX_ENTRY_BYTES) throw new PackLimit(`${name} se décompresse en ${mb(size)}, au-delà de la limite de ${mb(MAX_ENTRY_BYTES)} par fichier`);
    declared += size;
    if (declared > MAX_UNPACKED_BYTES) throw new PackLimit(`l’archive se décompresse en plus de ${mb(MAX_UNPACKED_BYTES)}, la limite des paquets de tutoriels`);
    entries.push({ name, method, compressed, size, offset });
  }
  const files: Record<string, Uint8Array> = {};
  let produced = 0;
  for (const entry of entries) {
    const o = entry.offset;
    if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) throw new Error('bad local header');
    const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
    if (start + entry.compressed > bytes.length) throw new Error('truncated entry');
    const data = bytes.subarray(start, start + entry.compressed);
    if (entry.name.endsWith('/')) continue;
    if (entry.method === 0) {
      if (data.length !== entry.size) throw new PackLimit(`${entry.name} : taille annoncée fausse`);
      produced += data.length;
      files[entry.name] = data.slice();
      continue;
    }
    if (entry.method !== 8) throw new Error(`unknown compression ${entry.method}`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    const inflater = new Inflate((chunk) => {
      length += chunk.length;
      produced += chunk.length;
      if (length > entry.size) throw new PackLimit(`${entry.name} se décompresse au-delà de la taille annoncée (${entry.size} octets) : archive falsifiée`);
      if (produced > MAX_UNPACKED_BYTES) throw new PackLimit(`l’archive se décompresse en plus de ${mb(MAX_UNPACKED_BYTES)}, la limite des paquets de tutoriels`);
      chunks.push(chunk);
    });
    for (let p = 0; p < data.length; p += INFLATE_STEP) inflater.push(data.subarray(p, p + INFLATE_STEP), p + INFLATE_STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    if (length !== entry.size) throw new PackLimit(`${entry.name} : taille annoncée fausse`);
    const out = new Uint8Array(length);
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    files[entry.name] = out;
  }
  return files;
}

const manifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  tutorials: z.array(z.object({ id: z.string(), file: z.string().regex(/^[a-z0-9-]+\.md$/), version: z.number().int().min(1), changes: z.string() })).max(MAX_FILES),
});

export function exportPack(tutorials: readonly Tutorial[], now = new Date()): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const entries = tutorials.map((t) => {
    const file = `${t.meta.id}.md`;
    files[file] = strToU8(serialiseTutorial(t.meta, t.body));
    return { id: t.meta.id, file, version: t.meta.version, changes: t.meta.changes };
  });
  files['manifest.json'] = strToU8(JSON.stringify({ format: PACK_FORMAT, formatVersion: 1, createdAt: now.toISOString(), tutorials: entries }, null, 2));
  return zipSync(files, { level: 6 });
}

export type PackStatus = 'new' | 'updated' | 'conflict' | 'same';
export interface PackEntry {
  meta: TutorialMeta;
  body: string;
  status: PackStatus;
}
export type PackReading = { ok: true; entries: PackEntry[] } | { ok: false; error: string };

/** Reads and checks a whole pack against the current library; never writes. */
export function readPack(fileName: string, bytes: Uint8Array, library: ReadonlyMap<string, Tutorial>): PackReading {
  if (bytes.byteLength > MAX_PACK_BYTES) return { ok: false, error: `${fileName} : fichier trop volumineux` };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipWithinLimits(bytes);
  } catch (e) {
    if (e instanceof PackLimit) return { ok: false, error: `${fileName} : ${e.message} ; rien n’a été installé` };
    return { ok: false, error: `${fileName} : ce n’est pas une archive zip lisible` };
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return { ok: false, error: `${fileName} : manifest.json absent` };
  let manifest: z.infer<typeof manifestSchema>;
  try {
    const raw: unknown = JSON.parse(strFromU8(manifestBytes));
    const checked = manifestSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { ok: false, error: `manifest.json : ${issue ? issueText((key, params) => translate('fr', key, params), issue, raw) : 'format invalide.'}` };
    }
    manifest = checked.data;
  } catch {
    return { ok: false, error: 'manifest.json : JSON illisible' };
  }
  const entries: PackEntry[] = [];
  for (const item of manifest.tutorials) {
    const content = files[item.file];
    if (!content) return { ok: false, error: `${item.file} : fichier annoncé dans le manifeste mais absent` };
    const parsed = parseTutorialFile(item.file, strFromU8(content));
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (parsed.meta.id !== item.id) return { ok: false, error: `${item.file} : l’identifiant ne correspond pas au manifeste` };
    const existing = library.get(parsed.meta.id);
    let status: PackStatus = 'new';
    if (existing) {
      const same = existing.body.trim() === parsed.body.trim() && JSON.stringify(existing.meta) === JSON.stringify(parsed.meta);
      if (same) status = 'same';
      else if (existing.source === 'user') status = 'conflict';
      else status = parsed.meta.version >= existing.meta.version ? 'updated' : 'same';
    }
    entries.push({ meta: parsed.meta, body: parsed.body, status });
  }
  return { ok: true, entries };
}
