/**
 * The yearly handling report (代表建议办理情况报告) of a congress, generated from the records:
 * the overview figures, the table of lead units, the answers' categories, the deputies'
 * satisfaction, 面商率, the commitments and the key suggestions (重点督办), over the suggestions
 * submitted in the year (Beijing time) that the reader reaches. One document for both formats
 * (the registers' PDF and Excel writers), so the two carry the same rows.
 */
import { sql, type Kysely } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { invalidFields } from '../../platform/errors.js';
import { numbered, SERIAL, type Cell, type RegisterDocument } from '../../platform/documents/model.js';
import {
  statisticsConditions, suggestionStatistics, suggestionStatisticsBy,
  type SuggestionFigures, type SuggestionStatisticsFilter,
} from './statistics.js';
import { SUGGESTION_STATE_LABELS } from './workflow.js';

interface ReportInput { year: number; level: DeputyLevel; regionCode?: string | undefined }

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const share = (part: number, rate: number | null) => `${part}(${percent(rate)})`;

/** The year's instants in Beijing time. */
function yearFilter(input: ReportInput): SuggestionStatisticsFilter {
  return {
    level: input.level, regionCode: input.regionCode, kind: 'suggestion',
    from: new Date(`${input.year}-01-01T00:00:00+08:00`), to: new Date(`${input.year + 1}-01-01T00:00:00+08:00`),
  };
}

/** The congress the report is of: 平桂区人民代表大会, or 全国人民代表大会. */
async function congressName(db: Kysely<DB>, input: ReportInput): Promise<string> {
  if (input.level === 'national') return '全国人民代表大会';
  if (!input.regionCode) throw invalidFields([{ path: 'querystring.regionCode', code: 'REQUIRED' }]);
  const region = await db.selectFrom('region').select('name').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw invalidFields([{ path: 'querystring.regionCode', code: 'UNKNOWN_REFERENCE' }]);
  return `${region.name}人民代表大会`;
}

/** The key suggestions of the year, in number order: what the report lists by name. */
async function keySuggestions(db: Kysely<DB>, actor: Actor, f: SuggestionStatisticsFilter) {
  const where = await statisticsConditions(db, actor, f);
  return db.selectFrom('suggestion as s')
    .innerJoin('deputy as d', 'd.id', 's.lead_deputy_id')
    .leftJoin('suggestion_unit as lu', (j) => j.onRef('lu.suggestion_id', '=', 's.id').on('lu.role', '=', 'lead'))
    .leftJoin('unit as u', 'u.id', 'lu.unit_id')
    .select(['s.id', 's.number_label', 's.title', 'd.name as deputy', 'u.name as unit', 's.key_leader', 's.state', 's.answer_category', 's.rating'])
    .where((eb) => eb.and([...where, sql<boolean>`s.key_supervision`]))
    .orderBy('s.number').orderBy('s.id')
    .execute();
}

function overview(t: SuggestionFigures): Cell[][] {
  return [
    ['收到建议', t.total, '本年度提交并进入审查的代表建议(不含撤回)'],
    ['交办', t.assigned, ''],
    ['已答复', t.answered, ''],
    ['按期答复', share(t.answeredOnTime, t.onTimeRate), '按期答复率 = 按期答复 / 已答复'],
    ['当前超期未答复', t.overdue, '办理中且已过答复期限'],
    ['面商', share(t.faceToFace, t.faceToFaceRate), '首次答复前(含当日)与领衔代表当面或实地沟通;面商率 = 面商 / 已答复'],
    ['A 类答复', share(t.a, t.aShare), '已解决或基本解决(含承诺落实后由 B 类转为 A 类)'],
    ['B 类答复', share(t.b, t.bShare), '正在解决或已列入计划'],
    ['C 类答复', share(t.c, t.cShare), '因条件限制需以后解决或留作参考'],
    ['代表已评价', t.rated, ''],
    ['满意 / 基本满意 / 不满意', `${t.satisfied} / ${t.basicallySatisfied} / ${t.unsatisfied}`, `满意率 ${percent(t.satisfactionRate)}(满意与基本满意 / 已评价)`],
    ['承诺事项', t.commitments, ''],
    ['承诺已落实', share(t.commitmentsDone, t.commitmentsDoneRate), '已落实 / 承诺事项'],
  ];
}

