import { beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { newId, touchRecord } from '../../db/records';
import { translate, type MessageKey } from '../../i18n';
import { checkedWrite, CheckedWriteError, syncTotal, takeCensus } from './census';
import { actionKey, failureText } from './failure';
import { fillSample } from './test-data';

let db: FourmiliereDatabase;
// French messages carry narrow no-break spaces before « : » (i18n/format frenchSpacing); compared here as plain spaces
const t = (key: MessageKey, params?: Record<string, string | number>) => translate('fr', key, params).replace(/\u202f/g, ' ');
const diskFull = () => new Dexie.BulkError('animators.bulkPut(): 42 of 100 operations failed', { 0: new Dexie.AbortError('Transaction aborted', new DOMException('', 'QuotaExceededError')) });

async function failure(write: () => Promise<unknown>): Promise<CheckedWriteError> {
  try {
    await checkedWrite(db, write);
  } catch (e) {
    if (e instanceof CheckedWriteError) return e;
    throw e;
  }
  throw new Error('the write did not fail');
}

describe('a failed write says what was checked', () => {
  beforeEach(async () => {
    db = freshDb();
    await fillSample(db);
  });

  it('counts every table', async () => {
    const census = (await takeCensus(db))!;
    expect(census.animators).toBe(await db.animators.count());
    expect(census.settings).toBe(await db.settings.count());
  });

  it('a transaction that aborted leaves the counts as they were: "intact", with the number', async () => {
    const total = syncTotal((await takeCensus(db))!);
    const model = (await db.animators.toCollection().first())!;
    const error = await failure(() =>
      db.transaction('rw', db.animators, async () => {
        await db.animators.bulkPut(Array.from({ length: 50 }, () => touchRecord({ ...model, id: newId() })));
        throw diskFull();
      }),
    );
    expect(error.outcome).toEqual({ kind: 'unchanged', total });
    const text = failureText(t, error, t(actionKey.import));
    expect(text).toContain('L’import a échoué : le disque est plein');
    expect(text).toContain(`vos données sont intactes (${total} fiches, comme avant)`);
    expect(text).not.toMatch(/bulkPut|operations failed/);
  });

  it('a write that committed part of its work before failing is not called intact', async () => {
    const model = (await db.animators.toCollection().first())!;
    const before = await db.animators.count();
    const error = await failure(async () => {
      await db.animators.put(touchRecord({ ...model, id: newId() }));
      throw diskFull();
    });
    expect(error.outcome.kind).toBe('changed');
    expect(await db.animators.count()).toBe(before + 1);
    const text = failureText(t, error, t(actionKey.merge));
    expect(text).toContain('Attention : le nombre de fiches a changé');
    expect(text).not.toContain('intactes');
  });

  it('a database emptied by the failure (the browser discarded it) points to the start-up restore', async () => {
    const error = await failure(async () => {
      await Promise.all(db.tables.map((table) => table.clear()));
      throw diskFull();
    });
    expect(error.outcome).toMatchObject({ kind: 'changed', after: 0 });
    const text = failureText(t, error, t(actionKey.import));
    expect(text).toContain('la base ne contient plus que 0 fiches');
    expect(text).toContain('elle proposera de restaurer la dernière copie');
  });

  it('a database that cannot be read afterwards is said unchecked, never intact', async () => {
    const error = await failure(async () => {
      db.close();
      throw new Dexie.AbortError('Transaction aborted', new DOMException('Internal error.', 'UnknownError'));
    });
    expect(error.outcome).toEqual({ kind: 'unknown' });
    const text = failureText(t, error, t(actionKey.restore));
    expect(text).toContain('La restauration a échoué : une erreur de lecture ou d’écriture sur le disque');
    expect(text).toContain('n’a pas pu être vérifié');
    expect(text).not.toContain('intactes');
  });

  it('without a check, the message promises nothing about the data', () => {
    const text = failureText(t, diskFull());
    expect(text).toMatch(/^le disque est plein/);
    expect(text).not.toMatch(/rien n|intact|aucun/i);
  });

  it('another error shows its own text', () => {
    expect(failureText(t, new Error('boom'), t(actionKey.pack))).toBe('L’installation du pack a échoué : erreur inattendue (boom).');
  });
});
