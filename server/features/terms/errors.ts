import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of congress terms and election rounds: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const TERMS_ERRORS = {
  TERM_EXISTS: { status: 409, zh: '该人大的第{number}届已经登记', en: 'Term {number} of this congress is already registered' },
  TERM_OVERLAP: { status: 409, zh: '与该人大第{number}届({dates})的时间重叠', en: 'The dates overlap term {number} of this congress ({dates})' },
  TERM_OUT_OF_ORDER: {
    status: 409, zh: '届次应与时间先后一致:该人大第{number}届为 {dates}', en: 'Terms follow one another in number order: term {number} of this congress is {dates}',
  },
  ROUND_TERM_NOT_LATEST: {
    status: 409, zh: '只能对该人大正在进行的最后一届办理换届(已有第{number}届)', en: 'An election round closes the running, latest term of a congress (term {number} exists)',
  },
  ROUND_BLOCKED: { status: 409, zh: '换届方案还有 {count} 个问题,请先处理', en: 'The election round has {count} problems to resolve first' },
  DEPUTY_NOT_IN_TERM: { status: 400, zh: '该代表不是{term}代表', en: 'The deputy does not sit in {term}' },
} as const satisfies Record<string, ErrorSpec>;

type TermsErrors = typeof TERMS_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends TermsErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
