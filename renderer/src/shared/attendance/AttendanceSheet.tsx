/**
 * The on-the-day screen of one session: find a name, tick présent / absent /
 * excusé per half-day, sign on the screen; the animator or trainer signs too.
 * Shared by workshop sessions and cohort module sessions.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { foldText } from '../../db/records';
import type { Attendance, AttendanceStatus } from '../../domain/attendance';
import type { HalfDay } from '../../domain/common';
import { useI18n, type MessageKey } from '../../i18n';
import { CellNote } from '../../ui/CellNote';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { useToast } from '../../ui/Toast';
import { checkEntry, slotNotice } from '../../domain/date-rules';
import { clearAttendanceStatus, clearSignature, listSessionAttendance, setAttendanceStatus, signAttendance, slotOfKey, type AttendanceKey } from './repository';
import { openingParams, refusalText } from './dateRuleText';
import { ReasonDialog, SlotNoticeBar } from './SlotNotice';
import { useNow } from './useNow';
import { SignaturePad, type SignatureValue } from './SignaturePad';
import { clockTime, formatDateTime } from '../../i18n/format';

export interface AttendancePerson {
  personId: string;
  name: string;
  subtitle?: string;
}

export interface AttendanceSheetProps {
  context: 'workshop' | 'module';
  sessionId: string;
  halfDays: HalfDay[];
  people: AttendancePerson[];
  leaderName: string;
  leaderRole: 'animateur' | 'formateur';
  /** adds someone who came without registering: a known person (`personId`) or a new one by name */
  onAddWalkIn?: (walkIn: { name: string; personId?: string }) => Promise<{ personId: string; name: string }>;
  /** people already known (the directory) whose name matches what is typed, proposed before creating anyone */
  findKnown?: (query: string) => Promise<AttendancePerson[]>;
}

/** Same person's name whatever the order typed (« Pierre Dufau », « DUFAU Pierre »). */
const sameName = (a: string, b: string) => {
  const words = (s: string) => foldText(s).split(/\s+/).filter(Boolean).sort().join(' ');
  return words(a) === words(b);
};

const STATUSES: AttendanceStatus[] = ['present', 'absent', 'excuse'];
export const statusLabel: Record<AttendanceStatus, MessageKey> = { present: 'attendance.status.present', absent: 'attendance.status.absent', excuse: 'attendance.status.excuse' };
/** The label of a mark, « Non renseigné » for none. */
export const markLabel = (status: AttendanceStatus | null | undefined): MessageKey => (status ? statusLabel[status] : 'attendance.status.unset');
export const halfDayLabel: Record<HalfDay, MessageKey> = { matin: 'attendance.halfDay.matin', 'apres-midi': 'attendance.halfDay.apres-midi' };

