import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { prefixPattern } from '../../platform/db/sql.js';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorAccountId?: number;
  /** Exact, or a prefix ending in a dot (`station.`). */
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/**
 * The audit log newest first, filtered as `GET /api/audit` filters it (administrators only,
 * so no scope); the export reads it through here.
 */
export async function listAuditLog(db: Kysely<DB>, f: AuditFilters) {
  const before = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorAccountId) q = q.where('actor_account_id', '=', f.actorAccountId);
  if (f.action) q = f.action.endsWith('.') ? q.where('action', 'like', prefixPattern(f.action)) : q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  if (before !== null) q = q.where('id', '<', before);
  return toPage(await q.execute(), f.limit, (r) => r.id, (r) => r);
}
