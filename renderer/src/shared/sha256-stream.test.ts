import { describe, expect, it } from 'vitest';
import { createSha256Hasher } from './sha256-stream';

const subtleHex = async (text: string) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');

describe('sha256 of a text fed piece by piece', () => {
  it('gives the digest of the whole text, for several streams at once', async () => {
    const hasher = createSha256Hasher();
    const pieces = ['[', '{"nom":"Élodie Marchand","ville":"Annecy"}', ',', '{"nom":"Zoë Œuvray","emoji":"🐜"}', ']'];
    const a = hasher.stream();
    const b = hasher.stream();
    for (const p of pieces) {
      a.update(p);
      b.update(p.toUpperCase());
    }
    const empty = hasher.stream();
    const [da, db, de] = await Promise.all([a.digest(), b.digest(), empty.digest()]);
    hasher.close();
    expect(da).toBe(await subtleHex(pieces.join('')));
    expect(db).toBe(await subtleHex(pieces.join('').toUpperCase()));
    expect(de).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(da).not.toBe(db);
  });
});
