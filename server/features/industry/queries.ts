/** Reading industry contact points: scope in every query (access.ts), personal data masked for those who do not run the point. */
import { sql, type Kysely } from 'kysely';
import { containsPattern } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import type { DB } from '../../platform/db/schema.js';
import type { IndustryMemberRole } from '../../platform/db/schemaIndustry.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { today } from '../../platform/clock.js';
import { maskPersonName } from '../../platform/text/personName.js';
import { maskPhone } from '../../platform/text/phone.js';
import { suggestionColumns, suggestionVisible } from '../suggestions/index.js';
import { pointOperable, pointVisible, pointVisitable } from './access.js';
import { organisationGaps, ORGANISATION_GAPS } from './organisation.js';
import { campaignProgress } from './progress.js';

type Db = Kysely<DB>;

/** The contact points in reach, with their counts and whether their organisation is complete. */
export async function listPoints(db: Db, actor: Actor) {
  const rows = await db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .select([
      's.id', 's.name', 's.active', 'r.full_name as region_name',
      sql<number>`(select count(*)::int from industry_enterprise e where e.station_id = s.id)`.as('enterprise_count'),
      sql<number>`(select count(*)::int from industry_campaign c where c.station_id = s.id)`.as('campaign_count'),
      sql<number>`(select count(*)::int from industry_member m where m.station_id = s.id and m.role = 'lead')`.as('lead'),
      sql<number>`(select count(*)::int from industry_member m where m.station_id = s.id and m.role = 'convener')`.as('convener'),
      sql<number>`(select count(*)::int from industry_member m where m.station_id = s.id and m.role = 'resident')`.as('resident'),
      pointOperable(actor, ref('s.id')).as('operable'),
    ])
    .where('s.type', '=', 'industry').where(pointVisible(actor, ref('s.id')))
    .orderBy('s.id').execute();
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, active: r.active, regionName: r.region_name, enterpriseCount: r.enterprise_count, campaignCount: r.campaign_count,
      organisationGaps: organisationGaps(r), canManage: Boolean(r.operable),
    })),
  };
}

/** One contact point: its "1+2+5+N" organisation (with what it lacks) and the deputies who may fill it. */
export async function getPoint(db: Db, actor: Actor, id: number) {
  const point = await db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .select(['s.id', 's.name', 's.active', 's.address', 'r.full_name as region_name', 'r.code as region_code',
      pointOperable(actor, ref('s.id')).as('operable'), pointVisitable(actor, ref('s.id')).as('visitable')])
    .where('s.id', '=', id).where(pointVisible(actor, ref('s.id'))).executeTakeFirst();
  if (!point) throw new AppError('NOT_FOUND');
  const members = await db.selectFrom('industry_member as m').leftJoin('deputy as d', 'd.id', 'm.deputy_id')
    .select(['m.id', 'm.role', 'm.deputy_id', 'm.name', 'm.title', 'm.profession', 'd.name as deputy_name', 'd.occupation'])
    .where('m.station_id', '=', id).orderBy('m.role').orderBy('m.position').orderBy('m.id').execute();
  const deputies = await db.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
    .select(['d.id', 'd.name', 'd.occupation', 'd.profession_tags', 'ds.role'])
    .where('ds.station_id', '=', id).where('d.active', '=', true).orderBy('d.id').execute();
  const present = (role: IndustryMemberRole) => members.filter((m) => m.role === role).map((m) => ({
    deputyId: m.deputy_id, name: m.deputy_name ?? m.name, title: m.title || (m.deputy_id !== null ? m.occupation ?? '' : ''), profession: m.profession,
  }));
  const organisation = { lead: present('lead'), conveners: present('convener'), residents: present('resident'), participants: present('participant') };
  const gaps = organisationGaps({ lead: organisation.lead.length, convener: organisation.conveners.length, resident: organisation.residents.length });
  return {
    id: point.id, name: point.name, active: point.active, address: point.address, regionName: point.region_name, regionCode: point.region_code,
    canManage: Boolean(point.operable), canVisit: Boolean(point.visitable),
    organisation: { ...organisation, complete: gaps.length === 0, gaps: gaps.map((g) => ({ code: g, label: ORGANISATION_GAPS.labels[g] })) },
    deputies: deputies.map((d) => ({ id: d.id, name: d.name, occupation: d.occupation, professionTags: d.profession_tags, stationRole: d.role })),
  };
}

export interface EnterpriseFilters { q?: string | undefined; limit: number; cursor?: string | undefined }

