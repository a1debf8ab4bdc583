import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of cross-province stations; each has its row in the README. */
export const CROSS_PROVINCE_ERRORS = {
  CROSS_PROVINCE_PARTY_INVALID: { status: 400, zh: '协议方须为联络站的成员乡镇或县(区)人大,且不得重复', en: 'A party is a member town or county of the station, each named once' },
  CROSS_PROVINCE_DATES_INVALID: { status: 400, zh: '日期不合理:有效期止不得早于起,加入日期不得早于签订日期', en: 'The dates do not fit: validity ends after it starts, and no party joins before signing' },
  CROSS_PROVINCE_FILE_TYPE: { status: 400, zh: '文件“{name}”须为 PDF 或图片', en: 'The file “{name}” must be a PDF or a photo' },
  CROSS_PROVINCE_FILE_TOO_LARGE: { status: 400, zh: '文件“{name}”超过 {maxMb} MB', en: 'The file “{name}” is larger than {maxMb} MB' },
  CROSS_PROVINCE_NO_PARTIES: { status: 409, zh: '联络站尚无协议方,无法排轮值', en: 'The station has no agreement parties to draw up a rota from' },
  CROSS_PROVINCE_MEETING_STATE: { status: 409, zh: '联席会议当前状态下不能进行此操作', en: 'The joint meeting does not allow this in its current state' },
  CROSS_PROVINCE_MEETING_NOT_HELD: { status: 409, zh: '会议尚未举行:会议时间不能晚于当前时间', en: 'The meeting has not taken place yet: its time cannot be later than now' },
  CROSS_PROVINCE_NOT_CHAIR: { status: 403, zh: '只有本季度轮值方和牵头方可以修改', en: 'Only this quarter’s chair side and the host may change this' },
  CROSS_PROVINCE_CHAIR_INVALID: { status: 400, zh: '轮值主席须为该协议方乡镇(县区)的现任人大代表', en: 'A party’s chair must be a current deputy of that party’s town or county' },
  CROSS_PROVINCE_LINK_INVALID: { status: 400, zh: '关联的群众意见或代表建议不存在或不在您的范围内', en: 'A linked case or suggestion does not exist or is out of your reach' },
  CROSS_PROVINCE_KINDS_INVALID: { status: 400, zh: '请为每项频次指标选择计入的活动类型', en: 'Choose the activity kinds that count for each measure' },
} as const satisfies Record<string, ErrorSpec>;

type CrossProvinceErrors = typeof CROSS_PROVINCE_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends CrossProvinceErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
