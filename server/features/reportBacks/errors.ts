import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of report-backs: code, HTTP status, message in zh-CN and en (each also in the README's error table). */
export const REPORT_BACK_ERRORS = {
  REPORT_BACK_TRANSITION_INVALID: { status: 409, zh: '述职当前为“{stateLabel}”,不能执行“{stepLabel}”', en: 'Cannot “{stepLabel}” a report-back that is {stateLabel}' },
  REPORT_BACK_EVALUATION_CLOSED: { status: 409, zh: '本次述职测评未开放或已结束', en: 'The evaluation of this report-back is not open' },
  REPORT_BACK_BEFORE_MEETING_DAY: { status: 409, zh: '述职会议在{meetingDay}举行,当天起才能开始测评', en: 'The meeting is on {meetingDay}: the evaluation opens from that day' },
  REPORT_BACK_ALREADY_EVALUATED: { status: 409, zh: '该手机已对本次述职作出评价,每部手机只能评价一次', en: 'This phone has evaluated this report-back already: one evaluation per phone' },
  REPORT_BACK_KEY_UNKNOWN: { status: 404, zh: '测评二维码无效,请扫描会场上的二维码', en: 'Unknown evaluation link: scan the QR code shown at the meeting' },
  REPORT_BACK_NO_KEY: { status: 409, zh: '测评尚未开始,还没有测评二维码', en: 'The evaluation has not been opened: there is no QR code yet' },
  REPORT_BACK_DEPUTY_INVALID: { status: 400, zh: '该代表不是所选人大的现任代表,或不在您的管辖范围内', en: 'The deputy is not a serving deputy of that congress, or is outside your scope' },
  REPORT_BACK_CONGRESS_INVALID: { status: 400, zh: '人大的级别与所选区域不符,或不在您的管辖范围内', en: 'The congress’s level does not match the region, or the region is outside your scope' },
  REPORT_BACK_ACTIVITY_INVALID: { status: 400, zh: '所选活动不是您可见的“述职”活动,或已关联其他述职', en: 'The activity is not a report-back activity in your reach, or is linked already' },
  REPORT_BACK_ISSUE_TRANSITION_INVALID: { status: 409, zh: '该问题当前为“{stateLabel}”,不能执行“{stepLabel}”', en: 'Cannot “{stepLabel}” an issue that is {stateLabel}' },
  REPORT_BACK_ISSUE_EVALUATION_UNKNOWN: { status: 400, zh: '所选评价意见不属于本次述职', en: 'That evaluation is not one of this report-back' },
} as const satisfies Record<string, ErrorSpec>;

type ReportBackErrors = typeof REPORT_BACK_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends ReportBackErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
