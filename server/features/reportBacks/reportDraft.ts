/**
 * The report's first draft, generated from the deputy's performance archive (履职档案) for the
 * period the report-back covers: the activities they took part in, the opinions they collected
 * and answered, the suggestions they led or co-signed and their outcomes, consultations, and the
 * points earned. The deputy then edits it (commands.ts saveReport keeps each version).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { getDeputyArchive } from '../archive/index.js';
import { reportBackColumns, reportBackVisible, reportBackWritable } from './access.js';

export interface ReportDraft { text: string; facts: { activities: number; cases: number; suggestions: number; points: number } }

const LEVEL_WORDS: Record<string, string> = { county: '区(县)', township: '镇(乡)', city: '市', provincial: '省' };

export async function generateReport(db: Kysely<DB>, actor: Actor, id: number): Promise<ReportDraft> {
  const c = reportBackColumns('r');
  const r = await db.selectFrom('report_back as r').innerJoin('deputy as d', 'd.id', 'r.deputy_id').innerJoin('region as g', 'g.code', 'r.congress_region_code')
    .select(['r.id', 'r.deputy_id', 'r.period_from', 'r.period_to', 'r.congress_level', 'd.name', 'g.name as region_name', reportBackWritable(actor, c).as('writable')])
    .where('r.id', '=', id).where(reportBackVisible(actor, c)).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  if (!r.writable) throw new AppError('FORBIDDEN');
  // Reaching the report-back is what allows its draft: the archive is read with the system's eye (its facts are the deputy's whoever reads them).
  const a = await getDeputyArchive(db, SYSTEM_ACTOR, r.deputy_id, { period: { from: r.period_from, to: r.period_to } }, clockNow());
  const s = a.summary;
  const present = a.activities.filter((x) => x.attendance === 'present');
  const answered = a.opinions.filter((o) => o.answeredByDeputy).length;
  const closed = a.opinions.filter((o) => o.state === 'closed' || o.state === 'archived').length;
  const rated = a.opinions.filter((o) => o.rating === 'satisfied' || o.rating === 'basically_satisfied').length;
  const lines: string[] = [];
  lines.push(`各位选民、乡亲们:`);
  lines.push(`我是${r.region_name}人大代表${r.name}。按照${LEVEL_WORDS[r.congress_level] ?? ''}人大代表向原选区选民述职的安排,现将 ${r.period_from} 至 ${r.period_to} 期间的履职情况报告如下,请大家评议。`);
  lines.push('');
  lines.push(`一、参加履职活动情况`);
  const byKind = s.activities.byKind.map((k) => `${k.label.zh}${k.count}次`).join('、');
  lines.push(`期间应参加活动 ${s.activities.expected} 次,实际参加 ${s.activities.present} 次${s.activities.leave ? `,请假 ${s.activities.leave} 次` : ''}${byKind ? `,其中${byKind}` : ''}。`
    + (s.receptionDays.held ? `按排班到联络站接待选民 ${s.receptionDays.held} 次。` : ''));
  for (const x of present.slice(-5)) lines.push(`  · ${x.date} ${x.title}${x.station ? `(${x.station})` : ''}`);
  lines.push('');
  lines.push(`二、联系群众、反映和办理群众意见情况`);
  lines.push(`收集群众意见建议 ${a.opinions.length} 件,本人当面答复 ${answered} 件,已办结 ${closed} 件,群众评价满意或基本满意 ${rated} 件。`);
  for (const o of a.opinions.slice(-5)) lines.push(`  · ${o.date} ${o.category}:${o.summary}(${o.stateLabel.zh})`);
  lines.push('');
  lines.push(`三、提出代表建议及办理情况`);
  const sg = s.suggestions;
  lines.push(sg.total ? `领衔提出代表建议 ${sg.led} 件,附议 ${sg.cosigned} 件;已答复 ${sg.answered} 件(A类 ${sg.a} 件、B类 ${sg.b} 件、C类 ${sg.c} 件)。` : '期间未提出代表建议。');
  for (const x of a.suggestions.slice(-5)) lines.push(`  · 《${x.title.replace(/^《|》$/g, '')}》${x.stateLabel.zh}${x.answerCategoryLabel ? `,答复${x.answerCategoryLabel.zh}` : ''}`);
  if (s.consultations.topics) lines.push(`参与常委会议题征询 ${s.consultations.topics} 项,收集意见 ${s.consultations.views} 条。`);
  lines.push('');
  lines.push(`四、履职积分`);
  lines.push(`期间履职积分 ${s.points.total} 分。`);
  lines.push('');
  lines.push(`五、存在的不足和今后打算`);
  lines.push(`(请代表补充:存在的不足、下一步履职打算。)`);
  lines.push('');
  lines.push(`以上报告,请各位选民评议。谢谢大家!`);
  return {
    text: lines.join('\n'),
    facts: { activities: s.activities.present, cases: a.opinions.length, suggestions: sg.total, points: s.points.total },
  };
}
