/**
 * Tutorial packs: a zip of Markdown files and a manifest, to share tutorials by
 * file. Reading a pack checks everything first and says what is new, updated or
 * in conflict with the user's own edits; nothing is written until installed.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { parseTutorialFile, serialiseTutorial } from './frontmatter';
import type { Tutorial } from './catalog';
import type { TutorialMeta } from '../../domain/tutorials';
import { translate } from '../../i18n';
import { issueText } from '../../i18n/issues';

export const PACK_FORMAT = 'fourmiliere-tutorial-pack';
const MAX_PACK_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 500;

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
    files = unzipSync(bytes, { filter: (f) => f.originalSize < 5 * 1024 * 1024 });
  } catch {
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
