/**
 * The case handling form (群众意见办理单): one case on paper, as the case page shows it to the
 * reader — the facts, the text, and every step of the timeline. Built into the registers'
 * document model, so the PDF writer (with the embedded CJK font) draws it.
 */
import { CASE_CHANNELS, CASE_STATE_LABELS, RATING_LABELS } from '../../../common/caseVocabulary.js';
import { dateText, dateTimeText, type Cell, type RegisterDocument } from '../../platform/documents/model.js';
import type { getCase } from './queries.js';

type CaseRecord = Awaited<ReturnType<typeof getCase>>;

const FACT_COLUMNS = [
  { header: '项目', width: 7 }, { header: '内容', width: 24 }, { header: '项目', width: 7 }, { header: '内容', width: 24 },
];

/** Pairs of facts, two to a row. */
function factRows(facts: [string, string][]): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < facts.length; i += 2) rows.push([...facts[i]!, ...(facts[i + 1] ?? ['', ''])]);
  return rows;
}

export function handlingFormDocument(c: CaseRecord, printedAt: Date): RegisterDocument {
  const deadline = c.deadlineDate ? `${c.deadlineDate}${c.deadlineProvisional ? '(暂定)' : ''}` : '—';
  const facts: [string, string][] = [
    ['受理编号', c.trackingCode],
    ['当前状态', c.stateLabel.zh],
    ['反映渠道', CASE_CHANNELS.labels[c.channel]?.zh ?? c.channel],
    ['意见类别', c.category.name],
    ['联络站', c.station.name],
    ['所属区域', c.region.name],
    ['联系代表', c.deputy?.name ?? '—'],
    ['发生地点', c.place || '—'],
    ['反映人', c.submitter.name ?? '—'],
    ['联系电话', c.submitter.phone ?? '—'],
    ['提交时间', dateTimeText(new Date(c.submittedAt))],
    ['承办单位', c.unit?.name ?? '未交办'],
    ['协办单位', c.coUnits.map((u) => u.name).join('、') || '—'],
    ['办理期限', c.deadlineDays ? `${c.deadlineDays} 个工作日,至 ${deadline}` : deadline],
    ['是否超期', c.overdue ? '已超期' : '否'],
    ['重点督办', c.keySupervision ? '是' : '否'],
    ['催办次数', String(c.urgeCount)],
    ['群众评价', c.rating ? RATING_LABELS.labels[c.rating].zh : '—'],
  ];
  return {
    title: '群众意见办理单',
    place: c.station.name,
    period: `受理编号 ${c.trackingCode}`,
    generatedAt: printedAt,
    sections: [
      { heading: '基本信息', columns: FACT_COLUMNS, rows: factRows(facts) },
      { heading: '意见内容', columns: [{ header: '群众反映的意见建议', width: 62 }], rows: [[c.content]] },
      {
        heading: '办理过程',
        columns: [
          { header: '时间', width: 9 }, { header: '办理环节', width: 8 }, { header: '办理人', width: 10 },
          { header: '办理后状态', width: 7 }, { header: '办理意见', width: 28 },
        ],
        rows: c.timeline.map((e) => [dateTimeText(new Date(e.at)), e.label.zh, e.actorName, stateZh(e.toState), e.comment ?? '']),
        empty: '尚无办理记录',
      },
    ],
    notes: [
      `打印时间 ${dateTimeText(printedAt)};办理期限至所列日期当日 24 时(北京时间)止。`,
      ...(c.submitter.masked ? ['反映人姓名和电话已按查阅人权限隐去部分字符。'] : []),
      `截至 ${dateText(printedAt)} 的办理情况,以系统记录为准。`,
    ],
  };
}

function stateZh(state: string): string {
  return (CASE_STATE_LABELS.labels as Record<string, { zh: string } | undefined>)[state]?.zh ?? state;
}
