/**
 * Batch actions on the case queue (批量交办, 批量催办): the same workflow action taken on each
 * chosen case, one case at a time, each in its own transaction with its own timeline entry,
 * notifications and audit record — exactly as if taken on the case page. Per case, not all or
 * nothing: a case another clerk moved meanwhile, or one out of reach, fails alone with the
 * answer its single action would have given, and the others go through. The answer lists every
 * case's outcome.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, invalidFields, type Lang } from '../../platform/errors.js';
import { errorBody } from '../../platform/http/errorHandler.js';
import { takeCaseAction } from './actions.js';
import type { CaseState } from './workflow.js';

export const BATCH_ACTIONS = ['assign', 'urge'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

export interface BatchRequest {
  ids: number[];
  comment?: string | null | undefined;
  unitId?: number | undefined;
  coUnitIds?: number[] | undefined;
  deadlineDays?: number | undefined;
}

export interface BatchOutcome {
  id: number;
  ok: boolean;
  from: CaseState | null;
  to: CaseState | null;
  error: { code: string; message: string } | null;
}

/** Checks what every case needs alike before any is touched: a unit to assign to, a reason to urge. */
function checkRequest(action: BatchAction, req: BatchRequest) {
  if (action === 'assign' && !req.unitId) throw invalidFields([{ path: 'unitId', code: 'REQUIRED' }]);
  if (action === 'urge' && !req.comment?.trim()) throw invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
}

/** Takes `action` on each case in turn (ids in the order given, repeats dropped); one transaction per case. */
export async function takeBatchAction(
  db: Kysely<DB>, actor: Actor, ip: string, lang: Lang, action: BatchAction, req: BatchRequest,
  onUnexpected: (err: unknown, id: number) => void,
): Promise<{ action: BatchAction; succeeded: number; failed: number; results: BatchOutcome[] }> {
  checkRequest(action, req);
  const results: BatchOutcome[] = [];
  for (const id of [...new Set(req.ids)]) {
    try {
      const done = await db.transaction().execute((trx) => takeCaseAction({ trx, actor, ip }, id, {
        action, comment: req.comment ?? null,
        ...(action === 'assign' ? { unitId: req.unitId, coUnitIds: req.coUnitIds, deadlineDays: req.deadlineDays } : {}),
      }));
      results.push({ id, ok: true, from: done.from, to: done.to, error: null });
    } catch (err) {
      const body = err instanceof AppError
        ? errorBody(err.code, lang, err.details, err.fields)
        : (onUnexpected(err, id), errorBody('INTERNAL', lang));
      results.push({ id, ok: false, from: null, to: null, error: { code: body.error.code, message: body.error.message } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action, succeeded, failed: results.length - succeeded, results };
}
