import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { exportPack, MAX_ENTRIES, MAX_UNPACKED_BYTES, readPack, unzipWithinLimits } from './packs';
import type { Tutorial } from './catalog';

const body = '## Objectifs\n\nApprendre.\n';
const make = (id: string, source: Tutorial['source'], version = 1, text = body): Tutorial => ({
  meta: { id, title: `Tutoriel ${id}`, summary: 'Un résumé assez long.', theme: 'site-web', level: 'debutant', duration: 30, audience: 'both', tags: ['web'], reviewed: '2026-10-01', version, changes: 'notes' },
  body: text,
  source,
  basedOn: null,
  recordId: null,
});

describe('tutorial packs', () => {
  it('round-trips and classifies entries against the library', () => {
    const pack = exportPack([make('neuf', 'user'), make('livre', 'user', 2), make('mien', 'user', 1, body + 'pack'), make('pareil', 'user')]);
    const library = new Map([
      ['livre', make('livre', 'bundled', 1)],
      ['mien', make('mien', 'user', 1, body + 'mes modifs')],
      ['pareil', make('pareil', 'user')],
    ]);
    const read = readPack('pack.zip', pack, library);
    expect(read.ok && read.entries.map((e) => [e.meta.id, e.status])).toEqual([
      ['neuf', 'new'],
      ['livre', 'updated'],
      ['mien', 'conflict'],
      ['pareil', 'same'],
    ]);
  });

  it('refuses malformed packs with a French message naming the file', () => {
    const lib = new Map<string, Tutorial>();
    expect(readPack('x.zip', strToU8('pas un zip'), lib)).toEqual({ ok: false, error: expect.stringContaining('x.zip : ce n’est pas une archive zip') });
    expect(readPack('y.zip', zipSync({ 'a.md': strToU8('x') }), lib)).toEqual({ ok: false, error: 'y.zip : manifest.json absent' });
    const manifest = { format: 'fourmiliere-tutorial-pack', formatVersion: 1, createdAt: '', tutorials: [{ id: 'a', file: 'a.md', version: 1, changes: '' }] };
    expect(readPack('z.zip', zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) }), lib)).toEqual({ ok: false, error: expect.stringContaining('a.md : fichier annoncé') });
    expect(readPack('w.zip', zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'a.md': strToU8('---\nid: a\n---\n') }), lib)).toEqual({ ok: false, error: expect.stringMatching(/^a\.md : Le champ «\s?titre\s?» est manquant\.$/) });
  });

  describe('caps on what a pack expands to', () => {
    const lib = new Map<string, Tutorial>();
    const manifest = strToU8(JSON.stringify({ format: 'fourmiliere-tutorial-pack', formatVersion: 1, createdAt: '', tutorials: [] }));

    it('refuses a zip bomb of many entries under the per-file size (declared sizes, before inflating)', () => {
      const zeros = new Uint8Array(4.9 * 1024 * 1024);
      const files: Record<string, Uint8Array> = { 'manifest.json': manifest };
      for (let i = 0; i < 12; i++) files[`z${i}.md`] = zeros;
      const bomb = zipSync(files, { level: 9 });
      expect(bomb.byteLength).toBeLessThan(1024 * 1024);
      const read = readPack('bombe.zip', bomb, lib);
      expect(read).toEqual({ ok: false, error: 'bombe.zip : l’archive se décompresse en plus de 50 Mo, la limite des paquets de tutoriels ; rien n’a été installé' });
    });

    it('counts while inflating: a header that lies about the size cannot pass', () => {
      const big = new Uint8Array(20 * 1024 * 1024);
      const zip = zipSync({ 'manifest.json': manifest, 'a.md': big }, { level: 9 });
      expect(zip.byteLength).toBeLessThan(512 * 1024);
      // Rewrite a.md's declared uncompressed size to 100 bytes, in its local header and the central directory.
      const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
      let patched = 0;
      for (let i = 0; i + 46 < zip.length; i++) {
        const sig = view.getUint32(i, true);
        if (sig === 0x04034b50 && view.getUint32(i + 22, true) === big.length) {
          view.setUint32(i + 22, 100, true);
          patched++;
        }
        if (sig === 0x02014b50 && view.getUint32(i + 24, true) === big.length) {
          view.setUint32(i + 24, 100, true);
          patched++;
        }
      }
      expect(patched).toBe(2);
      expect(() => unzipWithinLimits(zip)).toThrow(/a\.md se décompresse au-delà de la taille annoncée \(100 octets\)/);
      const read = readPack('menteur.zip', zip, lib);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.error).toContain('menteur.zip : a.md se décompresse au-delà de la taille annoncée');
    });

    it('refuses more entries than the cap, naming the limit', () => {
      const files: Record<string, Uint8Array> = { 'manifest.json': manifest };
      for (let i = 0; i < MAX_ENTRIES; i++) files[`f${i}.md`] = strToU8('x');
      const read = readPack('nombreux.zip', zipSync(files), lib);
      expect(read).toEqual({ ok: false, error: `nombreux.zip : l’archive contient ${MAX_ENTRIES + 1} fichiers, au-delà de la limite de 2000 fichiers ; rien n’a été installé` });
    });

    it('still reads a pack within the caps exactly', () => {
      const text = 'é'.repeat(300_000);
      const files = unzipWithinLimits(zipSync({ 'a.md': strToU8(text), 'vide.md': new Uint8Array(0) }, { level: 6 }));
      expect(new TextDecoder().decode(files['a.md'])).toBe(text);
      expect(files['vide.md']?.length).toBe(0);
      expect(MAX_UNPACKED_BYTES).toBe(50 * 1024 * 1024);
    });
  });
});
