/** A fresh database per test: `const db = freshDb()` in beforeEach. */
import { FourmiliereDatabase, setDatabase } from '../db/database';

let counter = 0;
export function freshDb(): FourmiliereDatabase {
  const db = new FourmiliereDatabase(`test-${Date.now()}-${counter++}`);
  setDatabase(db);
  return db;
}
