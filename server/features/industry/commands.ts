/** Writing industry contact points: each use case in one transaction with its audit record (WriteContext). */
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { endOfShanghaiDay } from '../../platform/calendar/workingDays.js';
import { now, today } from '../../platform/clock.js';
import type { IndustryMemberRole } from '../../platform/db/schemaIndustry.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { createActivity } from '../activities/index.js';
import { registerOpinions } from '../cases/index.js';
import { createSuggestion } from '../suggestions/index.js';
import { pointOperable, pointVisitable } from './access.js';
import { checkCreditCode, normaliseCreditCode } from './uscc.js';

type Db = WriteContext['trx'];

/**
 * The contact point for a write: NOT_FOUND when out of reach, INDUSTRY_NOT_CONTACT_POINT for a
 * station of another type, FORBIDDEN when the actor may read it but not do this.
 */
export async function requirePoint(trx: Db, actor: Actor, stationId: number, need: 'manage' | 'visit') {
  const row = await trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.type', 's.name', 'h.region_code', pointOperable(actor, ref('s.id')).as('operable'), pointVisitable(actor, ref('s.id')).as('visitable')])
    .where('s.id', '=', stationId).where(stationVisible(actor, ref('s.id'))).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.type !== 'industry') throw new AppError('INDUSTRY_NOT_CONTACT_POINT');
  if (!(need === 'manage' ? row.operable : row.visitable)) throw new AppError('FORBIDDEN');
  return { id: row.id, name: row.name, regionCode: row.region_code };
}

export interface EnterpriseInput {
  name: string;
  creditCode: string;
  industry: string;
  address: string;
  contactName: string | null;
  contactPhone: string | null;
}

/** The code as stored: normalised, and refused with INDUSTRY_CREDIT_CODE_INVALID unless its check character is right. */
export function validCreditCode(input: string): string {
  const code = normaliseCreditCode(input);
  const problem = checkCreditCode(code);
  if (problem !== null) throw new AppError('INDUSTRY_CREDIT_CODE_INVALID', { code, problem });
  return code;
}

async function requireCodeFree(trx: Db, stationId: number, code: string, except: number | null) {
  let q = trx.selectFrom('industry_enterprise').select('id').where('station_id', '=', stationId).where('credit_code', '=', code);
  if (except !== null) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) throw new AppError('INDUSTRY_CREDIT_CODE_TAKEN', { code });
}

function enterpriseColumns(input: EnterpriseInput, code: string) {
  return {
    name: input.name, credit_code: code, industry: input.industry, address: input.address,
    contact_name: input.contactName || null, contact_phone: input.contactPhone || null,
  };
}

export async function createEnterprise(ctx: WriteContext, stationId: number, input: EnterpriseInput): Promise<number> {
  await requirePoint(ctx.trx, ctx.actor, stationId, 'manage');
  const code = validCreditCode(input.creditCode);
  await requireCodeFree(ctx.trx, stationId, code, null);
  const { id } = await ctx.trx.insertInto('industry_enterprise')
    .values({ station_id: stationId, ...enterpriseColumns(input, code), created_by_account_id: ctx.actor.accountId || null })
    .returning('id').executeTakeFirstOrThrow();
  // The contact is named, not copied, so the audit log does not become a second store of it.
  await recordAudit(ctx, { action: 'industry.enterprise_create', entityType: 'industry_enterprise', entityId: id, after: { stationId, name: input.name, creditCode: code, industry: input.industry } });
  return id;
}

async function lockEnterprise(ctx: WriteContext, id: number, version: number | null) {
  const row = await ctx.trx.selectFrom('industry_enterprise').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  await requirePoint(ctx.trx, ctx.actor, row.station_id, 'manage');
  if (version !== null && row.version !== version) throw new AppError('CONFLICT', { currentVersion: row.version });
  return row;
}

export async function updateEnterprise(ctx: WriteContext, id: number, version: number, input: EnterpriseInput): Promise<void> {
  const before = await lockEnterprise(ctx, id, version);
  const code = validCreditCode(input.creditCode);
  await requireCodeFree(ctx.trx, before.station_id, code, id);
  await ctx.trx.updateTable('industry_enterprise').set({ ...enterpriseColumns(input, code), updated_at: now(), version: sql`version + 1` })
    .where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'industry.enterprise_update', entityType: 'industry_enterprise', entityId: id,
    before: { name: before.name, creditCode: before.credit_code, industry: before.industry, address: before.address },
    after: { name: input.name, creditCode: code, industry: input.industry, address: input.address, contactChanged: before.contact_name !== (input.contactName || null) || before.contact_phone !== (input.contactPhone || null) },
  });
}

