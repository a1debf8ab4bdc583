import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of industry contact points: code, HTTP status, message in zh-CN and en (each also in the README's error table). */
export const INDUSTRY_ERRORS = {
  INDUSTRY_NOT_CONTACT_POINT: { status: 409, zh: '该站点不是产业(行业)联系点', en: 'This station is not an industry contact point' },
  INDUSTRY_CREDIT_CODE_INVALID: {
    status: 400, zh: '统一社会信用代码“{code}”不正确(应为 18 位,末位校验码须符合 GB 32100-2015)',
    en: '“{code}” is not a valid unified social credit code (18 characters, check character per GB 32100-2015)',
  },
  INDUSTRY_CREDIT_CODE_TAKEN: { status: 409, zh: '本联系点已有统一社会信用代码为“{code}”的企业', en: 'An enterprise with the credit code “{code}” is already a member of this contact point' },
  INDUSTRY_ENTERPRISE_VISITED: { status: 409, zh: '该企业已有走访记录,不能删除', en: 'This enterprise has been visited: it cannot be deleted' },
  INDUSTRY_CONTACT_FORBIDDEN: { status: 403, zh: '只有负责本联系点的工作人员和站长、联络员可以查看企业联系人', en: 'Only those who run this contact point may see the enterprise contact' },
  INDUSTRY_VISIT_OUTSIDE_CAMPAIGN: { status: 400, zh: '走访日期不在计划期内({startsOn} 至 {endsOn})', en: 'The visit date is outside the campaign ({startsOn} to {endsOn})' },
} as const satisfies Record<string, ErrorSpec>;

type IndustryErrors = typeof INDUSTRY_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends IndustryErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
