// The monitoring consumer: reads the outbox in order, turns each domain event into the facts the rules
// judge (kept in monitoring_events), folds them into this process's engine and raises what fires.
// The cursor row's lock lets one process at a time do it; each process's engine catches up on what
// another recorded before judging, and is dropped (rebuilt from the log) if a batch fails.
import { and, asc, eq, gt, gte, sql } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { fromDayNumber, dayNumber } from '../../core/cases/dates';
import { MonitoringEngine } from '../../core/monitoring/engine';
import type { MonitoringEvent } from '../../core/monitoring/events';
import { horizonDays } from '../../core/monitoring/rules';
import { inTransaction, queryRows, type Db, type Executor, type Tx } from '../../platform/db/database';
import { eventsAfter, type DomainEvent } from '../../platform/events/outbox';
import { monitoredBlackout, monitoredRequest, paymentCnyMinor } from '../benefits/monitoring-facts';
import { staffLinksOf } from '../registry/screening.service';
import { raiseAlert } from './alerts.raise';
import { monitoringCursor, monitoringEvents, monitoringRuleVersions } from './monitoring.tables';
import { ruleSetInForce, type RuleSetInForce } from './rules.service';

type Unrecorded = MonitoringEvent extends infer E ? (E extends MonitoringEvent ? Omit<E, 'seq'> : never) : never;

/** The facts a domain event gives the rules: none for what they do not watch (benefits received). */
export async function factsOf(tx: Tx, event: DomainEvent): Promise<Unrecorded[]> {
  const day = chinaToday(event.occurredAt);
  const payload = event.payload as { kind?: string; entryId?: string; paidOn?: string };
  switch (event.type) {
    case 'BenefitSubmitted':
    case 'BenefitApproved':
    case 'BenefitPaid':
    case 'BenefitClosed':
    case 'BenefitEnded': {
      const request = await monitoredRequest(tx, event.entityId, { payments: event.type === 'BenefitClosed' });
      if (!request || request.direction !== 'given') return [];
      const benefit = request.facts;
      if (event.type === 'BenefitSubmitted') return [{ kind: 'submitted', day, benefit }];
      if (event.type === 'BenefitEnded') return [{ kind: 'ended', day, benefit }];
      if (event.type === 'BenefitClosed') return [{ kind: 'closed', day, benefit, paidCnyMinor: request.paidCnyMinor, approvedCnyMinor: request.approvedCnyMinor ?? 0 }];
      if (event.type === 'BenefitApproved') {
        const approverId = event.actorId;
        return approverId ? [{ kind: 'approved', day, benefit, approverId, approverPath: request.relatedStaff.get(approverId) ?? null }] : [];
      }
      const paidOn = payload.paidOn ?? day;
      return [
        {
          kind: 'paid',
          day,
          benefit,
          paymentCnyMinor: payload.entryId ? await paymentCnyMinor(tx, payload.entryId) : 0,
          paidOn,
          approvedOn: request.approvedOn ?? paidOn,
          approvedCnyMinor: request.approvedCnyMinor ?? 0,
        },
      ];
    }
    case 'BlackoutDeclared': {
      const found = await monitoredBlackout(tx, event.entityId);
      return found ? [{ kind: 'blackout', day, clientId: found.clientId, blackout: found.blackout }] : [];
    }
    case 'RelationshipAdded':
      return (await staffLinksOf(tx, event.entityId)).map((link) => ({ kind: 'related' as const, day, userId: link.userId, partyId: link.partyId, clientId: link.clientId, path: link.path }));
    default:
      return [];
  }
}

interface CachedEngine {
  engine: MonitoringEngine;
  ruleSet: RuleSetInForce;
  /** How many rule versions had been published when the rule set was read: versions are only added. */
  ruleVersions: number;
}
const engines = new WeakMap<Db, CachedEngine>();
const REPLAY_CHUNK = 5_000;

/** Folds recorded events after `afterSeq` (from `fromDay` on) into the engine, judging nothing. */
export async function replayInto(tx: Executor, engine: MonitoringEngine, afterSeq: number, fromDay: string | null, onEvent?: (event: MonitoringEvent) => void): Promise<void> {
  let after = afterSeq;
  for (;;) {
    const rows = await tx
      .select({ seq: monitoringEvents.seq, event: monitoringEvents.event })
      .from(monitoringEvents)
      .where(and(gt(monitoringEvents.seq, after), fromDay ? gte(monitoringEvents.day, fromDay) : undefined))
      .orderBy(asc(monitoringEvents.seq))
      .limit(REPLAY_CHUNK);
    for (const row of rows) {
      const event = { ...(row.event as Unrecorded), seq: row.seq } as MonitoringEvent;
      if (onEvent) onEvent(event);
      else engine.apply(event);
    }
    if (rows.length < REPLAY_CHUNK) return;
    after = rows.at(-1)!.seq;
  }
}

/**
 * This process's engine for the rule set in force, up to date with the log. What the cursor's read
 * told of the log and the rules spares reading them again when nothing changed since the last run.
 */
