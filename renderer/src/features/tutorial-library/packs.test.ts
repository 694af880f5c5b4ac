import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { exportPack, readPack } from './packs';
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
});