/** Removes a member enterprise that no visit has reached (a visited one stays for the record). */
export async function deleteEnterprise(ctx: WriteContext, id: number): Promise<void> {
  const before = await lockEnterprise(ctx, id, null);
  const visited = await ctx.trx.selectFrom('industry_visit_enterprise').select('visit_id').where('enterprise_id', '=', id).executeTakeFirst();
  if (visited) throw new AppError('INDUSTRY_ENTERPRISE_VISITED');
  await ctx.trx.deleteFrom('industry_enterprise').where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'industry.enterprise_delete', entityType: 'industry_enterprise', entityId: id, before: { stationId: before.station_id, name: before.name, creditCode: before.credit_code } });
}

/**
 * 查看联系人: the enterprise's contact unmasked for a deputy of the point (who visits it), written
 * to the audit log in the same transaction. Out of reach: NOT_FOUND; in reach without the right:
 * INDUSTRY_CONTACT_FORBIDDEN, and no audit record (nothing was shown).
 */
export async function revealEnterpriseContact(ctx: WriteContext, id: number) {
  const row = await ctx.trx.selectFrom('industry_enterprise as e')
    .select(['e.id', 'e.name', 'e.contact_name', 'e.contact_phone', pointVisitable(ctx.actor, ref('e.station_id')).as('visitable')])
    .where('e.id', '=', id).where(stationVisible(ctx.actor, ref('e.station_id'))).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.visitable) throw new AppError('INDUSTRY_CONTACT_FORBIDDEN');
  await recordAudit(ctx, {
    action: 'industry.contact_reveal', entityType: 'industry_enterprise', entityId: id, before: null,
    after: { name: row.name, fields: ['name', 'phone'].filter((f) => (f === 'name' ? row.contact_name : row.contact_phone) !== null) },
  });
  return { contactName: row.contact_name, contactPhone: row.contact_phone };
}

export interface OrganisationInput {
  lead: { deputyId: number | null; name: string; title: string }[];
  conveners: { deputyId: number | null; name: string; title: string }[];
  residents: { deputyId: number; profession: string }[];
  participants: { deputyId: number }[];
}

/**
 * Replaces the "1+2+5+N" organisation. The deputies named must be deputies of the point, each at
 * most once; a lead official or convener who is not a deputy is named with a title.
 */
export async function setOrganisation(ctx: WriteContext, stationId: number, input: OrganisationInput): Promise<void> {
  await requirePoint(ctx.trx, ctx.actor, stationId, 'manage');
  const entries: { role: IndustryMemberRole; path: string; deputyId: number | null; name: string; title: string; profession: string }[] = [
    ...input.lead.map((m, i) => ({ role: 'lead' as const, path: `lead.${i}`, ...m, profession: '' })),
    ...input.conveners.map((m, i) => ({ role: 'convener' as const, path: `conveners.${i}`, ...m, profession: '' })),
    ...input.residents.map((m, i) => ({ role: 'resident' as const, path: `residents.${i}`, deputyId: m.deputyId, name: '', title: '', profession: m.profession })),
    ...input.participants.map((m, i) => ({ role: 'participant' as const, path: `participants.${i}`, deputyId: m.deputyId, name: '', title: '', profession: '' })),
  ];
  const problems: { path: string; code: 'UNKNOWN_REFERENCE' | 'DUPLICATE_VALUES' | 'REQUIRED' }[] = [];
  const ids = entries.flatMap((e) => (e.deputyId === null ? [] : [e.deputyId]));
  const members = new Set(ids.length === 0 ? [] : (await ctx.trx.selectFrom('deputy_station').select('deputy_id')
    .where('station_id', '=', stationId).where('deputy_id', 'in', ids).execute()).map((r) => r.deputy_id));
  const seen = new Set<number>();
  for (const e of entries) {
    if (e.deputyId === null) {
      if (!e.name) problems.push({ path: `${e.path}.name`, code: 'REQUIRED' });
      continue;
    }
    if (!members.has(e.deputyId)) problems.push({ path: `${e.path}.deputyId`, code: 'UNKNOWN_REFERENCE' });
    else if (seen.has(e.deputyId)) problems.push({ path: `${e.path}.deputyId`, code: 'DUPLICATE_VALUES' });
    seen.add(e.deputyId);
  }
  if (problems.length) throw invalidFields(problems);
  const before = await ctx.trx.selectFrom('industry_member').select(['role', 'deputy_id', 'name', 'title', 'profession']).where('station_id', '=', stationId).orderBy('id').execute();
  await ctx.trx.deleteFrom('industry_member').where('station_id', '=', stationId).execute();
  if (entries.length) {
    await ctx.trx.insertInto('industry_member').values(entries.map((e, position) => ({
      station_id: stationId, role: e.role, deputy_id: e.deputyId, name: e.deputyId === null ? e.name : '', title: e.title, profession: e.profession, position,
    }))).execute();
  }
  await recordAudit(ctx, {
    action: 'industry.organisation_set', entityType: 'station', entityId: stationId, before,
    after: entries.map((e) => ({ role: e.role, deputy_id: e.deputyId, name: e.name, title: e.title, profession: e.profession })),
  });
}

