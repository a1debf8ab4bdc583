import { invalidFields } from './errors.js';

/** Keyset cursors: the sort key of the last row of a page, opaque to clients. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch { /* fall through */ }
  throw invalidFields([{ path: 'cursor', code: 'CURSOR_INVALID' }]);
}

export const isIdCursor = (v: unknown): v is number => Number.isInteger(v);

/** Given `limit + 1` rows, the page and the cursor of the next one. */
export function toPage<T, R>(rows: T[], limit: number, key: (row: T) => unknown, present: (row: T) => R) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(present), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null };
}
