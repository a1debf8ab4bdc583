/**
 * The registers drawn from activities: 接待选民登记簿 (reception days and the opinions
 * registered at them), 走访选民登记簿, 代表活动登记簿 and 学习活动考勤簿.
 */
import { sql } from 'kysely';
import { ACTIVITY_KINDS, type ActivityKind, type Attendance } from '../../../common/enums.js';
import { activityCondition, capped, MAX_REGISTER_ROWS, type RegisterBody, type RegisterContext, type RegisterSource } from '../registers/index.js';
import { dateTimeText, names, numbered, ratio, SERIAL, type Cell } from '../../platform/documents/model.js';
import { handlingText, opinionFacts } from '../cases/index.js';

interface ActivityRow {
  id: number; kind: ActivityKind; title: string; startsAt: Date; place: string; summary: string; suggestions: number;
  participants: { deputyId: number; name: string; attendance: Attendance }[];
  onDuty: string[];
}

async function activities(ctx: RegisterContext, kinds: readonly ActivityKind[] | null): Promise<ActivityRow[]> {
  const condition = activityCondition(ctx, kinds);
  const rows = capped(await ctx.db.selectFrom('activity as a').leftJoin('station as s', 's.id', 'a.station_id')
    .select(['a.id', 'a.kind', 'a.title', 'a.starts_at', 'a.place', 'a.summary', 'a.suggestions_made', 's.name as station_name'])
    .where(condition).orderBy('a.starts_at').orderBy('a.id').limit(MAX_REGISTER_ROWS + 1).execute());
  const ids = sql`(select a.id from activity a where ${condition})`;
  const [participants, duties] = await Promise.all([
    ctx.db.selectFrom('activity_participant as p').innerJoin('deputy as d', 'd.id', 'p.deputy_id')
      .select(['p.activity_id', 'd.id', 'd.name', 'p.attendance'])
      .where(sql<boolean>`p.activity_id in ${ids}`).orderBy('p.activity_id').orderBy('d.id').execute(),
    // Who was on the rota for the reception day an activity holds.
    ctx.db.selectFrom('rota_slot as rs').innerJoin('rota_duty as t', 't.slot_id', 'rs.id').innerJoin('deputy as d', 'd.id', 't.deputy_id')
      .select(['rs.activity_id', 'd.name']).where(sql<boolean>`rs.activity_id in ${ids}`).orderBy('d.id').execute(),
  ]);
  // A region's register names the station, since its activities come from many.
  const where = (r: (typeof rows)[number]) => [ctx.place.kind === 'region' ? r.station_name : null, r.place].filter(Boolean).join(' · ');
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, startsAt: r.starts_at, place: where(r), summary: r.summary, suggestions: r.suggestions_made,
    participants: participants.filter((p) => p.activity_id === r.id).map((p) => ({ deputyId: p.id, name: p.name, attendance: p.attendance })),
    onDuty: duties.filter((d) => d.activity_id === r.id).map((d) => d.name),
  }));
}

const present = (a: ActivityRow) => a.participants.filter((p) => p.attendance === 'present').map((p) => p.name);
const withAttendance = (a: ActivityRow, attendance: Attendance) => a.participants.filter((p) => p.attendance === attendance).map((p) => p.name);

/** 出席:梁俊华、黄志强 / 请假:韦秀兰 — who was expected and who came. */
function attendanceText(a: ActivityRow): string {
  return (['present', 'leave', 'absent'] as const)
    .map((k) => [ACTIVITY_ATTENDANCE[k], withAttendance(a, k)] as const)
    .filter(([, list]) => list.length).map(([label, list]) => `${label}:${names(list)}`).join('\n');
}
const ACTIVITY_ATTENDANCE = { present: '出席', leave: '请假', absent: '缺席' } as const;

/** The deputies who received: those present, and any on the rota for the day who did not come. */
function receivingDeputies(a: ActivityRow): string {
  const came = present(a);
  const missing = a.onDuty.filter((n) => !came.includes(n));
  return [names(came) || '—', missing.length ? `轮值未到:${names(missing)}` : ''].filter(Boolean).join('\n');
}

async function receptionRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const list = await activities(ctx, ['reception']);
  const facts = await opinionFacts(ctx, sql`o.activity_id in (select a.id from activity a where ${activityCondition(ctx, ['reception'])})`);
  const rows: Cell[][] = [];
  for (const a of list) {
    const head = [dateTimeText(a.startsAt), a.place || '—', receivingDeputies(a)];
    const registered = facts.filter((f) => f.activityId === a.id);
    if (registered.length === 0) rows.push([...head, '—', '—', '(本次接待未登记来访意见)', '']);
    for (const f of registered) rows.push([...head, f.submitter, f.phone, `${f.content}\n〔${f.category} · ${f.trackingCode}〕`, handlingText(f)]);
  }
  return {
    sections: [{
      columns: [
        SERIAL, { header: '接待时间', width: 6.5 }, { header: '接待地点', width: 7 }, { header: '接待代表', width: 8 },
        { header: '来访群众', width: 4.5 }, { header: '联系电话', width: 6.5 }, { header: '反映事项', width: 24 }, { header: '办理情况', width: 20 },
      ],
      rows: numbered(capped(rows)),
      empty: '本期没有接待选民活动',
    }],
    notes: ['本簿列出期间的接待选民活动及在活动中登记的意见;其他渠道收到的意见见《意见建议登记簿》。来访群众的姓名、电话按查阅人的权限显示或打码。'],
  };
}

