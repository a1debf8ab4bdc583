/**
 * A review's lists as Excel, through the exports feature (same reach as the JSON: a department
 * gets its own projects and the comments addressed to it): the key projects with the committee's
 * opinion and the comment counts; the comments and questions with their answers.
 */
import { z } from 'zod';
import { QueryId } from '../../platform/http/schemas.js';
import { described, exportSource, yesNo, type ExportList } from '../exports/index.js';
import { getReview, listComments, type BudgetCommentItem } from './queries.js';

type Project = Awaited<ReturnType<typeof getReview>>['projects'][number];
interface ReviewFilter { reviewId: number }

const projectList: ExportList<ReviewFilter, Project> = {
  fileName: '预算重点项目及初审意见', asciiName: 'budget-projects', sheet: '重点项目',
  fetch: async (db, actor, { reviewId }) => ({ items: (await getReview(db, actor, reviewId)).projects, nextCursor: null }),
  columns: [
    { header: '项目名称', width: 30, value: (p) => p.name },
    { header: '类别', width: 10, value: (p) => p.category },
    { header: '主管部门', width: 24, value: (p) => p.department?.name ?? '' },
    { header: '预算金额(元)', width: 16, kind: 'number', value: (p) => p.amountYuan },
    { header: '调整前金额(元)', width: 16, kind: 'number', value: (p) => p.originalAmountYuan },
    { header: '项目说明', width: 40, value: (p) => p.description },
    { header: '初审意见', width: 16, value: (p) => p.opinion?.recommendationLabel.zh ?? '' },
    { header: '意见内容', width: 40, value: (p) => p.opinion?.body ?? '' },
    { header: '代表意见数', width: 10, kind: 'number', value: (p) => p.commentCount },
    { header: '待答复', width: 8, kind: 'number', value: (p) => p.openCommentCount },
  ],
};

const commentList: ExportList<ReviewFilter & { state?: 'open' | 'answered' | undefined; projectId?: number | undefined; reportId?: number | undefined }, BudgetCommentItem> = {
  fileName: '预算审查代表意见及答复', asciiName: 'budget-comments', sheet: '代表意见',
  fetch: async (db, actor, { reviewId, ...f }) => ({ items: await listComments(db, actor, reviewId, f), nextCursor: null }),
  columns: [
    { header: '针对', width: 28, value: (c) => c.project?.name ?? c.report?.title ?? '预算总体' },
    { header: '代表', width: 10, value: (c) => c.deputy.name },
    { header: '意见内容', width: 48, value: (c) => c.body },
    { header: '提出时间', width: 17, kind: 'datetime', value: (c) => new Date(c.createdAt) },
    { header: '答复单位', width: 24, value: (c) => c.addressedTo.name },
    { header: '答复期限', width: 12, kind: 'date', value: (c) => c.dueOn },
    { header: '状态', width: 8, value: (c) => c.stateLabel.zh },
    { header: '是否超期', width: 8, value: (c) => yesNo(c.overdue) },
    { header: '答复内容', width: 48, value: (c) => c.answer ?? '' },
    { header: '答复时间', width: 17, kind: 'datetime', value: (c) => (c.answeredAt ? new Date(c.answeredAt) : null) },
    { header: '答复人', width: 10, value: (c) => c.answeredBy ?? '' },
  ],
};

export const BUDGET_EXPORTS = [
  exportSource({
    url: '/api/budget-projects.xlsx', ability: 'budget.read', tag: 'budget', summary: '导出重点项目及初审意见 A review\'s key projects with the committee\'s opinions as Excel',
    description: described('key projects of the review'), query: z.object({ reviewId: QueryId }), list: projectList,
  }),
  exportSource({
    url: '/api/budget-comments.xlsx', ability: 'budget.read', tag: 'budget', summary: '导出代表意见及答复 A review\'s comments and questions with their answers as Excel',
    description: described('comments of the review'),
    query: z.object({ reviewId: QueryId, state: z.enum(['open', 'answered']).optional(), projectId: QueryId.optional(), reportId: QueryId.optional() }),
    list: commentList,
  }),
];
