import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of the performance archive: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const ARCHIVE_ERRORS = {
  ARCHIVE_TERM_WITH_PERIOD: { status: 400, zh: '请按届次或按起止日期查看,不能同时指定', en: 'Give either a term or a from/to period, not both' },
} as const satisfies Record<string, ErrorSpec>;

type ArchiveErrors = typeof ARCHIVE_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends ArchiveErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
