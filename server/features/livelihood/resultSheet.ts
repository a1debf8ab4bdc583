/**
 * The result sheet (票决结果报告单) of a counted vote: the congress and its session, 应到 / 实到 /
 * 投票 numbers, the pass mark, each project with its votes and 通过 / 未通过, and the lines the
 * presiding officer, the scrutineers and the tellers sign. Built as a register document and
 * printed by the documents kit.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { dateText, SERIAL, type RegisterDocument } from '../../platform/documents/model.js';
import { AppError } from '../../platform/errors.js';
import { getRound } from './rounds.js';
import { resultsOf } from './vote.js';

const yuan = (n: number) => `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;

export async function resultSheet(db: Kysely<DB>, actor: Actor, roundId: number, now: Date): Promise<RegisterDocument> {
  const round = await getRound(db, actor, roundId);
  const vote = await db.selectFrom('livelihood_vote').selectAll().where('round_id', '=', roundId).where('outcome', '=', 'counted')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!vote || !round.vote) throw new AppError('LIVELIHOOD_NOT_COUNTED');
  const results = await resultsOf(db, vote.id);
  const budgets = new Map((await db.selectFrom('livelihood_project').select(['id', 'budget_yuan']).where('round_id', '=', roundId).execute()).map((p) => [p.id, Number(p.budget_yuan)]));
  const turnout = (vote.turnout_phone ?? 0) + (vote.turnout_paper ?? 0);
  const mark = Math.floor(vote.total_deputies / 2) + 1;
  const modeText = round.mode === 'choose' ? `每张选票至多选 ${round.places} 项` : '对每个项目表示赞成、反对或弃权';
  return {
    title: `${round.title}结果报告单`,
    place: `${round.congressName.zh}${round.sessionLabel?.zh ?? ''}`,
    period: `${round.year} 年 · 计票于 ${dateText(vote.closed_at ?? now)}`,
    generatedAt: now,
    sections: [
      {
        heading: '投票情况',
        columns: [{ header: '应到代表', width: 6, align: 'center' }, { header: '实到代表', width: 6, align: 'center' }, { header: '投票人数', width: 6, align: 'center' },
          { header: '其中手机投票', width: 7, align: 'center' }, { header: '其中纸质选票', width: 7, align: 'center' }, { header: '废票', width: 5, align: 'center' }, { header: '通过所需赞成票', width: 8, align: 'center' },
          { header: '应选 / 候选项目', width: 8, align: 'center' }],
        rows: [[vote.total_deputies, vote.present, turnout, vote.turnout_phone ?? 0, vote.turnout_paper ?? 0, vote.spoiled_ballots ?? 0, mark, `${round.places} / ${round.ballotSize}`]],
      },
      {
        heading: '各项目得票',
        columns: [SERIAL, { header: '项目名称', width: 22 }, { header: '估算投资', width: 8, align: 'center' }, { header: round.mode === 'choose' ? '得票' : '赞成', width: 5, align: 'center' },
          { header: '反对', width: 5, align: 'center' }, { header: round.mode === 'choose' ? '未选' : '弃权', width: 5, align: 'center' }, { header: '结果', width: 9, align: 'center' }],
        rows: results.map((r, i) => [
          i + 1, r.title, yuan(budgets.get(r.projectId) ?? 0), r.forCount, round.mode === 'choose' ? '—' : r.againstCount, r.abstainCount,
          r.adopted ? '通过' : r.tied ? '票数相同,待再次票决' : r.passed ? '过半数,超出应选名额' : '未通过',
        ]),
      },
    ],
    notes: [
      `票决方式:${modeText}。项目获得全体代表过半数(${mark} 票及以上)赞成票为通过;通过的项目按得票多少确定,至多 ${round.places} 项。`,
      '投票采用无记名方式,系统只记录谁已投票,不记录任何代表的选择。',
      '大会执行主席:____________    总监票人:____________    监票人:____________    计票人:____________',
    ],
  };
}
