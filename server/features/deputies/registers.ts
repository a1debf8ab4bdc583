/**
 * 代表花名册: the deputies now in the place's stations. Phone numbers follow the deputy API's
 * rule (deputyContactVisible): in full for administrators, staff and officers, masked for a
 * deputy reading a colleague's.
 */
import { sql } from 'kysely';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, STATION_MEMBER_ROLES, type DeputyLevel } from '../../../common/enums.js';
import { maskPhone } from '../../platform/text/phone.js';
import { deputyContactVisible, deputyVisible, ref, stationVisible } from '../../platform/access/scope.js';
import { capped, MAX_REGISTER_ROWS, stationAt, type RegisterBody, type RegisterContext, type RegisterSource } from '../registers/index.js';
import { numbered, SERIAL, type Cell } from '../../platform/documents/model.js';

const LEVEL_ORDER = DEPUTY_LEVELS.keys as readonly string[];

async function rosterRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const { actor, place } = ctx;
  const rows = capped(await ctx.db.selectFrom('deputy_station as ds')
    .innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
    .innerJoin('station as s', 's.id', 'ds.station_id')
    .select([
      'd.id', 'd.name', 'd.gender', 'd.ethnicity', 'd.party', 'd.occupation', 'd.phone', 'd.status', 'd.special_liaison',
      's.name as station_name', 'ds.role',
      deputyContactVisible(actor, ref('d.id'), ref('d.region_path')).as('entitled'),
      sql<{ level: DeputyLevel; term: number }[]>`coalesce((select json_agg(json_build_object('level', l.level, 'term', l.term))
        from deputy_level l where l.deputy_id = d.id), '[]'::json)`.as('levels'),
    ])
    .where(stationAt(place, ref('ds.station_id')))
    .where(stationVisible(actor, ref('s.id')))
    .where(deputyVisible(actor, ref('d.id'), ref('d.region_path')))
    .where('d.active', '=', true)
    .orderBy('s.id')
    .orderBy(sql`case ds.role when 'head' then 0 when 'liaison' then 1 else 2 end`)
    .orderBy('d.id')
    .limit(MAX_REGISTER_ROWS + 1)
    .execute());
  const levels = (list: { level: DeputyLevel; term: number }[]) => [...list]
    .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))
    .map((l) => `${DEPUTY_LEVELS.labels[l.level].zh}(第${l.term}届)`).join('\n');
  const table = rows.map((r): Cell[] => [
    r.name, GENDERS.labels[r.gender].zh, r.ethnicity, r.party || '—', levels(r.levels) || '—', r.occupation || '—',
    (r.entitled ? r.phone : maskPhone(r.phone)) ?? '—', r.station_name, STATION_MEMBER_ROLES.labels[r.role].zh,
    r.special_liaison ? `${DEPUTY_STATUSES.labels[r.status].zh}(特邀联络员)` : DEPUTY_STATUSES.labels[r.status].zh,
  ]);
  return {
    sections: [{
      columns: [
        SERIAL, { header: '姓名', width: 4.5 }, { header: '性别', width: 3, align: 'center' }, { header: '民族', width: 4 },
        { header: '政治面貌', width: 7 }, { header: '代表层级', width: 13 }, { header: '职业', width: 12 }, { header: '联系电话', width: 6.5 },
        { header: '联络站', width: 13 }, { header: '站内职责', width: 4.5 }, { header: '代表状态', width: 6 },
      ],
      rows: numbered(table),
      empty: '没有进站代表',
    }],
    notes: ['联系电话按查阅人的权限显示:管理员、人大工作人员和联络站工作人员看到完整号码,代表查阅其他代表时为打码号码。'],
  };
}

/** The deputy roster, as this feature contributes it. */
export const DEPUTY_REGISTERS: RegisterSource[] = [
  {
    order: 7, build: rosterRegister,
    key: 'roster', periodic: false, entries: null,
    label: { zh: '代表花名册', en: 'Deputy roster' },
    description: { zh: '进站代表的基本情况和站内职责', en: 'The station\'s deputies and their roles' },
  },
];
