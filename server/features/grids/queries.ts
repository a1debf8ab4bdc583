/**
 * Grid reads, scoped in the SQL (access.ts): cells, the coverage of a region, a grid worker's
 * own whistles and the cross-border service teams with their patrols.
 */
import { sql, type Kysely } from 'kysely';
import { CASE_STATE_LABELS } from '../../../common/caseVocabulary.js';
import type { Label } from '../../../common/enums.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, regionManageable } from '../../platform/access/scope.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { cellManageable, cellVisible, patrolLoggable, teamVisible } from './access.js';

const cellRefs = { id: ref('c.id'), regionPath: ref('c.region_path'), stationId: ref('c.station_id') };

export async function listCells(db: Kysely<DB>, actor: Actor, f: { regionCode?: string | undefined }) {
  let q = db.selectFrom('grid_cell as c').innerJoin('region as r', 'r.code', 'c.region_code').innerJoin('station as s', 's.id', 'c.station_id')
    .select((eb) => [
      'c.id', 'c.name', 'c.village', 'c.region_code', 'r.name as region_name', 'c.station_id', 's.name as station_name',
      eb.selectFrom('grid_cell_deputy as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.cell_id', '=', 'c.id').as('deputy_count'),
      eb.selectFrom('grid_cell_worker as w').select(sql<number>`count(*)::int`.as('n')).whereRef('w.cell_id', '=', 'c.id').as('worker_count'),
      eb.selectFrom('grid_whistle as gw').select(sql<number>`count(*)::int`.as('n')).whereRef('gw.cell_id', '=', 'c.id').as('whistle_count'),
    ])
    .where('c.active', '=', true).where(cellVisible(actor, cellRefs));
  if (f.regionCode) {
    const region = await db.selectFrom('region').select('path').where('code', '=', f.regionCode).executeTakeFirst();
    if (!region) return { items: [] };
    q = q.where('c.region_path', 'like', `${region.path}%`);
  }
  const rows = await q.orderBy('c.region_path').orderBy('c.village').orderBy('c.name').orderBy('c.id').limit(1000).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, village: r.village, regionCode: r.region_code, regionName: r.region_name, stationId: r.station_id, stationName: r.station_name,
      deputyCount: r.deputy_count ?? 0, workerCount: r.worker_count ?? 0, whistleCount: r.whistle_count ?? 0,
    })),
  };
}

async function cellMembers(db: Kysely<DB>, cellIds: number[]) {
  if (!cellIds.length) return { deputies: [], workers: [] };
  const deputies = await db.selectFrom('grid_cell_deputy as gd').innerJoin('deputy as d', 'd.id', 'gd.deputy_id')
    .select(['gd.cell_id', 'd.id', 'd.name']).where('gd.cell_id', 'in', cellIds).orderBy('d.name_pinyin').orderBy('d.id').execute();
  const workers = await db.selectFrom('grid_cell_worker as gw').innerJoin('account as a', 'a.id', 'gw.account_id')
    .select(['gw.cell_id', 'a.id', 'a.display_name']).where('gw.cell_id', 'in', cellIds).orderBy('a.id').execute();
  return { deputies, workers };
}

export async function getCell(db: Kysely<DB>, actor: Actor, id: number) {
  const c = await db.selectFrom('grid_cell as c').innerJoin('region as r', 'r.code', 'c.region_code').innerJoin('station as s', 's.id', 'c.station_id')
    .select(['c.id', 'c.name', 'c.village', 'c.region_code', 'r.name as region_name', 'c.station_id', 's.name as station_name', 'c.boundary',
      'c.center_lat', 'c.center_lng', 'c.version', cellManageable(actor, ref('c.region_path')).as('manageable')])
    .where('c.id', '=', id).where(cellVisible(actor, cellRefs)).executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const m = await cellMembers(db, [id]);
  return {
    id: c.id, name: c.name, village: c.village, regionCode: c.region_code, regionName: c.region_name, stationId: c.station_id, stationName: c.station_name,
    boundary: c.boundary, center: c.center_lat !== null && c.center_lng !== null ? { lat: c.center_lat, lng: c.center_lng } : null, version: c.version,
    deputies: m.deputies.map((d) => ({ id: d.id, name: d.name })), workers: m.workers.map((w) => ({ id: w.id, name: w.display_name })),
    canManage: Boolean(c.manageable),
  };
}

