// With --profile: wall time per SQL statement while recording is on, to see which queries a
// submission spends its time in. Statements are grouped by their text (drizzle binds parameters).
import pg from 'pg';
import type { Database } from '../../src/platform/db/database';

interface Stat {
  calls: number;
  ms: number;
}

type Query = (...args: unknown[]) => Promise<unknown>;
/** The statement methods of a PGlite connection or transaction, the ones the profile times. */
interface Statements {
  query: Query;
  exec: Query;
}
type PgliteClient = Statements & { transaction: (work: (tx: Statements) => Promise<unknown>) => Promise<unknown> };

export class QueryProfile {
  private recording = false;
  private readonly stats = new Map<string, Stat>();

  constructor(database: Database) {
    if (database.kind === 'pglite') {
      const client = database.client as unknown as PgliteClient;
      client.query = this.wrap(client.query.bind(client));
      client.exec = this.wrap(client.exec.bind(client));
      const transaction = client.transaction.bind(client);
      client.transaction = (work) =>
        transaction((tx) => work(Object.assign(Object.create(tx) as Statements, { query: this.wrap(tx.query.bind(tx)), exec: this.wrap(tx.exec.bind(tx)) })));
    } else {
      // Every connection of the pool, including those transactions check out.
      const original = pg.Client.prototype.query as Query;
      const record = (text: string, at: number) => this.record(text, at);
      const self = this;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        if (!self.recording) return original.apply(this, args);
        const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '?');
        const at = performance.now();
        const callback = args.findIndex((a) => typeof a === 'function');
        if (callback >= 0) {
          const done = args[callback] as (...result: unknown[]) => void;
          args[callback] = (...result: unknown[]) => (record(text, at), done(...result));
          return original.apply(this, args);
        }
        return original.apply(this, args).finally(() => record(text, at));
      } as typeof pg.Client.prototype.query;
    }
  }

  private wrap(query: Query): Query {
    return (...args: unknown[]) => {
      if (!this.recording) return query(...args);
      const at = performance.now();
      return query(...args).finally(() => this.record(String(args[0]), at));
    };
  }

  private record(text: string, at: number) {
    const key = text.replace(/\s+/g, ' ').trim();
    const stat = this.stats.get(key) ?? { calls: 0, ms: 0 };
    stat.calls += 1;
    stat.ms += performance.now() - at;
    this.stats.set(key, stat);
  }

  start() {
    this.recording = true;
  }

  stop() {
    this.recording = false;
  }

  /** The statements taking most time, per submission. */
  report(submissions: number, top = 15): string {
    const rows = [...this.stats].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((sum, [, s]) => sum + s.ms, 0);
    const calls = rows.reduce((sum, [, s]) => sum + s.calls, 0);
    const lines = rows.slice(0, top).map(
      ([text, s]) =>
        `  ${(s.ms / submissions).toFixed(2).padStart(7)} ms ${(s.calls / submissions).toFixed(1).padStart(5)}× ${(s.ms / s.calls).toFixed(2).padStart(7)} ms each  ${text.slice(0, 160)}`,
    );
    return [
      `SQL per submission: ${(total / submissions).toFixed(1)} ms in ${(calls / submissions).toFixed(1)} statements (${rows.length} distinct); the top ${Math.min(top, rows.length)}:`,
      '  per submit  calls   mean',
      ...lines,
    ].join('\n');
  }
}