async function engineFor(tx: Tx, db: Db, stamp: LogStamp): Promise<CachedEngine> {
  let cached = engines.get(db);
  if (cached && cached.ruleVersions === stamp.ruleVersions) {
    if (cached.engine.lastSeq < stamp.lastSeq) await replayInto(tx, cached.engine, cached.engine.lastSeq, null);
    return cached;
  }
  const ruleSet = await ruleSetInForce(tx);
  if (!cached || cached.ruleSet.signature !== ruleSet.signature) {
    cached = { engine: new MonitoringEngine(ruleSet.rules), ruleSet, ruleVersions: stamp.ruleVersions };
    await replayInto(tx, cached.engine, 0, fromDayNumber(dayNumber(chinaToday()) - horizonDays(ruleSet.rules)));
    engines.set(db, cached);
  } else {
    cached.ruleVersions = stamp.ruleVersions;
    await replayInto(tx, cached.engine, cached.engine.lastSeq, null);
  }
  return cached;
}

export interface ConsumerRun {
  /** Domain events read. */
  read: number;
  /** Alerts opened or grown. */
  raised: number;
  /** Events remain that a transaction still running holds back: worth another try shortly. */
  held: boolean;
}

/** The last judged event's seq and how many rule versions exist, read with the cursor. */
interface LogStamp {
  lastSeq: number;
  ruleVersions: number;
}

async function lockCursor(tx: Tx): Promise<{ cursor: typeof monitoringCursor.$inferSelect; stamp: LogStamp }> {
  const [cursor] = await tx.select().from(monitoringCursor).where(eq(monitoringCursor.id, 'monitoring')).for('update');
  if (!cursor) {
    // The first run anywhere: whoever inserts first holds the row; a racer's insert waits and does nothing.
    await tx.insert(monitoringCursor).values({ id: 'monitoring', lastXid: 0, lastEventId: 0 }).onConflictDoNothing();
    return lockCursor(tx);
  }
  // Read once the lock is held, in a statement of its own: a statement that waited for the lock still
  // sees the log as it was before the wait, without what the process it waited for recorded.
  const [stamp] = await queryRows<{ last_seq: string; rule_versions: string }>(
    tx,
    sql`select (select coalesce(max(${monitoringEvents.seq}), 0)::text from ${monitoringEvents}) as last_seq, (select count(*)::text from ${monitoringRuleVersions}) as rule_versions`,
  );
  return { cursor, stamp: { lastSeq: Number(stamp!.last_seq), ruleVersions: Number(stamp!.rule_versions) } };
}

/** Runs `work` holding the consumer's lock with an engine up to date; a failure drops the engine. */
async function withEngine<T>(db: Db, work: (tx: Tx, cached: CachedEngine, cursor: typeof monitoringCursor.$inferSelect) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(db, async (tx) => {
      const { cursor, stamp } = await lockCursor(tx);
      return work(tx, await engineFor(tx, db, stamp), cursor);
    });
  } catch (error) {
    engines.delete(db);
    throw error;
  }
}

async function judgeBatch(db: Db, limit: number): Promise<ConsumerRun> {
  return withEngine(db, async (tx, { engine, ruleSet }, cursor) => {
    const { events, held } = await eventsAfter(tx, { xid: cursor.lastXid, id: cursor.lastEventId }, limit);
    let raised = 0;
    for (const source of events) {
      for (const facts of await factsOf(tx, source)) {
        const [row] = await tx.insert(monitoringEvents).values({ sourceEventId: source.id, kind: facts.kind, day: facts.day, event: facts }).returning({ seq: monitoringEvents.seq });
        for (const candidate of engine.apply({ ...facts, seq: row!.seq } as MonitoringEvent)) if (await raiseAlert(tx, candidate, ruleSet.versions[candidate.rule])) raised += 1;
      }
    }
    const last = events.at(-1);
    if (last) await tx.update(monitoringCursor).set({ lastXid: last.xid, lastEventId: last.id, updatedAt: new Date() }).where(eq(monitoringCursor.id, 'monitoring'));
    return { read: events.length, raised, held };
  });
}

/** Judges every domain event not yet judged, in batches, each batch one transaction. */
export async function processMonitoringEvents(db: Db, batch = 200): Promise<ConsumerRun> {
  const total: ConsumerRun = { read: 0, raised: 0, held: false };
  for (;;) {
    const run = await judgeBatch(db, batch);
    total.read += run.read;
    total.raised += run.raised;
    total.held = run.held;
    if (run.read < batch) return total;
  }
}

/** The nightly sweep: what only time or other clients change (revenue against peers), judged for everyone. */
export async function sweepMonitoring(db: Db, today: string = chinaToday()): Promise<number> {
  await processMonitoringEvents(db);
  return withEngine(db, async (tx, { engine, ruleSet }) => {
    let raised = 0;
    for (const candidate of engine.sweep(today, engine.lastSeq)) if (await raiseAlert(tx, candidate, ruleSet.versions[candidate.rule])) raised += 1;
    return raised;
  });
}
