import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of the former deputies' roster; each has its row in the README. */
export const FORMER_DEPUTY_ERRORS = {
  FORMER_DEPUTY_NOT_FORMER: { status: 409, zh: '该代表不是往届代表', en: 'This deputy is not a former deputy' },
  FORMER_DEPUTY_STATION_INVALID: { status: 400, zh: '代表之家须为您负责、且该往届代表所在的联络站', en: 'The deputies\' home must be a station you run that the former deputy belongs to' },
  FORMER_DEPUTY_NO_CARD: { status: 409, zh: '该往届代表尚未登记入册、颁发特邀联络员证', en: 'This former deputy is not on the roster with a special liaison card yet' },
  FORMER_OPINION_HANDLED: { status: 409, zh: '该意见已答复或已转交', en: 'This opinion has been answered or carried already' },
  FORMER_OPINION_CARRIER_INVALID: { status: 400, zh: '转交代表须为该站的现届代表', en: 'The carrying deputy must be a current deputy of the station' },
} as const satisfies Record<string, ErrorSpec>;

type FormerDeputyErrors = typeof FORMER_DEPUTY_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends FormerDeputyErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