export interface CampaignInput { title: string; description: string; target: number; startsOn: string; endsOn: string }

export async function createCampaign(ctx: WriteContext, stationId: number, input: CampaignInput): Promise<number> {
  await requirePoint(ctx.trx, ctx.actor, stationId, 'manage');
  if (input.endsOn < input.startsOn) throw invalidFields([{ path: 'endsOn', code: 'ENDS_BEFORE_START' }]);
  const { id } = await ctx.trx.insertInto('industry_campaign').values({
    station_id: stationId, title: input.title, description: input.description, target: input.target,
    starts_on: input.startsOn, ends_on: input.endsOn, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'industry.campaign_create', entityType: 'industry_campaign', entityId: id, after: { stationId, ...input } });
  return id;
}

export interface VisitInput {
  kind: 'visit' | 'research';
  visitedOn: string;
  enterpriseIds: number[];
  deputyIds: number[];
  place: string;
  summary: string;
}

/**
 * Logs a visit of a campaign: an activity of the point (走访 or 调研, through the activities
 * feature, with its deputies as participants) and the enterprises it reached, which must be the
 * point's. The day lies in the campaign's period and not after today.
 */
export async function logVisit(ctx: WriteContext, campaignId: number, input: VisitInput): Promise<{ visitId: number; activityId: number }> {
  const campaign = await ctx.trx.selectFrom('industry_campaign').select(['id', 'station_id', 'title', sql<string>`starts_on::text`.as('starts_on'), sql<string>`ends_on::text`.as('ends_on')])
    .where('id', '=', campaignId).where(stationVisible(ctx.actor, ref('station_id'))).executeTakeFirst();
  if (!campaign) throw new AppError('NOT_FOUND');
  await requirePoint(ctx.trx, ctx.actor, campaign.station_id, 'visit');
  if (input.visitedOn > today()) throw invalidFields([{ path: 'visitedOn', code: 'DATE_IN_FUTURE' }]);
  if (input.visitedOn < campaign.starts_on || input.visitedOn > campaign.ends_on) {
    throw new AppError('INDUSTRY_VISIT_OUTSIDE_CAMPAIGN', { startsOn: campaign.starts_on, endsOn: campaign.ends_on });
  }
  const enterprises = await ctx.trx.selectFrom('industry_enterprise').select(['id', 'name'])
    .where('station_id', '=', campaign.station_id).where('id', 'in', input.enterpriseIds).execute();
  const found = new Set(enterprises.map((e) => e.id));
  const missing = input.enterpriseIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `enterpriseIds.${i}`, code: 'UNKNOWN_REFERENCE' as const }]));
  if (missing.length) throw invalidFields(missing);
  const names = enterprises.map((e) => e.name).join('、');
  const title = `${input.kind === 'visit' ? '走访' : '调研'}${names}`;
  // A visit is logged for its day: 09:00 in Asia/Shanghai, an hour of the day an activity is held.
  const startsAt = new Date(endOfShanghaiDay(input.visitedOn).getTime() - 15 * 3_600_000);
  const activityId = await createActivity(ctx, {
    kind: input.kind, title: [...title].length > 200 ? `${[...title].slice(0, 197).join('')}…` : title,
    stationId: campaign.station_id, regionCode: null, campaignId: null, startsAt, endsAt: null,
    place: input.place, summary: input.summary || `${campaign.title}`, suggestionsMade: 0,
    participants: input.deputyIds.map((deputyId) => ({ deputyId, attendance: 'present' as const })), unitIds: [], rotaSlotId: null,
  });
  const { id } = await ctx.trx.insertInto('industry_visit').values({ campaign_id: campaignId, activity_id: activityId, visited_on: input.visitedOn })
    .returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('industry_visit_enterprise').values(input.enterpriseIds.map((e) => ({ visit_id: id, enterprise_id: e }))).execute();
  await recordAudit(ctx, { action: 'industry.visit_log', entityType: 'industry_visit', entityId: id, after: { campaignId, activityId, ...input } });
  return { visitId: id, activityId };
}

