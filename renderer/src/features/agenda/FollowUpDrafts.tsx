/** À froid follow-up reminders as .eml drafts, from the follow-up list and the home page. */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { followUpReminders } from './drafts';
import { useSendDrafts } from './MailTools';
import { recordFollowUpReminders } from './sent';

export function FollowUpDraftsButton({ ids }: { ids: string[] }) {
  const { t } = useI18n();
  const send = useSendDrafts();
  const [busy, setBusy] = useState(false);
  if (ids.length === 0) return null;
  return (
    <p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void send((ctx) => followUpReminders(ids, ctx)).finally(() => setBusy(false));
        }}
      >
        {t('agenda.followUps.drafts', { count: ids.length })}
      </button>
    </p>
  );
}

export function recordMailtoReminder(id: string): Promise<number> {
  return recordFollowUpReminders([id], 'mailto');
}
