/**
 * An error as the server log writes it. The default serializer writes every property of an
 * error, and a database error carries the row's values in them: PostgreSQL's `detail` of a
 * unique violation reads `Key (phone)=(13912345678) already exists`, `where` and `query` quote
 * statements, a client error may hold the request body. Only what names the failure is kept —
 * type, message, code, the constraint, table and column names, the stack and the cause, itself
 * so reduced — never the values.
 */
interface LoggedError { type: string; message: string; stack: string; [key: string]: unknown }

export function loggedError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = { type: e.name, message: e.message, stack: e.stack ?? '' };
  for (const key of ['code', 'statusCode', 'constraint', 'table', 'column', 'schema', 'severity']) {
    const value = e[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (e.cause !== undefined) out.cause = loggedError(e.cause);
  return out;
}
