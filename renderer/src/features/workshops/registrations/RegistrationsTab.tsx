/**
 * Registrations of one workshop: places left, the registered, the ordered waiting
 * list (promote by hand or automatically), cancelled and excused, each change
 * dated; add a participant from the directory; print a convocation.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { RegistrationStatus, Workshop } from '../../../domain/workshops';
import { useI18n } from '../../../i18n';
import { PrintOverlay } from '../../../shared/attendance/PrintOverlay';
import { fileNameFrom } from '../../../shared/files';
import { WorkshopMailTools } from '../../agenda/MailTools';
import { DataTable } from '../../../ui/DataTable';
import { EmptyState } from '../../../ui/EmptyState';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { displayName, searchProviders } from '../../providers/repository';
import { Convocation } from './Convocation';
import { NewPersonDialog } from './NewPersonDialog';
import { parisToday } from '../../../domain/date-rules';
import { useOrganisation } from '../../settings/MissingOrganisation';
import { registrationStatusLabel } from './labels';
import { listSessions, registrationRows, type RegistrationRow } from './queries';
import { changeStatus, getAutoPromote, moveInWaitingList, promote, register, RegistrationError, setAutoPromote, setRegistrationMode } from './repository';
import { countsOf, expectedAt, inScope, isWalkIn, registrationModeOf, scopeOf, waitingList, type Scope } from './rules';
import { clockTime, longDay } from '../../../shared/attendance/dateRuleText';
import { timeOf } from './queries';

export default function RegistrationsTab({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const rows = useLiveQuery(() => registrationRows(workshop.id), [workshop.id]);
  const sessions = useLiveQuery(() => listSessions(workshop.id), [workshop.id]);
  const storedAuto = useLiveQuery(() => getAutoPromote(), []);
  // shown at once on click; the stored value follows
  const [autoChoice, setAutoChoice] = useState<boolean | null>(null);
  const auto = autoChoice ?? storedAuto ?? true;
  const [query, setQuery] = useState('');
  const found = useLiveQuery(() => (query.trim().length >= 2 ? searchProviders(query, 8) : Promise.resolve([])), [query]);
  const [convocations, setConvocations] = useState<RegistrationRow[] | null>(null);
  const organisation = useOrganisation();
  const [creating, setCreating] = useState(false);

  // shown at once on click; the stored workshop follows
  const [modeChoice, setModeChoice] = useState<'cycle' | 'session' | null>(null);
  const mode = modeChoice ?? registrationModeOf(workshop);
  const heldSessions = (sessions ?? []).filter((s) => !s.cancelled);
  const [chosenSession, setChosenSession] = useState<string | null>(null);
  // session by session: the session chosen, else the first one still to come, else the first
  const today = parisToday(new Date());
  const scope: Scope = mode === 'cycle' ? null : (heldSessions.find((s) => s.id === chosenSession) ?? heldSessions.find((s) => s.start.slice(0, 10) >= today) ?? heldSessions[0])?.id ?? null;
  const allRegistrations = (rows ?? []).map((r) => r.registration);
  const registrations = inScope(allRegistrations, scope);
  const counts = countsOf(workshop.capacity, allRegistrations, scope);
  const left = Math.max(0, counts.capacity - counts.registered);
  const waiting = waitingList(registrations);
  const scopedRows = (rows ?? []).filter((r) => scopeOf(r.registration) === scope);
  const locked = allRegistrations.some((r) => r.status === 'inscrit' || r.status === 'attente');
  const sessionsOfRow = (row: RegistrationRow) => (sessions ?? []).filter((s) => expectedAt(row.registration, s.id));
  const nameOf = (row: RegistrationRow) => (row.person ? displayName(row.person) : t('registration.unknownPerson'));
  const byId = new Map((rows ?? []).map((r) => [r.registration.id, r]));
  const toConvoke = scopedRows.filter((r) => r.person && r.registration.status === 'inscrit' && !isWalkIn(r.registration));
  const dateTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

  /** « Atelier complet » for a cycle, « Séance complète » session by session. */
  const waitingText = (name: string, rank: number) => (scope === null ? t('registration.addedWaiting', { name, rank }) : t('sessions.addedWaiting', { name, rank }));

  async function run(action: () => Promise<string | null>) {
    try {
      const message = await action();
      if (message) toast(message);
    } catch (error) {
      toast(error instanceof RegistrationError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function add(personId: string, name: string) {
    await run(async () => {
      const r = await register(workshop, personId, { sessionId: scope });
      setQuery('');
      return r.status === 'inscrit' ? t('registration.added', { name }) : waitingText(name, r.waitRank);
    });
  }

  async function setStatus(row: RegistrationRow, status: RegistrationStatus) {
    await run(async () => {
      const { promoted } = await changeStatus(row.registration.id, status);
      const names = promoted.map((p) => nameOf(byId.get(p.id) ?? { registration: p, person: null }));
      return names.length > 0 ? t('registration.promotedAuto', { names: names.join(', '), count: names.length }) : t('registration.changed', { name: nameOf(row), status: t(registrationStatusLabel[status]) });
    });
  }

  const group = (statuses: RegistrationStatus[]) => scopedRows.filter((r) => statuses.includes(r.registration.status)).sort((a, b) => nameOf(a).localeCompare(nameOf(b), locale));
  const registered = group(['inscrit']);
  const others = group(['annule', 'excuse']);

  function lastChange(row: RegistrationRow) {
    const last = row.registration.history.at(-1);
    return last ? dateTime(last.at) : '—';
  }

  function historyOf(row: RegistrationRow) {
    return (
      <details>
        <summary>{t('registration.history', { count: row.registration.history.length })}</summary>
        <ol style={{ margin: 0, paddingLeft: '1.2rem' }}>
          {row.registration.history.map((h, i) => (
            <li key={i}>
              {dateTime(h.at)} — {t(registrationStatusLabel[h.status])}
            </li>
          ))}
        </ol>
      </details>
    );
  }

  /** the last change, with the whole history folded under it */
  const changeCell = (row: RegistrationRow) => (
    <>
      {lastChange(row)}
      {historyOf(row)}
    </>
  );

  return (
    <div className="registrations-tab">
      {mode === 'session' || heldSessions.length > 1 ? (
        <fieldset className="card" style={{ marginBottom: '1rem' }} aria-describedby={locked ? `${id}-mode-locked` : undefined}>
          <legend>{t('sessions.mode.legend')}</legend>
          {(['cycle', 'session'] as const).map((m) => (
            <label key={m} style={{ display: 'block' }}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                checked={mode === m}
                disabled={locked && mode !== m}
                onChange={() => {
                  setModeChoice(m);
                  void setRegistrationMode(workshop.id, m).then(
                    () => toast(t('sessions.mode.saved')),
                    (error: unknown) => {
                      setModeChoice(null);
                      toast(error instanceof RegistrationError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
                    },
                  );
                }}
              />{' '}
              {m === 'cycle' ? t('sessions.mode.cycle') : t('sessions.mode.session', { capacity: workshop.capacity })}
            </label>
          ))}
          {locked ? (
            <p id={`${id}-mode-locked`} className="muted" style={{ marginBottom: 0 }}>
              {t('sessions.mode.locked')}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {mode === 'session' && heldSessions.length > 0 ? (
        <div className="field" style={{ maxWidth: 520 }}>
          <label htmlFor={`${id}-session`}>{t('sessions.session')}</label>
          <select id={`${id}-session`} value={scope ?? ''} onChange={(e) => setChosenSession(e.target.value)}>
            {heldSessions.map((s) => {
              const c = countsOf(workshop.capacity, allRegistrations, s.id);
              return (
                <option key={s.id} value={s.id}>
                  {t('sessions.sessionOption', { day: longDay(locale, s.start), start: clockTime(locale, timeOf(s.start)), end: clockTime(locale, timeOf(s.end)), registered: c.registered, capacity: c.capacity, waiting: c.waiting })}
                </option>
              );
            })}
          </select>
        </div>
      ) : null}
      <p className={left === 0 ? 'alert alert-warn' : 'alert'} aria-live="polite" data-testid="registration-summary">
        {t('sessions.summary', { registered: counts.registered, walkIns: counts.walkIns, capacity: counts.capacity, left, waiting: counts.waiting })}
      </p>
      <div className="toolbar" style={{ marginBottom: '0.5rem' }}>
        <button type="button" className="btn" disabled={toConvoke.length === 0} onClick={() => setConvocations(toConvoke)}>
          {t('print.convocation.all', { count: toConvoke.length })}
        </button>
      </div>
      <WorkshopMailTools workshop={workshop} />
      <label style={{ display: 'block', marginBottom: '1rem' }}>
        <input
          type="checkbox"
          checked={auto}
          onChange={(e) => {
            setAutoChoice(e.target.checked);
            void setAutoPromote(e.target.checked);
          }}
        /> {t('registration.autoPromote')}
      </label>

      <section className="card" aria-labelledby={`${id}-add`} style={{ marginBottom: '1rem' }}>
        <h3 id={`${id}-add`} style={{ marginTop: 0 }}>
          {t('registration.add.title')}
        </h3>
        <div className="field" style={{ maxWidth: 420 }}>
          <label htmlFor={`${id}-q`}>{t('registration.add.search')}</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </div>
        {found && found.length > 0 ? (
          <ul aria-label={t('registration.add.results')} style={{ listStyle: 'none', padding: 0 }}>
            {found.map((p) => {
              const already = registrations.some((r) => r.personId === p.id && (r.status === 'inscrit' || r.status === 'attente'));
              return (
                <li key={p.id} className="toolbar" style={{ marginBottom: 4 }}>
                  <span>
                    {displayName(p)} <span className="muted">{p.structure}</span>
                  </span>
                  <button type="button" className="btn btn-small" disabled={already} onClick={() => void add(p.id, displayName(p))} aria-label={t('registration.add.for', { name: displayName(p) })}>
                    {already ? t('registration.add.already') : t('registration.add.button')}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : query.trim().length >= 2 && found ? (
          <p className="muted">{t('registration.add.none')}</p>
        ) : null}
        <button type="button" className="btn" onClick={() => setCreating(true)}>
          {t('registration.add.newPerson')}
        </button>
      </section>

      <h3>{t('registration.registered', { count: registered.length })}</h3>
      {registered.length === 0 ? (
        <EmptyState>{t('registration.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('registration.registered', { count: registered.length })}
          rows={registered}
          rowKey={(row) => row.registration.id}
          columns={[
            {
              id: 'name',
              header: t('provider.name'),
              rowHeader: true,
              minRem: 11,
              cell: (row) => (
                <>
                  {nameOf(row)} {isWalkIn(row.registration) ? <span className="badge">{t('sessions.walkIn.badge')}</span> : null}
                </>
              ),
            },
            { id: 'structure', header: t('provider.structure'), minRem: 11, priority: 2, cell: (row) => row.person?.structure },
            { id: 'changed', header: t('registration.changedAt'), minRem: 10, priority: 3, cell: (row) => changeCell(row) },
          ]}
          actionsLabel={t('registration.actions')}
          actions={(row) => (
            <div className="toolbar">
              <button type="button" className="btn btn-small" onClick={() => setConvocations([row])} aria-label={t('registration.convocation.for', { name: nameOf(row) })}>
                {t('registration.convocation')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void setStatus(row, 'excuse')} aria-label={t('registration.excuse.for', { name: nameOf(row) })}>
                {t('registration.excuse')}
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void setStatus(row, 'annule')} aria-label={t('registration.cancel.for', { name: nameOf(row) })}>
                {t('registration.cancel')}
              </button>
            </div>
          )}
        />
      )}

      <h3>{t('registration.waiting', { count: waiting.length })}</h3>
      {waiting.length === 0 ? (
        <EmptyState>{t('registration.waiting.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('registration.waiting', { count: waiting.length })}
          rows={waiting.map((r, index) => ({ row: byId.get(r.id) ?? { registration: r, person: null }, index }))}
          rowKey={({ row }) => row.registration.id}
          columns={[
            { id: 'rank', header: t('registration.rank'), minRem: 4, align: 'end', cell: ({ index }) => index + 1 },
            { id: 'name', header: t('provider.name'), rowHeader: true, minRem: 11, cell: ({ row }) => nameOf(row) },
            { id: 'changed', header: t('registration.changedAt'), minRem: 10, priority: 2, cell: ({ row }) => lastChange(row) },
          ]}
          actionsLabel={t('registration.actions')}
          actions={({ row, index }) => (
            <div className="toolbar">
              <button type="button" className="btn btn-small btn-primary" disabled={left === 0} onClick={() => void run(async () => (await promote(row.registration.id), t('registration.promoted', { name: nameOf(row) })))} aria-label={t('registration.promote.for', { name: nameOf(row) })}>
                {t('registration.promote')}
              </button>
              <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => void run(async () => (await moveInWaitingList(row.registration.id, -1), null))} aria-label={t('registration.up.for', { name: nameOf(row) })}>
                ↑
              </button>
              <button type="button" className="btn btn-small" disabled={index === waiting.length - 1} onClick={() => void run(async () => (await moveInWaitingList(row.registration.id, 1), null))} aria-label={t('registration.down.for', { name: nameOf(row) })}>
                ↓
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void setStatus(row, 'annule')} aria-label={t('registration.cancel.for', { name: nameOf(row) })}>
                {t('registration.cancel')}
              </button>
            </div>
          )}
        />
      )}
      {left === 0 && waiting.length > 0 ? <p className="muted">{t('registration.promote.fullHint')}</p> : null}

      {others.length > 0 ? (
        <>
          <h3>{t('registration.others', { count: others.length })}</h3>
          <DataTable
            caption={t('registration.others', { count: others.length })}
            rows={others}
            rowKey={(row) => row.registration.id}
            columns={[
              { id: 'name', header: t('provider.name'), rowHeader: true, minRem: 11, cell: (row) => nameOf(row) },
              { id: 'status', header: t('registration.status'), minRem: 7, cell: (row) => t(registrationStatusLabel[row.registration.status]) },
              { id: 'changed', header: t('registration.changedAt'), minRem: 10, priority: 2, cell: (row) => changeCell(row) },
            ]}
            actionsLabel={t('registration.actions')}
            actions={(row) => (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void run(async () => {
                    const r = await register(workshop, row.registration.personId, { sessionId: scopeOf(row.registration) });
                    return r.status === 'inscrit' ? t('registration.added', { name: nameOf(row) }) : waitingText(nameOf(row), r.waitRank);
                  })
                }
                aria-label={t('registration.reregister.for', { name: nameOf(row) })}
              >
                {t('registration.reregister')}
              </button>
            )}
          />
        </>
      ) : null}

      {creating ? (
        <NewPersonDialog
          workshop={workshop}
          sessionId={scope}
          onClose={() => setCreating(false)}
          onRegisterExisting={async (personId, name) => {
            setCreating(false);
            await add(personId, name);
          }}
          onRegistered={(name, r) => {
            setCreating(false);
            toast(r.status === 'inscrit' ? t('registration.added', { name }) : waitingText(name, r.waitRank));
          }}
        />
      ) : null}
      {convocations && sessions ? (
        <PrintOverlay
          title={t('convocation.title')}
          fileName={fileNameFrom(`Convocation ${workshop.title}${convocations.length === 1 && convocations[0]?.person ? ` ${displayName(convocations[0].person)}` : ''}`, 'pdf')}
          onClose={() => setConvocations(null)}
          paperwork="convocation"
        >
          {convocations.map((row) =>
            row.person ? <Convocation key={row.registration.id} workshop={workshop} sessions={sessionsOfRow(row)} person={row.person} organisation={organisation} issuedOn={parisToday(new Date())} /> : null,
          )}
        </PrintOverlay>
      ) : null}
    </div>
  );
}
