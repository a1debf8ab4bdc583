import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of activities and the rota: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const ACTIVITIES_ERRORS = {
  ROTA_SLOT_CLOSED: { status: 409, zh: '该接待日已举行或已取消,不能再调整', en: 'This reception day has been held or cancelled and cannot change' },
} as const satisfies Record<string, ErrorSpec>;

type ActivitiesErrors = typeof ACTIVITIES_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends ActivitiesErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
