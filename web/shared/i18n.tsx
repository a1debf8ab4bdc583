/**
 * The one i18n mechanism of the web clients: every string has a zh-CN and an en form here;
 * coded values (roles, states, station types …) take their labels from the server's
 * vocabulary (`/api/meta/vocabulary`). Strings used on one screen only are written in place as
 * pairs through `l(zh, en)`. zh-CN is the default; the choice is remembered.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api.js';

export type Lang = 'zh' | 'en';

const MESSAGES = {
  appName: { zh: '连心桥 · 人大代表联络站平台', en: 'Lianxin · Deputy liaison stations' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  required: { zh: '请填写此项', en: 'Required' },
  sessionExpired: { zh: '登录已过期,请重新登录', en: 'Your session has expired; please sign in again' },
  changePasswordTitle: { zh: '首次登录请修改密码', en: 'Change your password' },
  changePasswordHint: {
    zh: '密码至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类。',
    en: 'At least 10 characters from at least three of: upper case, lower case, digits, symbols.',
  },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  confirmPassword: { zh: '确认新密码', en: 'Confirm the new password' },
  passwordsDiffer: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  save: { zh: '保存', en: 'Save' },
  language: { zh: 'English', en: '中文' },
  deadlineProvisional: { zh: '暂定', en: 'Provisional' },
  deadlineProvisionalHint: {
    zh: '该年国务院放假安排尚未录入,期限暂按法定节假日计算(不含调休),录入后将重新计算',
    en: 'The year\'s official holiday schedule is not entered yet: counted on the statutory holidays only (no makeup working days), and recomputed once it is entered',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A string written where it is used, in both languages: `l('办理中', 'Open')`. */
  l(zh: string, en: string): string;
  /** A server label `{ zh, en }` in the current language. */
  label(value: { zh: string; en: string } | null | undefined): string;
}

const Context = createContext<I18n | null>(null);
const STORAGE_KEY = 'lianxin.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  setApiLanguage(lang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    setApiLanguage(next);
    setLangState(next);
  }, []);
  const t = useCallback((key: MessageKey, params: Record<string, string | number> = {}) =>
    MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')), [lang]);
  const value = useMemo(() => ({
    lang, setLang, t,
    l: (zh: string, en: string) => (lang === 'en' ? en : zh),
    label: (v: { zh: string; en: string } | null | undefined) => (v ? v[lang] : '—'),
  }), [lang, setLang, t]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
