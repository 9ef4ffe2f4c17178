import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database';
import { systemContext } from '../context';
import { inTransaction, type Database } from '../db/database';
import { eventsAfter, publishEvents, type OutboxPosition } from './outbox';

const ctx = systemContext('outbox-test');
/** Requests by name, each a fresh id. */
const ids = new Map<string, string>();
const idOf = (name: string) => ids.get(name) ?? (ids.set(name, randomUUID()), ids.get(name)!);
const benefit = (name: string) => ({ type: 'BenefitSubmitted' as const, entityType: 'benefit_request', entityId: idOf(name) });
const names = (events: { entityId: string }[]) => events.map((e) => [...ids].find(([, id]) => id === e.entityId)?.[0]);

describe('the outbox', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** Where the outbox ends now: every later event is new. */
  async function end(): Promise<OutboxPosition> {
    let position: OutboxPosition = { xid: 0, id: 0 };
    for (;;) {
      const { events } = await eventsAfter(database.db, position, 1_000);
      if (events.length === 0) return position;
      position = { xid: events.at(-1)!.xid, id: events.at(-1)!.id };
    }
  }

  it('reads in order of commit batches, a batch at a time, and says when nothing is held back', async () => {
    const from = await end();
    for (const id of ['a', 'b', 'c']) await inTransaction(database.db, (tx) => publishEvents(tx, ctx, [benefit(id)]));
    const first = await eventsAfter(database.db, from, 2);
    expect(names(first.events)).toEqual(['a', 'b']);
    expect(first.held).toBe(false);
    const last = first.events.at(-1)!;
    const rest = await eventsAfter(database.db, { xid: last.xid, id: last.id }, 2);
    expect(names(rest.events)).toEqual(['c']);
    expect(rest.held).toBe(false);
  });

  // Two transactions at once need two connections: PostgreSQL's, not the embedded database's one.
  it.skipIf(process.env.PROBITY_TEST_DB !== 'postgres')('holds back what a later transaction committed while an earlier one still runs, then reads both in order', async () => {
    const from = await end();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let published!: () => void;
    const early = inTransaction(database.db, async (tx) => {
      await publishEvents(tx, ctx, [benefit('early')]);
      published();
      await released;
    });
    await new Promise<void>((resolve) => (published = resolve));
    await inTransaction(database.db, (tx) => publishEvents(tx, ctx, [benefit('late')]));

    // 'late' has committed, but 'early' (an older transaction) may still commit before it in order.
    const meanwhile = await eventsAfter(database.db, from, 10);
    expect(meanwhile).toEqual({ events: [], held: true });

    release();
    await early;
    const after = await eventsAfter(database.db, from, 10);
    expect(names(after.events)).toEqual(['early', 'late']);
    expect(after.held).toBe(false);
  });
});
