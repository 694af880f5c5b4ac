import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../../test/db';
import { createRecord } from '../../db/records';
import type { WorkshopSession } from '../../domain/workshops';
import type { Bridge, CollectOutcome } from '../../platform/contract';
import { DEFAULT_QUESTIONS } from './defaults';
import { collectState, resetPhoneCollect, startPhoneCollect, stopPhoneCollect } from './collect';
import { linkEvaluationToPerson, listEvaluations, saveEvaluation } from './repository';

const questions = DEFAULT_QUESTIONS.map((q) => ({ ...q }));
const people = [
  { personId: 'anne', name: 'Anne Etcheverry' },
  { personId: 'leo', name: 'Léo Garat' },
];
const subject = { context: 'workshop' as const, subjectId: 'w1', title: 'Réussir sa fiche Google', sessionLabel: 'aujourd’hui', questions, people };
const hour = (offset: number) => new Date(Date.now() + offset * 3600_000).toISOString().slice(0, 16);

let handler: ((raw: unknown) => Promise<CollectOutcome>) | null = null;
let ended: ((end: { reason: 'stopped' | 'expired' }) => void) | null = null;
const started: unknown[] = [];
const bridge = {
  collectStart: async (args: unknown) => {
    started.push(args);
    return { ok: true as const, value: { url: 'http://192.168.1.23:50123/abcdefghijkmnpqrstuvwxyz23/', address: '192.168.1.23:50123', addresses: ['192.168.1.23', '10.42.0.1'], expiresAt: hour(3) + ':00.000Z' } };
  },
  collectStop: async () => ({ ok: true as const, value: undefined }),
  onCollectAnswer: (h: (raw: unknown) => Promise<CollectOutcome>) => {
    handler = h;
    return () => (handler = null);
  },
  onCollectEnded: (h: (end: { reason: 'stopped' | 'expired' }) => void) => {
    ended = h;
    return () => (ended = null);
  },
} as unknown as Bridge;

let n = 0;
const answer = (over: Record<string, unknown> = {}) => ({ deliveryId: `d-${++n}`, answerId: 'phone-form-0000000001', revision: 1, correction: false, personId: 'anne', typedName: null, answers: { satisfaction: 4, comment: 'Très concret' }, receivedAt: new Date().toISOString(), ...over });

beforeEach(async () => {
  vi.stubGlobal('window', { fourmiliere: bridge });
  const db = freshDb();
  // the session started an hour ago: the évaluation à chaud is open
  await db.sessions.add(createRecord<WorkshopSession>({ workshopId: 'w1', start: hour(-1), end: hour(2), sequence: 0, cancelled: false }));
  await db.sessions.add(createRecord<WorkshopSession>({ workshopId: 'w-later', start: hour(24), end: hour(27), sequence: 0, cancelled: false }));
});
afterEach(() => {
  resetPhoneCollect();
  vi.unstubAllGlobals();
});

