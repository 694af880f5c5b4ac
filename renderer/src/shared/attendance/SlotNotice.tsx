/**
 * What the date rules mean for a half-day right now, said on the screen: when
 * signing opens, or that any entry is a « saisie a posteriori » and its reason.
 */
import { useId, useState } from 'react';
import { slotNotice, type Slot } from '../../domain/date-rules';
import { useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { longDay, openingParams } from './dateRuleText';

export function SlotNoticeBar({ slot, now, reason, onReason }: { slot: Slot; now: Date; reason: string; onReason: (reason: string) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const notice = slotNotice(slot, now);
  if (notice.kind === 'not-open')
    return (
      <div className="alert alert-warn" role="status">
        {t('dates.notice.notOpen', openingParams(locale, notice.opensAt))}
      </div>
    );
  if (notice.kind === 'open') return <p className="muted">{t('dates.notice.open')}</p>;
  return (
    <div className="alert alert-warn" role="status">
      <p style={{ margin: '0 0 0.5rem' }}>{t('dates.notice.aPosteriori', { day: longDay(locale, slot.date) })}</p>
      <div className="field" style={{ marginBottom: 0 }}>
        <label htmlFor={`${id}-late-reason`}>{t('dates.reason.label')}</label>
        <input id={`${id}-late-reason`} type="text" value={reason} maxLength={500} onChange={(e) => onReason(e.target.value)} aria-describedby={`${id}-late-hint`} />
        <span id={`${id}-late-hint`} className="hint">
          {t('dates.reason.hint')}
        </span>
      </div>
    </div>
  );
}

/** Asks for the reason of a correction (three characters at least) before running it. */
export function ReasonDialog({ title, hint, confirmLabel, onConfirm, onClose }: { title: string; hint: string; confirmLabel: string; onConfirm: (reason: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (reason.trim().length < 3) setError(t('attendance.correction.reasonRequired'));
    else onConfirm(reason.trim());
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('attendance.correction.reason')}</label>
        <input id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="hint">
          {error ?? hint}
        </span>
      </div>
    </Dialog>
  );
}
