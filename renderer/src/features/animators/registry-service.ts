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
import { defaultSort, emptyFilter, type AnimatorFilter, type AnimatorSort } from './query';
import { LiveRegistry, type LoadedFrom } from './registry-live';
import { listKey, pageAnswers, type PageRequest, type StoredPage } from './registry-kept';
import type { Answers, Ask, ExportLabels, NamedPair, PeopleAnswer, PeopleAsk, RegistryIn, RegistryOut } from './registry-protocol';

/** Records read per request when an export needs them whole. */
const EXPORT_CHUNK = 2000;
/** Lists answered lately whose first rows are saved with the snapshot (besides the whole list), for the next start. */
const KEPT_PAGES = 3;
/** After the last list asked, its first rows are kept with the snapshot. */
const KEEP_PAGES_AFTER_MS = 2000;
/** Rows of a kept list: the list's first answer. */
const KEPT_ROWS = 60;
/** Between two looks at the log even when no change was heard (a missed broadcast). */
const POLL_MS = 10_000;
/** Work done ahead of questions (Registry.warm) runs in slices of this long, so a question waits no longer than that. */
const WARM_SLICE_MS = 8;
/** …and starts this long after the last change (at once after the registry loaded)… */
const WARM_AFTER_CHANGE_MS = 2000;
/** …never sooner than this after the window's last message: a search typed then does not wait behind it. */
const WARM_QUIET_MS = 250;

