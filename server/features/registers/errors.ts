import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of registers: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const REGISTERS_ERRORS = {
  REGISTER_TOO_LARGE: { status: 413, zh: '该登记簿超过 {max} 行,请缩短时间段或按联络站分别导出', en: 'The register has more than {max} rows; choose a shorter period or one station at a time' },
} as const satisfies Record<string, ErrorSpec>;

type RegistersErrors = typeof REGISTERS_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends RegistersErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
