import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Prepared statements on PostgreSQL, behind Kysely: a pool client that sends a statement it has
 * seen before as a named (prepared) statement, so PostgreSQL parses it once per connection and,
 * when its own rules find a generic plan as good as the custom ones, plans it once too.
 *
 * - Only reads and writes are named (`select`, `insert`, `update`, `delete`, `with`, `values`):
 *   transaction control, `set`, DDL, `do` blocks and everything else go as before.
 * - A statement is named from its second use on a connection, by a hash of its text: a one-off
 *   text (a migration's, one with literals written in) never takes a slot.
 * - At most `PREPARED_PER_CONNECTION` statements are kept on a connection; past that the least
 *   recently used one is deallocated.
 * - DDL through the same pool starts a new generation of names, so a statement such as
 *   `select *` is prepared again against the new table shape instead of failing with "cached plan
 *   must not change result type"; that error from DDL run elsewhere (another process's migration)
 *   fails one statement and starts a new generation too.
 * - Parameter-dependent plans keep PostgreSQL's `plan_cache_mode = auto`: the first five runs of a
 *   statement are planned with their values, and a generic plan is used after that only when its
 *   estimated cost is no worse. Queries whose best plan depends on the size of a scope already
 *   differ in their text (see the case queue), so each text keeps its own plan.
 */
export const PREPARED_PER_CONNECTION = 200;

/** Statements worth naming: plain reads and writes. */
const PREPARABLE = /^\s*(select|insert|update|delete|with|values)\b/i;
/** Statements that may change a table's shape. */
const DDL = /^\s*(create|alter|drop|truncate|comment|do|grant|revoke|reindex|cluster)\b/i;
/** How many not-yet-named texts a connection remembers to spot the second use. */
const SEEN_LIMIT = 1000;

type Callback = (err: Error | null, result?: unknown) => void;
interface Parsed { parsedStatements: Record<string, string> }
/** What a pool's connections share: the generation of names, and the hashes of the texts named so far. */
interface PoolState { generation: number; hashes: Map<string, string> }

/** The hash a statement's name ends with. */
const textHash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 22);

/** A statement's name from its text's hash: `lx<generation>_<hash>`. */
const nameOf = (generation: number, hash: string) => `lx${generation}_${hash}`;

/** The name of a statement: `lx<generation>_<hash of the text>`. */
export function statementName(text: string, generation = 0): string {
  return nameOf(generation, textHash(text));
}

/**
 * The hash of a named statement's text, worked out once for the pool: a case's page is a text of
 * some 5 000 characters, and hashing it at every run showed in the page's CPU profile (up to 3 % of
 * node's time in process).
 */
function hashOf(pool: PoolState, text: string, limit: number): string {
  // Texts named on some connection, at most ten times what one connection keeps.
  if (pool.hashes.size >= limit * 10) pool.hashes.clear();
  const hash = textHash(text);
  pool.hashes.set(text, hash);
  return hash;
}

/**
 * A pg client class for one pool (`new pg.Pool({ Client: preparingClient() })`); the pool's
 * connections share the generation of names.
 */
export function preparingClient(limit = PREPARED_PER_CONNECTION): typeof pg.Client {
  const pool: PoolState = { generation: 0, hashes: new Map() };
  return class PreparingClient extends pg.Client {
    /** Named statements on this connection, least recently used first: name → text. */
    readonly #named = new Map<string, string>();
    #seen = new Set<string>();
    #generation = 0;

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const send = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
        if (typeof config !== 'string') return send(config, values, callback);
        if (DDL.test(config)) pool.generation++;
        const name = PREPARABLE.test(config) ? this.#nameFor(config) : null;
        if (!name) return send(config, values, callback);
        const params = Array.isArray(values) ? values : [];
        const cb = typeof values === 'function' ? values : callback;
        const named = { name, text: config, values: params };
        const result = cb ? send(named, (err: Error | null, res: unknown) => (cb as Callback)(this.#failed(err), res)) : send(named);
        return result instanceof Promise ? result.catch((err: Error) => { throw this.#failed(err); }) : result;
      }) as typeof this.query;
    }

    /** The name to send `text` under, or null to send it unnamed (its first use). */
    #nameFor(text: string): string | null {
      if (this.#generation !== pool.generation) {
        this.#generation = pool.generation;
        this.#seen = new Set();
      }
      const hash = pool.hashes.get(text);
      if (hash !== undefined) {
        const name = nameOf(this.#generation, hash);
        if (this.#named.has(name)) {
          // Most recently used last.
          this.#named.delete(name);
          this.#named.set(name, text);
          return name;
        }
      }
      if (!this.#seen.has(text)) {
        if (this.#seen.size >= SEEN_LIMIT) this.#seen.clear();
        this.#seen.add(text);
        return null;
      }
      this.#seen.delete(text);
      const name = nameOf(this.#generation, hash ?? hashOf(pool, text, limit));
      // (Named already when the pool forgot its hash: it then went once unnamed, as a first use.)
      if (!this.#named.delete(name)) while (this.#named.size >= limit) this.#evict();
      this.#named.set(name, text);
      return name;
    }

    /** Deallocates the least recently used statement (queued ahead of the next query). */
    #evict(): void {
      const [oldest, text] = this.#named.entries().next().value as [string, string];
      this.#named.delete(oldest);
      const connection = (this as unknown as { connection: Parsed }).connection;
      // Never parsed (its first sending failed): nothing to deallocate.
      if (connection.parsedStatements[oldest] === undefined) return;
      (this.query as unknown as (text: string, cb: Callback) => void)(`deallocate "${oldest}"`, (err) => {
        // Inside a failed transaction the statement stays: keep knowing it.
        if (err) this.#named.set(oldest, text);
        else delete connection.parsedStatements[oldest];
      });
    }

    /** A plan made stale by DDL elsewhere: the next statements are prepared afresh. */
    #failed(err: Error | null): Error | null {
      if (err && (err as { code?: string }).code === '0A000' && /cached plan/.test(err.message)) pool.generation++;
      return err;
    }
  };
}