describe('the phone collection in the window', () => {
  it('gives the desktop the session’s names and questions, and stores answers like the laptop does', async () => {
    await startPhoneCollect(subject);
    expect(started[0]).toEqual({ title: 'Réussir sa fiche Google', sessionLabel: 'aujourd’hui', roster: [{ id: 'anne', name: 'Anne Etcheverry' }, { id: 'leo', name: 'Léo Garat' }], questions: questions.map(({ id, label, kind }) => ({ id, label, kind })) });
    expect(collectState()).toMatchObject({ status: 'running', received: 0 });
    expect(await handler!(answer())).toEqual({ ok: true });
    const rows = await listEvaluations('workshop', ['w1'], 'chaud');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ personId: 'anne', source: 'telephone', answers: { satisfaction: 4, comment: 'Très concret' } });
    expect(collectState()).toMatchObject({ status: 'running', received: 1, corrected: 0 });
  });

  it('stores a correction on the same record, its earlier answers in the history', async () => {
    await startPhoneCollect(subject);
    await handler!(answer({ personId: null, typedName: 'Maïté Bordes' }));
    await handler!(answer({ personId: null, typedName: 'Maïté Bordes', revision: 2, correction: true, answers: { satisfaction: 5 } }));
    const rows = await listEvaluations('workshop', ['w1'], 'chaud');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ personId: null, respondentName: 'Maïté Bordes', answers: { satisfaction: 5 }, source: 'telephone' });
    expect(rows[0]!.history).toEqual([expect.objectContaining({ answers: { satisfaction: 4, comment: 'Très concret' }, source: 'telephone' })]);
    expect(collectState()).toMatchObject({ received: 1, corrected: 1 });
  });

  it('gives a typed name’s form to the walk-in made for them, once', async () => {
    await startPhoneCollect(subject);
    await handler!(answer({ personId: null, typedName: 'Maïté Bordes' }));
    const [row] = await listEvaluations('workshop', ['w1'], 'chaud');
    const linked = await linkEvaluationToPerson(row!.id, 'maite');
    expect(linked).toMatchObject({ personId: 'maite', respondentName: 'Maïté Bordes', answers: { satisfaction: 4, comment: 'Très concret' } });
    await expect(linkEvaluationToPerson(row!.id, 'other')).rejects.toThrow(/already has a person/);
    await handler!(answer({ answerId: 'phone-form-0000000002', personId: null, typedName: 'Léo' }));
    const unnamed = (await listEvaluations('workshop', ['w1'], 'chaud')).find((e) => e.personId === null)!;
    await expect(linkEvaluationToPerson(unnamed.id, 'maite')).rejects.toThrow(/already has an evaluation/);
    expect((await listEvaluations('workshop', ['w1'], 'chaud')).find((e) => e.id === unnamed.id)!.personId).toBeNull();
  });

  it('does not store twice an answer delivered again (a lost acknowledgement)', async () => {
    await startPhoneCollect(subject);
    await handler!(answer());
    expect(await handler!(answer())).toEqual({ ok: true });
    const rows = await listEvaluations('workshop', ['w1'], 'chaud');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.history ?? []).toEqual([]);
  });

  it('corrects the laptop’s evaluation of a named person rather than adding one', async () => {
    await saveEvaluation({ context: 'workshop', subjectId: 'w1', personId: 'leo', kind: 'chaud', answers: { satisfaction: 2 }, source: 'papier' }, questions);
    await startPhoneCollect(subject);
    await handler!(answer({ personId: 'leo', answerId: 'phone-form-leo-000001' }));
    const rows = await listEvaluations('workshop', ['w1'], 'chaud');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.history).toEqual([expect.objectContaining({ answers: { satisfaction: 2 }, source: 'papier' })]);
  });

  it('refuses what does not fit, and stores nothing', async () => {
    await startPhoneCollect(subject);
    expect(await handler!(answer({ personId: 'stranger' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await handler!(answer({ answers: { satisfaction: 9 } }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await handler!({ deliveryId: 'x' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await listEvaluations('workshop', ['w1'], 'chaud')).toEqual([]);
  });

  it('says « too early » before the session starts', async () => {
    await startPhoneCollect({ ...subject, subjectId: 'w-later' });
    expect(await handler!(answer())).toEqual({ ok: false, reason: 'too-early' });
    expect(await listEvaluations('workshop', ['w-later'], 'chaud')).toEqual([]);
  });

  it('shows the end of the collection, stopped or expired', async () => {
    await startPhoneCollect(subject);
    await handler!(answer());
    ended!({ reason: 'expired' });
    expect(collectState()).toEqual({ status: 'ended', subjectId: 'w1', reason: 'expired', received: 1, corrected: 0 });
    await startPhoneCollect(subject);
    await stopPhoneCollect();
    expect(collectState()).toMatchObject({ status: 'ended', reason: 'stopped', received: 0 });
  });

  it('restarts on the network chosen when the computer is on several', async () => {
    await startPhoneCollect(subject);
    expect(collectState()).toMatchObject({ status: 'running', info: { addresses: ['192.168.1.23', '10.42.0.1'] } });
    await handler!(answer());
    await startPhoneCollect(subject, '10.42.0.1');
    expect(started.at(-1)).toMatchObject({ address: '10.42.0.1' });
    // the answer received on the first network still counts
    expect(collectState()).toMatchObject({ status: 'running', received: 1 });
    expect(started.at(-2)).not.toHaveProperty('address');
  });

  it('reports a refusal of the desktop', async () => {
    vi.stubGlobal('window', { fourmiliere: { ...bridge, collectStart: async () => ({ ok: false, error: 'no-network' }) } });
    expect(await startPhoneCollect(subject)).toEqual({ status: 'failed', subjectId: 'w1', error: 'no-network' });
  });
});