async function lockVisit(ctx: WriteContext, visitId: number) {
  const visit = await ctx.trx.selectFrom('industry_visit as v').innerJoin('industry_campaign as c', 'c.id', 'v.campaign_id')
    .innerJoin('activity as a', 'a.id', 'v.activity_id')
    .select(['v.id', 'v.activity_id', 'c.station_id', 'a.starts_at']).where('v.id', '=', visitId).where(stationVisible(ctx.actor, ref('c.station_id'))).executeTakeFirst();
  if (!visit) throw new AppError('NOT_FOUND');
  const point = await requirePoint(ctx.trx, ctx.actor, visit.station_id, 'visit');
  return { ...visit, activityId: Number(visit.activity_id), point };
}

export interface IssueCaseInput { summary: string; categoryId: number; content: string; place: string; name: string | null; phone: string | null }

/**
 * An issue a visit found becomes a case (群众意见) of the point, registered from the visit's
 * activity (channel 走访) and received when the visit took place, as opinions registered from any
 * activity are.
 */
export async function issueToCase(ctx: WriteContext, visitId: number, input: IssueCaseInput) {
  const visit = await lockVisit(ctx, visitId);
  const [receipt] = await registerOpinions(ctx, {
    stationId: visit.station_id, deputyId: ctx.actor.role === 'deputy' ? ctx.actor.deputyId : null, channel: 'visit', receivedAt: visit.starts_at,
    activityId: visit.activityId,
    items: [{ categoryId: input.categoryId, content: input.content, place: input.place, name: input.name, phone: input.phone }],
  });
  const { id } = await ctx.trx.insertInto('industry_visit_issue').values({
    visit_id: visitId, case_id: receipt!.id, summary: input.summary, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'industry.issue_case', entityType: 'industry_visit', entityId: visitId, after: { issueId: id, caseId: receipt!.id, summary: input.summary } });
  return { issueId: id, caseId: receipt!.id, trackingCode: receipt!.trackingCode };
}

export interface IssueSuggestionInput { summary: string; title: string; reasons: string; proposals: string; categoryId: number }

/**
 * An issue a visit found becomes a deputy's draft suggestion (a deputy of the point, the lead
 * signer), linked to the visit's activity; the suggestions feature's own rules apply.
 */
export async function issueToSuggestion(ctx: WriteContext, visitId: number, input: IssueSuggestionInput) {
  if (ctx.actor.role !== 'deputy') throw new AppError('FORBIDDEN');
  const visit = await lockVisit(ctx, visitId);
  const suggestionId = await createSuggestion(ctx, {
    kind: 'suggestion', title: input.title, reasons: input.reasons, proposals: input.proposals, categoryId: input.categoryId,
    regionCode: visit.point.regionCode, activityIds: [visit.activityId],
  });
  const { id } = await ctx.trx.insertInto('industry_visit_issue').values({
    visit_id: visitId, suggestion_id: suggestionId, summary: input.summary, created_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'industry.issue_suggestion', entityType: 'industry_visit', entityId: visitId, after: { issueId: id, suggestionId, summary: input.summary } });
  return { issueId: id, suggestionId };
}
