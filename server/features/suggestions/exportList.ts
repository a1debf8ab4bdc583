/** The suggestion list as Excel: the same filters and reach as GET /api/suggestions, every page. */
import { z } from 'zod';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { described, EXPORT_PAGE, exportSource, yesNo, zh, type ExportList } from '../exports/index.js';
import { listSuggestions, type SuggestionFilters, type SuggestionListItem } from './queries.js';
import { SuggestionFilterQuery } from './readRoutes.js';
import { suggestionTodoCondition } from './todos.js';
import { ANSWER_CATEGORY_LABELS } from './workflow.js';

type ExportFilters = SuggestionFilters & { todo?: string | undefined; sort: 'newest' | 'deadline' };

const KINDS = { suggestion: '建议', motion: '议案' } as const;

const suggestionExport: ExportList<ExportFilters, SuggestionListItem> = {
  fileName: '代表建议', asciiName: 'suggestions', sheet: '代表建议',
  fetch: async (db, actor, { todo, sort, ...filters }, cursor) =>
    listSuggestions(db, actor, filters, { limit: EXPORT_PAGE, cursor, sort }, todo ? suggestionTodoCondition(actor, todo) : null),
  columns: [
    { header: '编号', width: 30, value: (s) => s.numberLabel ?? '' },
    { header: '类型', width: 6, value: (s) => KINDS[s.kind] },
    { header: '标题', width: 40, value: (s) => s.title },
    { header: '状态', width: 12, value: (s) => s.stateLabel.zh },
    { header: '类别', width: 12, value: (s) => s.categoryName },
    { header: '领衔代表', width: 10, value: (s) => s.leadDeputy.name },
    { header: '附议人数', width: 8, kind: 'number', value: (s) => s.cosignerCount },
    { header: '提交至', width: 24, value: (s) => s.congressName },
    { header: '主办单位', width: 24, value: (s) => s.leadUnit?.name ?? '' },
    { header: '提交时间', width: 17, kind: 'datetime', value: (s) => (s.submittedAt ? new Date(s.submittedAt) : null) },
    { header: '办理期限', width: 12, kind: 'date', value: (s) => s.deadlineDate },
    { header: '是否超期', width: 8, value: (s) => yesNo(s.overdue) },
    { header: '答复类别', width: 12, value: (s) => (s.answerCategory ? ANSWER_CATEGORY_LABELS[s.answerCategory].zh : '') },
    { header: '代表评价', width: 10, value: (s) => zh(RATING_LABELS.labels, s.rating) },
    { header: '重点督办', width: 8, value: (s) => yesNo(s.keySupervision) },
  ],
};

export const SUGGESTION_EXPORT = exportSource({
  url: '/api/suggestions.xlsx', ability: 'suggestion.read', tag: 'suggestions', summary: '导出代表建议 The suggestion list as Excel',
  description: described('suggestions'), query: z.object(SuggestionFilterQuery), list: suggestionExport,
});