const enterpriseSelect = (actor: Actor) => [
  'e.id', 'e.station_id', 'e.name', 'e.credit_code', 'e.industry', 'e.address', 'e.contact_name', 'e.contact_phone', 'e.version',
  's.name as station_name',
  pointOperable(actor, ref('e.station_id')).as('operable'),
  pointVisitable(actor, ref('e.station_id')).as('visitable'),
  sql<number>`(select count(*)::int from industry_visit_enterprise ve where ve.enterprise_id = e.id)`.as('visit_count'),
  sql<string | null>`(select max(v.visited_on)::text from industry_visit_enterprise ve join industry_visit v on v.id = ve.visit_id where ve.enterprise_id = e.id)`.as('last_visited_on'),
] as const;

type EnterpriseRow = {
  id: number; station_id: number; name: string; credit_code: string; industry: string; address: string; contact_name: string | null;
  contact_phone: string | null; version: number; station_name: string; operable: unknown; visitable: unknown; visit_count: number; last_visited_on: string | null;
};

/** An enterprise as its reader may see it: the contact unmasked only for those who run the point. */
export function presentEnterprise(e: EnterpriseRow) {
  const entitled = Boolean(e.operable);
  return {
    id: e.id, stationId: e.station_id, stationName: e.station_name, name: e.name, creditCode: e.credit_code, industry: e.industry, address: e.address,
    contactName: entitled ? e.contact_name : e.contact_name && maskPersonName(e.contact_name),
    contactPhone: entitled ? e.contact_phone : maskPhone(e.contact_phone),
    contactMasked: !entitled && (e.contact_name !== null || e.contact_phone !== null),
    contactRevealable: !entitled && Boolean(e.visitable) && (e.contact_name !== null || e.contact_phone !== null),
    visitCount: e.visit_count, lastVisitedOn: e.last_visited_on, version: e.version,
  };
}
export type EnterpriseView = ReturnType<typeof presentEnterprise>;

/** A point's member enterprises, by id, optionally those whose name, code or industry holds `q`. */
export async function listEnterprises(db: Db, actor: Actor, stationId: number, f: EnterpriseFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let query = db.selectFrom('industry_enterprise as e').innerJoin('station as s', 's.id', 'e.station_id')
    .select(enterpriseSelect(actor))
    .where('e.station_id', '=', stationId).where(pointVisible(actor, ref('e.station_id')));
  if (f.q) {
    const like = containsPattern(f.q);
    query = query.where((eb) => eb.or([eb('e.name', 'like', like), eb('e.credit_code', 'like', like.toUpperCase()), eb('e.industry', 'like', like)]));
  }
  if (after !== null) query = query.where('e.id', '>', after);
  const rows = await query.orderBy('e.id').limit(f.limit + 1).execute() as EnterpriseRow[];
  return toPage(rows, f.limit, (r) => r.id, presentEnterprise);
}

export async function getEnterprise(db: Db, actor: Actor, id: number): Promise<EnterpriseView> {
  const row = await db.selectFrom('industry_enterprise as e').innerJoin('station as s', 's.id', 'e.station_id')
    .select(enterpriseSelect(actor))
    .where('e.id', '=', id).where(pointVisible(actor, ref('e.station_id'))).executeTakeFirst() as EnterpriseRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return presentEnterprise(row);
}

async function firstVisits(db: Db, campaignIds: number[]) {
  if (campaignIds.length === 0) return new Map<number, string[]>();
  const rows = await db.selectFrom('industry_visit as v').innerJoin('industry_visit_enterprise as ve', 've.visit_id', 'v.id')
    .select(['v.campaign_id', 've.enterprise_id', sql<string>`min(v.visited_on)::text`.as('first')])
    .where('v.campaign_id', 'in', campaignIds).groupBy(['v.campaign_id', 've.enterprise_id']).execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.campaign_id, [...(out.get(r.campaign_id) ?? []), r.first]);
  return out;
}

const campaignFields = ['c.id', 'c.station_id', 'c.title', 'c.description', 'c.target', sql<string>`c.starts_on::text`.as('starts_on'),
  sql<string>`c.ends_on::text`.as('ends_on'), 's.name as station_name'] as const;

function presentCampaign(c: { id: number; station_id: number; title: string; description: string; target: number; starts_on: string; ends_on: string; station_name: string }, visits: string[]) {
  const { burnDown, ...progress } = campaignProgress({ target: c.target, startsOn: c.starts_on, endsOn: c.ends_on }, visits, today());
  return {
    summary: { id: c.id, stationId: c.station_id, stationName: c.station_name, title: c.title, description: c.description, startsOn: c.starts_on, endsOn: c.ends_on, progress },
    burnDown,
  };
}

