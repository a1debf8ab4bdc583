import { z } from 'zod';
import { FIELD_MESSAGES, type FieldError, type FieldMessageCode, type Lang } from '../errors.js';


const locales = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

type Issue = z.core.$ZodIssue;

function localise(issue: Issue, lang: Lang): { code: string; message: string } {
  if (Object.hasOwn(FIELD_MESSAGES, issue.message)) {
    return { code: issue.message, message: FIELD_MESSAGES[issue.message as FieldMessageCode][lang] };
  }
  const produced = locales[lang](issue as never);
  const message = typeof produced === 'string' ? produced : produced?.message ?? issue.message;
  return { code: issue.code, message };
}

export function fieldErrors(issues: readonly Issue[], lang: Lang, prefix = ''): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path, ...localise(issue, lang) };
  });
}
