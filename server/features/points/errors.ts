import type { ErrorSpec } from '../../platform/errors.js';

/** The points feature's error codes. */
export const POINT_ERRORS = {
  BONUS_ALREADY_VOIDED: { status: 409, zh: '该加减分记录已撤销', en: 'This bonus has already been withdrawn' },
  POINT_RULE_KEY_RENAMED: {
    status: 400,
    zh: '积分规则项“{key}”已更名为“{newKey}”,请按新名称提交',
    en: 'The point rule “{key}” is now called “{newKey}”; send it under the new name',
  },
} as const satisfies Record<string, ErrorSpec>;

type PointErrors = typeof POINT_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends PointErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
