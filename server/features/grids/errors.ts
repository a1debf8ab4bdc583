import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of grids; each has its row in the README. */
export const GRID_ERRORS = {
  GRID_STATION_INVALID: { status: 400, zh: '网格所属联络站须在您管辖范围内,且服务于网格所在乡镇', en: 'The cell’s station must be in your reach and serve the cell’s town' },
  GRID_DEPUTY_INVALID: { status: 400, zh: '只能把您管辖范围内的现任代表编入网格', en: 'Only current deputies in your reach can be attached to a cell' },
  GRID_WORKER_INVALID: { status: 400, zh: '只能把您管辖范围内的网格员账号编入网格或服务小组', en: 'Only grid-worker accounts in your reach can be attached to a cell or team' },
  GRID_CELL_TAKEN: { status: 409, zh: '该村(社区)已有同名网格', en: 'The village already has a cell of that name' },
  GRID_LOCATION_REQUIRED: { status: 400, zh: '请提供手机定位或填写地点说明', en: 'Give the phone’s location or describe the place' },
  GRID_TEAM_TAKEN: { status: 409, zh: '该联络站已有同名服务小组', en: 'The station already has a team of that name' },
  GRID_PATROL_MEMBER_INVALID: { status: 400, zh: '巡查人员须为本服务小组成员', en: 'Patrol members must belong to the team' },
} as const satisfies Record<string, ErrorSpec>;

type GridErrors = typeof GRID_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends GridErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
