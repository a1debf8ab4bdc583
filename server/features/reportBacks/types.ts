import type { Selectable } from 'kysely';
import type { ReportBackTable } from '../../platform/db/schemaReportBacks.js';

export type { ReportBackCadence, ReportBackLevel, ReportBackRating, ReportBackState } from '../../platform/db/schemaReportBacks.js';
export type ReportBackRow = Selectable<ReportBackTable>;
