/**
 * Writing 考核评价: a region's assessment scheme from a year on, and confirming a station's
 * assessment for a year — a stored snapshot that may also set the station's grade, through the
 * same station update (and audit record) as editing the station by hand.
 */
import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { schemeProblems, type AssessmentScheme } from './scheme.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { ref, regionManageable, regionOrNationManageable, stationManageable, stationVisible } from '../../platform/access/scope.js';
import { assessStations } from './queries.js';
import { currentYear } from '../points/index.js';
import { updateStation } from '../stations/index.js';
import { now } from '../../platform/clock.js';

export interface SchemeInput extends AssessmentScheme {
  regionCode: string | null;
  fromYear: number;
  note: string;
  /** Replacing the scheme of the same region and year: the version read. */
  version: number | null;
}

/** Saves a region's scheme from a year on (the nationwide default for administrators); answers its id. */
export async function saveScheme(ctx: WriteContext, input: SchemeInput): Promise<number> {
  let region: { code: string | null; path: string };
  if (input.regionCode === null) {
    if (!regionOrNationManageable(ctx.actor, '')) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
    region = { code: null, path: '' };
  } else {
    const found = await ctx.trx.selectFrom('region').select(['code', 'path']).where('code', '=', input.regionCode).executeTakeFirst();
    if (!found) throw invalidFields([{ path: 'regionCode', code: 'UNKNOWN_REFERENCE' }]);
    if (!regionManageable(ctx.actor, found.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
    region = found;
  }
  const problems = schemeProblems(input);
  if (problems.length) throw invalidFields(problems);
  const existing = await ctx.trx.selectFrom('assessment_scheme').selectAll()
    .where('region_path', '=', region.path).where('from_year', '=', input.fromYear).forUpdate().executeTakeFirst();
  const values = { indicators: JSON.stringify(input.indicators), grades: JSON.stringify(input.grades), note: input.note };
  let id: number;
  if (existing) {
    if (input.version !== existing.version) throw new AppError('CONFLICT', { currentVersion: existing.version });
    await ctx.trx.updateTable('assessment_scheme').set({ ...values, updated_at: now(), version: sql`version + 1` }).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    ({ id } = await ctx.trx.insertInto('assessment_scheme').values({
      ...values, region_code: region.code, region_path: region.path, from_year: input.fromYear, created_by_account_id: ctx.actor.accountId || null,
    }).returning('id').executeTakeFirstOrThrow());
  }
  await recordAudit(ctx, {
    action: existing ? 'assessment.scheme.update' : 'assessment.scheme.create', entityType: 'assessment_scheme', entityId: id,
    before: existing && { indicators: existing.indicators, grades: existing.grades, note: existing.note },
    after: { regionCode: region.code, fromYear: input.fromYear, indicators: input.indicators, grades: input.grades, note: input.note },
  });
  return id;
}

export interface ConfirmInput {
  year: number;
  /** Also set the station's grade (一类/二类/三类) to the one assessed. */
  applyGrade: boolean;
  /** Changing a confirmed assessment: the version read. */
  version: number | null;
}

/**
 * Confirms a station's assessment for a year as computed now, by the staff who manage the
 * station. Confirming again (with the version read) replaces the snapshot.
 */
export async function confirmAssessment(ctx: WriteContext, stationId: number, input: ConfirmInput): Promise<void> {
  const station = await ctx.trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.name', 's.grade', 's.version', 's.checklist', 'h.region_path as home_path', stationManageable(ctx.actor, ref('h.region_path')).as('manageable')])
    .where('s.id', '=', stationId).where(stationVisible(ctx.actor, ref('s.id'))).forUpdate('s').executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
  if (!station.manageable) throw new AppError('FORBIDDEN');
  if (input.year > currentYear()) throw invalidFields([{ path: 'year', code: 'YEAR_IN_FUTURE' }]);
  const existing = await ctx.trx.selectFrom('station_assessment').selectAll()
    .where('station_id', '=', stationId).where('year', '=', input.year).forUpdate().executeTakeFirst();
  if (existing && input.version !== existing.version) throw new AppError('CONFLICT', { currentVersion: existing.version });

  const [result] = await assessStations(ctx.trx, ctx.actor, input.year, [{ ...station, manageable: true }]);
  const { scheme, indicators, score, grade } = result!;
  // The station's grade changes the way any edit of the station does: checked, versioned, audited.
  const applied = input.applyGrade;
  if (applied && station.grade !== grade) await updateStation(ctx, stationId, station.version, { grade });

  const snapshot = {
    scheme_id: scheme.id, indicators: JSON.stringify(indicators), grades: JSON.stringify(scheme.grades), score, grade, grade_applied: applied,
    confirmed_by_account_id: ctx.actor.accountId || null, confirmed_by_name: ctx.actor.displayName, confirmed_at: now(),
  };
  let id: number;
  if (existing) {
    await ctx.trx.updateTable('station_assessment').set({ ...snapshot, version: sql`version + 1` }).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    ({ id } = await ctx.trx.insertInto('station_assessment').values({ ...snapshot, station_id: stationId, year: input.year }).returning('id').executeTakeFirstOrThrow());
  }
  await recordAudit(ctx, {
    action: existing ? 'assessment.reconfirm' : 'assessment.confirm', entityType: 'station_assessment', entityId: id,
    before: existing && { score: Number(existing.score), grade: existing.grade, gradeApplied: existing.grade_applied, indicators: existing.indicators },
    after: { stationId, year: input.year, schemeId: scheme.id, score, grade, gradeApplied: applied, previousGrade: station.grade, indicators },
  });
}
