/**
 * What the registry's worker does, without the worker: the live registry, the list on
 * screen and every question asked of it. Separate from registry.worker.ts so it is tested
 * under Node with fake-indexeddb.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import type { MessageKey, Translate } from '../../i18n';
import { errorMessage } from '../../ui/errors';
import type { AnimatorFilter, AnimatorSort } from './query';
import { LiveRegistry, type LoadedFrom } from './registry-live';
import type { Answers, Ask, ExportLabels, NamedPair, PeopleAnswer, PeopleAsk, RegistryIn, RegistryOut } from './registry-protocol';

/** Records read per request when an export needs them whole. */
const EXPORT_CHUNK = 2000;
/** Between two looks at the log even when no change was heard (a missed broadcast). */
const POLL_MS = 10_000;

export class RegistryService {
  private readonly live: LiveRegistry;
  private version = 0;
  /** the first load was told */
  private announced = false;
  private list: { seq: number; filter: AnimatorFilter; sort: AnimatorSort; first: number; ordinals: Int32Array; version: number } | null = null;
  private loaded: { from: LoadedFrom | null; ms: number; reason: string } = { from: null, ms: 0, reason: '' };
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly post: (message: RegistryOut, transfer?: Transferable[]) => void,
  ) {
    // A snapshot due is written beside the answers: an import's question never waits for it.
    this.live = new LiveRegistry(db, { saveAside: true, onLoad: (from, ms, reason) => (this.loaded = { from, ms, reason }) });
    Dexie.on('storagemutated', this.heard);
    this.timer = setInterval(() => void this.follow(), POLL_MS);
    void this.follow();
  }

  /** A write somewhere (this or another window, a worker): the log says what. */
  private readonly heard = (parts: ObservabilitySet) => {
    const prefix = `idb://${this.db.name}/`;
    if (Object.keys(parts).some((k) => k.startsWith(`${prefix}animators/`) || k.startsWith(`${prefix}registryLog/`)) || (parts as { all?: boolean }).all) void this.follow();
  };

  private following: Promise<void> | null = null;
  private followAgain = false;

  /** Reads the log; tells the screens once per change. Calls while it reads are folded into one more read. */
  private follow(): Promise<void> {
    if (this.following) {
      this.followAgain = true;
      return this.following;
    }
    const run = async () => {
      try {
        do {
          this.followAgain = false;
          const changed = await this.live.catchUp();
          if (!changed && this.announced) continue;
          this.announced = true;
          this.version++;
          this.post({ type: 'changed', version: this.version });
          if (this.list) this.answerList(this.list.seq, this.list.filter, this.list.sort, this.list.first);
        } while (this.followAgain);
      } catch (error) {
        this.post({ type: 'error', message: errorMessage(error) });
      } finally {
        this.following = null;
      }
    };
    return (this.following = run());
  }

  private answerList(seq: number, filter: AnimatorFilter, sort: AnimatorSort, first: number): void {
    const registry = this.live.registry;
    if (!registry) {
      this.list = { seq, filter, sort, first, ordinals: new Int32Array(0), version: -1 };
      return;
    }
    const ordinals = registry.query(filter, sort);
    this.list = { seq, filter, sort, first, ordinals, version: this.version };
    const rows = [];
    for (let i = 0; i < Math.min(first, ordinals.length); i++) rows.push(registry.rowAt(ordinals[i]!)!);
    this.post({ type: 'list', seq, version: this.version, total: ordinals.length, rows });
  }

  private async ask(ask: Ask): Promise<{ value: Answers[Ask['type']]; transfer?: Transferable[] }> {
    const registry = await this.live.open();
    switch (ask.type) {
      case 'search': {
        const ordinals = registry.query(ask.filter, ask.sort);
        const rows = [];
        for (let i = 0; i < Math.min(ask.limit, ordinals.length); i++) rows.push(registry.rowAt(ordinals[i]!)!);
        return { value: { total: ordinals.length, rows } };
      }
      case 'barometer':
        return { value: registry.barometer() };
      case 'duplicates': {
        const pairs = registry.duplicatePairs();
        const name = (id: string) => {
          const row = registry.rowById(id);
          return row ? `${row.firstName} ${row.lastName}`.trim() : '';
        };
        return { value: pairs.map((p): NamedPair => ({ ...p, aName: name(p.a), bName: name(p.b) })) };
      }
      case 'specialities':
        return { value: registry.allSpecialities() };
      case 'status':
        return { value: { size: registry.size, version: this.version, loadedFrom: this.loaded.from, loadMs: this.loaded.ms, reason: this.loaded.reason } };
      case 'export': {
        const ordinals = this.list ? this.list.ordinals : new Int32Array(0);
        const { t, cohortName } = translator(ask.labels);
        // Loaded at the first export: the workbook writer and the CSV quoting stay out of the worker's start.
        const { animatorsCsv, animatorsJson, animatorsXlsx } = await import('./exports');
        // CSV and workbook from the columns held here; the JSON exchange file carries whole records, read from the database.
        let bytes: Uint8Array;
        let count: number;
        if (ask.kind === 'json') {
          const records = await this.records(registry.ids(ordinals));
          bytes = new TextEncoder().encode(animatorsJson(records));
          count = records.length;
        } else {
          const rows = registry.exportRecords(ordinals);
          bytes = ask.kind === 'csv' ? new TextEncoder().encode(animatorsCsv(rows, t, cohortName)) : await animatorsXlsx(rows, t, cohortName);
          count = rows.length;
        }
        return { value: { bytes, count }, transfer: [bytes.buffer as ArrayBuffer] };
      }
    }
  }

  /** Whole records of these ids, in this order, read a chunk at a time. */
  private async records(ids: readonly string[]): Promise<Animator[]> {
    const out: Animator[] = [];
    for (let i = 0; i < ids.length; i += EXPORT_CHUNK) for (const r of await this.db.animators.bulkGet(ids.slice(i, i + EXPORT_CHUNK))) if (r) out.push(r);
    return out;
  }

  /**
   * Answers an import's worker on its own port: the people its rows name, from this registry
   * caught up with the log first (a write committed before the question is always seen), so
   * the import never loads a second copy of the registry.
   */
  servePeople(port: MessagePort): void {
    port.onmessage = (event: MessageEvent<PeopleAsk>) => {
      const { request, emails, sortNames, keys } = event.data;
      const answer = async (): Promise<PeopleAnswer> => {
        await this.live.catchUp();
        return { request, ...(await this.live.open()).matchPeople(emails, sortNames, keys) };
      };
      answer().then(
        (a) => port.postMessage(a),
        (error: unknown) => port.postMessage({ request, error: errorMessage(error) } satisfies PeopleAnswer),
      );
    };
  }

  handle(message: RegistryIn): void {
    if (message.type === 'people') this.servePeople(message.port);
    else if (message.type === 'list') this.answerList(message.seq, message.filter, message.sort, message.first);
    else if (message.type === 'rows') {
      const l = this.list;
      const registry = this.live.registry;
      if (!l || !registry || l.seq !== message.seq || l.version !== message.version) return;
      const rows = [];
      for (let i = message.from; i < Math.min(message.to, l.ordinals.length); i++) rows.push(registry.rowAt(l.ordinals[i]!));
      this.post({ type: 'rows', seq: l.seq, version: l.version, from: message.from, rows });
    } else if (message.type === 'ask') {
      this.ask(message.ask).then(
        ({ value, transfer }) => this.post({ type: 'answer', request: message.request, value }, transfer),
        (error: unknown) => this.post({ type: 'failed', request: message.request, message: errorMessage(error) }),
      );
    }
  }

  stop(): void {
    clearInterval(this.timer);
    Dexie.on('storagemutated').unsubscribe(this.heard);
  }
}

function translator(labels: ExportLabels): { t: Translate; cohortName: (id: string | null) => string } {
  const t = ((key: MessageKey) => labels.messages[key] ?? key) as Translate;
  return { t, cohortName: (id) => (id ? (labels.cohorts[id] ?? '') : '') };
}
