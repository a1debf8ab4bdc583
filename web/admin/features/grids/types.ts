/** The grid records as the server presents them (GET /api/grids/…). */
import type { Answer, Schemas } from '../../../shared/api.js';

export type GridCellItem = Schemas['GridCellItem'];
export type GridCell = Schemas['GridCell'];
export type GridCoverage = Schemas['GridCoverage'];
export type GridWhistle = Schemas['GridWhistle'];
export type GridTeam = Schemas['GridTeam'];
export type GridCells = Answer<'/api/grids/cells'>;
export type GridWhistles = Answer<'/api/grids/whistles'>;
export type GridTeams = Answer<'/api/grids/teams'>;
export type CaseCategories = Answer<'/api/case-categories'>;
