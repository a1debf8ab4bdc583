/**
 * Candidate projects: proposed by deputies and unit clerks on their own accounts, by officers for
 * their station, by the staff for anyone (a constituent's proposal entered at the desk); edited
 * by the proposer or the staff while a candidate; linked to the cases and activities they answer
 * (each linked case gets the public note project_proposed); read with the proposer's personal
 * data masked for anyone but the staff.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { LivelihoodProjectState, ProjectOrigin } from '../../platform/db/schemaLivelihood.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { requireRegions } from '../../platform/regions/lookup.js';
import { maskPhone } from '../../platform/text/phone.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { caseColumns, caseVisible, noteOnCase } from '../cases/index.js';
import { projectActorOf, projectColumns, projectVisible, roundColumns, roundVisible, runsCongress } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { lockRound } from './rounds.js';
import { takeProjectAction } from './projectActions.js';
import { PROJECT_ORIGIN_LABELS, PROJECT_RULES, PROJECT_STATE_LABELS, PROJECT_WORKFLOW, ROUND_STATE_LABELS } from './workflow.js';
import { maskName } from '../../platform/text/personName.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ProjectFields {
  title: string;
  regionCode: string;
  address: string;
  description: string;
  budgetYuan: number;
  unitId?: number | null | undefined;
}
export interface ProposalInput extends ProjectFields {
  origin?: ProjectOrigin | undefined;
  proposerName?: string | null | undefined;
  proposerPhone?: string | null | undefined;
  proposerDeputyId?: number | null | undefined;
  stationId?: number | null | undefined;
  caseIds?: number[] | undefined;
  activityIds?: number[] | undefined;
}
export interface Sources { caseIds: number[]; activityIds: number[] }


/** The project's place lies within the congress's region; its department is a unit the actor sees there. */
async function checkFields(trx: Transaction<DB>, congressRegionPath: string, f: ProjectFields) {
  const regions = await requireRegions(trx, [{ path: 'regionCode', code: f.regionCode }]);
  const region = regions.get(f.regionCode)!;
  const problems: { path: string; code: FieldMessageCode }[] = [];
  if (!region.path.startsWith(congressRegionPath)) problems.push({ path: 'regionCode', code: 'NOT_IN_SCOPE' });
  if (f.unitId) {
    const unit = await trx.selectFrom('unit').select('id').where('id', '=', f.unitId).where('active', '=', true).executeTakeFirst();
    if (!unit) problems.push({ path: 'unitId', code: 'UNKNOWN_REFERENCE' });
  }
  if (problems.length) throw invalidFields(problems);
  return region.path;
}

