import { isDeepStrictEqual } from 'node:util';
import { createQueryId, type Compilable, type Kysely, type RootOperationNode } from 'kysely';

/**
 * Statements built and compiled by Kysely once, then sent again with new values.
 *
 * Building a query (its operation tree) and compiling it to SQL costs node about as much as
 * sending it on the hottest requests (a CPU profile of a case's page: a fifth of the request).
 * A statement whose SQL text does not depend on its values — the session's look-up on every
 * signed-in request, a public tracking page — is built once with placeholders in place of its
 * values; each run copies the compiled statement with the values put where the placeholders
 * were. The SQL is then the same text every time, which the prepared-statement cache of the
 * PostgreSQL driver reuses too. Both engines compile with Kysely's PostgreSQL compiler, so one
 * compilation serves both.
 *
 * A value that changes the text (a list's length, an optional condition) must not be a
 * placeholder: such a statement is not fixed. With checking on (the tests turn it on, see
 * `checkFixedStatements`), every run also builds the statement with its real values and fails
 * if the text or the values differ from the copy's (a constant list built anew each time is equal
 * if its items are).
 */
class Placeholder {
  constructor(readonly name: string) {}
}

let checking = false;

/** Every run also builds its statement afresh and compares (buildApp turns this on where answers are checked, as in the tests). */
export function checkFixedStatements(on: boolean): void {
  checking = on;
}

interface Compiled { sql: string; query: RootOperationNode; parameters: readonly (Placeholder | { value: unknown })[] }

/**
 * A statement built by `build` from its values, compiled at its first run and sent again at every
 * other with the values of that run. `build` must use each value only as a value (a parameter),
 * never to choose the statement's shape.
 */
export function fixedStatement<P extends object, R>(
  build: (db: Kysely<any>, values: P) => Compilable<R>,
): (db: Kysely<any>, values: P) => Promise<R[]> {
  let compiled: Compiled | null = null;
  return async (db, values) => {
    if (compiled === null) {
      const placeholders = new Proxy({}, { get: (_target, name) => new Placeholder(String(name)) }) as P;
      const first = build(db, placeholders).compile();
      compiled = { sql: first.sql, query: first.query, parameters: first.parameters.map((v) => (v instanceof Placeholder ? v : { value: v })) };
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Placeholder ? (values as Record<string, unknown>)[p.name] : p.value));
    if (checking) {
      const fresh = build(db, values).compile();
      if (fresh.sql !== compiled.sql || fresh.parameters.length !== parameters.length || fresh.parameters.some((v, i) => !isDeepStrictEqual(v, parameters[i]))) {
        throw new Error(`a fixed statement changed with its values:\n${compiled.sql}\n${fresh.sql}`);
      }
    }
    const result = await db.executeQuery<R>({ sql: compiled.sql, query: compiled.query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
