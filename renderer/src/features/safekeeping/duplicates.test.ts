import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { touchRecord } from '../../db/records';
import { fillSample } from './test-data';
import { mergeDuplicatePeople } from './duplicates';

let db: FourmiliereDatabase;

describe('merging people found twice after an exchange', () => {
  beforeEach(async () => {
    db = freshDb();
    await fillSample(db);
  });

  it('keeps one provider, fills its blanks, moves registrations, drops a double registration', async () => {
    const first = (await db.registrations.toCollection().first())!;
    const keep = (await db.providers.get(first.personId))!;
    const otherWorkshop = touchRecord({ ...(await db.workshops.get(first.workshopId))!, id: 'atelier-neuf' });
    await db.workshops.put(otherWorkshop);
    // The same person came from the other machine under another id, with a phone number,
    // registered to the same workshop (a double) and to another one.
    const drop = touchRecord({ ...keep, id: 'venue-d-ailleurs', phone: '05 59 00 00 00' });
    await db.providers.bulkPut([touchRecord(keep, { phone: '' }), drop]);
    await db.registrations.bulkPut([
      { ...touchRecord(first), id: 'double', personId: drop.id },
      { ...touchRecord(first), id: 'ailleurs', personId: drop.id, workshopId: otherWorkshop.id },
    ]);
    const result = await mergeDuplicatePeople(db, 'providers', keep.id, drop.id);

    expect(result).toEqual({ moved: 1, dropped: 1 });
    expect((await db.providers.get(keep.id))?.phone).toBe('05 59 00 00 00');
    expect((await db.providers.get(drop.id))?.deletedAt).not.toBeNull();
    expect((await db.registrations.get('double'))?.deletedAt).not.toBeNull();
    expect((await db.registrations.get('ailleurs'))?.personId).toBe(keep.id);
    expect(await db.history.where('[table+recordId]').equals(['providers', keep.id]).count()).toBe(1);
  });

  it('moves every registration of the dropped record to the kept one', async () => {
    const reg = (await db.registrations.toCollection().first())!;
    const keep = (await db.providers.get(reg.personId))!;
    const drop = touchRecord({ ...keep, id: 'autre' });
    await db.providers.put(drop);
    await db.registrations.where('personId').equals(keep.id).modify({ personId: drop.id });
    const count = await db.registrations.where('personId').equals(drop.id).count();
    const result = await mergeDuplicatePeople(db, 'providers', keep.id, drop.id);
    expect(result).toEqual({ moved: count, dropped: 0 });
    expect(await db.registrations.where('personId').equals(keep.id).count()).toBe(count);
  });

  it('changes nothing when a record is missing', async () => {
    const keep = (await db.animators.toCollection().first())!;
    await expect(mergeDuplicatePeople(db, 'animators', keep.id, 'absent')).rejects.toThrow();
    expect((await db.animators.get(keep.id))?.rev).toEqual(keep.rev);
  });
});
