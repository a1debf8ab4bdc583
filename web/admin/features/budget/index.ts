import { lazyPage, type WebFeature } from '../../kit/feature.js';

const BudgetReviewsPage = lazyPage(() => import('./BudgetReviewsPage.js'), (m) => m.BudgetReviewsPage);
const BudgetReviewPage = lazyPage(() => import('./BudgetReviewPage.js'), (m) => m.BudgetReviewPage);
const BudgetProjectPage = lazyPage(() => import('./BudgetProjectPage.js'), (m) => m.BudgetProjectPage);
const BudgetAnswersPage = lazyPage(() => import('./BudgetAnswersPage.js'), (m) => m.BudgetAnswersPage);

/**
 * Budget review with deputies (预算审查): the reviews (the draft and the mid-year adjustment),
 * each with its key projects, the committee's preliminary review, deputies' comments and their
 * answers, performance evaluation, the state-asset and debt reports; a key project's own page
 * (a deputy's phone page); the finance office's and departments' comments to answer.
 */
export const budget: WebFeature = {
  name: 'budget',
  routes: [
    { path: '/budget', page: BudgetReviewsPage },
    { path: '/budget/:id', page: BudgetReviewPage, title: { zh: '预算审查', en: 'Budget review' } },
    { path: '/budget/:id/projects/:projectId', page: BudgetProjectPage, title: { zh: '重点项目', en: 'Key project' } },
    { path: '/budget-answers', page: BudgetAnswersPage },
  ],
  menu: [
    { path: '/budget', zh: '预算审查', en: 'Budget review', ability: 'budget.read', order: 27 },
    { path: '/budget-answers', zh: '预算意见答复', en: 'Budget comments to answer', ability: 'budget.answer', order: 28 },
  ],
};
