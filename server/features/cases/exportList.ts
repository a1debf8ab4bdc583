/** The case queue as Excel. */
import { z } from 'zod';
import { CASE_CHANNELS, RATING_LABELS } from '../../../common/caseVocabulary.js';
import { described, EXPORT_PAGE, exportSource, yesNo, zh, type ExportList } from '../exports/index.js';
import { listCases, type CaseFilters } from './queries.js';
import { CaseFilters as CaseFilterQuery } from './routes.js';
import { caseQueueCondition } from './todos.js';

type CaseItem = Awaited<ReturnType<typeof listCases>>['items'][number];

type ExportFilters = Omit<CaseFilters, 'limit' | 'cursor'> & { todo?: string | undefined; awaitingMe?: boolean | undefined };

const caseExport: ExportList<ExportFilters, CaseItem> = {
  fileName: '群众意见', asciiName: 'cases', sheet: '意见工单',
  // "What awaits me" narrows the export as it narrows the queue.
  fetch: async (db, actor, { todo, awaitingMe, ...filters }, cursor) =>
    listCases(db, actor, { ...filters, limit: EXPORT_PAGE, cursor }, await caseQueueCondition(db, actor, { todo, awaitingMe })),
  columns: [
    { header: '跟踪码', width: 14, value: (c) => c.trackingCode },
    { header: '状态', width: 10, value: (c) => c.stateLabel.zh },
    { header: '渠道', width: 10, value: (c) => zh(CASE_CHANNELS.labels, c.channel) },
    { header: '类别', width: 12, value: (c) => c.category },
    { header: '内容摘要', width: 50, value: (c) => c.summary },
    { header: '联络站', width: 30, value: (c) => c.station },
    { header: '承办单位', width: 24, value: (c) => c.unit ?? '' },
    { header: '提交时间', width: 17, kind: 'datetime', value: (c) => new Date(c.submittedAt) },
    // The last day of the deadline (due by the end of it, Beijing time), as the case page shows it.
    { header: '办理期限', width: 12, kind: 'date', value: (c) => c.deadlineDate },
    { header: '期限暂定', width: 8, value: (c) => (c.deadlineAt ? yesNo(c.deadlineProvisional) : '') },
    { header: '是否超期', width: 8, value: (c) => yesNo(c.overdue) },
    { header: '超期工作日', width: 10, kind: 'number', value: (c) => c.overdueWorkingDays },
    { header: '群众评价', width: 10, value: (c) => zh(RATING_LABELS.labels, c.rating) },
    { header: '重点督办', width: 8, value: (c) => yesNo(c.keySupervision) },
    { header: '催办次数', width: 8, kind: 'number', value: (c) => c.urgeCount },
    { header: '办理轮次', width: 8, kind: 'number', value: (c) => c.round },
  ],
};

export const EXPORT = exportSource({
  url: '/api/cases.xlsx', ability: 'case.read', tag: 'cases', summary: '导出意见工单 The case queue as Excel',
  description: described('cases'), query: z.object(CaseFilterQuery), list: caseExport,
});
