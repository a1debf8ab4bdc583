import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of stations: code, HTTP status, message in zh-CN and en (see platform/errors.ts). */
export const STATIONS_ERRORS = {
  STATION_LOCATED_AT_HOME: {
    status: 400, zh: '异地联络点的所在地须在本站所属地区之外', en: 'A remote liaison point must stand outside its home region',
  },
  STATION_PARENT_CYCLE: { status: 400, zh: '上级站点不能是本站或其下级站点', en: 'A station cannot be its own ancestor' },
} as const satisfies Record<string, ErrorSpec>;

type StationsErrors = typeof STATIONS_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends StationsErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
