import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { campaignColumns, campaignManageable, campaignVisible } from './access.js';

/** What a campaign has produced so far: its activities, where, who came, what was collected. */
const figures = {
  activities: sql<number>`(select count(*) from activity a where a.campaign_id = c.id)`,
  stations: sql<number>`(select count(distinct a.station_id) from activity a where a.campaign_id = c.id)`,
  deputies: sql<number>`(select count(distinct p.deputy_id) from activity a join activity_participant p on p.activity_id = a.id
    where a.campaign_id = c.id and p.attendance = 'present')`,
  opinions: sql<number>`(select count(*) from opinion o join activity a on a.id = o.activity_id where a.campaign_id = c.id)`,
  suggestions: sql<number>`(select coalesce(sum(a.suggestions_made), 0) from activity a where a.campaign_id = c.id)`,
};

function campaigns(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('activity_campaign as c').innerJoin('region as r', 'r.code', 'c.region_code')
    .select([
      'c.id', 'c.name', 'c.description', 'c.region_code', 'r.full_name as region_name', 'c.starts_on', 'c.ends_on', 'c.version', 'c.region_path',
      figures.activities.as('activities'), figures.stations.as('stations'), figures.deputies.as('deputies'),
      figures.opinions.as('opinions'), figures.suggestions.as('suggestions'),
    ])
    .where(campaignVisible(actor, campaignColumns('c')));
}

type Row = Awaited<ReturnType<ReturnType<typeof campaigns>['execute']>>[number];
function present(r: Row, actor: Actor) {
  const manageable = campaignManageable(actor, r.region_path);
  return {
    id: r.id, name: r.name, description: r.description, region: { code: r.region_code, fullName: r.region_name },
    startsOn: r.starts_on, endsOn: r.ends_on, version: r.version,
    figures: {
      activities: Number(r.activities), stations: Number(r.stations), deputies: Number(r.deputies),
      opinions: Number(r.opinions), suggestions: Number(r.suggestions),
    },
    abilities: manageable ? ['update' as const] : [],
  };
}

/** Campaigns the account sees, the latest first (there are few: no paging). */
export async function listCampaigns(db: Kysely<DB>, actor: Actor, f: { current?: boolean; today: string }) {
  let q = campaigns(db, actor).orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').limit(200);
  if (f.current) q = q.where('c.starts_on', '<=', f.today).where('c.ends_on', '>=', f.today);
  return (await q.execute()).map((r) => present(r, actor));
}

export async function getCampaign(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await campaigns(db, actor).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return present(row, actor);
}