export class RegistryService {
  private readonly live: LiveRegistry;
  private version = 0;
  /** the first load was told */
  private announced = false;
  private answeredList = false;
  private heardList = false;
  /** the lists asked lately, latest first */
  private recent: PageRequest[] = [];
  /** the snapshot's first pages, while its columns load (null once loaded, or when a change came after it) */
  private peeked: Map<string, StoredPage> | null = null;
  private list: { seq: number; filter: AnimatorFilter; sort: AnimatorSort; first: number; ordinals: Int32Array; version: number } | null = null;
  private loaded: { from: LoadedFrom | null; ms: number; reason: string } = { from: null, ms: 0, reason: '' };
  private readonly timer: ReturnType<typeof setInterval>;
  private keepTimer: ReturnType<typeof setTimeout> | undefined;
  private warmTimer: ReturnType<typeof setTimeout> | null = null;
  private lastMessageAt = 0;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly post: (message: RegistryOut, transfer?: Transferable[]) => void,
    private readonly options: { keepPagesAfterMs?: number } = {},
  ) {
    // A snapshot due is written beside the answers: an import's question never waits for it.
    this.live = new LiveRegistry(db, {
      saveAside: true,
      pages: () => [{ filter: emptyFilter, sort: defaultSort, first: KEPT_ROWS }, ...this.recent],
      // The list on screen answered from the snapshot's first page, while its columns load.
      onPeek: (pages) => {
        this.peeked = new Map(pages.map((p) => [p.key, p]));
        const l = this.list;
        if (l && l.version === -1) this.answerList(l.seq, l.filter, l.sort, l.first);
      },
      onLoad: (from, ms, reason, phases) => {
        this.peeked = null;
        this.loaded = { from, ms, reason };
        this.keepPagesLater();
        // In the worker's performance timeline (DevTools, the bench): the load and where it went.
        const end = performance.now();
        performance.measure(`registry load from ${from}`, { start: end - ms, end });
        performance.mark('registry loaded');
        if (phases) {
          let start = end - ms;
          for (const [phase, took] of Object.entries(phases)) performance.measure(`registry load: ${phase}`, { start, end: (start += took) });
        }
      },
    });
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
          this.warmSoon(this.announced ? WARM_AFTER_CHANGE_MS : 0);
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

  /** The baromètre and the duplicates made ahead, a slice at a time between questions (a question asked meanwhile finishes what is left). */
  private warmSoon(delay: number): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(this.warmSlice, delay);
  }

  private readonly warmSlice = () => {
    this.warmTimer = null;
    const registry = this.live.registry;
    if (!registry) return;
    const quiet = performance.now() - this.lastMessageAt;
    if (quiet < WARM_QUIET_MS) {
      this.warmTimer = setTimeout(this.warmSlice, WARM_QUIET_MS - quiet);
      return;
    }
    const until = performance.now() + WARM_SLICE_MS;
    if (!registry.warm(() => performance.now() >= until, 256)) this.warmTimer = setTimeout(this.warmSlice, 0);
  };

  private answerList(seq: number, filter: AnimatorFilter, sort: AnimatorSort, first: number): void {
    const registry = this.live.registry;
    if (!registry) {
      this.list = { seq, filter, sort, first, ordinals: new Int32Array(0), version: -1 };
      // Kept with the snapshot, and nothing changed since: its count and first rows now, the rest once loaded (a new version).
      const page = this.peeked?.get(listKey(filter, sort));
      if (page && pageAnswers(page, first)) {
        this.post({ type: 'list', seq, version: this.version, total: page.total, rows: page.rows.slice(0, first) });
        this.firstListAnswered();
      }
      return;
    }
    const key = listKey(filter, sort);
    this.recent = [{ filter, sort, first: Math.max(first, KEPT_ROWS) }, ...this.recent.filter((r) => listKey(r.filter, r.sort) !== key)].slice(0, KEPT_PAGES);
    this.keepPagesLater();
    const ordinals = registry.query(filter, sort);
    this.list = { seq, filter, sort, first, ordinals, version: this.version };
    const rows = [];
    for (let i = 0; i < Math.min(first, ordinals.length); i++) rows.push(registry.rowAt(ordinals[i]!)!);
    this.post({ type: 'list', seq, version: this.version, total: ordinals.length, rows });
    this.firstListAnswered();
  }

  /** Once the person settled on a list (and after a load), the snapshot keeps its first rows for the next start. */
  private keepPagesLater(): void {
    clearTimeout(this.keepTimer);
    this.keepTimer = setTimeout(() => void this.live.keepPages().catch(() => undefined), this.options.keepPagesAfterMs ?? KEEP_PAGES_AFTER_MS);
  }

  private firstListAnswered(): void {
    if (this.answeredList) return;
    this.answeredList = true;
    performance.mark('registry first list answered');
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
        // The list on screen as the registry answers it; asked again when it was answered from the snapshot's kept
        // rows only (an export right after the load, before the list was answered again from the columns).
        const l = this.list;
        const ordinals = !l ? new Int32Array(0) : l.version === -1 ? registry.query(l.filter, l.sort) : l.ordinals;
        const { t, cohortName } = translator(ask.labels);
        // Loaded at the first export: the workbook writer and the CSV quoting stay out of the worker's start.
        const { animatorsCsvBytes, animatorsJson, animatorsXlsx } = await import('./exports');
        // CSV and workbook from the columns held here; the JSON exchange file carries whole records, read from the database.
        let bytes: Uint8Array;
        let count: number;
        if (ask.kind === 'json') {
          const records = await this.records(registry.ids(ordinals));
          bytes = new TextEncoder().encode(animatorsJson(records));
          count = records.length;
        } else {
          const rows = registry.exportRecords(ordinals);
          bytes = ask.kind === 'csv' ? animatorsCsvBytes(rows, t, cohortName) : await animatorsXlsx(rows, t, cohortName);
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
    this.lastMessageAt = performance.now();
    if (message.type === 'people') this.servePeople(message.port);
    else if (message.type === 'list') {
      if (!this.heardList) performance.mark('registry first list heard');
      this.heardList = true;
      this.answerList(message.seq, message.filter, message.sort, message.first);
    } else if (message.type === 'rows') {
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
    clearTimeout(this.keepTimer);
    if (this.warmTimer) clearTimeout(this.warmTimer);
    Dexie.on('storagemutated').unsubscribe(this.heard);
  }
}

function translator(labels: ExportLabels): { t: Translate; cohortName: (id: string | null) => string } {
  const t = ((key: MessageKey) => labels.messages[key] ?? key) as Translate;
  return { t, cohortName: (id) => (id ? (labels.cohorts[id] ?? '') : '') };
}
