import type { WriteContext } from '../../platform/audit/audit.js';
import type { HotTopicActionKind } from '../../platform/db/schemaHotTopics.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { now } from '../../platform/clock.js';

/** Records what was made of a hot topic (its label copied, so the record outlives pruned runs), with its audit record. */
export async function recordAction(ctx: WriteContext, topicId: number, kind: HotTopicActionKind, targetId: number | null, caseIds: number[], targetRegionCode: string | null = null): Promise<number> {
  const t = await ctx.trx.selectFrom('hot_topic as t').innerJoin('hot_topic_run as r', 'r.id', 't.run_id')
    .select(['t.label', 't.run_id', 'r.region_code']).where('t.id', '=', topicId).executeTakeFirstOrThrow();
  const row = await ctx.trx.insertInto('hot_topic_action').values({
    topic_id: topicId, run_id: t.run_id, region_code: t.region_code, topic_label: t.label, kind, target_id: targetId,
    target_region_code: targetRegionCode, case_ids: caseIds, created_by_account_id: ctx.actor.accountId || null, created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: `hot_topic.${kind}`, entityType: 'hot_topic', entityId: topicId, after: { actionId: row.id, label: t.label, targetId, caseIds } });
  return row.id;
}