export async function handlingReport(db: Kysely<DB>, actor: Actor, input: ReportInput, today: string, now: Date): Promise<RegisterDocument> {
  const f = yearFilter(input);
  const [place, totals, units, categories, keys] = await Promise.all([
    congressName(db, input),
    suggestionStatistics(db, actor, f, today),
    suggestionStatisticsBy(db, actor, f, 'unit', today),
    suggestionStatisticsBy(db, actor, f, 'category', today),
    keySuggestions(db, actor, f),
  ]);
  const unitRows = units.filter((u) => u.key !== '').map((u): Cell[] => [
    u.label, u.total, u.answered, percent(u.onTimeRate), percent(u.faceToFaceRate),
    `${u.a} / ${u.b} / ${u.c}`, percent(u.satisfactionRate), `${u.commitmentsDone} / ${u.commitments}`, u.overdue,
  ]);
  return {
    title: `${input.year}年代表建议办理情况报告`,
    place,
    period: `${input.year}-01-01 至 ${input.year}-12-31`,
    generatedAt: now,
    sections: [
      { heading: '总体情况', columns: [{ header: '项目', width: 12 }, { header: '数量', width: 10, align: 'center' }, { header: '说明', width: 36 }], rows: overview(totals) },
      {
        heading: '承办单位办理情况',
        columns: [SERIAL, { header: '主办单位', width: 16 }, { header: '主办件数', width: 5, align: 'center' }, { header: '已答复', width: 5, align: 'center' },
          { header: '按期答复率', width: 6, align: 'center' }, { header: '面商率', width: 6, align: 'center' }, { header: 'A / B / C', width: 7, align: 'center' },
          { header: '满意率', width: 6, align: 'center' }, { header: '承诺落实', width: 6, align: 'center' }, { header: '超期', width: 4, align: 'center' }],
        rows: numbered(unitRows),
        empty: '本年度没有交办的建议',
      },
      {
        heading: '按类别',
        columns: [SERIAL, { header: '类别', width: 14 }, { header: '件数', width: 5, align: 'center' }, { header: '已答复', width: 5, align: 'center' },
          { header: 'A / B / C', width: 8, align: 'center' }, { header: '满意率', width: 6, align: 'center' }],
        rows: numbered(categories.map((c): Cell[] => [c.label, c.total, c.answered, `${c.a} / ${c.b} / ${c.c}`, percent(c.satisfactionRate)])),
        empty: '本年度没有建议',
      },
      {
        heading: '重点督办建议',
        columns: [SERIAL, { header: '编号', width: 12 }, { header: '标题', width: 22 }, { header: '领衔代表', width: 5 }, { header: '主办单位', width: 12 },
          { header: '督办领导', width: 6 }, { header: '状态', width: 6 }, { header: '答复', width: 3, align: 'center' }, { header: '评价', width: 5, align: 'center' }],
        rows: numbered(keys.map((k): Cell[] => [
          k.number_label ?? '', k.title, k.deputy, k.unit ?? '', k.key_leader ?? '', SUGGESTION_STATE_LABELS[k.state].zh,
          k.answer_category ?? '', k.rating ? RATING_LABELS.labels[k.rating].zh : '',
        ])),
        empty: '本年度没有重点督办建议',
      },
    ],
    notes: [
      '本报告由平台根据代表建议的交办、沟通、答复、评价和承诺落实记录自动生成;统计范围为本年度提交的代表建议。',
      '满意度以领衔代表的最近一次评价计;答复类别以现时类别计。',
    ],
  };
}
