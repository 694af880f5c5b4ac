/** Helpers for the data-safety stories: change stored records as another screen would. */
import type { Page } from '@playwright/test';

/** Changes fields of one record the way the app does: new updatedAt and a revision of this device. */
export async function editRecord(page: Page, table: string, id: string, changes: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ table, id, changes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // A write to animators logs its id as the app's own writes do (db/registry-log.ts), so the registry's worker hears of it.
          const tx = db.transaction(table === 'animators' ? ['settings', table, 'registryLog'] : ['settings', table], 'readwrite');
          if (table === 'animators') tx.objectStore('registryLog').add({ ids: [id] });
          const device = tx.objectStore('settings').get('deviceId');
          device.onsuccess = () => {
            const store = tx.objectStore(table);
            const get = store.get(id);
            get.onsuccess = () => {
              const now = new Date();
              store.put({ ...get.result, ...changes, updatedAt: now.toISOString(), rev: { device: device.result.value, counter: now.getTime() } });
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { table, id, changes },
  );
}