/**
 * The coverage of a region (a county or a town): each town's villages with their cells, the
 * cells' deputies and grid workers, and the region's current deputies in no cell.
 */
export async function coverage(db: Kysely<DB>, actor: Actor, regionCode: string) {
  const region = await db.selectFrom('region').select(['code', 'name', 'path']).where('code', '=', regionCode).executeTakeFirst();
  if (!region || !regionManageable(actor, region.path)) throw new AppError('NOT_FOUND');
  const cells = await db.selectFrom('grid_cell as c').innerJoin('region as r', 'r.code', 'c.region_code')
    .select(['c.id', 'c.name', 'c.village', 'c.region_code', 'r.name as region_name'])
    .where('c.active', '=', true).where('c.region_path', 'like', `${region.path}%`).where(cellVisible(actor, cellRefs))
    .orderBy('c.region_path').orderBy('c.village').orderBy('c.name').orderBy('c.id').execute();
  const m = await cellMembers(db, cells.map((c) => c.id));
  const towns: { regionCode: string; regionName: string; villages: { village: string; cells: { id: number; name: string; deputies: { id: number; name: string }[]; workers: { id: number; name: string }[] }[] }[] }[] = [];
  for (const c of cells) {
    let town = towns.find((t) => t.regionCode === c.region_code);
    if (!town) towns.push(town = { regionCode: c.region_code, regionName: c.region_name, villages: [] });
    let village = town.villages.find((v) => v.village === c.village);
    if (!village) town.villages.push(village = { village: c.village, cells: [] });
    village.cells.push({
      id: c.id, name: c.name,
      deputies: m.deputies.filter((d) => d.cell_id === c.id).map((d) => ({ id: d.id, name: d.name })),
      workers: m.workers.filter((w) => w.cell_id === c.id).map((w) => ({ id: w.id, name: w.display_name })),
    });
  }
  const deputies = db.selectFrom('deputy as d').where('d.active', '=', true).where('d.status', '=', 'current').where('d.region_path', 'like', `${region.path}%`);
  const total = await deputies.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const outside = await deputies.innerJoin('region as r', 'r.code', 'd.region_code')
    .select(['d.id', 'd.name', 'r.name as region_name', 'd.grid_cell'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('grid_cell_deputy as gd').select('gd.deputy_id').whereRef('gd.deputy_id', '=', 'd.id'))))
    .orderBy('d.region_path').orderBy('d.name_pinyin').orderBy('d.id').limit(500).execute();
  return {
    regionCode: region.code, regionName: region.name, towns,
    deputyCount: total.n, inGridCount: total.n - (await deputies.select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('grid_cell_deputy as gd').select('gd.deputy_id').whereRef('gd.deputy_id', '=', 'd.id'))))
      .executeTakeFirstOrThrow()).n,
    notInGrid: outside.map((d) => ({ id: d.id, name: d.name, regionName: d.region_name, gridLabel: d.grid_cell })),
  };
}

const WHISTLE_NOTE: Label = { zh: '网格员吹哨', en: 'Whistle blown by a grid worker' };

function whistleQuery(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('grid_whistle as w').innerJoin('opinion as o', 'o.id', 'w.opinion_id').innerJoin('grid_cell as c', 'c.id', 'w.cell_id')
    .innerJoin('station as s', 's.id', 'o.station_id')
    .select(['o.id', 'o.tracking_code', 'o.state', 'o.content', 'o.place', 'o.submitted_at', 'c.id as cell_id', 'c.name as cell_name', 'c.village',
      's.name as station_name', 'w.lat', 'w.lng'])
    .where('w.account_id', '=', actor.accountId);
}

