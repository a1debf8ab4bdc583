import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * How the one connection is shared; either way a statement outside a transaction holds it only
 * while it runs, a transaction from `begin` to its end. `fifo` (the default): first come, first
 * served. `fair`: waiting statements go before a waiting transaction, up to `OVERTAKE_LIMIT` of
 * them, so a read waits for at most the transaction already running, not for every transaction
 * queued before it; a transaction still gets its turn under a steady stream of reads. It is not
 * the default: over HTTP on a quiet machine, 16 readers and a writer measured the same with both
 * (reads' p99 +8–9 % while a writer runs; docs/BENCHMARKS.md, `bench:pglite`, 2026-12-06).
 */
export type PGliteQueue = 'fair' | 'fifo';

/** How many single statements may go before a waiting transaction. */
const OVERTAKE_LIMIT = 16;

/** Time the connection spent in transactions: held from `begin` to `commit`, and running their statements. */
export interface PGliteStats {
  transactions: number;
  heldMs: number;
  statementMs: number;
}

/**
 * A Kysely dialect over PGlite. PGlite has exactly one connection: a transaction holds it until
 * commit or rollback, a statement outside a transaction holds it only while it runs. A query on
 * the root handle inside a transaction would wait for ever — always use the transaction handle.
 */
export class PGliteDialect implements Dialect {
  readonly stats: PGliteStats = { transactions: 0, heldMs: 0, statementMs: 0 };
  readonly #turns: ConnectionTurns;
  constructor(private readonly pg: PGlite, queue: PGliteQueue = 'fifo') {
    this.#turns = new ConnectionTurns(queue);
  }
  createAdapter() { return new PostgresAdapter(); }
  createDriver(): Driver { return new PGliteDriver(this.pg, this.#turns, this.stats); }

  /**
   * Runs `fn` holding the connection as a transaction would, but outside any: the statements and
   * transactions queued meanwhile wait, none is half-way through, and nothing else touches the
   * data directory until `fn` ends (PGlite runs no background processes).
   */
  async exclusive<T>(fn: (pg: PGlite) => Promise<T>): Promise<T> {
    await this.#turns.take('transaction');
    try {
      return await fn(this.pg);
    } finally {
      this.#turns.give();
    }
  }
  createIntrospector(db: Kysely<any>) { return new PostgresIntrospector(db); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
}

interface Waiter { grant: () => void; overtaken: number }

/** Who uses the connection next: single statements and transactions in two queues (see PGliteQueue). */
class ConnectionTurns {
  #busy = false;
  readonly #singles: Waiter[] = [];
  readonly #transactions: Waiter[] = [];
  constructor(private readonly queue: PGliteQueue) {}

  take(kind: 'single' | 'transaction'): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve();
    }
    return new Promise((grant) => {
      const waiter = { grant, overtaken: 0 };
      // First come, first served puts everyone in one queue.
      if (kind === 'single' && this.queue === 'fair') this.#singles.push(waiter);
      else this.#transactions.push(waiter);
    });
  }

  give(): void {
    const transaction = this.#transactions[0];
    let next: Waiter | undefined;
    if (this.#singles.length && !(transaction && transaction.overtaken >= OVERTAKE_LIMIT)) {
      next = this.#singles.shift();
      if (transaction) transaction.overtaken++;
    } else {
      next = this.#transactions.shift();
    }
    if (next) next.grant();
    else this.#busy = false;
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pg: PGlite, private readonly turns: ConnectionTurns, private readonly stats: PGliteStats) {}

  async init() { await this.pg.waitReady; }

  /** A handle that takes the connection's turn per statement, or from `begin` to the end of its transaction. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pg, this.turns, this.stats);
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await (conn as PGliteConnection).begin(`begin${level}`);
  }

  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(conn: DatabaseConnection) {
    (conn as PGliteConnection).end();
  }

  async destroy() {
    if (!this.pg.closed) await this.pg.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  /** When this handle's transaction took the connection, or null outside a transaction. */
  #since: number | null = null;
  constructor(private readonly pg: PGlite, private readonly turns: ConnectionTurns, private readonly stats: PGliteStats) {}

  async begin(statement: string): Promise<void> {
    await this.turns.take('transaction');
    this.#since = performance.now();
    try {
      await this.run(statement, []);
    } catch (err) {
      this.end();
      throw err;
    }
  }

  /** Gives the connection back after the transaction (Kysely releases after commit or rollback). */
  end(): void {
    if (this.#since === null) return;
    this.stats.transactions++;
    this.stats.heldMs += performance.now() - this.#since;
    this.#since = null;
    this.turns.give();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#since !== null) return this.run<R>(compiled.sql, compiled.parameters);
    await this.turns.take('single');
    try {
      return await this.run<R>(compiled.sql, compiled.parameters);
    } finally {
      this.turns.give();
    }
  }

  private async run<R>(text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const t0 = this.#since === null ? 0 : performance.now();
    const result = await this.pg.query<R>(text, parameters as unknown[]);
    if (this.#since !== null) this.stats.statementMs += performance.now() - t0;
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}
