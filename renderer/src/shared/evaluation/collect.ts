/**
 * The phone collection of an évaluation à chaud, as the window sees it. The desktop
 * serves the form on the local network (electron/lib/collect-server.ts) and hands
 * each answer to `receiveCollectedAnswer`, which stores it exactly like a form
 * filled on the laptop (saveEvaluation, source 'telephone'); the phone is told
 * « enregistré » only once this has resolved. One collection at a time, kept here
 * rather than in a screen so answers are stored while the animator looks elsewhere.
 */
import { useSyncExternalStore } from 'react';
import { getBridge } from '../../platform';
import { collectedAnswerSchema, type CollectInfo, type CollectOutcome } from '../../platform/contract';
import type { EvaluationQuestion } from '../../domain/workshops';
import { EvaluationTooEarlyError, saveEvaluation, type EvaluationContext } from './repository';

export interface CollectSubject {
  context: EvaluationContext;
  subjectId: string;
  title: string;
  sessionLabel: string;
  questions: EvaluationQuestion[];
  people: { personId: string; name: string }[];
}

export type CollectState =
  | { status: 'idle' }
  | { status: 'starting'; subjectId: string }
  | { status: 'running'; subjectId: string; info: CollectInfo; received: number; corrected: number }
  | { status: 'ended'; subjectId: string; reason: 'stopped' | 'expired'; received: number; corrected: number }
  | { status: 'failed'; subjectId: string; error: string };

let state: CollectState = { status: 'idle' };
const listeners = new Set<() => void>();
let active: CollectSubject | null = null;
/** Forms already stored in this collection: phone form id -> its last revision and record. */
let forms = new Map<string, { revision: number; evaluationId: string }>();
let unsubscribe: (() => void) | null = null;

function setState(next: CollectState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function collectState(): CollectState {
  return state;
}

export function useCollectState(): CollectState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

function counts(): { received: number; corrected: number } {
  return { received: forms.size, corrected: [...forms.values()].filter((f) => f.revision > 1).length };
}

/** Stores one answer from a phone; what it resolves with is what the phone is told. */
export async function receiveCollectedAnswer(raw: unknown): Promise<CollectOutcome> {
  const parsed = collectedAnswerSchema.safeParse(raw);
  const subject = active;
  if (!parsed.success || !subject) return { ok: false, reason: 'invalid' };
  const answer = parsed.data;
  const known = forms.get(answer.answerId);
  // Stored already: the phone did not hear the first acknowledgement and sent again.
  if (known && known.revision >= answer.revision) return { ok: true };
  if (answer.personId !== null && !subject.people.some((p) => p.personId === answer.personId)) return { ok: false, reason: 'invalid' };
  try {
    const saved = await saveEvaluation(
      {
        context: subject.context,
        subjectId: subject.subjectId,
        personId: answer.personId,
        kind: 'chaud',
        answers: answer.answers,
        source: 'telephone',
        ...(answer.typedName ? { respondentName: answer.typedName } : {}),
        ...(known ? { correctsId: known.evaluationId } : {}),
      },
      subject.questions,
    );
    if (active !== subject) return { ok: true };
    forms.set(answer.answerId, { revision: answer.revision, evaluationId: saved.id });
    if (state.status === 'running') setState({ ...state, ...counts() });
    return { ok: true };
  } catch (error) {
    if (error instanceof EvaluationTooEarlyError) return { ok: false, reason: 'too-early' };
    if (error instanceof Error && error.message.startsWith('invalid answers')) return { ok: false, reason: 'invalid' };
    return { ok: false, reason: 'storage' };
  }
}

/**
 * Starts serving this subject's questions to the phones (stops any other collection
 * first), on `address` when this computer is on several networks.
 */
export async function startPhoneCollect(subject: CollectSubject, address?: string): Promise<CollectState> {
  const bridge = getBridge();
  // Moved to another network while running: the answers received still count. Otherwise a new collection.
  const sameRun = state.status === 'running' && active !== null && active.context === subject.context && active.subjectId === subject.subjectId;
  if (!sameRun) forms = new Map();
  active = subject;
  setState({ status: 'starting', subjectId: subject.subjectId });
  unsubscribe ??= (() => {
    const offAnswer = bridge.onCollectAnswer(receiveCollectedAnswer);
    const offEnded = bridge.onCollectEnded((end) => {
      if (state.status === 'running') setState({ status: 'ended', subjectId: state.subjectId, reason: end.reason === 'expired' ? 'expired' : 'stopped', ...counts() });
    });
    return () => {
      offAnswer();
      offEnded();
    };
  })();
  const result = await bridge.collectStart({
    title: subject.title,
    sessionLabel: subject.sessionLabel,
    roster: subject.people.map((p) => ({ id: p.personId, name: p.name })),
    questions: subject.questions.map(({ id, label, kind }) => ({ id, label, kind })),
    ...(address ? { address } : {}),
  });
  if (active !== subject) return state;
  setState(result.ok ? { status: 'running', subjectId: subject.subjectId, info: result.value, ...counts() } : { status: 'failed', subjectId: subject.subjectId, error: result.error });
  return state;
}

export async function stopPhoneCollect(): Promise<void> {
  const result = await getBridge().collectStop();
  if (state.status === 'running') setState({ status: 'ended', subjectId: state.subjectId, reason: 'stopped', ...counts() });
  if (!result.ok) throw new Error(result.error);
}

/** Back to nothing shown (after reading the summary of an ended collection). */
export function dismissPhoneCollect(): void {
  if (state.status === 'running' || state.status === 'starting') return;
  active = null;
  forms = new Map();
  setState({ status: 'idle' });
}

/** Tests only: forget everything, listeners included. */
export function resetPhoneCollect(): void {
  unsubscribe?.();
  unsubscribe = null;
  active = null;
  forms = new Map();
  setState({ status: 'idle' });
}