/** Checks that the actor sees every case and activity named. */
async function checkSources(trx: Transaction<DB>, actor: AnyActor, s: Sources): Promise<void> {
  const problems: { path: string; code: FieldMessageCode }[] = [];
  if (s.caseIds.length) {
    const seen = new Set((await trx.selectFrom('opinion as o').select('o.id').where('o.id', 'in', s.caseIds).where(caseVisible(actor, caseColumns('o'))).execute()).map((r) => r.id));
    s.caseIds.forEach((id, i) => { if (!seen.has(id)) problems.push({ path: `caseIds.${i}`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (s.activityIds.length) {
    const seen = new Set((await trx.selectFrom('activity as a').select('a.id').where('a.id', 'in', s.activityIds).where(activityVisible(actor, activityColumns('a'))).execute()).map((r) => r.id));
    s.activityIds.forEach((id, i) => { if (!seen.has(id)) problems.push({ path: `activityIds.${i}`, code: 'UNKNOWN_REFERENCE' }); });
  }
  if (problems.length) throw invalidFields(problems);
}

/** Adds the sources not linked yet; each new case gets the public note project_proposed. Returns the cases added. */
async function addSources(trx: Transaction<DB>, projectId: number, title: string, s: Sources, now: Date): Promise<number[]> {
  const have = await trx.selectFrom('livelihood_project_source').select(['opinion_id', 'activity_id']).where('project_id', '=', projectId).execute();
  const cases = [...new Set(s.caseIds)].filter((id) => !have.some((h) => h.opinion_id === id));
  const activities = [...new Set(s.activityIds)].filter((id) => !have.some((h) => h.activity_id === id));
  const rows = [
    ...cases.map((id) => ({ project_id: projectId, opinion_id: id, activity_id: null })),
    ...activities.map((id) => ({ project_id: projectId, opinion_id: null, activity_id: id })),
  ];
  if (rows.length) await trx.insertInto('livelihood_project_source').values(rows).execute();
  for (const id of cases) await noteOnCase(trx, id, 'project_proposed', `《${title}》`, { link: `/projects/${projectId}` }, now);
  return cases;
}

/**
 * The proposer of a new project, by the actor's role: a deputy proposes as themself (a deputy of
 * the round's term), a unit clerk for their unit, an officer for one of their stations, the staff
 * for anyone (a constituent's name is required then).
 */
async function proposerOf(trx: Transaction<DB>, actor: Actor, termId: number, input: ProposalInput) {
  const p = { origin: input.origin ?? 'constituent' as ProjectOrigin, proposer_deputy_id: null as number | null, proposer_unit_id: null as number | null,
    proposer_name: null as string | null, proposer_phone: null as string | null, station_id: input.stationId ?? null };
  if (actor.role === 'deputy') {
    const member = await trx.selectFrom('deputy').select('id').where('id', '=', actor.deputyId!).where(sitsInTerm(actor.deputyId!, termId)).executeTakeFirst();
    if (!member) throw new AppError('LIVELIHOOD_NOT_MEMBER');
    return { ...p, origin: 'deputy' as const, proposer_deputy_id: actor.deputyId, station_id: null };
  }
  if (actor.role === 'unit') return { ...p, origin: 'department' as const, proposer_unit_id: actor.unitId, station_id: null };
  if (actor.role === 'officer') {
    const mine = input.stationId ? await trx.selectFrom('account_station').select('station_id').where('account_id', '=', actor.accountId).where('station_id', '=', input.stationId).executeTakeFirst() : undefined;
    if (!mine) throw invalidFields([{ path: 'stationId', code: input.stationId ? 'UNKNOWN_REFERENCE' : 'REQUIRED' }]);
    return { ...p, origin: 'station' as const };
  }
  // The staff enter a proposal for anyone.
  switch (p.origin) {
    case 'deputy': {
      if (!input.proposerDeputyId) throw invalidFields([{ path: 'proposerDeputyId', code: 'REQUIRED' }]);
      const member = await trx.selectFrom('deputy').select('id').where('id', '=', input.proposerDeputyId).where(sitsInTerm(input.proposerDeputyId, termId)).executeTakeFirst();
      if (!member) throw invalidFields([{ path: 'proposerDeputyId', code: 'UNKNOWN_REFERENCE' }]);
      return { ...p, proposer_deputy_id: input.proposerDeputyId, station_id: null };
    }
    case 'department': {
      if (!input.unitId) throw invalidFields([{ path: 'unitId', code: 'REQUIRED' }]);
      return { ...p, proposer_unit_id: input.unitId, station_id: null };
    }
    case 'station': {
      if (!input.stationId) throw invalidFields([{ path: 'stationId', code: 'REQUIRED' }]);
      const s = await trx.selectFrom('station').select('id').where('id', '=', input.stationId).executeTakeFirst();
      if (!s) throw invalidFields([{ path: 'stationId', code: 'UNKNOWN_REFERENCE' }]);
      return p;
    }
    default: {
      if (!input.proposerName?.trim()) throw invalidFields([{ path: 'proposerName', code: 'REQUIRED' }]);
      return { ...p, proposer_name: input.proposerName.trim(), proposer_phone: input.proposerPhone ?? null };
    }
  }
}

/** A new candidate project of a round while it collects (the congress's staff also while shortlisting). */
export async function proposeProject(ctx: WriteContext, roundId: number, input: ProposalInput): Promise<number> {
  const round = await lockRound(ctx, roundId);
  if (!round) throw new AppError('NOT_FOUND');
  const staff = runsCongress(ctx.actor, round.congress_region_path);
  if (ctx.actor.role === 'staff' && !staff) throw new AppError('FORBIDDEN');
  if (!(round.state === 'collecting' || (staff && round.state === 'shortlisting'))) {
    throw new AppError('LIVELIHOOD_COLLECTION_CLOSED', { state: round.state, stateLabel: ROUND_STATE_LABELS[round.state] });
  }
  const regionPath = await checkFields(ctx.trx, round.congress_region_path, input);
  const proposer = await proposerOf(ctx.trx, ctx.actor, round.term_id, input);
  const sources = { caseIds: input.caseIds ?? [], activityIds: input.activityIds ?? [] };
  await checkSources(ctx.trx, ctx.actor, sources);
  const now = clockNow();
  const unitId = ctx.actor.role === 'unit' ? (input.unitId ?? ctx.actor.unitId) : (input.unitId ?? null);
  const row = await ctx.trx.insertInto('livelihood_project').values({
    round_id: roundId, congress_region_path: round.congress_region_path, title: input.title, region_code: input.regionCode, region_path: regionPath,
    address: input.address, description: input.description, budget_yuan: input.budgetYuan, unit_id: unitId, ...proposer,
    created_by_account_id: ctx.actor.accountId || null, state: 'proposed', updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('livelihood_project_event').values({
    project_id: row.id, at: now, actor_kind: staff ? 'staff' : 'proposer', actor_account_id: ctx.actor.accountId || null, actor_name: ctx.actor.displayName,
    action: 'create', from_state: null, to_state: 'proposed', comment: null, public: false, data: JSON.stringify({ origin: proposer.origin }),
  }).execute();
  const linked = await addSources(ctx.trx, row.id, input.title, sources, now);
  await recordAudit(ctx, {
    action: 'livelihood_project.create', entityType: 'livelihood_project', entityId: row.id,
    after: { roundId, title: input.title, origin: proposer.origin, budgetYuan: input.budgetYuan, unitId, caseIds: linked, activityIds: sources.activityIds },
  });
  return row.id;
}

/** Changes a candidate's facts (the proposer or the staff, while proposed or shortlisted). */
export async function editProject(ctx: WriteContext, id: number, f: ProjectFields): Promise<void> {
  await takeProjectAction(ctx, id, { action: 'edit' }, {
    handler: async (_ctx, t) => {
      const regionPath = await checkFields(ctx.trx, t.row.congress_region_path, f);
      const unitId = t.row.origin === 'department' && ctx.actor.role === 'unit' ? t.row.unit_id : (f.unitId ?? null);
      return {
        set: { title: f.title, region_code: f.regionCode, region_path: regionPath, address: f.address, description: f.description, budget_yuan: f.budgetYuan, unit_id: unitId },
        data: { title: f.title, regionCode: f.regionCode, budgetYuan: f.budgetYuan, unitId },
      };
    },
  });
}

/** Links more cases and activities (those already linked stay). */
export async function linkSources(ctx: WriteContext, id: number, s: Sources): Promise<void> {
  await checkSources(ctx.trx, ctx.actor, s);
  await takeProjectAction(ctx, id, { action: 'link_sources' }, {
    handler: async (_ctx, t, _body, now) => {
      const cases = await addSources(ctx.trx, id, t.row.title, s, now);
      return { data: { caseIds: cases, activityIds: s.activityIds } };
    },
  });
}

function projectsFor(db: Db, actor: AnyActor) {
  return db.selectFrom('livelihood_project as p')
    .innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
    .innerJoin('region as rg', 'rg.code', 'p.region_code')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('unit as pu', 'pu.id', 'p.proposer_unit_id')
    .leftJoin('deputy as pd', 'pd.id', 'p.proposer_deputy_id')
    .leftJoin('station as st', 'st.id', 'p.station_id')
    .selectAll('p')
    .select(['rg.name as region_name', 'u.name as unit_name', 'pu.name as proposer_unit_name', 'pd.name as proposer_deputy_name', 'st.name as station_name', 'r.state as round_state'])
    .select((eb) => eb.selectFrom('livelihood_project_source as s').select(sql<number>`count(*)::int`.as('n')).whereRef('s.project_id', '=', 'p.id').as('source_count'))
    .where(projectVisible(actor, projectColumns('p')));
}
type ProjectListRow = Awaited<ReturnType<ReturnType<typeof projectsFor>['executeTakeFirstOrThrow']>>;

function presentItem(actor: AnyActor, p: ProjectListRow) {
  const staff = runsCongress(actor, p.congress_region_path) || (actor.kind === 'account' && actor.role === 'staff');
  const mine = actor.kind === 'account' && p.created_by_account_id === actor.accountId;
  const proposerLabel = p.proposer_deputy_name ?? p.proposer_unit_name ?? p.station_name
    ?? (staff || mine ? p.proposer_name : maskName(p.proposer_name)) ?? '';
  return {
    id: p.id, roundId: p.round_id, title: p.title, regionCode: p.region_code, regionName: p.region_name, address: p.address,
    budgetYuan: Number(p.budget_yuan), unitId: p.unit_id, unitName: p.unit_name, origin: p.origin, originLabel: PROJECT_ORIGIN_LABELS[p.origin],
    proposerLabel, state: p.state, stateLabel: PROJECT_STATE_LABELS[p.state], ballotOrder: p.ballot_order, sourceCount: p.source_count ?? 0,
  };
}

export async function listProjects(db: Kysely<DB>, actor: AnyActor, roundId: number, state?: LivelihoodProjectState) {
  const round = await db.selectFrom('livelihood_round as r').select('r.id').where('r.id', '=', roundId)
    .where(roundVisible(actor, roundColumns('r'))).executeTakeFirst();
  if (!round) throw new AppError('NOT_FOUND');
  let q = projectsFor(db, actor).where('p.round_id', '=', roundId);
  if (state) q = q.where('p.state', '=', state);
  const rows = await q.orderBy(sql`p.ballot_order nulls last`).orderBy('p.id').execute();
  return rows.map((p) => presentItem(actor, p));
}

export async function getProject(db: Kysely<DB>, actor: AnyActor, id: number) {
  const p = await projectsFor(db, actor).where('p.id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND');
  const item = presentItem(actor, p);
  const staff = runsCongress(actor, p.congress_region_path) || (actor.kind === 'account' && actor.role === 'staff');
  const mine = actor.kind === 'account' && p.created_by_account_id === actor.accountId;
  const cases = await db.selectFrom('livelihood_project_source as s').innerJoin('opinion as o', 'o.id', 's.opinion_id')
    .select(['o.id', 'o.tracking_code', 'o.content']).where('s.project_id', '=', id).where(caseVisible(actor, caseColumns('o'))).orderBy('o.id').execute();
  const activities = await db.selectFrom('livelihood_project_source as s').innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(['a.id', 'a.title']).where('s.project_id', '=', id).where(activityVisible(actor, activityColumns('a'))).orderBy('a.id').execute();
  const events = await db.selectFrom('livelihood_project_event').selectAll().where('project_id', '=', id).orderBy('at').orderBy('id').execute();
  const result = await db.selectFrom('livelihood_result as lr').innerJoin('livelihood_vote as v', 'v.id', 'lr.vote_id')
    .selectAll('lr').where('lr.project_id', '=', id).where('v.outcome', '=', 'counted').orderBy('v.id', 'desc').limit(1).executeTakeFirst();
  const part = projectActorOf(actor, {
    congressRegionPath: p.congress_region_path, createdBy: p.created_by_account_id, proposerDeputyId: p.proposer_deputy_id,
    proposerUnitId: p.proposer_unit_id, unitId: p.unit_id, state: p.state,
  });
  // What POST …/actions takes: not the edits (their own routes) nor the system's steps.
  const actions = part === null ? [] : PROJECT_WORKFLOW.allowed(p.state, part).filter((a) => a !== 'edit' && a !== 'link_sources');
  return {
    ...item,
    description: p.description,
    proposerPhone: staff || mine ? p.proposer_phone : maskPhone(p.proposer_phone),
    stationId: p.station_id,
    sources: { cases: cases.map((c) => ({ id: c.id, trackingCode: c.tracking_code, summary: [...c.content].slice(0, 40).join('') })), activities: activities.map((a) => ({ id: a.id, title: a.title })) },
    events: events.map((e) => ({
      at: e.at.toISOString(), actorName: e.actor_name, action: e.action,
      actionLabel: e.action === 'create' ? { zh: '提出', en: 'Proposed' } : PROJECT_RULES[e.action as keyof typeof PROJECT_RULES]?.label ?? { zh: e.action, en: e.action },
      fromState: e.from_state, toState: e.to_state, comment: e.comment,
    })),
    result: result ? {
      forCount: result.for_count, againstCount: result.against_count, abstainCount: result.abstain_count,
      passed: result.passed, adopted: result.adopted, tied: result.tied, rank: result.rank,
    } : null,
    actions: actions.map((a) => ({ action: a, label: PROJECT_RULES[a].label, needsComment: PROJECT_RULES[a].needsComment ?? false })),
  };
}
