import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of sign-in and accounts: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const ACCOUNTS_ERRORS = {
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误。连续多次错误后账号会暂时锁定,锁定时间将通知账号本人',
    en: 'Wrong username or password. Repeated failures lock the account for a while; its holder is notified',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: '密码至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password needs at least 10 characters from at least three of: upper case, lower case, digits, symbols',
  },
  PASSWORD_REUSED: { status: 400, zh: '新密码不能与最近 5 次用过的密码相同', en: 'The new password must differ from the last 5 passwords' },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is already taken' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的管辖范围', en: 'This is outside your area of responsibility' },
  CANNOT_MODIFY_SELF: { status: 400, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  SESSION_IS_CURRENT: { status: 400, zh: '这是当前正在使用的登录,请直接退出登录', en: 'This is the session you are using; sign out instead' },
} as const satisfies Record<string, ErrorSpec>;

type AccountsErrors = typeof ACCOUNTS_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends AccountsErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