function whistleItem(r: { id: number; tracking_code: string; state: keyof typeof CASE_STATE_LABELS.labels; content: string; submitted_at: Date; cell_id: number; cell_name: string; village: string; station_name: string }) {
  return {
    id: r.id, trackingCode: r.tracking_code, state: r.state, stateLabel: CASE_STATE_LABELS.labels[r.state],
    excerpt: r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content, submittedAt: r.submitted_at.toISOString(),
    cellId: r.cell_id, cellName: `${r.village}${r.cell_name}`, stationName: r.station_name,
  };
}

/** A grid worker's own whistles, newest first. */
export async function listMyWhistles(db: Kysely<DB>, actor: Actor) {
  const rows = await whistleQuery(db, actor).orderBy('o.id', 'desc').limit(200).execute();
  return { items: rows.map(whistleItem) };
}

/** One of the grid worker's whistles: its text, place and what the station has done (the public timeline). */
export async function getMyWhistle(db: Kysely<DB>, actor: Actor, id: number) {
  const r = await whistleQuery(db, actor).where('o.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const events = await db.selectFrom('opinion_event').select(['at', 'action', 'to_state', 'comment']).where('opinion_id', '=', id).where('public', '=', true)
    .orderBy('id').execute();
  const photos = await db.selectFrom('opinion_photo').select(sql<number>`count(*)::int`.as('n')).where('opinion_id', '=', id).executeTakeFirstOrThrow();
  return {
    ...whistleItem(r), content: r.content, place: r.place, location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null, photoCount: photos.n,
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      label: e.action === 'whistled' ? WHISTLE_NOTE : CASE_STATE_LABELS.labels[e.to_state as keyof typeof CASE_STATE_LABELS.labels] ?? { zh: e.action, en: e.action },
      comment: e.comment,
    })),
  };
}

/** Teams in reach with their members (and the town of each member's cells) and their patrols. */
export async function listTeams(db: Kysely<DB>, actor: Actor) {
  const teams = await db.selectFrom('grid_team as t').innerJoin('station as s', 's.id', 't.station_id')
    .select(['t.id', 't.name', 't.description', 't.station_id', 's.name as station_name', patrolLoggable(actor, ref('t.station_id')).as('loggable')])
    .where(teamVisible(actor, ref('t.id'), ref('t.station_id'))).orderBy('t.id').execute();
  const ids = teams.map((t) => t.id);
  const members = ids.length ? await db.selectFrom('grid_team_member as m').innerJoin('account as a', 'a.id', 'm.account_id')
    .select((eb) => ['m.team_id', 'a.id', 'a.display_name',
      eb.selectFrom('grid_cell_worker as w').innerJoin('grid_cell as c', 'c.id', 'w.cell_id').innerJoin('region as r', 'r.code', 'c.region_code')
        .select(sql<string>`string_agg(distinct r.full_name, '、')`.as('x')).whereRef('w.account_id', '=', 'a.id').as('side')])
    .where('m.team_id', 'in', ids).orderBy('a.id').execute() : [];
  const patrols = ids.length ? await db.selectFrom('grid_patrol as p').innerJoin('activity as act', 'act.id', 'p.activity_id')
    .select(['p.id', 'p.team_id', 'p.activity_id', 'act.title', 'act.starts_at', 'act.place'])
    .where('p.team_id', 'in', ids).orderBy('act.starts_at', 'desc').orderBy('p.id', 'desc').execute() : [];
  const patrolIds = patrols.map((p) => p.id);
  const went = patrolIds.length ? await db.selectFrom('grid_patrol_member as pm').innerJoin('account as a', 'a.id', 'pm.account_id')
    .select(['pm.patrol_id', 'a.id', 'a.display_name']).where('pm.patrol_id', 'in', patrolIds).orderBy('a.id').execute() : [];
  return {
    items: teams.map((t) => ({
      id: t.id, name: t.name, description: t.description, stationId: t.station_id, stationName: t.station_name, canLogPatrol: Boolean(t.loggable),
      members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, name: m.display_name, side: m.side ?? '' })),
      patrols: patrols.filter((p) => p.team_id === t.id).map((p) => ({
        id: p.id, activityId: p.activity_id, title: p.title, startsAt: p.starts_at.toISOString(), place: p.place,
        members: went.filter((w) => w.patrol_id === p.id).map((w) => ({ id: w.id, name: w.display_name })),
      })),
    })),
  };
}
