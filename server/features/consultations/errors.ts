import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of consultations: code, HTTP status, message in zh-CN and en (each also in the README's error table). */
export const CONSULTATION_ERRORS = {
  CONSULTATION_TRANSITION_INVALID: { status: 409, zh: '议题当前为“{stateLabel}”,不能执行“{stepLabel}”', en: 'Cannot “{stepLabel}” a topic that is {stateLabel}' },
  CONSULTATION_NOT_DRAFT: { status: 409, zh: '议题已发布,不能再修改内容', en: 'The topic is published: its content can no longer change' },
  CONSULTATION_WINDOW_CLOSED: { status: 409, zh: '该议题的征询时间为 {opensOn} 至 {closesOn},当前不在征询期内', en: 'Views are taken from {opensOn} to {closesOn}: the consultation is not open now' },
  CONSULTATION_WINDOW_INVALID: { status: 400, zh: '征询截止日期不能早于开始日期', en: 'The window closes before it opens' },
  CONSULTATION_NO_STATIONS: { status: 400, zh: '请至少选择一个征询的联络站(或所选区域内没有联络站)', en: 'Choose at least one station to ask (or the region has none)' },
  CONSULTATION_STATION_OUTSIDE: { status: 400, zh: '联络站“{name}”不在该人大常委会所辖区域内', en: 'The station “{name}” is outside the committee’s region' },
  CONSULTATION_STATION_NOT_ASKED: { status: 409, zh: '该联络站不在本议题征询范围内', en: 'That station is not asked about this topic' },
  CONSULTATION_STATION_FORBIDDEN: { status: 403, zh: '您只能为本人所在的联络站登记意见', en: 'You may gather views only for your own stations' },
  CONSULTATION_QUESTION_UNKNOWN: { status: 400, zh: '所答问题不属于该议题', en: 'The question answered is not one of this topic' },
  CONSULTATION_ANSWERS_EMPTY: { status: 400, zh: '请至少填写一条意见', en: 'Write at least one answer' },
  CONSULTATION_CONGRESS_INVALID: { status: 400, zh: '人大常委会的级别与所选区域不符,或不在您的管辖范围内', en: 'The committee’s level does not match the region, or the region is outside your scope' },
  CONSULTATION_ACTIVITY_LINKED: { status: 409, zh: '该活动已关联本议题', en: 'That activity is linked to this topic already' },
  CONSULTATION_ACTIVITY_NO_STATION: { status: 409, zh: '该活动不属于任何联络站,不能作为征询活动', en: 'That activity belongs to no station and cannot gather views' },
  CONSULTATION_CASE_UNKNOWN: { status: 404, zh: '找不到该群众意见,或您无权查看', en: 'No such case in your reach' },
  CONSULTATION_CONTACT_FORBIDDEN: { status: 403, zh: '您无权查看该群众的联系方式', en: 'You may not see this constituent’s contact details' },
  CONSULTATION_RECEIPT_UNKNOWN: { status: 404, zh: '回执码不正确,请核对后再试', en: 'Unknown receipt code: check it and try again' },
  CONSULTATION_FILE_TYPE: { status: 400, zh: '文件“{name}”不是 PDF 或图片', en: 'The file “{name}” is not a PDF or an image' },
  CONSULTATION_FILE_TOO_LARGE: { status: 400, zh: '文件“{name}”超过 {maxMb} MB', en: 'The file “{name}” is larger than {maxMb} MB' },
} as const satisfies Record<string, ErrorSpec>;

type ConsultationErrors = typeof CONSULTATION_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends ConsultationErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
