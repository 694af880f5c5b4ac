/**
 * Registrations of one workshop: places left, the registered, the ordered waiting
 * list (promote by hand or automatically), cancelled and excused, each change
 * dated; add a participant from the directory; print a convocation.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import type { RegistrationStatus, Workshop } from '../../../domain/workshops';
import { useI18n } from '../../../i18n';
import { PrintOverlay } from '../../../shared/attendance/PrintOverlay';
import { fileNameFrom } from '../../../shared/files';
import { WorkshopMailTools } from '../../agenda/MailTools';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { displayName, searchProviders } from '../../providers/repository';
import { Convocation } from './Convocation';
import { parisToday } from '../../../domain/date-rules';
import { useOrganisation } from '../../settings/MissingOrganisation';
import { registrationStatusLabel } from './labels';
import { listSessions, registrationRows, type RegistrationRow } from './queries';
import { changeStatus, getAutoPromote, moveInWaitingList, promote, register, RegistrationError, setAutoPromote } from './repository';
import { placesLeft, registeredCount, waitingList } from './rules';

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

  const registrations = (rows ?? []).map((r) => r.registration);
  const left = placesLeft(workshop.capacity, registrations);
  const waiting = waitingList(registrations);
  const nameOf = (row: RegistrationRow) => (row.person ? displayName(row.person) : t('registration.unknownPerson'));
  const byId = new Map((rows ?? []).map((r) => [r.registration.id, r]));
  const toConvoke = (rows ?? []).filter((r) => r.person && r.registration.status === 'inscrit');
  const dateTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

  async function run(action: () => Promise<string | null>) {
    try {
      const message = await action();
      if (message) toast(message);
    } catch (error) {
      toast(error instanceof RegistrationError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }));
    }
  }

  async function add(personId: string, name: string) {
    await run(async () => {
      const r = await register(workshop, personId);
      setQuery('');
      return r.status === 'inscrit' ? t('registration.added', { name }) : t('registration.addedWaiting', { name, rank: r.waitRank });
    });
  }

  async function setStatus(row: RegistrationRow, status: RegistrationStatus) {
    await run(async () => {
      const { promoted } = await changeStatus(row.registration.id, status);
      const names = promoted.map((p) => nameOf(byId.get(p.id) ?? { registration: p, person: null }));
      return names.length > 0 ? t('registration.promotedAuto', { names: names.join(', '), count: names.length }) : t('registration.changed', { name: nameOf(row), status: t(registrationStatusLabel[status]) });
    });
  }

  const group = (statuses: RegistrationStatus[]) => (rows ?? []).filter((r) => statuses.includes(r.registration.status)).sort((a, b) => nameOf(a).localeCompare(nameOf(b), locale));
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

  return (
    <div className="registrations-tab">
      <p className={left === 0 ? 'alert alert-warn' : 'alert'} aria-live="polite">
        {t('registration.summary', { registered: registeredCount(registrations), capacity: workshop.capacity, left, waiting: waiting.length })}
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
        <Link href="~/ateliers/participants/nouveau" className="btn-link">
          {t('registration.add.newPerson')}
        </Link>
      </section>

      <h3>{t('registration.registered', { count: registered.length })}</h3>
      <table className="data">
        <caption className="visually-hidden">{t('registration.registered', { count: registered.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('provider.name')}</th>
            <th scope="col">{t('provider.structure')}</th>
            <th scope="col">{t('registration.changedAt')}</th>
            <th scope="col">{t('registration.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {registered.map((row) => (
            <tr key={row.registration.id}>
              <th scope="row">{nameOf(row)}</th>
              <td>{row.person?.structure}</td>
              <td>
                {lastChange(row)}
                {historyOf(row)}
              </td>
              <td>
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
              </td>
            </tr>
          ))}
          {registered.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t('registration.none')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <h3>{t('registration.waiting', { count: waiting.length })}</h3>
      {waiting.length === 0 ? (
        <p className="muted">{t('registration.waiting.empty')}</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">{t('registration.waiting', { count: waiting.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('registration.rank')}</th>
              <th scope="col">{t('provider.name')}</th>
              <th scope="col">{t('registration.changedAt')}</th>
              <th scope="col">{t('registration.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((r, index) => {
              const row = byId.get(r.id) ?? { registration: r, person: null };
              return (
                <tr key={r.id}>
                  <td>{index + 1}</td>
                  <th scope="row">{nameOf(row)}</th>
                  <td>{lastChange(row)}</td>
                  <td>
                    <div className="toolbar">
                      <button type="button" className="btn btn-small btn-primary" disabled={left === 0} onClick={() => void run(async () => (await promote(r.id), t('registration.promoted', { name: nameOf(row) })))} aria-label={t('registration.promote.for', { name: nameOf(row) })}>
                        {t('registration.promote')}
                      </button>
                      <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => void run(async () => (await moveInWaitingList(r.id, -1), null))} aria-label={t('registration.up.for', { name: nameOf(row) })}>
                        ↑
                      </button>
                      <button type="button" className="btn btn-small" disabled={index === waiting.length - 1} onClick={() => void run(async () => (await moveInWaitingList(r.id, 1), null))} aria-label={t('registration.down.for', { name: nameOf(row) })}>
                        ↓
                      </button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void setStatus(row, 'annule')} aria-label={t('registration.cancel.for', { name: nameOf(row) })}>
                        {t('registration.cancel')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {left === 0 && waiting.length > 0 ? <p className="muted">{t('registration.promote.fullHint')}</p> : null}

      {others.length > 0 ? (
        <>
          <h3>{t('registration.others', { count: others.length })}</h3>
          <table className="data">
            <caption className="visually-hidden">{t('registration.others', { count: others.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('provider.name')}</th>
                <th scope="col">{t('registration.status')}</th>
                <th scope="col">{t('registration.changedAt')}</th>
                <th scope="col">{t('registration.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {others.map((row) => (
                <tr key={row.registration.id}>
                  <th scope="row">{nameOf(row)}</th>
                  <td>{t(registrationStatusLabel[row.registration.status])}</td>
                  <td>
                    {lastChange(row)}
                    {historyOf(row)}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => void run(async () => {
                      const r = await register(workshop, row.registration.personId);
                      return r.status === 'inscrit' ? t('registration.added', { name: nameOf(row) }) : t('registration.addedWaiting', { name: nameOf(row), rank: r.waitRank });
                    })} aria-label={t('registration.reregister.for', { name: nameOf(row) })}>
                      {t('registration.reregister')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {convocations && sessions ? (
        <PrintOverlay
          title={t('convocation.title')}
          fileName={fileNameFrom(`Convocation ${workshop.title}${convocations.length === 1 && convocations[0]?.person ? ` ${displayName(convocations[0].person)}` : ''}`, 'pdf')}
          onClose={() => setConvocations(null)}
          paperwork="convocation"
        >
          {convocations.map((row) =>
            row.person ? <Convocation key={row.registration.id} workshop={workshop} sessions={sessions} person={row.person} organisation={organisation} issuedOn={parisToday(new Date())} /> : null,
          )}
        </PrintOverlay>
      ) : null}
    </div>
  );
}
