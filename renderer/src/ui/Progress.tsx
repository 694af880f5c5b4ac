import { useT } from '../i18n';

/** Progress of long work (imports, exports, restores), announced to screen readers. */
export function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  const t = useT();
  return (
    <div className="field" role="group" aria-label={label}>
      <span className="label">{label}</span>
      <progress max={Math.max(total, 1)} value={Math.min(done, total)} aria-valuetext={t('common.progress', { done, total })} />
      <span className="hint" aria-live="polite">
        {t('common.progress', { done, total })}
      </span>
    </div>
  );
}
