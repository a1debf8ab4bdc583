/**
 * The registers kept partly by hand: 先进事迹登记簿 (deeds entered at a station) and
 * 人大工作大事记 (entries made by staff and officers, plus the period's notable facts taken from
 * the records: the campaigns that started, and the activities at least NOTABLE_PRESENT deputies
 * attended).
 */
import { sql } from 'kysely';
import { ACTIVITY_KINDS } from '../../../common/enums.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { activityCondition, capped, MAX_REGISTER_ROWS, onDateInPeriod, type RegisterBody, type RegisterContext } from './context.js';
import type { RegisterSource } from './kinds.js';
import { dateText, numbered, SERIAL, type Cell } from '../../platform/documents/model.js';
import { activityAt, chronicleAt, stationAt } from './place.js';

/** An activity this many deputies attended is an event of the chronicle by itself. */
export const NOTABLE_PRESENT = 5;

async function deedRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const rows = capped(await ctx.db.selectFrom('deputy_deed as dd')
    .innerJoin('deputy as d', 'd.id', 'dd.deputy_id').innerJoin('station as s', 's.id', 'dd.station_id')
    .select(['dd.occurred_on', 'dd.title', 'dd.description', 'dd.recorded_by_name', 'd.name as deputy_name', 's.name as station_name'])
    .where(stationAt(ctx.place, ref('dd.station_id'))).where(stationVisible(ctx.actor, ref('s.id')))
    .where(onDateInPeriod(ctx, 'dd.occurred_on'))
    .orderBy('dd.occurred_on').orderBy('dd.id').limit(MAX_REGISTER_ROWS + 1).execute());
  return {
    sections: [{
      columns: [
        SERIAL, { header: '日期', width: 5.5 }, { header: '代表', width: 5 }, { header: '联络站', width: 12 },
        { header: '事迹', width: 12 }, { header: '事迹内容', width: 36 }, { header: '登记人', width: 9 },
      ],
      rows: numbered(rows.map((r): Cell[] => [r.occurred_on, r.deputy_name, r.station_name, r.title, r.description, r.recorded_by_name])),
      empty: '本期没有登记先进事迹',
    }],
  };
}

/** Parts of a sentence joined with ;, each without the full stop it may have been written with. */
const clauses = (parts: (string | null)[]) => parts.map((p) => (p ?? '').trim().replace(/[。;;.]+$/u, '')).filter(Boolean).join(';');

interface ChronicleLine { date: string; order: number; title: string; text: string; source: string; recordedBy: string }

async function recordedEntries(ctx: RegisterContext): Promise<ChronicleLine[]> {
  const rows = await ctx.db.selectFrom('chronicle_entry as ce')
    .select(['ce.occurred_on', 'ce.title', 'ce.body', 'ce.recorded_by_name'])
    .where(chronicleAt(ctx.place))
    .where(sql<boolean>`(ce.station_id is null or ${stationVisible(ctx.actor, ref('ce.station_id'))})`)
    .where(onDateInPeriod(ctx, 'ce.occurred_on'))
    .orderBy('ce.occurred_on').orderBy('ce.id').limit(MAX_REGISTER_ROWS + 1).execute();
  return rows.map((r) => ({ date: r.occurred_on, order: 0, title: r.title, text: r.body, source: '登记', recordedBy: r.recorded_by_name }));
}

