import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of the inbox and notification preferences: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const INBOX_ERRORS = {
  NOTIFICATION_CHANNEL_UNAVAILABLE: {
    status: 400,
    zh: '该通知渠道在本系统中未启用',
    en: 'This notification channel is not available on this installation',
  },
} as const satisfies Record<string, ErrorSpec>;

type InboxErrors = typeof INBOX_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends InboxErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