export function AttendanceSheet({ context, sessionId, halfDays, people, leaderName, leaderRole, onAddWalkIn, findKnown }: AttendanceSheetProps) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const [halfDay, setHalfDay] = useState<HalfDay>(halfDays[0] ?? 'matin');
  const [query, setQuery] = useState('');
  const [signing, setSigning] = useState<{ key: AttendanceKey; replacing: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [clearing, setClearing] = useState<AttendanceKey | null>(null);
  const [unsetting, setUnsetting] = useState<AttendanceKey | null>(null);
  const [lateReason, setLateReason] = useState('');
  const now = useNow();
  const slot = useLiveQuery(() => slotOfKey({ context, sessionId, halfDay }).catch(() => null), [context, sessionId, halfDay]);
  const notOpen = slot ? slotNotice(slot, now).kind === 'not-open' : false;
  const [walkIn, setWalkIn] = useState('');
  const [walkInError, setWalkInError] = useState<string | null>(null);
  // a new name that matches someone known waits for a confirmation (the directory's duplicate check)
  const [sameNameKnown, setSameNameKnown] = useState<AttendancePerson[]>([]);
  const knownQuery = walkIn.trim();
  const known = useLiveQuery(() => (findKnown && knownQuery.length >= 2 ? findKnown(knownQuery) : Promise.resolve([])), [findKnown, knownQuery]);
  const proposed = (known ?? []).filter((k) => !people.some((p) => p.personId === k.personId));
  const rows = useLiveQuery(() => listSessionAttendance(context, sessionId), [context, sessionId]);
  // A ticked status shows at once and stays until the stored row has caught up with it
  // (clearing it when the write ends could show the old status for a moment).
  const [ticked, setTicked] = useState<Record<string, AttendanceStatus>>({});
  const untick = (done: (tick: string, status: AttendanceStatus) => boolean) =>
    setTicked((m) => {
      const kept = Object.entries(m).filter(([tick, status]) => !done(tick, status));
      return kept.length === Object.keys(m).length ? m : Object.fromEntries(kept);
    });
  useEffect(() => {
    if (rows) untick((tick, status) => rows.some((r) => r.role === 'participant' && `${r.personId}:${r.halfDay}` === tick && r.status === status));
  }, [rows]);

  const byPerson = useMemo(() => {
    const map = new Map<string, Attendance>();
    for (const row of rows ?? []) if (row.halfDay === halfDay) map.set(`${row.role}:${row.personId}`, row);
    return map;
  }, [rows, halfDay]);

  const visible = useMemo(() => {
    const q = foldText(query.trim());
    return q ? people.filter((p) => foldText(`${p.name} ${p.subtitle ?? ''}`).includes(q)) : people;
  }, [people, query]);

  const keyOf = (personId: string, personName: string, role: Attendance['role']): AttendanceKey => ({ context, sessionId, halfDay, personId, personName, role });
  const leaderKey = keyOf(leaderName, leaderName, 'animateur');
  const leaderRow = byPerson.get(`animateur:${leaderName}`);
  const presentCount = people.filter((p) => byPerson.get(`participant:${p.personId}`)?.status === 'present').length;
  const time = (iso: string) => clockTime(new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false }), locale);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      toast(refusalText(t, locale, error), { kind: 'error' });
      return false;
    }
  }

  async function onSigned(value: SignatureValue) {
    if (!signing) return;
    if (signing.replacing && reason.trim().length < 3) {
      setReasonError(t('attendance.correction.reasonRequired'));
      return;
    }
    const signed = await run(() => signAttendance(signing.key, value.image, value.method, signing.replacing ? reason.trim() : lateReason.trim()));
    if (signed) toast(t('attendance.signed', { name: signing.key.personName }));
    setSigning(null);
  }

  async function confirmClear() {
    if (!clearing) return;
    if (reason.trim().length < 3) {
      setReasonError(t('attendance.correction.reasonRequired'));
      return;
    }
    const key = clearing;
    await run(() => clearSignature(key, reason.trim()));
    setClearing(null);
  }

  async function addWalkIn(knownPerson?: AttendancePerson, confirmedNew = false) {
    if (!onAddWalkIn) return;
    const name = knownPerson?.name ?? walkIn.trim();
    if (name.length < 2) {
      setWalkInError(t('attendance.walkIn.error'));
      return;
    }
    // judged before the person is created: a walk-in is present, so the same date rules apply
    const verdict = slot ? checkEntry('present', slot, new Date(), lateReason) : null;
    if (verdict && !verdict.ok) {
      setWalkInError(t(verdict.error, openingParams(locale, verdict.opensAt)));
      return;
    }
    setWalkInError(null);
    if (!knownPerson && !confirmedNew && findKnown) {
      const twins = (await findKnown(name)).filter((k) => sameName(k.name, name));
      setSameNameKnown(twins);
      if (twins.length > 0) return;
    }
    setSameNameKnown([]);
    await run(async () => {
      const person = await onAddWalkIn(knownPerson ? { name, personId: knownPerson.personId } : { name });
      // after the day the reason typed above is the a-posteriori reason (the walk-in label alone is not one)
      await setAttendanceStatus(keyOf(person.personId, person.name, 'participant'), 'present', verdict?.aPosteriori ? `${lateReason.trim()} (${t('attendance.walkIn.reason')})` : t('attendance.walkIn.reason'));
      setWalkIn('');
      setQuery(person.name);
      toast(t('attendance.walkIn.added', { name: person.name }));
    });
  }

  function signatureCell(row: Attendance | undefined, key: AttendanceKey) {
    return (
      <div className="toolbar">
        {row?.signature ? (
          <>
            <img src={row.signature.image} alt={t('attendance.signatureOf', { name: key.personName })} style={{ height: 40, background: '#fff', border: '1px solid var(--border)' }} />
            <span className="muted">
              {t(row.signature.method === 'typed' ? 'attendance.typedAt' : 'attendance.signedAt', { time: time(row.signature.signedAt) })}
            </span>
          </>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          disabled={notOpen}
          aria-label={t(row?.signature ? 'attendance.resign.for' : 'attendance.sign.for', { name: key.personName })}
          onClick={() => {
            setReason('');
            setReasonError(null);
            setSigning({ key, replacing: !!row?.signature });
          }}
        >
          {t(row?.signature ? 'attendance.resign' : 'attendance.sign')}
        </button>
        {row?.signature ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('attendance.clear.for', { name: key.personName })}
            onClick={() => {
              setReason('');
              setReasonError(null);
              setClearing(key);
            }}
          >
            {t('attendance.clear')}
          </button>
        ) : null}
        {row && (row.status !== null || row.signature) ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('dates.unset.for', { name: key.personName })}
            onClick={() => {
              setUnsetting(key);
            }}
          >
            {t('dates.unset')}
          </button>
        ) : null}
        {row?.aPosteriori ? <span className="badge">{t('dates.aPosteriori.badge', { date: new Date(row.aPosteriori.at).toLocaleDateString(locale), reason: row.aPosteriori.reason })}</span> : null}
        {row && row.audit.length > 0 ? <AuditTrail row={row} /> : null}
      </div>
    );
  }

  return (
    <div className="attendance-sheet">
      {halfDays.length > 1 ? (
        <fieldset className="toolbar">
          <legend>{t('attendance.halfDay')}</legend>
          {halfDays.map((h) => (
            <label key={h}>
              <input type="radio" name={`${id}-halfday`} checked={halfDay === h} onChange={() => setHalfDay(h)} /> {t(halfDayLabel[h])}
            </label>
          ))}
        </fieldset>
      ) : (
        <p>
          <span className="badge">{t(halfDayLabel[halfDay])}</span>
        </p>
      )}
      {slot ? <SlotNoticeBar slot={slot} now={now} reason={lateReason} onReason={setLateReason} /> : null}
      <div className="toolbar" style={{ marginBottom: '0.75rem' }}>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor={`${id}-search`}>{t('attendance.search')}</label>
          <input id={`${id}-search`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <p className="muted" aria-live="polite" style={{ margin: 0 }}>
          {t('attendance.count', { present: presentCount, total: people.length })}
        </p>
      </div>
      {visible.length === 0 ? (
        <EmptyState>{t('attendance.noMatch')}</EmptyState>
      ) : (
        <DataTable
          caption={t('attendance.caption', { halfDay: t(halfDayLabel[halfDay]) })}
          rows={visible}
          rowKey={(p) => p.personId}
          columns={[
            {
              id: 'person',
              header: t('attendance.col.person'),
              rowHeader: true,
              minRem: 11,
              cell: (p) => (
                <>
                  {p.name}
                  {p.subtitle ? <CellNote>{p.subtitle}</CellNote> : null}
                </>
              ),
            },
            {
              id: 'status',
              header: t('attendance.col.status'),
              minRem: 16,
              cell: (p) => {
                const row = byPerson.get(`participant:${p.personId}`);
                const key = keyOf(p.personId, p.name, 'participant');
                return (
                  <fieldset className="toolbar" style={{ border: 'none', padding: 0, margin: 0 }}>
                    <legend className="visually-hidden">{t('attendance.statusOf', { name: p.name })}</legend>
                    {STATUSES.map((s) => (
                      <label key={s}>
                        <input
                          type="radio"
                          name={`${id}-${p.personId}-${halfDay}`}
                          disabled={notOpen && s !== 'excuse'}
                          checked={(ticked[`${p.personId}:${halfDay}`] ?? row?.status) === s}
                          onChange={() => {
                            const tick = `${p.personId}:${halfDay}`;
                            setTicked((m) => ({ ...m, [tick]: s }));
                            // Refused: the stored status shows again.
                            void run(() => setAttendanceStatus(key, s, lateReason.trim())).then((stored) => stored || untick((other) => other === tick));
                          }}
                        />{' '}
                        {t(statusLabel[s])}
                      </label>
                    ))}
                  </fieldset>
                );
              },
            },
            { id: 'signature', header: t('attendance.col.signature'), minRem: 14, cell: (p) => signatureCell(byPerson.get(`participant:${p.personId}`), keyOf(p.personId, p.name, 'participant')) },
          ]}
        />
      )}

      <section className="card" style={{ marginTop: '1rem' }} aria-labelledby={`${id}-leader`}>
        <h3 id={`${id}-leader`} style={{ marginTop: 0 }}>
          {t(leaderRole === 'animateur' ? 'attendance.leader.animateur' : 'attendance.leader.formateur', { name: leaderName })}
        </h3>
        {signatureCell(leaderRow, leaderKey)}
      </section>

      {onAddWalkIn ? (
        <section className="card" style={{ marginTop: '1rem' }} aria-labelledby={`${id}-walkin`}>
          <h3 id={`${id}-walkin`} style={{ marginTop: 0 }}>
            {t('attendance.walkIn.title')}
          </h3>
          <form
            className="toolbar"
            style={{ alignItems: 'flex-end' }}
            onSubmit={(e) => {
              e.preventDefault();
              void addWalkIn();
            }}
          >
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor={`${id}-walkin-name`}>{t('attendance.walkIn.name')}</label>
              <input
                id={`${id}-walkin-name`}
                type="text"
                value={walkIn}
                onChange={(e) => setWalkIn(e.target.value)}
                aria-invalid={walkInError ? true : undefined}
                aria-describedby={walkInError ? `${id}-walkin-error` : undefined}
              />
            </div>
            <button type="submit" className="btn">
              {t('attendance.walkIn.add')}
            </button>
          </form>
          {walkInError ? (
            <p id={`${id}-walkin-error`} role="alert" style={{ color: 'var(--danger)', fontWeight: 600 }}>
              {walkInError}
            </p>
          ) : null}
          {sameNameKnown.length > 0 ? (
            <div className="alert alert-warn" role="alert" style={{ marginTop: '0.5rem' }}>
              <p style={{ marginTop: 0 }}>{t('sessions.walkIn.sameName', { count: sameNameKnown.length, name: walkIn.trim() })}</p>
              <button type="button" className="btn btn-small" onClick={() => void addWalkIn(undefined, true)}>
                {t('sessions.walkIn.createAnyway')}
              </button>
            </div>
          ) : null}
          {proposed.length > 0 ? (
            <div style={{ marginTop: '0.5rem' }}>
              <h4 id={`${id}-known`} style={{ margin: '0 0 0.25rem' }}>
                {t('sessions.walkIn.known')}
              </h4>
              <ul aria-labelledby={`${id}-known`} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {proposed.map((k) => (
                  <li key={k.personId} className="toolbar" style={{ marginBottom: 4 }}>
                    <span>
                      {k.name} {k.subtitle ? <span className="muted">{k.subtitle}</span> : null}
                    </span>
                    <button type="button" className="btn btn-small" onClick={() => void addWalkIn(k)} aria-label={t('sessions.walkIn.addKnown', { name: k.name })}>
                      {t('sessions.walkIn.addKnown.short')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {signing ? (
        <Dialog open title={t('attendance.sign.title', { name: signing.key.personName })} onClose={() => setSigning(null)} footer={<span />}>
            {signing.replacing ? (
              <div className="field">
                <label htmlFor={`${id}-reason`}>{t('attendance.correction.reason')}</label>
                <input id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined} aria-describedby={`${id}-reason-hint`} />
                <span id={`${id}-reason-hint`} className="hint">
                  {reasonError ?? t('attendance.correction.hint')}
                </span>
              </div>
            ) : null}
            <SignaturePad key={`${signing.key.personId}-${signing.key.halfDay}`} signerName={signing.key.personName} onValidate={onSigned} onCancel={() => setSigning(null)} />
        </Dialog>
      ) : null}

      {unsetting ? (
        <ReasonDialog
          title={t('dates.unset.title', { name: unsetting.personName })}
          hint={t('dates.unset.hint')}
          confirmLabel={t('dates.unset')}
          onClose={() => setUnsetting(null)}
          onConfirm={(why) => {
            const key = unsetting;
            setUnsetting(null);
            void run(() => clearAttendanceStatus(key, why)).then((done) => done && toast(t('dates.unset.done', { name: key.personName })));
          }}
        />
      ) : null}

      {clearing ? (
      <Dialog
        open
        title={t('attendance.clear.title', { name: clearing.personName })}
        onClose={() => setClearing(null)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setClearing(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void confirmClear()}>
              {t('attendance.clear')}
            </button>
          </>
        }
      >
        <div className="field">
          <label htmlFor={`${id}-clear-reason`}>{t('attendance.correction.reason')}</label>
          <input id={`${id}-clear-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined} aria-describedby={`${id}-clear-hint`} />
          <span id={`${id}-clear-hint`} className="hint">
            {reasonError ?? t('attendance.clear.hint')}
          </span>
        </div>
      </Dialog>
      ) : null}
    </div>
  );
}

function AuditTrail({ row }: { row: Attendance }) {
  const { t, locale } = useI18n();
  return (
    <details>
      <summary>{t('attendance.audit', { count: row.audit.length })}</summary>
      <ol style={{ margin: '0.25rem 0', paddingLeft: '1.25rem' }}>
        {row.audit.map((a, i) => (
          <li key={i}>
            {formatDateTime(a.at, locale)} — {t(`attendance.audit.${a.action}` as MessageKey)}
            {a.action === 'status' && (a.to || a.from) ? ` : ${a.from ? t(markLabel(a.from as AttendanceStatus)) : '—'} → ${t(markLabel(a.to as AttendanceStatus | null))}` : ''}
            {a.reason ? ` (${a.reason})` : ''}
            {a.aPosteriori ? ` — ${t('dates.audit.aPosteriori')}` : ''}
            {a.previous ? <img src={a.previous.image} alt={t('attendance.audit.previous', { time: formatDateTime(a.previous.signedAt, locale) })} style={{ height: 24, marginLeft: 4, background: '#fff' }} /> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