/** Campaigns that began in the period, as far as the place took part in them (or, for a region, launched them). */
async function campaigns(ctx: RegisterContext): Promise<ChronicleLine[]> {
  const { place, actor } = ctx;
  const here = sql<boolean>`(a.campaign_id = c.id and ${activityVisible(actor, activityColumns('a'))} and ${activityAt(place)})`;
  const launched = place.kind === 'region' ? sql<boolean>`c.region_path like ${`${place.path}%`}` : sql<boolean>`false`;
  const rows = await ctx.db.selectFrom('activity_campaign as c')
    .select([
      'c.id', 'c.name', 'c.description', 'c.starts_on', 'c.ends_on',
      sql<number>`(select count(*) from activity a where ${here})`.as('activities'),
      sql<number>`(select count(distinct p.deputy_id) from activity a join activity_participant p on p.activity_id = a.id
        where ${here} and p.attendance = 'present')`.as('deputies'),
      sql<number>`(select count(*) from opinion o join activity a on a.id = o.activity_id where ${here})`.as('opinions'),
    ])
    .where(onDateInPeriod(ctx, 'c.starts_on'))
    .where(sql<boolean>`(${launched} or exists (select 1 from activity a where ${here}))`)
    .orderBy('c.starts_on').orderBy('c.id').limit(MAX_REGISTER_ROWS + 1).execute();
  return rows.map((r) => ({
    date: r.starts_on, order: 1, title: `主题活动:${r.name}`,
    text: clauses([`${r.starts_on} 至 ${r.ends_on}`, r.description, `开展活动 ${Number(r.activities)} 次,${Number(r.deputies)} 名代表出席,收集意见 ${Number(r.opinions)} 件`]),
    source: '主题活动(自动)', recordedBy: '',
  }));
}

/** Activities that at least NOTABLE_PRESENT deputies attended. */
async function notableActivities(ctx: RegisterContext): Promise<ChronicleLine[]> {
  const present = sql<number>`(select count(*) from activity_participant p where p.activity_id = a.id and p.attendance = 'present')`;
  const rows = await ctx.db.selectFrom('activity as a').leftJoin('station as s', 's.id', 'a.station_id')
    .select(['a.id', 'a.kind', 'a.title', 'a.starts_at', 'a.summary', 's.name as station_name', present.as('present'),
      sql<number>`(select count(*) from opinion o where o.activity_id = a.id)`.as('opinions')])
    .where(activityCondition(ctx, null))
    .where(sql<boolean>`${present} >= ${NOTABLE_PRESENT}`)
    .orderBy('a.starts_at').orderBy('a.id').limit(MAX_REGISTER_ROWS + 1).execute();
  const brief = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);
  return rows.map((r) => ({
    date: dateText(r.starts_at), order: 2, title: `${ACTIVITY_KINDS.labels[r.kind].zh}:${r.title}`,
    text: clauses([r.station_name, `${Number(r.present)} 名代表出席`, Number(r.opinions) ? `收集意见 ${Number(r.opinions)} 件` : '', brief(r.summary)]),
    source: '履职活动(自动)', recordedBy: '',
  }));
}

async function chronicleRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const lines = capped([...await recordedEntries(ctx), ...await campaigns(ctx), ...await notableActivities(ctx)])
    .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  return {
    sections: [{
      columns: [
        SERIAL, { header: '日期', width: 5.5 }, { header: '事项', width: 16 }, { header: '内容', width: 40 },
        { header: '来源', width: 7 }, { header: '登记人', width: 8 },
      ],
      rows: numbered(lines.map((l): Cell[] => [l.date, l.title, l.text, l.source, l.recordedBy])),
      empty: '本期没有大事记',
    }],
    notes: [`“自动”一栏取自平台记录:期间开始的主题活动,以及 ${NOTABLE_PRESENT} 名以上代表出席的履职活动。`],
  };
}

/** The registers resting on entries made by hand. */
export const ENTRY_REGISTERS: RegisterSource[] = [
  {
    order: 6, build: deedRegister,
    key: 'deeds', periodic: true, entries: 'deeds',
    label: { zh: '先进事迹登记簿', en: 'Merit register' },
    description: { zh: '联络站登记的代表先进事迹', en: 'Deputies\' notable deeds recorded by the station' },
  },
  {
    order: 8, build: chronicleRegister,
    key: 'chronicle', periodic: true, entries: 'chronicle',
    label: { zh: '人大工作大事记', en: 'Chronicle of congress work' },
    description: {
      zh: '登记的大事,以及期间自动列入的主题活动和 5 名以上代表出席的活动',
      en: 'Recorded events, plus the period\'s campaigns and activities with at least 5 deputies present',
    },
  },
];
