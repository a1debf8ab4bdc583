import { sql, type Kysely } from 'kysely';
import type { DeputyLevel, DeputyStatus, StationMemberRole } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { isPinyinQuery } from '../../platform/text/pinyin.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyContactVisible, deputyManageable, deputyVisible, ref } from '../../platform/access/scope.js';
import { activeCondition, regionPathOf, type ActiveFilter } from '../../platform/regions/filters.js';
import { presentDeputy, presentPhone, type DeputyView } from './presenter.js';
import { regionBrief } from '../regions/index.js';

export async function getDeputy(db: Kysely<DB>, actor: Actor, id: number): Promise<DeputyView> {
  const row = await db.selectFrom('deputy as d')
    .innerJoin('region as r', 'r.code', 'd.region_code')
    .selectAll('d')
    .select(['r.name as region_name', 'r.full_name as region_full_name',
      deputyContactVisible(actor, ref('d.id'), ref('d.region_path')).as('contact_entitled'),
      deputyManageable(actor, ref('d.region_path')).as('can_manage')])
    .where('d.id', '=', id)
    .where(deputyVisible(actor, ref('d.id'), ref('d.region_path')))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [levels, stations] = await Promise.all([
    db.selectFrom('deputy_level as l').leftJoin('region as r', 'r.code', 'l.region_code')
      .select(['l.level', 'l.term', 'r.code', 'r.name', 'r.full_name']).where('l.deputy_id', '=', id).execute(),
    db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
      .select(['s.id', 's.name', 'ds.role']).where('ds.deputy_id', '=', id).orderBy('s.id').execute(),
  ]);
  const levelOrder = ['national', 'provincial', 'city', 'county', 'township'];
  return presentDeputy(row, {
    region: { code: row.region_code, name: row.region_name, full_name: row.region_full_name },
    contactEntitled: Boolean(row.contact_entitled),
    levels: levels.sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level))
      .map((l) => ({ level: l.level, term: l.term, region: l.code ? regionBrief({ code: l.code, name: l.name!, full_name: l.full_name! }) : null })),
    stations,
    abilities: row.can_manage ? ['update'] : [],
  });
}

export interface DeputyFilters {
  q?: string;
  stationId?: number;
  level?: DeputyLevel;
  status?: DeputyStatus;
  regionCode?: string;
  tag?: string;
  active?: ActiveFilter;
  limit: number;
  cursor?: string;
}

/** Deputies in scope; `q` matches the name, or pinyin initials / pinyin when it is all Latin letters. */
export async function listDeputies(db: Kysely<DB>, actor: Actor, f: DeputyFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('deputy as d')
    .innerJoin('region as r', 'r.code', 'd.region_code')
    .select([
      'd.id', 'd.name', 'd.name_initials', 'd.gender', 'd.party', 'd.phone', 'd.status', 'd.special_liaison',
      'd.profession_tags', 'd.occupation', 'd.active', 'r.code', 'r.name as region_name', 'r.full_name',
      deputyContactVisible(actor, ref('d.id'), ref('d.region_path')).as('contact_entitled'),
      sql<string[]>`array(select l.level from deputy_level l where l.deputy_id = d.id order by l.level)`.as('levels'),
      sql<number>`(select count(*) from deputy_station ds where ds.deputy_id = d.id)`.as('station_count'),
      sql<string | null>`(select ds.role from deputy_station ds where ds.deputy_id = d.id and ds.station_id = ${f.stationId ?? null}::int)`.as('station_role'),
    ])
    .where(deputyVisible(actor, ref('d.id'), ref('d.region_path')))
    .orderBy('d.id')
    .limit(f.limit + 1);
  if (f.q) {
    const text = f.q;
    q = isPinyinQuery(text)
      ? q.where((eb) => eb.or([
        eb('d.name_initials', 'like', prefixPattern(text.toLowerCase())),
        eb(sql`replace(d.name_pinyin, ' ', '')`, 'like', prefixPattern(text.toLowerCase())),
      ]))
      : q.where('d.name', 'like', containsPattern(text));
  }
  if (f.stationId) q = q.where(sql<boolean>`exists (select 1 from deputy_station f where f.deputy_id = d.id and f.station_id = ${f.stationId})`);
  if (f.level) q = q.where(sql<boolean>`exists (select 1 from deputy_level f where f.deputy_id = d.id and f.level = ${f.level})`);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(d.profession_tags)`);
  if (f.regionCode) {
    q = q.where('d.region_path', 'like', prefixPattern(await regionPathOf(db, f.regionCode)));
  }
  const active = activeCondition(f.active);
  if (active !== null) q = q.where('d.active', '=', active);
  if (after !== null) q = q.where('d.id', '>', after);
  const rows = await q.execute();
  return toPage(rows, f.limit, (r) => r.id, (r) => ({
    id: r.id, name: r.name, initials: r.name_initials, gender: r.gender, party: r.party,
    ...presentPhone(r.phone, Boolean(r.contact_entitled)),
    status: r.status, specialLiaison: r.special_liaison,
    region: { code: r.code, name: r.region_name, fullName: r.full_name },
    professionTags: r.profession_tags, occupation: r.occupation, active: r.active,
    levels: r.levels as DeputyView['levels'][number]['level'][], stationCount: Number(r.station_count),
    stationRole: (r.station_role ?? null) as StationMemberRole | null,
  }));
}
