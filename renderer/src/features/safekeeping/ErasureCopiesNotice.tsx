import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { getBridge } from '../../platform';
import type { BackupInfo, BackupSettings } from '../../platform/contract';
import { KEEP as WEB_KEEP } from '../../platform/web-bridge';

interface Copies {
  list: BackupInfo[];
  /** desktop rotation settings; null in browser mode */
  settings: BackupSettings | null;
}

/**
 * Says, in the erasure dialog, where copies of the person remain once erased and
 * for how long: read from the copies actually listed and the rotation in force.
 */
export function ErasureCopiesNotice({ anonymise }: { anonymise: boolean }) {
  const { t, locale } = useI18n();
  const [copies, setCopies] = useState<Copies | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const bridge = getBridge();
      const [list, info] = await Promise.all([bridge.listBackups(), bridge.appInfo()]);
      const settings = info.ok && info.value.platform === 'electron' ? await bridge.backupSettings() : null;
      if (live) setCopies({ list: list.ok ? list.value : [], settings: settings?.ok ? settings.value : null });
    })();
    return () => {
      live = false;
    };
  }, []);
  if (!copies) return null;
  const oldest = copies.list.map((b) => b.createdAt).sort()[0];
  const params = { count: copies.list.length, oldest: oldest ? new Date(oldest).toLocaleDateString(locale) : '' };
  return (
    <div className="erasure-copies">
      <h3 style={{ fontSize: '1rem' }}>{t('erasure.copies.title')}</h3>
      <ul>
        <li>
          {copies.list.length === 0
            ? t('erasure.copies.none')
            : copies.settings
              ? t('erasure.copies.desktop', { ...params, folder: copies.settings.folder, daily: copies.settings.keepDaily, weekly: copies.settings.keepWeekly })
              : t('erasure.copies.web', { ...params, daily: WEB_KEEP.daily, weekly: WEB_KEEP.weekly, beforeRestore: WEB_KEEP['before-restore'], manual: WEB_KEEP.manual })}
        </li>
        <li>{t('erasure.copies.files')}</li>
        <li>{t('erasure.copies.register')}</li>
      </ul>
      {anonymise ? <p>{t('erasure.anonymiseNote')}</p> : null}
    </div>
  );
}
