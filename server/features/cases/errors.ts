import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of cases: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const CASES_ERRORS = {
  CASE_TRANSITION_INVALID: {
    status: 409, zh: '当前状态({state})下不能执行“{actionLabel}”', en: 'Cannot “{actionLabel}” a case in state {state}',
  },
  CASE_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该件执行“{actionLabel}”', en: 'You may not “{actionLabel}” on this case' },
  RETURN_WINDOW_PASSED: { status: 409, zh: '已超过可退回期限(交办后 1 个工作日内)', en: 'The return window (1 working day after assignment) has passed' },
  RATING_WINDOW_CLOSED: { status: 409, zh: '评价期限(答复后 15 日内)已过', en: 'The rating window (15 days after the answer) has closed' },
  CASE_CANNOT_ESCALATE: { status: 409, zh: '已是最高一级,无法继续上报', en: 'There is no higher level to escalate to' },
  KEY_SUPERVISION_UNCHANGED: { status: 409, zh: '该件的重点督办标记已是所请求的状态', en: 'The case is already as asked: flagged or not for key supervision' },
  DEADLINE_TOO_LONG: { status: 400, zh: '办理期限不能超过该类别上限 {max} 个工作日', en: 'The deadline may not exceed {max} working days for this category' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '该幂等键已用于不同内容的提交', en: 'This Idempotency-Key was used for a different submission' },
  REPLY_ATTACHMENT_TYPE: {
    status: 400, zh: '附件“{name}”不是 PDF、JPEG、PNG 或 WebP 文件(按文件内容判断)', en: 'The attachment “{name}” is not a PDF, JPEG, PNG or WebP file (judged by its content)',
  },
  REPLY_ATTACHMENT_TOO_LARGE: {
    status: 413, zh: '附件“{name}”超出 {maxMb} MB 的上限(PDF 每个 10 MB,照片每个 5 MB,全部合计 20 MB)', en: 'The attachment “{name}” exceeds the {maxMb} MB limit (a PDF 10 MB, a photo 5 MB, 20 MB in all)',
  },
  REPLY_ATTACHMENTS_TOO_MANY: { status: 400, zh: '一次答复最多附 {max} 个附件', en: 'A reply or answer carries at most {max} attachments' },
  CASE_CONTACT_FORBIDDEN: { status: 403, zh: '您无权查看该件提出人的联系方式', en: 'You may not see the contact details of this case\'s submitter' },
  CASE_PLACE_OUTSIDE_STATION: {
    status: 400, zh: '意见所涉地点({regionCode})不在该联络站的辖区或成员地区内', en: 'The place of the case ({regionCode}) lies outside the station\'s home and member regions',
  },
  CASE_UNIT_WRONG_SIDE: {
    status: 400, zh: '该件属地在{side},应交办给该方的承办单位', en: 'The case\'s place lies on the {side} side: assign it to a unit of that side',
  },
  TARGET_NOT_FOUND: { status: 404, zh: '找不到该联络站或代表', en: 'No such station or deputy' },
  OPEN311_UNROUTABLE: {
    status: 400, zh: '无法确定由哪个联络站受理:请在 address_string 中写明所在乡镇或县(区),或给出 station_id(仅凭坐标无法定位)',
    en: 'Cannot tell which station receives this: name the town or county in address_string, or give station_id (coordinates alone cannot be placed)',
  },
  LOOKUP_FAILED: { status: 404, zh: '受理编号与查询码(或手机尾号)不符,请核对后重试', en: 'No case matches this tracking code with this PIN (or phone digits); check them and try again' },
  LOOKUP_LOCKED: {
    status: 423, zh: '该编号查询失败次数过多,已锁定。请用完整查询链接打开,或联系联络站工作人员解锁', en: 'Too many failed look-ups: this code is locked. Open the full link, or ask the station\'s staff to unlock it',
  },
} as const satisfies Record<string, ErrorSpec>;

type CasesErrors = typeof CASES_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends CasesErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
