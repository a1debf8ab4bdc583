/**
 * The review opinions (预算审查意见) as a document for the PDF writer: the budget at a glance,
 * the budget review committee's general opinion, each key project with its amount and the
 * committee's opinion, the deputies' comments with their answers, and the performance
 * evaluations concluded. Read with the reader's reach; a department (reached through its own
 * projects only) gets 403.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { dateText, numbered, SERIAL, type Cell, type RegisterDocument } from '../../platform/documents/model.js';
import { getReview, listComments } from './queries.js';

const yuan = (n: number | null) => (n === null ? '—' : `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`);

export async function opinionsDocument(db: Kysely<DB>, actor: Actor, reviewId: number, now: Date): Promise<RegisterDocument> {
  const r = await getReview(db, actor, reviewId);
  if (r.myPart === 'department') throw new AppError('FORBIDDEN');
  const comments = await listComments(db, actor, reviewId, {});
  const answered = comments.filter((c) => c.state === 'answered').length;
  const overview: Cell[][] = [
    ['审查对象', `${r.congress.name}(第${r.congress.termNumber}届)${r.year}年${r.kindLabel.zh}`],
    ['财政部门', r.financeUnit.name],
    ['收入预算', yuan(r.revenueYuan)],
    ['支出预算', yuan(r.expenditureYuan)],
    ['当前状态', r.stateLabel.zh],
    ['代表意见', `共 ${comments.length} 条,已答复 ${answered} 条`],
    ...(r.resolution ? [['批准情况', r.resolution] as Cell[]] : []),
  ];
  return {
    title: `${r.title}意见`,
    place: r.congress.name,
    period: `${r.year}年度`,
    generatedAt: now,
    sections: [
      { heading: '概况', columns: [{ header: '项目', width: 8 }, { header: '内容', width: 40 }], rows: overview },
      {
        heading: '预算审查委员会总体初审意见',
        columns: [{ header: '意见', width: 10 }, { header: '内容', width: 38 }],
        rows: r.generalOpinion ? [[r.generalOpinion.recommendationLabel.zh, r.generalOpinion.body]] : [],
        empty: '尚未录入总体初审意见',
      },
      {
        heading: '重点项目及初审意见',
        columns: [SERIAL, { header: '项目名称', width: 14 }, { header: '主管部门', width: 10 }, { header: '金额', width: 8 },
          { header: '初审意见', width: 7 }, { header: '意见内容', width: 20 }, { header: '代表意见', width: 4, align: 'center' }],
        rows: numbered(r.projects.map((p): Cell[] => [
          p.name, p.department?.name ?? '', p.originalAmountYuan === null ? yuan(p.amountYuan) : `${yuan(p.originalAmountYuan)} → ${yuan(p.amountYuan)}`,
          p.opinion?.recommendationLabel.zh ?? '', p.opinion?.body ?? '', p.commentCount,
        ])),
        empty: '没有重点项目',
      },
      {
        heading: '代表意见及答复',
        columns: [SERIAL, { header: '针对', width: 10 }, { header: '代表', width: 5 }, { header: '意见', width: 18 }, { header: '答复单位', width: 9 }, { header: '答复', width: 18 }],
        rows: numbered(comments.map((c): Cell[] => [
          c.project?.name ?? c.report?.title ?? '预算总体', c.deputy.name, c.body, c.addressedTo.name,
          c.answer ? `${c.answer}(${c.answeredAt ? dateText(new Date(c.answeredAt)) : ''})` : `待答复,期限 ${c.dueOn}`,
        ])),
        empty: '没有代表意见',
      },
      {
        heading: '重点项目绩效评价',
        columns: [SERIAL, { header: '项目', width: 12 }, { header: '参评代表', width: 12 }, { header: '平均分', width: 5, align: 'center' },
          { header: '等级', width: 4, align: 'center' }, { header: '评价结论', width: 20 }],
        rows: numbered(r.evaluations.filter((e) => e.state === 'concluded').map((e): Cell[] => [
          e.project.name, e.participants.filter((x) => x.score !== null).map((x) => x.name).join('、'), e.averageScore ?? '', e.gradeLabel?.zh ?? '', e.findings ?? '',
        ])),
        empty: '尚无已完成的绩效评价',
      },
    ],
    notes: ['本意见由平台根据预算审查委员会初审意见、代表意见及答复和绩效评价记录生成。'],
  };
}
