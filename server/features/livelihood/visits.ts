/**
 * Deputies' supervision visits (视察) to a project being carried out, kept as activities of the
 * activities feature (so they count in attendance, points and the archive like any other): a
 * visit already recorded is linked, or a new one is recorded through the activities' own command
 * (kind 视察, the responsible unit invited) and linked, in one transaction with its audit record.
 * The congress's staff and the deputies of its term record them.
 */
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow } from '../../platform/clock.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { activityColumns, activityVisible, createActivity } from '../activities/index.js';
import { projectColumns, projectVisible, runsCongress } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { PROJECT_STATE_LABELS } from './workflow.js';

/** The states in which a project is visited. */
export const VISIT_STATES = ['in_progress', 'completed', 'evaluated', 'rectifying', 'closed'] as const;

export interface VisitInput {
  activityId?: number | undefined;
  title?: string | undefined;
  startsAt?: string | undefined;
  place?: string | undefined;
  summary?: string | undefined;
  deputyIds?: number[] | undefined;
}

export async function recordVisit(ctx: WriteContext<Actor>, projectId: number, input: VisitInput, now = clockNow()): Promise<number> {
  const p = await ctx.trx.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .select(['p.id', 'p.title', 'p.state', 'p.region_code', 'p.address', 'p.unit_id', 'r.term_id', 'r.congress_region_path'])
    .where('p.id', '=', projectId).where(projectVisible(ctx.actor, projectColumns('p'))).forUpdate('p').executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND');
  const a = ctx.actor;
  const member = a.role === 'deputy' && a.deputyId !== null
    && await ctx.trx.selectFrom('deputy as d').select('d.id').where('d.id', '=', a.deputyId).where(sitsInTerm(a.deputyId, p.term_id)).executeTakeFirst();
  if (!runsCongress(a, p.congress_region_path) && !member) throw new AppError('FORBIDDEN');
  if (!(VISIT_STATES as readonly string[]).includes(p.state)) throw new AppError('LIVELIHOOD_TRANSITION_INVALID', { state: p.state, stateLabel: PROJECT_STATE_LABELS[p.state], action: 'record_visit', actionLabel: { zh: '记录视察', en: 'Record a visit' } });
  let activityId: number;
  if (input.activityId !== undefined) {
    const seen = await ctx.trx.selectFrom('activity as x').select('x.id').where('x.id', '=', input.activityId)
      .where(activityVisible(a, activityColumns('x'))).executeTakeFirst();
    if (!seen) throw invalidFields([{ path: 'activityId', code: 'UNKNOWN_REFERENCE' }]);
    activityId = Number(seen.id);
  } else {
    const problems = (['title', 'startsAt'] as const).filter((k) => !input[k]).map((k) => ({ path: k, code: 'REQUIRED' as const }));
    if (problems.length) throw invalidFields(problems);
    const deputyIds = [...new Set([...(input.deputyIds ?? []), ...(member ? [a.deputyId!] : [])])];
    if (!deputyIds.length) throw invalidFields([{ path: 'deputyIds', code: 'REQUIRED' }]);
    activityId = await createActivity(ctx, {
      kind: 'inspection', title: input.title!, stationId: null, regionCode: member ? null : p.region_code, campaignId: null,
      startsAt: new Date(input.startsAt!), endsAt: null, place: input.place ?? p.address, summary: input.summary ?? '', suggestionsMade: 0,
      participants: deputyIds.map((deputyId) => ({ deputyId, attendance: 'present' as const })), // The staff invite the responsible unit; a deputy records only what they reach.
      unitIds: p.unit_id === null || member ? [] : [p.unit_id], rotaSlotId: null,
    });
  }
  const linked = await ctx.trx.insertInto('livelihood_visit').values({ project_id: projectId, activity_id: activityId, created_at: now })
    .onConflict((oc) => oc.columns(['project_id', 'activity_id']).doNothing()).returning('activity_id').executeTakeFirst();
  if (linked) {
    await recordAudit(ctx, { action: 'livelihood.visit', entityType: 'livelihood_project', entityId: projectId, after: { activityId, title: input.title ?? null } });
  }
  return activityId;
}
