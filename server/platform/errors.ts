/** An error the API can answer with: an HTTP status and a message in zh-CN and en. */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/**
 * The kernel's errors: a stable code, an HTTP status and a message in zh-CN and en. Messages may
 * use `{name}` placeholders filled from the error's details. Each feature declares its own codes
 * in its errors.ts (adding them to `ErrorCatalog`) and contributes them through its manifest.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误,请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  TEXT_LONE_SURROGATE: { status: 400, zh: '字段 {field} 含有无效字符(孤立的 UTF-16 代理项),请删除后重试', en: 'The field {field} holds an invalid character (a lone UTF-16 surrogate); remove it and try again' },
  TEXT_ENCODING_INVALID: { status: 400, zh: '字段 {field} 不是有效的 UTF-8 文本,请以 UTF-8 编码提交', en: 'The field {field} is not valid UTF-8 text; send it encoded as UTF-8' },
  BODY_ENCODING_INVALID: { status: 400, zh: '请求内容不是有效的 UTF-8 编码', en: 'The request body is not valid UTF-8' },
  BODY_CHARSET_UNSUPPORTED: { status: 400, zh: '不支持字符集 {charset},请以 UTF-8 提交', en: 'The charset {charset} is not supported; send UTF-8' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期,请重新登录', en: 'Your session has expired; please sign in again' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改密码', en: 'You must change your password first' },
  CSRF_FAILED: { status: 403, zh: '安全校验失败,请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '找不到该记录', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '数据已被他人修改,请刷新后重试', en: 'The record was changed by someone else; reload and try again' },
  REGION_NOT_FOUND: { status: 400, zh: '行政区划代码不存在: {code}', en: 'Unknown region code: {code}' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁,请 {retryAfter} 秒后再试', en: 'Too many requests; try again in {retryAfter} seconds' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  DATA_DIR_LOCKED: {
    status: 500,
    zh: '数据目录正被另一个进程(pid {pid})使用: {lockPath}',
    en: 'The data directory is in use by another process (pid {pid}): {lockPath}',
  },
  POSTER_FONT_MISSING: {
    status: 503,
    zh: '服务器缺少海报所需的中文字体:请安装 fonts-noto-cjk(scripts/install-system-deps.sh),或用 LIANXIN_POSTER_FONT 指定字体文件。SVG 格式不受影响',
    en: 'The server has no Chinese font for posters: install fonts-noto-cjk (scripts/install-system-deps.sh) or set LIANXIN_POSTER_FONT to a font file. SVG still works',
  },
  PDF_FONT_MISSING: {
    status: 503,
    zh: '服务器缺少生成 PDF 所需的中文字体:请安装 fonts-noto-cjk(scripts/install-system-deps.sh),或用 LIANXIN_POSTER_FONT 指定字体文件。Excel 格式不受影响',
    en: 'The server has no Chinese font for PDF files: install fonts-noto-cjk (scripts/install-system-deps.sh) or set LIANXIN_POSTER_FONT to a font file. Excel still works',
  },
  IMPORT_FILE_UNREADABLE: { status: 400, zh: '无法读取该文件,请上传 .xlsx 或 .csv 文件({reason})', en: 'The file cannot be read; upload an .xlsx or .csv file ({reason})' },
  IMPORT_FILE_EMPTY: { status: 400, zh: '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_COLUMNS_MISSING: { status: 400, zh: '缺少必需的列:{columns}。请参照导入模板的表头', en: 'Required columns are missing: {columns}. See the headers of the import template' },
  IMPORT_TOO_MANY_ROWS: { status: 413, zh: '文件超过 {max} 行,请拆分后分批导入', en: 'The file has more than {max} rows; split it into several imports' },
  IMPORT_NOT_READY: { status: 409, zh: '该导入批次{statusLabel},不能进行此操作', en: 'This import is {statusLabel}; that cannot be done now' },
  IMPORT_CELL_TOO_LONG: {
    status: 400,
    zh: '文件中有过长的单元格或行(每个单元格最多 {max} 个字),已停止读取;请检查文件后重新上传',
    en: 'A cell or row of the file is too long (a cell holds at most {max} characters); reading stopped. Check the file and upload it again',
  },
  IMPORT_TOO_MANY_BLANK_ROWS: { status: 413, zh: '文件中的空行超过 {max} 行,请删除空行后重新上传', en: 'The file has more than {max} blank rows; delete them and upload it again' },
  IMPORT_FILE_TOO_COMPLEX: {
    status: 400,
    zh: '文件过于庞大或复杂,已停止读取({reason});请检查文件,或拆分后分批导入',
    en: 'The file is too large or complex to read ({reason}); check it, or split it into several imports',
  },
  IMPORT_CANCELLED: { status: 409, zh: '该导入已取消,请重新上传文件', en: 'This import was cancelled; upload the file again' },
  IMPORT_INTERRUPTED: {
    status: 503,
    zh: '检查文件时服务器停止或重启,检查已中断;请重新上传文件',
    en: 'The server stopped or restarted while checking the file, so the check was cut off; upload the file again',
  },
  IMAGE_UNREADABLE: { status: 400, zh: '图片“{name}”无法读取(文件不完整或已损坏),请重新选择', en: 'The image “{name}” cannot be read (incomplete or damaged); choose it again' },
  IMAGE_TOO_MANY_PIXELS: { status: 400, zh: '图片“{name}”像素过多,最多 {maxMegapixels} 百万像素', en: 'The image “{name}” has too many pixels; at most {maxMegapixels} megapixels' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, ErrorSpec>;

type KernelErrors = typeof ERRORS;

/**
 * Every error code with its spec, as a type. A feature's errors.ts adds its table by declaration
 * merging, so `new AppError('SOME_CODE')` typechecks only for a declared code:
 *
 *     declare module '../../platform/errors.js' { interface ErrorCatalog extends CaseErrors {} }
 */
