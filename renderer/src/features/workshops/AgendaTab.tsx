/**
 * Déroulé tab: ordered steps (title, minutes, objective, method, material, linked
 * tutorials), reordered by dragging or with the move up/down buttons, the total
 * compared with the sessions' length, and the linked tutorials printed as handouts.
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { newId } from '../../db/records';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { combineSteps, differingSteps, ORDER_KEY } from './agendaVersions';
import type { AgendaStep, Workshop, WorkshopSession } from '../../domain/workshops';
import { useI18n, type MessageKey } from '../../i18n';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { fileNameFrom } from '../../shared/files';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { sessionsOf } from './queries';
import { saveAgenda } from './repository';
import { compareAgenda, formatMinutes, moveItem } from './rules';
import { HandoutsPrint, StepTutorials } from './tutorialLinks';
import { timedSteps } from './agendaClock';
import { clockTime, formatDay } from '../../i18n/format';
import '../../shared/print/print.css';

interface DraftStep extends Omit<AgendaStep, 'minutes'> {
  minutes: string;
}
type StepErrors = Partial<Record<'title' | 'minutes', MessageKey>>;

const toDraft = (s: AgendaStep): DraftStep => ({ ...s, minutes: String(s.minutes) });
const blankStep = (): DraftStep => ({ id: newId(), title: '', minutes: '15', objective: '', method: '', material: '', tutorialIds: [] });

function stepErrors(step: DraftStep): StepErrors {
  const errors: StepErrors = {};
  if (!step.title.trim()) errors.title = 'agenda.error.title';
  const m = Number(step.minutes);
  if (!/^\d+$/.test(step.minutes.trim()) || m > 24 * 60) errors.minutes = 'agenda.error.minutes';
  return errors;
}

/** The tutorials linked anywhere in the déroulé, in order of first use. */
export function handoutIds(steps: readonly Pick<AgendaStep, 'tutorialIds'>[]): string[] {
  return [...new Set(steps.flatMap((s) => s.tutorialIds))];
}

