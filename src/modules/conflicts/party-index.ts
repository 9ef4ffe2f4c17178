// The conflict check's in-memory name index: a cache of the registry, one per process, rebuilt
// from the database at start and kept current from the audit trail's change feed.
import type { FastifyBaseLogger } from 'fastify';
import { NameIndex } from '../../core/matching/name-index';
import { changesSince, lastAuditSeq } from '../../platform/audit/audit.service';
import type { Db } from '../../platform/db/database';
import { DomainError } from '../../platform/errors';
import { countLiveParties, indexableParties, indexablePartiesAfter } from '../registry/screening.service';

const PAGE = 5000;
const POLL_MS = 1000;
/** How long a request waits for a first build before answering 503. */
const READY_WAIT_MS = 20_000;

export class PartyIndex {
  readonly names = new NameIndex();
  private lastSeq = 0;
  private loaded = 0;
  private total = 0;
  private building: Promise<void> | null = null;
  private syncing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failure: unknown = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log?: FastifyBaseLogger,
  ) {}

  get size(): number {
    return this.names.size;
  }

  /** Starts the first build in the background and the follower after it. */
  start(): Promise<void> {
    this.building ??= this.build().then(
      () => {
        if (this.stopped) return;
        this.timer = setInterval(() => void this.catchUp().catch((error: unknown) => this.log?.error({ err: error }, 'conflict index: catching up failed')), POLL_MS);
        this.timer.unref();
      },
      (error: unknown) => {
        this.failure = error;
        this.log?.error({ err: error }, 'conflict index: build failed');
      },
    );
    return this.building;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Ready and current up to the last committed change: what a check must see. */
  async current(): Promise<void> {
    const building = this.start();
    let timeout: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      building.then(() => true),
      new Promise<false>((resolve) => {
        timeout = setTimeout(() => resolve(false), READY_WAIT_MS);
      }),
    ]);
    clearTimeout(timeout);
    if (this.failure) throw this.failure;
    if (!waited) throw new DomainError(503, 'CONFLICT_INDEX_BUILDING', { loaded: this.loaded, total: this.total });
    await this.catchUp();
  }

  /** Applies every party change committed since the last one seen; calls run one after another. */
  catchUp(): Promise<void> {
    // A failed round is logged by its caller; the next one starts afresh from the last seen change.
    this.syncing = this.syncing.catch(() => undefined).then(async () => {
      for (;;) {
        const { entityIds, lastSeq } = await changesSince(this.db, this.lastSeq, 'party', PAGE);
        if (entityIds.length) {
          const fresh = await indexableParties(this.db, entityIds);
          const live = new Set(fresh.map((p) => p.id));
          for (const party of fresh) this.names.add(party);
          for (const id of entityIds) if (!live.has(id)) this.names.remove(id);
        }
        if (lastSeq === this.lastSeq) return;
        this.lastSeq = lastSeq;
      }
    });
    return this.syncing;
  }

  private async build(): Promise<void> {
    const started = Date.now();
    // Changes committed while the pages are read are replayed afterwards, from here.
    this.lastSeq = await lastAuditSeq(this.db);
    this.total = await countLiveParties(this.db);
    let after: string | null = null;
    for (;;) {
      const page = await indexablePartiesAfter(this.db, after, PAGE);
      for (const party of page) this.names.add(party);
      this.loaded += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    this.names.compact();
    this.log?.info({ parties: this.names.size, ms: Date.now() - started }, 'conflict index built');
  }
}

const indexes = new WeakMap<Db, PartyIndex>();

/** The process's index over this database. */
export function partyIndexOf(db: Db, log?: FastifyBaseLogger): PartyIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new PartyIndex(db, log);
    indexes.set(db, index);
  }
  return index;
}
