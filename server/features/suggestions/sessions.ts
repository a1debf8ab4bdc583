/**
 * The sessions (第N次会议) of a congress term: recorded by the congress's own staff (or
 * administrators), read by staff above. A suggestion filed during one is numbered under it.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { congressPathInReach, congressStaff } from './settings.js';

export interface SessionInput { number: number; opensOn: string; closesOn: string }

const present = (s: { id: number; term_id: number; number: number; opens_on: string; closes_on: string }) =>
  ({ id: s.id, termId: s.term_id, number: s.number, opensOn: s.opens_on, closesOn: s.closes_on });

/** The sessions of a term the reader reaches (404 otherwise), in order. */
export async function listSessions(db: Kysely<DB>, actor: Actor, termId: number) {
  const term = await db.selectFrom('congress_term as t').select('t.id').where('t.id', '=', termId)
    .where(congressPathInReach(actor, ref('t.region_path'))).executeTakeFirst();
  if (!term) throw new AppError('NOT_FOUND');
  const rows = await db.selectFrom('congress_session').selectAll().where('term_id', '=', termId).orderBy('number').execute();
  return rows.map(present);
}

/** The term locked for a change of its sessions (writers of one term take turns), when the actor is its congress's staff. */
async function lockTerm(ctx: WriteContext, termId: number) {
  const term = await ctx.trx.selectFrom('congress_term as t').select(['t.id', 't.region_path', 't.starts_on', 't.ends_on']).where('t.id', '=', termId)
    .where(congressPathInReach(ctx.actor, ref('t.region_path'))).forUpdate().executeTakeFirst();
  if (!term) throw new AppError('NOT_FOUND');
  if (!congressStaff(ctx.actor, term.region_path)) throw new AppError('FORBIDDEN');
  return term;
}

/** A session's dates fit its term and no other session of it: its number is its own, its days too. */
async function requireFits(ctx: WriteContext, term: { id: number; starts_on: string; ends_on: string | null }, s: SessionInput, exceptId?: number) {
  if (s.closesOn < s.opensOn) throw invalidFields([{ path: 'closesOn', code: 'ENDS_BEFORE_START' }]);
  if (s.opensOn < term.starts_on || (term.ends_on !== null && s.closesOn > term.ends_on)) throw new AppError('SESSION_OUTSIDE_TERM');
  let q = ctx.trx.selectFrom('congress_session').select(['number', 'opens_on', 'closes_on']).where('term_id', '=', term.id);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const others = await q.execute();
  if (others.some((o) => o.number === s.number)) throw new AppError('SESSION_EXISTS', { number: s.number });
  const overlap = others.find((o) => o.opens_on <= s.closesOn && s.opensOn <= o.closes_on);
  if (overlap) throw new AppError('SESSION_OVERLAP', { number: overlap.number });
}

export async function createSession(ctx: WriteContext, termId: number, s: SessionInput) {
  const term = await lockTerm(ctx, termId);
  await requireFits(ctx, term, s);
  const row = await ctx.trx.insertInto('congress_session').values({ term_id: termId, number: s.number, opens_on: s.opensOn, closes_on: s.closesOn })
    .returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'congress_session.create', entityType: 'congress_session', entityId: row.id, after: present(row) });
  return present(row);
}

export async function updateSession(ctx: WriteContext, id: number, s: SessionInput) {
  const before = await ctx.trx.selectFrom('congress_session').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND');
  const term = await lockTerm(ctx, before.term_id);
  await requireFits(ctx, term, s, id);
  const row = await ctx.trx.updateTable('congress_session').set({ number: s.number, opens_on: s.opensOn, closes_on: s.closesOn })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'congress_session.update', entityType: 'congress_session', entityId: id, before: present(before), after: present(row) });
  return present(row);
}