export interface ErrorCatalog extends KernelErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type

export type ErrorCode = keyof ErrorCatalog & string;

let catalog: Readonly<Record<string, ErrorSpec>> = ERRORS;

/** The full table (the kernel's codes and every feature's), handed over by the composition root. */
export function installErrorCatalog(table: Readonly<Record<string, ErrorSpec>>): void {
  catalog = table;
}

/** Every error code the server knows, with its spec. */
export function errorCatalog(): Readonly<Record<string, ErrorSpec>> {
  return catalog;
}

/** A code's spec; one missing from the installed catalogue answers as an internal error. */
export function errorSpec(code: ErrorCode): ErrorSpec {
  return Object.hasOwn(catalog, code) ? catalog[code]! : { status: 500, zh: code, en: code };
}

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * Field-level codes raised by our own checks (zod refinements say `{ message: 'PHONE_INVALID' }`,
 * commands call `invalidField`); the client gets the code and the message in its language.
 */
export const FIELD_MESSAGES = {
  REGION_LEVEL_MISMATCH: { zh: '该级人大代表应对应相应层级的行政区划', en: 'The region is not of the level of this congress' },
  DATE_INVALID: { zh: '日期格式应为 YYYY-MM-DD 且真实存在', en: 'Expected a real date as YYYY-MM-DD' },
  DATE_OUTSIDE_YEAR: { zh: '日期不在该年度内', en: 'The date is not in this year' },
  MAKEUP_NOT_WEEKEND: { zh: '调休上班日只能是周六或周日', en: 'A makeup working day must be a Saturday or Sunday' },
  CATEGORY_UNKNOWN: { zh: '意见类别不存在', en: 'Unknown category' },
  PHOTO_TYPE: { zh: '照片只能是 JPEG、PNG 或 WebP 格式', en: 'Photos must be JPEG, PNG or WebP' },
  PHOTO_TOO_LARGE: { zh: '每张照片不能超过 5 MB', en: 'Each photo must be at most 5 MB' },
  PHOTO_UNREADABLE: { zh: '照片无法读取(文件不完整或已损坏),请重新选择', en: 'The photo cannot be read (incomplete or damaged); choose it again' },
  PHOTO_TOO_MANY_PIXELS: { zh: '照片像素过多,最多 4000 万像素', en: 'The photo has too many pixels; at most 40 megapixels' },
  TOO_MANY_PHOTOS: { zh: '最多上传 5 张照片', en: 'At most 5 photos' },
  TOO_MANY_ACTIVITY_PHOTOS: { zh: '一次活动最多 9 张照片', en: 'At most 9 photos per activity' },
  REPORT_TYPE: { zh: '材料只能是 PDF、Word(docx)、Excel(xlsx)或 PowerPoint(pptx)文件', en: 'Reports must be PDF, docx, xlsx or pptx files' },
  REPORT_TOO_LARGE: { zh: '每份材料不能超过 10 MB', en: 'Each report must be at most 10 MB' },
  PERIOD_TOO_LONG: { zh: '一次最多排一年', en: 'At most one year at a time' },
  NO_RECEPTION_SCHEDULE: { zh: '该站尚未设定接待日(每周几或每月几日)', en: 'The station has no reception days set (weekdays or days of the month)' },
  NOT_STATION_DEPUTY: { zh: '该代表不是本站的现任代表', en: 'Not a current deputy of this station' },
  NO_STATION_DEPUTIES: { zh: '本站没有可排班的代表', en: 'The station has no deputies to take turns' },
  NOT_ON_DUTY: { zh: '该代表当天不在班', en: 'This deputy is not on duty that day' },
  ALREADY_ON_DUTY: { zh: '该代表当天已在班', en: 'This deputy is already on duty that day' },
  ENDS_BEFORE_START: { zh: '结束时间不能早于开始时间', en: 'The end cannot be before the start' },
  ROTA_SLOT_UNAVAILABLE: { zh: '该接待日不属于此联络站,已取消或已由其他活动记录', en: 'This reception day is not the station\'s, is cancelled or is already recorded by another activity' },
  ROTA_NEEDS_RECEPTION: { zh: '履行接待日轮值的活动应为“接待选民”', en: 'An activity holding a reception day must be of the kind “receiving constituents”' },
  PLACE_REQUIRED: { zh: '请选择一个联络站或一个行政区划(二选一)', en: 'Choose one station or one region, not both' },
  CASE_MERGE_TARGET: { zh: '只能并入另一件仍在办理中的意见', en: 'Merge only into another open case' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be later than today' },
  YEAR_IN_FUTURE: { zh: '该年度尚未开始', en: 'That year has not begun' },
  NOT_RANKED: { zh: '该代表不在本区域该年度的积分排名中', en: 'This deputy is not in the region\'s ranking for the year' },
  WEIGHTS_NOT_100: { zh: '各项指标的权重之和应为 100', en: 'The indicators\' weights must add up to 100' },
  GRADE_THRESHOLDS_ORDER: { zh: '一类的分数线应高于二类', en: 'The grade I threshold must be above the grade II one' },
  ROUND_START_TOO_EARLY: { zh: '新一届的开始日期应晚于本届的开始日期', en: 'The next term must start after the running term started' },
  ROUND_DEPUTY_MISSING: { zh: '每位本届代表都要确定连任或离任', en: 'Every deputy of the term must be marked re-elected or leaving' },
  ROUND_DEPUTY_NOT_SERVING: { zh: '该代表不是本届在任代表', en: 'Not a serving deputy of this term' },
  ROUND_DEPUTY_REPEATED: { zh: '该代表已列出', en: 'This deputy is listed already' },
  ROUND_LIAISON_NOT_LEAVING: { zh: '只有离任的代表才能聘为特邀联络员', en: 'Only a deputy who leaves can be made a special liaison' },
  ROUND_ROSTER_UNKNOWN: { zh: '找不到为本次换届上传的花名册', en: 'No roster uploaded for this round' },
  ROUND_ROSTER_NOT_READY: { zh: '花名册尚未检查完毕或已失效,请重新上传', en: 'The roster is not checked and ready; upload it again' },
  ROUND_ROSTER_HAS_ERRORS: { zh: '花名册中有错误的行,请修改后重新上传', en: 'The roster has rows with errors; fix the file and upload it again' },
  ROUND_ROSTER_LEAVING: { zh: '花名册中的这位代表被标为离任', en: 'This roster row is a deputy marked as leaving' },
  ROUND_MEMBER_UNKNOWN: { zh: '只能为连任代表、特邀联络员或花名册中的代表编组进站', en: 'Only re-elected deputies, special liaisons and roster rows are placed in stations here' },
  ROUND_STATION_UNKNOWN: { zh: '不是本行政区划内在用的联络站', en: 'Not an active station of the congress\'s region' },
  ROUND_SUCCESSOR_MISSING: { zh: '离任代表在该站还有未办结的意见,请指定接办代表', en: 'Leaving deputies hold open cases at this station: name a successor' },
  COMPLEX_NOT_LONGER: { zh: '复杂件的办理期限不能短于一般件', en: 'The time for a complex item cannot be shorter than for a normal one' },
  LEAD_ALSO_CO_UNIT: { zh: '主办单位不能同时作为会办单位', en: 'The lead unit cannot also be a co-unit' },
  ROUND_SUCCESSOR_INVALID: { zh: '接办代表须为换届后在任、且在该站的代表', en: 'The successor must serve after the round and sit in that station' },
  REQUIRED: { zh: '此项必填', en: 'This field is required' },
  TEXT_TOO_LONG: { zh: '内容超出允许的长度', en: 'The text is longer than allowed' },
  OPTION_INVALID: { zh: '请从给出的选项中选择', en: 'Choose one of the options given' },
  SCORE_RANGE: { zh: '评分应为 1 至 5 分的整数', en: 'A score is a whole number from 1 to 5' },
  WORKING_DAYS_RANGE: { zh: '办理期限应为 1 至 60 个工作日', en: 'The time allowed is 1 to 60 working days' },
  NOT_APPLICABLE: { zh: '此项不适用', en: 'This field does not apply here' },
  PHONE_INVALID: { zh: '请输入正确的手机号码', en: 'Enter a valid mainland mobile number' },
  TELEPHONE_INVALID: { zh: '电话号码只能包含数字、空格和 + - ( )', en: 'A telephone number may hold only digits, spaces and + - ( )' },
  REGION_CODE_INVALID: { zh: '行政区划代码格式不正确', en: 'Malformed region code' },
  DUPLICATE_VALUES: { zh: '不能有重复项', en: 'Duplicates are not allowed' },
  CURSOR_INVALID: { zh: '分页游标无效', en: 'Invalid page cursor' },
  EMPTY_PATCH: { zh: '没有需要修改的内容', en: 'Nothing to change' },
  SCOPE_MISMATCH: { zh: '角色与授权范围不匹配', en: 'The scope does not fit the role' },
  NOT_IN_SCOPE: { zh: '不在您的管辖范围内', en: 'Outside your area of responsibility' },
  UNKNOWN_REFERENCE: { zh: '引用的记录不存在', en: 'The referenced record does not exist' },
  NOT_ALLOWED_FOR_ROLE: { zh: '您的角色不能修改此项', en: 'Your role cannot change this field' },
  ENCODING_INVALID: { zh: '不是有效的 UTF-8 文本', en: 'Not valid UTF-8 text' },
  LONE_SURROGATE: { zh: '含有无效字符(孤立的 UTF-16 代理项)', en: 'Holds an invalid character (a lone UTF-16 surrogate)' },
  PASSWORD_TOO_WEAK: {
    zh: '密码至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'At least 10 characters from at least three of: upper case, lower case, digits, symbols',
  },
  PASSWORD_REUSED: { zh: '不能使用该账号最近 5 次用过的密码', en: 'This password is one of the account\'s last 5 passwords' },
} as const;
export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

/** A validation failure found by a command (after the schema passed): each entry names a field. */
export function invalidFields(entries: { path: string; code: FieldMessageCode }[]): AppError {
  return new AppError('VALIDATION_FAILED', {}, entries.map((e) => ({ ...e, message: FIELD_MESSAGES[e.code].en })));
}

/** Field messages in the client's language where the code is one of ours. */
export function localiseFields(fields: FieldError[], lang: 'zh' | 'en'): FieldError[] {
  return fields.map((f) => (Object.hasOwn(FIELD_MESSAGES, f.code) ? { ...f, message: FIELD_MESSAGES[f.code as FieldMessageCode][lang] } : f));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, fields?: FieldError[]) {
    super(`${code}: ${fill(errorSpec(code).en, details)}`);
    this.code = code;
    this.details = details;
    this.fields = fields;
  }

  get status(): number {
    return errorSpec(this.code).status;
  }
}

export type Lang = 'zh' | 'en';

/** Fills `{name}` placeholders; a detail given as `{ zh, en }` is shown in the message's language. */
function fill(template: string, details: Record<string, unknown>, lang: Lang = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = details[key];
    if (value && typeof value === 'object' && 'zh' in value && 'en' in value) return String((value as Record<Lang, unknown>)[lang]);
    return String(value ?? '');
  });
}

export function errorMessage(code: ErrorCode, lang: Lang, details: Record<string, unknown> = {}): string {
  return fill(errorSpec(code)[lang], details, lang);
}

/** zh-CN unless the client prefers English over Chinese in `Accept-Language`. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number.parseFloat(qParam.trim().slice(2)) : 1;
    const lang: Lang | null = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}
