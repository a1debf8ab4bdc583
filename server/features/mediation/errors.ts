import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of mediation rooms; each has its row in the README. */
export const MEDIATION_ERRORS = {
  MEDIATION_STATION_INVALID: { status: 400, zh: '只能在您负责的联络站登记调解', en: 'Mediations are recorded at a station you run' },
  MEDIATION_CLOSED: { status: 409, zh: '该调解已结案,不能再修改', en: 'This mediation is closed' },
  MEDIATION_NO_SESSION: { status: 409, zh: '尚未记录调解会,不能结案', en: 'No mediation session has been recorded yet' },
  MEDIATION_DEPUTY_INVALID: { status: 400, zh: '出席的代表须为本站代表', en: 'The deputies present must be deputies of this station' },
  MEDIATION_SESSION_FUTURE: { status: 400, zh: '调解会日期不能晚于今天,也不能早于受理日期', en: 'A session is held between the day received and today' },
  MEDIATION_CONTACT_FORBIDDEN: { status: 403, zh: '您不能查看当事人的联系方式', en: 'You may not reveal the parties\' contact details' },
  MEDIATION_NO_AGREEMENT: { status: 404, zh: '该调解没有协议书', en: 'This mediation has no agreement document' },
  MEDIATION_AGREEMENT_OUTCOME: { status: 409, zh: '只有调解成功的案件才有调解协议书', en: 'Only a mediation that reached agreement has an agreement document' },
} as const satisfies Record<string, ErrorSpec>;

type MediationErrors = typeof MEDIATION_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends MediationErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
