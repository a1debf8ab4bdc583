import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of imports: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const IMPORTS_ERRORS = {
  IMPORT_EXPIRED: { status: 410, zh: '该导入批次超过 {days} 天未提交,暂存的数据已清除,请重新上传文件', en: 'This import was not committed within {days} days and its staged rows were cleared; upload the file again' },
  IMPORT_HAS_ERRORS: { status: 409, zh: '还有 {errorRows} 行有错误,请改正文件后重新上传', en: '{errorRows} rows have errors; correct the file and upload it again' },
  IMPORT_STALE: {
    status: 409,
    zh: '提交时发现 {errorRows} 行已不再有效(如联络站已停用),未写入任何记录,请查看错误',
    en: 'At commit {errorRows} rows were no longer valid (a station deactivated, say); nothing was written. See the errors',
  },
  IMPORT_FOR_ROUND: { status: 409, zh: '该花名册用于换届,随换届一并提交', en: 'This roster belongs to an election round and is committed by the round' },
} as const satisfies Record<string, ErrorSpec>;

type ImportsErrors = typeof IMPORTS_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends ImportsErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
