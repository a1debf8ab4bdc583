/**
 * The report-back records as the server presents them (GET /api/report-backs/…), by their
 * schema names in the generated API types.
 */
import type { Answer, Schemas } from '../../../shared/api.js';

export type CongressOption = Schemas['ReportBackCongress'];
export type Plan = Schemas['ReportBackPlan'];
export type PlanRow = Plan['deputies'][number];
export type ReportBackItem = Schemas['ReportBackItem'];
export type ReportBack = Schemas['ReportBack'];
export type Counts = ReportBack['evaluation']['counts'];
export type Live = Schemas['ReportBackLive'];
export type EvaluationRow = Schemas['ReportBackEvaluation'];
export type Issue = Schemas['ReportBackIssue'];
export type ReportVersions = Answer<'/api/report-backs/{id}/report'>;
export type ReportText = NonNullable<ReportVersions['current']>;
export type ActivityCandidate = Answer<'/api/report-backs/activity-candidates'>[number];
