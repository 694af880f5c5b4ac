/**
 * « Collecter sur les téléphones »: starts the desktop's phone collection for one
 * subject, shows its QR code and address, the live count of answers, and stops it.
 * In a browser, says that this needs the desktop app and offers the printed form.
 */
import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import QRCode from 'qrcode';
import { useI18n } from '../../i18n';
import { clockTime } from '../../i18n/format';
import { evaluationOpen, parisDateTime } from '../../domain/date-rules';
import { isDesktop } from '../../platform';
import { useNow } from '../attendance/useNow';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { linkEvaluationToPerson, listEvaluations, subjectStart } from './repository';
import { dismissPhoneCollect, startPhoneCollect, stopPhoneCollect, useCollectState, type CollectSubject } from './collect';

/**
 * `registerWalkIn` (workshops): makes a person record and registration for a name
 * typed on a phone, and gives its person id; the form is then theirs.
 */
export function CollectPanel({ subject, onPrint, registerWalkIn }: { subject: CollectSubject; onPrint: () => void; registerWalkIn?: (name: string) => Promise<string> }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const state = useCollectState();
  const now = useNow();
  const opensAt = useLiveQuery(() => subjectStart(subject.context, subject.subjectId), [subject.context, subject.subjectId], undefined);
  const open = opensAt !== undefined && evaluationOpen(opensAt, now);
  const submitted = useLiveQuery(async () => (await listEvaluations(subject.context, [subject.subjectId], 'chaud')).filter((e) => e.submittedAt !== null), [subject.context, subject.subjectId]);
  const answered = submitted?.length;
  const typedNames = (submitted ?? []).filter((e) => e.personId === null && e.respondentName).sort((a, b) => a.respondentName!.localeCompare(b.respondentName!, 'fr'));
  const [registering, setRegistering] = useState<string | null>(null);
  const mine = state.status !== 'idle' && state.subjectId === subject.subjectId;
  const url = mine && state.status === 'running' ? state.info.url : null;
  const [qr, setQr] = useState<{ url: string; svg: string } | null>(null);

  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
      if (!cancelled) setQr({ url, svg });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);

  async function stop() {
    try {
      await stopPhoneCollect();
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function walkIn(evaluationId: string, name: string) {
    if (!registerWalkIn) return;
    setRegistering(evaluationId);
    try {
      const personId = await registerWalkIn(name);
      await linkEvaluationToPerson(evaluationId, personId);
      toast(t('collect.walkIn.done', { name }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    } finally {
      setRegistering(null);
    }
  }

  const walkIns =
    registerWalkIn && typedNames.length > 0 ? (
      <div className="collect-walkins">
        <h4 id={`${id}-walkins`}>{t('collect.walkIn.title')}</h4>
        <p className="muted">{t('collect.walkIn.intro')}</p>
        <ul aria-labelledby={`${id}-walkins`}>
          {typedNames.map((e) => (
            <li key={e.id}>
              <button type="button" className="btn btn-small" disabled={registering !== null} onClick={() => void walkIn(e.id, e.respondentName!)}>
                {t('collect.walkIn.registerNamed', { name: e.respondentName! })}
              </button>
            </li>
          ))}
        </ul>
      </div>
    ) : null;

  if (!isDesktop()) {
    return (
      <section className="card collect-panel" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('collect.title')}</h3>
        <p className="alert" role="note">
          {t('collect.desktopOnly')}
        </p>
        <button type="button" className="btn" onClick={onPrint}>
          {t('collect.print')}
        </button>
      </section>
    );
  }

  const count = answered ?? 0;
  const total = subject.people.length;

  return (
    <section className="card collect-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('collect.title')}</h3>
      {mine && state.status === 'running' ? (
        <div className="collect-running">
          <div className="collect-qr">
            {qr && qr.url === state.info.url ? <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`} alt={t('collect.qrAlt', { url: state.info.url })} width={320} height={320} data-testid="collect-qr" /> : null}
          </div>
          <div className="collect-side">
            <p>{t('collect.scan')}</p>
            <p className="collect-url" data-testid="collect-url">
              {state.info.url}
            </p>
            <p className="collect-count" role="status" aria-live="polite" data-testid="collect-count">
              <strong>{total > 0 ? t('collect.count', { count, total }) : t('collect.countNoList', { count })}</strong>
              <br />
              <span className="muted">{t('collect.byPhone', { received: state.received, corrected: state.corrected })}</span>
            </p>
            <p className="muted">{t('collect.until', { time: clockTime(parisDateTime(new Date(state.info.expiresAt)).slice(11, 16), locale) })}</p>
            <button type="button" className="btn btn-danger" onClick={() => void stop()}>
              {t('collect.stop')}
            </button>
            {state.info.addresses.length > 1 ? (
              <div className="field collect-network">
                <label htmlFor={`${id}-network`}>{t('collect.network')}</label>
                <select id={`${id}-network`} value={state.info.address.replace(/:\d+$/, '')} onChange={(e) => void startPhoneCollect(subject, e.target.value)} aria-describedby={`${id}-network-hint`}>
                  {state.info.addresses.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
                <p id={`${id}-network-hint`} className="muted">
                  {t('collect.networkHint')}
                </p>
              </div>
            ) : null}
            <p className="muted">{t('collect.isolation')}</p>
          </div>
        </div>
      ) : null}
      {mine && state.status === 'running' ? null : !mine && (state.status === 'running' || state.status === 'starting') ? (
        <>
          <p className="alert alert-warn" role="status">
            {t('collect.elsewhere')}
          </p>
          <button type="button" className="btn" onClick={() => void stop()}>
            {t('collect.stop')}
          </button>
        </>
      ) : (
        <>
          {mine && state.status === 'ended' ? (
            <div className="alert" role="status">
              <p style={{ marginTop: 0 }}>{t(state.reason === 'expired' ? 'collect.expired' : 'collect.stopped', { received: state.received })}</p>
              <button type="button" className="btn btn-small" onClick={dismissPhoneCollect}>
                {t('collect.close')}
              </button>
            </div>
          ) : null}
          {mine && state.status === 'failed' ? (
            <p className="alert alert-warn" role="alert">
              {state.error === 'no-network' ? t('collect.error.noNetwork') : t('collect.error.other', { detail: state.error })}
            </p>
          ) : null}
          <p>{t('collect.intro')}</p>
          <p className="muted">{t('collect.sameNetwork')}</p>
          <p className="muted">{t('collect.firewall')}</p>
          {!open ? <p className="alert alert-warn">{t('collect.notOpen')}</p> : null}
          <button type="button" className="btn btn-primary" disabled={!open || (mine && state.status === 'starting')} onClick={() => void startPhoneCollect(subject)}>
            {mine && state.status === 'starting' ? t('collect.starting') : t('collect.start')}
          </button>
        </>
      )}
      {walkIns}
    </section>
  );
}
