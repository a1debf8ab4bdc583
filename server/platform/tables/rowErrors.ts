/**
 * The problems an import finds in a row, one per cell: a stable code and a message in zh-CN
 * and en. `{value}` is the cell as written; other placeholders come from the error's details.
 */
export const IMPORT_ROW_ERRORS = {
  REQUIRED: { zh: '此项必填', en: 'This column is required' },
  TOO_LONG: { zh: '“{value}”过长,最多 {max} 个字', en: '“{value}” is too long (at most {max} characters)' },
  FORMULA_TEXT: {
    zh: '名称“{value}”不能以 = + - @ 开头(表格软件会把它当作公式执行)',
    en: 'The name “{value}” may not begin with = + - or @ (a spreadsheet would run it as a formula)',
  },
  TOO_MANY: { zh: '最多 {max} 项', en: 'At most {max} entries' },
  GENDER_INVALID: { zh: '性别“{value}”无法识别,应为 男 或 女', en: 'Gender “{value}” is not 男 or 女' },
  BIRTH_YEAR_INVALID: { zh: '出生年月“{value}”无法识别', en: 'Cannot read a year of birth from “{value}”' },
  PHONE_INVALID: { zh: '手机号码“{value}”不正确,应为 11 位大陆手机号', en: '“{value}” is not a mainland mobile number' },
  LEVEL_UNKNOWN: { zh: '代表层级“{value}”无法识别,应为 全国、省、市、县(区)、乡镇', en: 'Unknown deputy level “{value}”' },
  TERM_INVALID: { zh: '届次“{value}”无法识别,或与代表层级的个数不符', en: 'Cannot read the term “{value}”, or it does not match the levels' },
  LEVEL_REGION_MISMATCH: {
    zh: '代表层级“{level}”与所属区划“{value}”不符(该区划之上没有这一级人大)',
    en: 'The level “{level}” does not fit the region “{value}” (no such congress above it)',
  },
  REGION_UNKNOWN: { zh: '区划“{value}”不存在或不在您的管辖范围内', en: 'No region “{value}” within your area' },
  REGION_AMBIGUOUS: { zh: '区划“{value}”对应多个区划,请填写区划代码或全称', en: 'The region “{value}” matches several; give its code or full name' },
  STATION_UNKNOWN: { zh: '联络站“{value}”不存在或您无权查看', en: 'No station “{value}” that you can see' },
  STATION_AMBIGUOUS: { zh: '有多个联络站名为“{value}”', en: 'Several stations are called “{value}”' },
  STATION_INACTIVE: { zh: '联络站“{value}”已停用', en: 'The station “{value}” is deactivated' },
  ROLE_UNKNOWN: { zh: '站内职责“{value}”无法识别,应为 站长、联络员 或 驻站代表,或与联络站个数不符', en: 'Unknown station role “{value}”, or it does not match the stations' },
  STATUS_UNKNOWN: { zh: '代表状态“{value}”无法识别,应为 现届 或 往届', en: 'Status “{value}” is not 现届 or 往届' },
  TYPE_UNKNOWN: { zh: '站点类型“{value}”无法识别', en: 'Unknown station type “{value}”' },
  TIER_UNKNOWN: { zh: '站点层级“{value}”无法识别', en: 'Unknown station tier “{value}”' },
  PARENT_UNKNOWN: { zh: '上级站点“{value}”不存在,或在本文件中排在后面', en: 'No parent station “{value}” (existing, or earlier in this file)' },
  CREDIT_CODE_INVALID: { zh: '统一社会信用代码“{value}”不正确(应为 18 位,末位校验码须正确)', en: '“{value}” is not a valid unified social credit code' },
  TELEPHONE_INVALID: { zh: '电话“{value}”不正确,只能含数字、空格和 + - ( )', en: '“{value}” is not a telephone number' },
  DUPLICATE_IN_FILE: { zh: '与第 {row} 行重复', en: 'Duplicates row {row}' },
  DUPLICATE_EXISTING: { zh: '与已有的“{name}”(编号 {id})重复', en: 'Duplicates the existing “{name}” (id {id})' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ImportRowErrorCode = keyof typeof IMPORT_ROW_ERRORS;

/** The message of a row error in the reader's language. */
export function importRowMessage(code: string, lang: 'zh' | 'en', value: string | undefined, details: Record<string, unknown> = {}): string {
  const entry = (IMPORT_ROW_ERRORS as Record<string, { zh: string; en: string }>)[code];
  if (!entry) return code;
  const values: Record<string, unknown> = { value: value ?? '', ...details };
  return entry[lang].replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v && typeof v === 'object' && 'zh' in v && 'en' in v) return String((v as Record<string, unknown>)[lang]);
    return String(v ?? '');
  });
}