/** A point's campaigns, newest first, each with its progress. */
export async function listCampaigns(db: Db, actor: Actor, stationId: number) {
  const rows = await db.selectFrom('industry_campaign as c').innerJoin('station as s', 's.id', 'c.station_id').select(campaignFields)
    .where('c.station_id', '=', stationId).where(pointVisible(actor, ref('c.station_id'))).orderBy('c.id', 'desc').execute();
  const visits = await firstVisits(db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentCampaign(r, visits.get(r.id) ?? []).summary) };
}

/** One campaign: its progress, burn-down and visits (enterprises, deputies, the cases and suggestions made of them). */
export async function getCampaign(db: Db, actor: Actor, id: number) {
  const c = await db.selectFrom('industry_campaign as c').innerJoin('station as s', 's.id', 'c.station_id')
    .select([...campaignFields, pointOperable(actor, ref('c.station_id')).as('operable'), pointVisitable(actor, ref('c.station_id')).as('visitable')])
    .where('c.id', '=', id).where(pointVisible(actor, ref('c.station_id'))).executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const { summary, burnDown } = presentCampaign(c, (await firstVisits(db, [id])).get(id) ?? []);
  const visits = await db.selectFrom('industry_visit as v').innerJoin('activity as a', 'a.id', 'v.activity_id')
    .select(['v.id', sql<string>`v.visited_on::text`.as('visited_on'), 'v.activity_id', 'a.kind', 'a.title', 'a.summary',
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', e.id, 'name', e.name) order by e.id)
        from industry_visit_enterprise ve join industry_enterprise e on e.id = ve.enterprise_id where ve.visit_id = v.id), '[]'::json)`.as('enterprises'),
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.id)
        from activity_participant p join deputy d on d.id = p.deputy_id where p.activity_id = a.id), '[]'::json)`.as('deputies'),
      sql<{ id: number; summary: string; caseId: number | null; trackingCode: string | null; suggestionId: number | null; suggestionTitle: string | null }[]>`coalesce((
        select json_agg(json_build_object('id', i.id, 'summary', i.summary, 'caseId', i.case_id, 'trackingCode', o.tracking_code,
          'suggestionId', i.suggestion_id, 'suggestionTitle', case when ${suggestionVisible(actor, suggestionColumns('vs'))} then vs.title end) order by i.id)
        from industry_visit_issue i left join opinion o on o.id = i.case_id left join suggestion vs on vs.id = i.suggestion_id
        where i.visit_id = v.id), '[]'::json)`.as('issues'),
    ])
    .where('v.campaign_id', '=', id).orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').execute();
  return {
    ...summary, burnDown, canManage: Boolean(c.operable), canVisit: Boolean(c.visitable),
    visits: visits.map((v) => ({
      id: v.id, visitedOn: v.visited_on, activityId: Number(v.activity_id), kind: v.kind, title: v.title, summary: v.summary,
      enterprises: v.enterprises, deputies: v.deputies,
      issues: v.issues.map((i) => ({ ...i, caseId: i.caseId === null ? null : Number(i.caseId), suggestionId: i.suggestionId === null ? null : Number(i.suggestionId) })),
    })),
  };
}

/** The visit a case or suggestion came from, when it came from one the reader can see (the way back from the case or suggestion). */
export async function issueOrigin(db: Db, actor: Actor, by: { caseId?: number | undefined; suggestionId?: number | undefined }) {
  let query = db.selectFrom('industry_visit_issue as i').innerJoin('industry_visit as v', 'v.id', 'i.visit_id')
    .innerJoin('industry_campaign as c', 'c.id', 'v.campaign_id').innerJoin('station as s', 's.id', 'c.station_id')
    .select(['i.id', 'i.summary', 'v.id as visit_id', sql<string>`v.visited_on::text`.as('visited_on'), 'c.id as campaign_id', 'c.title as campaign_title', 's.id as station_id', 's.name as station_name'])
    .where(pointVisible(actor, ref('c.station_id')));
  if (by.caseId !== undefined) query = query.where('i.case_id', '=', by.caseId);
  else if (by.suggestionId !== undefined) query = query.where('i.suggestion_id', '=', by.suggestionId);
  else return { items: [] };
  const rows = await query.orderBy('i.id').execute();
  return {
    items: rows.map((r) => ({
      issueId: r.id, summary: r.summary, visitId: r.visit_id, visitedOn: r.visited_on, campaignId: r.campaign_id, campaignTitle: r.campaign_title,
      stationId: r.station_id, stationName: r.station_name,
    })),
  };
}