async function visitRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const list = await activities(ctx, ['visit']);
  const facts = await opinionFacts(ctx, sql`o.activity_id in (select a.id from activity a where ${activityCondition(ctx, ['visit'])})`);
  const brief = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
  const rows = list.map((a): Cell[] => [
    dateTimeText(a.startsAt), names(present(a)) || '—', a.place || '—', a.title, a.summary,
    facts.filter((f) => f.activityId === a.id).map((f) => `${f.trackingCode} ${brief(f.content)}(${f.state})`).join('\n'),
  ]);
  return {
    sections: [{
      columns: [
        SERIAL, { header: '走访时间', width: 6.5 }, { header: '走访代表', width: 8 }, { header: '走访地点', width: 8 },
        { header: '主题', width: 10 }, { header: '走访情况', width: 22 }, { header: '收集的意见', width: 22 },
      ],
      rows: numbered(rows),
      empty: '本期没有走访选民活动',
    }],
    notes: ['收集的意见只列编号、摘要和状态,全文及办理情况见《意见建议登记簿》。'],
  };
}

async function activityRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const list = await activities(ctx, null);
  const opinions = await ctx.db.selectFrom('opinion as o').select(['o.activity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(sql<boolean>`o.activity_id in (select a.id from activity a where ${activityCondition(ctx, null)})`)
    .groupBy('o.activity_id').execute();
  const collected = new Map(opinions.map((o) => [o.activity_id, Number(o.n)]));
  const rows = list.map((a): Cell[] => [
    dateTimeText(a.startsAt), ACTIVITY_KINDS.labels[a.kind].zh, a.title, a.place || '—', attendanceText(a) || '—',
    ratio(present(a).length, a.participants.length), collected.get(a.id) ?? 0, a.suggestions, a.summary,
  ]);
  return {
    sections: [{
      columns: [
        SERIAL, { header: '时间', width: 6.5 }, { header: '类别', width: 4.5 }, { header: '主题', width: 10 }, { header: '地点', width: 7 },
        { header: '参加代表及出勤', width: 13 }, { header: '出席率', width: 5, align: 'center' }, { header: '收集意见(件)', width: 3.5, align: 'center' },
        { header: '提出建议(条)', width: 3.5, align: 'center' }, { header: '活动情况', width: 20 },
      ],
      rows: numbered(rows),
      empty: '本期没有履职活动',
    }],
  };
}

async function trainingRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const list = await activities(ctx, ['training']);
  const sessions = list.map((a): Cell[] => [
    dateTimeText(a.startsAt), a.title, a.place || '—', names(withAttendance(a, 'present')), names(withAttendance(a, 'leave')),
    names(withAttendance(a, 'absent')), ratio(present(a).length, a.participants.length),
  ]);
  // Each deputy's totals over the sessions they were expected at.
  const totals = new Map<number, { name: string; expected: number; present: number; leave: number; absent: number }>();
  for (const a of list) {
    for (const p of a.participants) {
      const t = totals.get(p.deputyId) ?? { name: p.name, expected: 0, present: 0, leave: 0, absent: 0 };
      t.expected++;
      t[p.attendance]++;
      totals.set(p.deputyId, t);
    }
  }
  const perDeputy = [...totals.entries()].sort(([a], [b]) => a - b)
    .map(([, t]): Cell[] => [t.name, t.expected, t.present, t.leave, t.absent, ratio(t.present, t.expected)]);
  const count = { width: 4, align: 'center' as const };
  return {
    sections: [
      {
        heading: '学习培训考勤',
        columns: [
          SERIAL, { header: '时间', width: 6.5 }, { header: '学习内容', width: 14 }, { header: '地点', width: 8 },
          { header: '出席', width: 14 }, { header: '请假', width: 9 }, { header: '缺席', width: 9 }, { header: '出勤率', width: 6, align: 'center' },
        ],
        rows: numbered(sessions),
        empty: '本期没有学习培训活动',
      },
      {
        heading: '代表出勤汇总',
        columns: [
          SERIAL, { header: '代表', width: 8 }, { header: '应参加(次)', ...count }, { header: '出席', ...count }, { header: '请假', ...count },
          { header: '缺席', ...count }, { header: '出勤率', width: 8, align: 'center' },
        ],
        rows: numbered(perDeputy),
        empty: '本期没有考勤记录',
      },
    ],
  };
}

/** The registers drawn from activities, as this feature contributes them. */
export const ACTIVITY_REGISTERS: RegisterSource[] = [
  {
    order: 1, build: receptionRegister,
    key: 'reception', periodic: true, entries: null,
    label: { zh: '接待选民登记簿', en: 'Constituent reception register' },
    description: { zh: '接待日活动及当日登记的群众意见:接待代表、来访群众、反映事项、办理情况', en: 'Reception days and the opinions registered at them' },
  },
  {
    order: 2, build: visitRegister,
    key: 'visit', periodic: true, entries: null,
    label: { zh: '走访选民登记簿', en: 'Constituent visit register' },
    description: { zh: '代表走访选民的活动、走访情况和收集的意见', en: 'Deputies\' visits to constituents and what they collected' },
  },
  {
    order: 4, build: activityRegister,
    key: 'activities', periodic: true, entries: null,
    label: { zh: '代表活动登记簿', en: 'Deputy activity register' },
    description: { zh: '全部履职活动及参加代表的出勤情况', en: 'Every activity with its participants and attendance' },
  },
  {
    order: 5, build: trainingRegister,
    key: 'training', periodic: true, entries: null,
    label: { zh: '学习活动考勤簿', en: 'Study attendance register' },
    description: { zh: '学习培训活动的出席、请假、缺席,以及每位代表的出勤汇总', en: 'Study sessions: present, on leave, absent; and each deputy\'s totals' },
  },
];