export default function AgendaTab({ workshop }: { workshop: Workshop }) {
  const { t } = useI18n();
  const toast = useToast();
  const [steps, setSteps] = useState<DraftStep[]>(() => workshop.agenda.map(toDraft));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, StepErrors>>({});
  const [announce, setAnnounce] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const [printing, setPrinting] = useState<'handouts' | 'animatorHandouts' | 'agenda' | null>(null);
  const sessions = useLiveQuery(() => sessionsOf(workshop.id), [workshop.id]);
  const focusAfterMove = useRef<string | null>(null);
  const stale = useStaleSave<Workshop, DraftStep[]>({
    initial: workshop,
    save: (values, rev) => saveAgenda(workshop.id, values.map((s) => ({ ...s, minutes: Number(s.minutes) })), rev),
    // saved elsewhere without touching the déroulé (its information, its sessions): nothing to choose
    part: (w) => w.agenda,
    onSaved: (saved) => {
      setSteps(saved.agenda.map(toDraft));
      setDirty(false);
      toast(t('agenda.saved'));
    },
  });
  const { base, setBase } = stale;
  const conflict = stale.conflict ? { ...stale.conflict, theirs: stale.conflict.current.agenda.map(toDraft) } : null;

  // the stored déroulé changed (saved here, or elsewhere): follow it unless the user is editing
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (!dirtyRef.current) {
      setSteps(workshop.agenda.map(toDraft));
      setBase(workshop);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the déroulé only, not every change of the workshop
  }, [workshop.agenda]);

  useEffect(() => {
    if (focusAfterMove.current) {
      document.getElementById(focusAfterMove.current)?.focus();
      focusAfterMove.current = null;
    }
  });

  const change = (next: DraftStep[]) => {
    setSteps(next);
    setDirty(true);
  };
  const update = (index: number, changes: Partial<DraftStep>) => change(steps.map((s, i) => (i === index ? { ...s, ...changes } : s)));
  const titleOf = (s: DraftStep) => s.title.trim() || t('agenda.untitled');

  function move(from: number, to: number, focusId?: string) {
    const step = steps[from];
    if (!step || to < 0 || to >= steps.length) return;
    change(moveItem(steps, from, to));
    setAnnounce(t('agenda.moved', { title: titleOf(step), position: to + 1 }));
    // keep focus on the same button of the moved step; at an end, on the other button
    if (focusId) {
      const [kind] = focusId.split(':');
      const edge = kind === 'up' ? to === 0 : to === steps.length - 1;
      focusAfterMove.current = edge ? `${kind === 'up' ? 'down' : 'up'}:${step.id}` : focusId;
    }
  }

  async function save() {
    const all: Record<string, StepErrors> = {};
    for (const s of steps) {
      const e = stepErrors(s);
      if (Object.keys(e).length > 0) all[s.id] = e;
    }
    setErrors(all);
    if (Object.keys(all).length > 0) {
      toast(t('agenda.errors'), { kind: 'error' });
      return;
    }
    await stale.persist(steps, base);
  }

  const stepText = (s: DraftStep | undefined): string =>
    s ? [`${s.title.trim() || t('agenda.untitled')} (${s.minutes} min)`, s.objective, s.method, s.material].filter((x) => x.trim() !== '').join(' — ') : '';
  const conflictFields = conflict
    ? differingSteps(conflict.mine, conflict.theirs).map((key) => {
        const opened = base.agenda.map(toDraft);
        if (key === ORDER_KEY) {
          const order = (list: DraftStep[]) => list.map((s) => s.title.trim() || t('agenda.untitled')).join(', ');
          const same = JSON.stringify(conflict.mine.map((s) => s.id)) === JSON.stringify(opened.map((s) => s.id));
          return { key, label: t('revisions.agendaOrder'), theirs: order(conflict.theirs), mine: order(conflict.mine), initial: same ? ('theirs' as const) : ('mine' as const) };
        }
        const mine = conflict.mine.find((s) => s.id === key);
        const theirs = conflict.theirs.find((s) => s.id === key);
        const n = (mine ? conflict.mine.indexOf(mine) : conflict.theirs.indexOf(theirs!)) + 1;
        const unchanged = JSON.stringify(mine) === JSON.stringify(opened.find((s) => s.id === key));
        return { key, label: `${t('agenda.step', { n })} : ${(mine ?? theirs)!.title.trim() || t('agenda.untitled')}`, theirs: stepText(theirs), mine: stepText(mine), initial: unchanged ? ('theirs' as const) : ('mine' as const) };
      })
    : [];

  const numeric = steps.map((s) => ({ minutes: /^\d+$/.test(s.minutes.trim()) ? Number(s.minutes) : 0 }));
  const comparisons = compareAgenda(numeric, sessions ?? []);
  const total = numeric.reduce((sum, s) => sum + s.minutes, 0);
  const handouts = handoutIds(steps);

  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('agenda.title')}</h2>
      <p className="muted">{t('agenda.intro')}</p>
      <div aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      <div className="card" style={{ marginBottom: '1rem' }}>
        <p className="agenda-total" data-testid="agenda-total">
          {t('agenda.total', { total: formatMinutes(total) })}
        </p>
        <div role="status" data-testid="agenda-comparison">
          {comparisons.length === 0 ? <p className="muted">{t('agenda.noSession')}</p> : null}
          {comparisons.map((c) => {
            const params = { total: formatMinutes(c.agendaMinutes), diff: formatMinutes(Math.abs(c.difference)), length: formatMinutes(c.sessionMinutes) };
            if (c.difference === 0)
              return (
                <p key={c.sessionMinutes} className="alert alert-ok">
                  ✓ {t('agenda.match', params)}
                </p>
              );
            return (
              <p key={c.sessionMinutes} className="alert alert-warn">
                ⚠ {c.difference > 0 ? t('agenda.tooLong', params) : t('agenda.tooShort', params)}
              </p>
            );
          })}
        </div>
      </div>
      {steps.length === 0 ? <p className="muted">{t('agenda.empty')}</p> : null}
      <ol className="agenda-steps">
        {steps.map((step, index) => {
          const e = errors[step.id] ?? {};
          const title = titleOf(step);
          return (
            <li
              key={step.id}
              className={`card agenda-step${dragging === index ? ' dragging' : ''}${dropTarget === index && dragging !== index ? ' drop-target' : ''}`}
              data-testid="agenda-step"
              onDragOver={(ev) => {
                if (dragging === null) return;
                ev.preventDefault();
                setDropTarget(index);
              }}
              onDrop={(ev) => {
                ev.preventDefault();
                if (dragging !== null) move(dragging, index);
                setDragging(null);
                setDropTarget(null);
              }}
            >
              <div className="step-tools">
                <span
                  className="drag-handle"
                  draggable
                  role="img"
                  aria-label={t('agenda.dragHandle', { title })}
                  title={t('agenda.dragHandle', { title })}
                  data-testid="drag-handle"
                  onDragStart={(ev) => {
                    ev.dataTransfer.effectAllowed = 'move';
                    ev.dataTransfer.setData('text/plain', step.id);
                    setDragging(index);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropTarget(null);
                  }}
                >
                  ⠿
                </span>
                <strong>{index + 1}</strong>
                <button type="button" id={`up:${step.id}`} className="btn btn-small" aria-label={t('agenda.moveUp', { title })} disabled={index === 0} onClick={() => move(index, index - 1, `up:${step.id}`)}>
                  ↑
                </button>
                <button
                  type="button"
                  id={`down:${step.id}`}
                  className="btn btn-small"
                  aria-label={t('agenda.moveDown', { title })}
                  disabled={index === steps.length - 1}
                  onClick={() => move(index, index + 1, `down:${step.id}`)}
                >
                  ↓
                </button>
              </div>
              <fieldset style={{ margin: 0 }}>
                <legend>{t('agenda.step', { n: index + 1 })}</legend>
                <div className="form-grid">
                  <Field label={t('agenda.step.title')} required error={e.title ? t(e.title) : undefined}>
                    {(p) => <input {...p} value={step.title} onChange={(ev) => update(index, { title: ev.target.value })} maxLength={200} />}
                  </Field>
                  <Field label={t('agenda.step.minutes')} required error={e.minutes ? t(e.minutes) : undefined}>
                    {(p) => <input {...p} type="number" min={0} max={1440} inputMode="numeric" value={step.minutes} onChange={(ev) => update(index, { minutes: ev.target.value })} />}
                  </Field>
                </div>
                <div className="form-grid">
                  <Field label={t('agenda.step.objective')}>{(p) => <textarea {...p} rows={2} value={step.objective} onChange={(ev) => update(index, { objective: ev.target.value })} />}</Field>
                  <Field label={t('agenda.step.method')}>{(p) => <textarea {...p} rows={2} value={step.method} onChange={(ev) => update(index, { method: ev.target.value })} />}</Field>
                  <Field label={t('agenda.step.material')}>{(p) => <textarea {...p} rows={2} value={step.material} onChange={(ev) => update(index, { material: ev.target.value })} />}</Field>
                </div>
                <StepTutorials label={t('agenda.step.tutorials')} value={step.tutorialIds} onChange={(tutorialIds) => update(index, { tutorialIds })} />
                <button type="button" className="btn btn-small btn-danger" aria-label={t('agenda.remove', { title })} onClick={() => change(steps.filter((_, i) => i !== index))}>
                  {t('common.delete')}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <StaleSaveChoice
        stale={stale}
        fields={conflictFields}
        onKeepTheirs={(current) => {
          setSteps(current.agenda.map(toDraft));
          setErrors({});
          setDirty(false);
        }}
        onCombine={(choice, { current, mine }) => change(combineSteps(mine, current.agenda.map(toDraft), choice))}
      />
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => change([...steps, blankStep()])}>
          {t('agenda.addStep')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('agenda.save')}
        </button>
        {dirty ? <span className="muted">{t('agenda.unsaved')}</span> : null}
        <button type="button" className="btn" disabled={workshop.agenda.length === 0} onClick={() => setPrinting('agenda')}>
          {t('agenda.print')}
        </button>
      </div>
      <section aria-labelledby="handouts-title" style={{ marginTop: '1.5rem' }}>
        <h3 id="handouts-title">{t('agenda.handouts')}</h3>
        {handouts.length === 0 ? (
          <p className="muted">{t('agenda.handouts.none')}</p>
        ) : (
          <div className="toolbar">
            <button type="button" className="btn" onClick={() => setPrinting('handouts')}>
              {t('agenda.handouts.print', { count: handouts.length })}
            </button>
            <button type="button" className="btn" onClick={() => setPrinting('animatorHandouts')}>
              {t('agenda.handouts.printAnimator', { count: handouts.length })}
            </button>
          </div>
        )}
      </section>
      {printing === 'handouts' || printing === 'animatorHandouts' ? (
        <PrintOverlay
          title={t('agenda.handouts')}
          fileName={fileNameFrom(`Supports ${workshop.title}${printing === 'handouts' ? '' : ' animateur'}`, 'pdf')}
          onClose={() => setPrinting(null)}
        >
          <HandoutsPrint ids={handouts} version={printing === 'handouts' ? 'participant' : 'animateur'} />
        </PrintOverlay>
      ) : null}
      {printing === 'agenda' ? (
        <PrintOverlay title={t('agenda.title')} fileName={fileNameFrom(`Deroule ${workshop.title}`, 'pdf')} onClose={() => setPrinting(null)}>
          <AgendaPrint workshop={workshop} sessions={sessions ?? []} />
        </PrintOverlay>
      ) : null}
    </section>
  );
}

/**
 * The saved déroulé as the plan of the day: one page per session, with its date, times,
 * place and animators, each step on the session's clock (« 9 h 20 – 11 h »); without a
 * session, each step's offset from the start.
 */
function AgendaPrint({ workshop, sessions }: { workshop: Workshop; sessions: readonly WorkshopSession[] }) {
  const { t, language } = useI18n();
  const held = sessions.filter((s) => !s.cancelled);
  const place = [workshop.place.room, workshop.place.address, workshop.place.communeName].filter((x) => x.trim() !== '').join(', ');
  const page = (session: WorkshopSession | null) => {
    const timed = session ? timedSteps(workshop.agenda, session.start) : null;
    let elapsed = 0;
    return (
      <article key={session?.id ?? 'none'} className="a4-page agenda-print" aria-label={t('agenda.title')}>
        <h1>{workshop.title}</h1>
        <dl className="doc-facts">
          {session ? (
            <>
              <dt>{t('session.date')}</dt>
              <dd>{formatDay(session.start, language, 'long')}</dd>
              <dt>{t('agenda.print.hours')}</dt>
              <dd>{t('agenda.print.range', { start: clockTime(session.start.slice(11, 16), language), end: clockTime(session.end.slice(11, 16), language) })}</dd>
            </>
          ) : null}
          {place ? (
            <>
              <dt>{t('agenda.print.place')}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
          {workshop.animators.length > 0 ? (
            <>
              <dt>{t('agenda.print.animators', { count: workshop.animators.length })}</dt>
              <dd>{workshop.animators.join(', ')}</dd>
            </>
          ) : null}
          <dt>{t('agenda.print.total')}</dt>
          <dd>{formatMinutes(workshop.agenda.reduce((sum, s) => sum + s.minutes, 0))}</dd>
        </dl>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{session ? t('agenda.print.time') : t('session.start')}</th>
              <th scope="col">{t('agenda.step.title')}</th>
              <th scope="col">{t('agenda.print.length')}</th>
              <th scope="col">{t('agenda.step.objective')}</th>
              <th scope="col">{t('agenda.step.method')}</th>
              <th scope="col">{t('agenda.step.material')}</th>
            </tr>
          </thead>
          <tbody>
            {workshop.agenda.map((step, i) => {
              const at = elapsed;
              elapsed += step.minutes;
              const slot = timed?.[i];
              return (
                <tr key={step.id}>
                  <td style={{ whiteSpace: 'nowrap' }}>{slot ? t('agenda.print.range', { start: clockTime(slot.start, language), end: clockTime(slot.end, language) }) : `+${formatMinutes(at)}`}</td>
                  <th scope="row">{step.title}</th>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(step.minutes)}</td>
                  <td>{step.objective}</td>
                  <td>{step.method}</td>
                  <td>{step.material}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </article>
    );
  };
  return <>{held.length > 0 ? held.map((s) => page(s)) : page(null)}</>;
}
