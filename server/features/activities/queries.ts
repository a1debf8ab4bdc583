import { sql, type Kysely } from 'kysely';
import { ACTIVITY_KINDS, ATTENDANCE, type ActivityKind } from '../../../common/enums.js';
import { CASE_STATE_LABELS } from '../../../common/caseVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { AppError } from '../../platform/errors.js';
import { withStoredBytes } from '../../platform/files/index.js';
import { decodeCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { activityColumns, activityEditable, activityVisible } from './access.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import { regionPathOf } from '../../platform/regions/filters.js';

export interface ActivityFilters {
  stationId?: number;
  regionCode?: string;
  kind?: ActivityKind;
  campaignId?: number;
  deputyId?: number;
  from?: Date;
  to?: Date;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Newest first: the cursor is the last row's start and id. */
const isActivityCursor = (v: unknown): v is [string, number] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && Number.isInteger(v[1]);

const counts = {
  present: sql<number>`(select count(*) from activity_participant p where p.activity_id = a.id and p.attendance = 'present')`,
  participants: sql<number>`(select count(*) from activity_participant p where p.activity_id = a.id)`,
  opinions: sql<number>`(select count(*) from opinion o where o.activity_id = a.id)`,
  photos: sql<number>`(select count(*) from activity_file f where f.activity_id = a.id and f.kind = 'photo')`,
};

export async function listActivities(db: Kysely<DB>, actor: Actor, f: ActivityFilters) {
  const after = decodeCursor(f.cursor, isActivityCursor);
  let q = db.selectFrom('activity as a')
    .leftJoin('station as s', 's.id', 'a.station_id')
    .innerJoin('region as r', 'r.code', 'a.region_code')
    .leftJoin('activity_campaign as c', 'c.id', 'a.campaign_id')
    .select([
      'a.id', 'a.kind', 'a.title', 'a.starts_at', 'a.place', 'a.station_id', 's.name as station_name', 'r.full_name as region_name',
      'a.campaign_id', 'c.name as campaign_name', 'a.suggestions_made',
      counts.present.as('present'), counts.participants.as('participants'), counts.opinions.as('opinions'), counts.photos.as('photos'),
    ])
    .where(activityVisible(actor, activityColumns('a')))
    .orderBy('a.starts_at', 'desc').orderBy('a.id', 'desc')
    .limit(f.limit + 1);
  if (f.stationId) q = q.where('a.station_id', '=', f.stationId);
  if (f.regionCode) q = q.where('a.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.campaignId) q = q.where('a.campaign_id', '=', f.campaignId);
  if (f.deputyId) q = q.where(sql<boolean>`exists (select 1 from activity_participant p where p.activity_id = a.id and p.deputy_id = ${f.deputyId})`);
  if (f.from) q = q.where('a.starts_at', '>=', f.from);
  if (f.to) q = q.where('a.starts_at', '<', f.to);
  if (f.q) q = q.where((eb) => eb.or([eb('a.title', 'like', containsPattern(f.q!)), eb('a.summary', 'like', containsPattern(f.q!))]));
  if (after) q = q.where(sql<boolean>`(a.starts_at, a.id) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await q.execute();
  return toPage(rows, f.limit, (r) => [r.starts_at.toISOString(), r.id], (r) => ({
    id: r.id, kind: r.kind, kindLabel: ACTIVITY_KINDS.labels[r.kind], title: r.title, startsAt: r.starts_at.toISOString(), place: r.place,
    station: r.station_id ? { id: r.station_id, name: r.station_name ?? '' } : null, regionName: r.region_name,
    campaign: r.campaign_id ? { id: r.campaign_id, name: r.campaign_name ?? '' } : null,
    participants: Number(r.participants), present: Number(r.present), opinions: Number(r.opinions), photos: Number(r.photos),
    suggestionsMade: r.suggestions_made,
  }));
}

/** One activity with everything recorded about it; 404 outside the actor's reach. */
export async function getActivity(db: Kysely<DB>, actor: Actor, id: number) {
  const a = await db.selectFrom('activity as a')
    .leftJoin('station as s', 's.id', 'a.station_id')
    .innerJoin('region as r', 'r.code', 'a.region_code')
    .leftJoin('activity_campaign as c', 'c.id', 'a.campaign_id')
    .selectAll('a')
    .select(['s.name as station_name', 'r.full_name as region_name', 'c.name as campaign_name', activityEditable(actor, activityColumns('a')).as('editable')])
    .where('a.id', '=', id).where(activityVisible(actor, activityColumns('a')))
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND');
  const [participants, units, files, opinions, slot] = await Promise.all([
    db.selectFrom('activity_participant as p').innerJoin('deputy as d', 'd.id', 'p.deputy_id')
      .select(['d.id', 'd.name', 'p.attendance']).where('p.activity_id', '=', id).orderBy('d.id').execute(),
    db.selectFrom('activity_unit as au').innerJoin('unit as u', 'u.id', 'au.unit_id')
      .select(['u.id', 'u.name']).where('au.activity_id', '=', id).orderBy('u.id').execute(),
    db.selectFrom('activity_file').select(['id', 'kind', 'filename', 'mime', 'size']).where('activity_id', '=', id).orderBy('id').execute(),
    // Its outputs as far as the reader reaches them: a unit invited to the activity does not see the constituents' opinions.
    db.selectFrom('opinion as o').select(['o.id', 'o.tracking_code', 'o.state', 'o.content'])
      .where('o.activity_id', '=', id).where(caseVisible(actor, caseColumns('o'))).orderBy('o.id').execute(),
    db.selectFrom('rota_slot').select(['id', 'on_date']).where('activity_id', '=', id).executeTakeFirst(),
  ]);
  return {
    id: a.id, kind: a.kind, kindLabel: ACTIVITY_KINDS.labels[a.kind], title: a.title,
    station: a.station_id ? { id: a.station_id, name: a.station_name ?? '' } : null,
    region: { code: a.region_code, fullName: a.region_name },
    campaign: a.campaign_id ? { id: a.campaign_id, name: a.campaign_name ?? '' } : null,
    startsAt: a.starts_at.toISOString(), endsAt: a.ends_at?.toISOString() ?? null, place: a.place, summary: a.summary,
    suggestionsMade: a.suggestions_made,
    participants: participants.map((p) => ({ deputyId: p.id, name: p.name, attendance: p.attendance, attendanceLabel: ATTENDANCE.labels[p.attendance] })),
    units: units.map((u) => ({ id: u.id, name: u.name })),
    photos: files.filter((f) => f.kind === 'photo').map((f) => ({ id: f.id, url: `/api/activities/${id}/files/${f.id}` })),
    reports: files.filter((f) => f.kind === 'report').map((f) => ({ id: f.id, filename: f.filename, size: f.size, url: `/api/activities/${id}/files/${f.id}` })),
    opinions: opinions.map((o) => ({
      id: o.id, trackingCode: o.tracking_code, state: o.state, stateLabel: CASE_STATE_LABELS.labels[o.state],
      summary: o.content.length > 60 ? `${o.content.slice(0, 60)}…` : o.content,
    })),
    rotaSlot: slot ? { id: slot.id, date: slot.on_date } : null,
    createdAt: a.created_at.toISOString(), updatedAt: a.updated_at.toISOString(), version: a.version,
    abilities: a.editable ? ['update' as const] : [],
  };
}

export async function getActivityFile(db: Kysely<DB>, actor: Actor, activityId: number, fileId: number) {
  const file = await db.selectFrom('activity_file as f').innerJoin('activity as a', 'a.id', 'f.activity_id')
    .select(['f.mime', 'f.sha256', 'f.filename', 'f.kind'])
    .where('f.id', '=', fileId).where('f.activity_id', '=', activityId).where(activityVisible(actor, activityColumns('a')))
    .executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND');
  return withStoredBytes(file);
}
