import { sql, type Kysely } from 'kysely';
import { POINT_SOURCES, ruleLabel } from '../../../common/points.js';
import type { DB } from '../../platform/db/schema.js';
import { fromCents, proposeStars, rankByTotal } from './scoring.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { requireRegionRulesReadable } from '../../platform/access/regionRules.js';
import { deputyVisible, ref, regionManageable, regionOrNationManageable, stationVisible } from '../../platform/access/scope.js';
import { bonusColumns, bonusVisible, defaultRanking, ledgerReadable, starsReadableByStation } from './access.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { ledgerEntries, loadRuleSets, pointTotals, storedRules, type LedgerEntry } from './facts.js';
import { now as clockNow } from '../../platform/clock.js';

export const currentYear = (now = clockNow()): number => Number(shanghaiDate(now).slice(0, 4));

/** The back-office page of what a ledger entry comes from (a bonus has none). */
function refLink(ref: LedgerEntry['ref']): string | null {
  switch (ref.type) {
    case 'bonus': return null;
    case 'activity': return `/activities/${ref.id}`;
    case 'case': return `/cases/${ref.id}`;
    case 'consultation': return `/consultations/${ref.id}`;
    case 'budget_review': return `/budget/${ref.id}`;
    case 'livelihood_project': return `/livelihood/projects/${ref.id}`;
    case 'livelihood_round': return `/livelihood/${ref.id}`;
    case 'report_back': return `/report-backs/${ref.id}`;
    case 'mediation': return `/mediation/${ref.id}`;
    default: return `/suggestions/${ref.id}`;
  }
}

function presentEntry(e: LedgerEntry) {
  return {
    date: e.date,
    source: e.source,
    sourceLabel: POINT_SOURCES.labels[e.source],
    ref: { ...e.ref, link: refLink(e.ref) },
    station: e.station,
    rule: e.rule && { ...e.rule, label: ruleLabel(e.rule.key) },
    note: e.note,
    points: fromCents(e.cents),
  };
}

// ── rankings ────────────────────────────────────────────────────────────────────────────────

export type RankingScope =
  | { kind: 'region'; code: string; path: string; name: string }
  | { kind: 'station'; id: number; name: string; path: string }
  | { kind: 'all' };

/**
 * The scope of a ranking as the reader may read it: a region for administrators and the staff
 * whose subtree holds it, a station for anyone who sees it. Anything else answers 404 like a
 * missing record. Without either: staff their region, administrators everything, officers and
 * deputies their first station.
 */
export async function rankingScope(db: Kysely<DB>, actor: Actor, q: { regionCode?: string | undefined; stationId?: number | undefined }): Promise<RankingScope> {
  if (q.stationId !== undefined) {
    const station = await db.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['s.id', 's.name', 'h.region_path']).where('s.id', '=', q.stationId).where(stationVisible(actor, ref('s.id'))).executeTakeFirst();
    if (!station) throw new AppError('NOT_FOUND');
    return { kind: 'station', id: station.id, name: station.name, path: station.region_path };
  }
  const fallback = defaultRanking(actor);
  const code = q.regionCode ?? (fallback && fallback !== 'all' ? fallback.regionCode : null);
  if (code) {
    const region = await db.selectFrom('region').select(['code', 'path', 'full_name']).where('code', '=', code).executeTakeFirst();
    if (!region) throw new AppError('REGION_NOT_FOUND', { code });
    if (!regionManageable(actor, region.path)) throw new AppError('NOT_FOUND');
    return { kind: 'region', code: region.code, path: region.path, name: region.full_name };
  }
  if (fallback === 'all') return { kind: 'all' };
  const first = await db.selectFrom('station as s').select('s.id').where(stationVisible(actor, ref('s.id'))).where('s.active', '=', true)
    .orderBy('s.id').limit(1).executeTakeFirst();
  if (!first) throw new AppError('NOT_FOUND');
  return rankingScope(db, actor, { stationId: first.id });
}

/**
 * The deputies a ranking lists even without points: current deputies of the stations in its
 * scope, except those who came in by an election round (换届) and held no seat during the year:
 * a deputy elected at a later round is not listed in the years before it. Seats recorded
 * before rounds existed, or by hand, carry no such dates and are listed as before.
 */
async function members(db: Kysely<DB>, scope: RankingScope, year: number): Promise<number[]> {
  if (scope.kind === 'all') return [];
  let q = db.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
    .select('d.id').distinct().where('d.active', '=', true).where('d.status', '=', 'current')
    .where(sql<boolean>`(not exists (select 1 from deputy_term dt where dt.deputy_id = d.id)
      or exists (select 1 from deputy_term dt where dt.deputy_id = d.id and dt.joined_by = 'recorded')
      or exists (select 1 from deputy_term dt join congress_term t on t.id = dt.term_id where dt.deputy_id = d.id
        and t.starts_on <= ${`${year}-12-31`}::date and (t.ends_on is null or t.ends_on >= ${`${year}-01-01`}::date)))`);
  q = scope.kind === 'station'
    ? q.where('ds.station_id', '=', scope.id)
    : q.where(sql<boolean>`exists (select 1 from station_region h join station st on st.id = h.station_id
        where h.station_id = ds.station_id and h.is_home and st.active and h.region_path like ${`${scope.path}%`})`);
  return (await q.execute()).map((r) => r.id);
}

export interface RankingRow { rank: number; deputy: { id: number; name: string }; serving: boolean; stations: string[]; points: number; entries: number; cents: number }

/**
 * Points earned in a region (facts placed in its subtree) or at a station in a year, per
 * deputy, ranked with ties sharing a rank. Each year starts from zero; earlier years stay
 * readable by asking for them.
 */
export async function pointsRanking(db: Kysely<DB>, actor: Actor, year: number, scope: RankingScope): Promise<RankingRow[]> {
  const totals = await pointTotals(db, actor, {
    year,
    ...(scope.kind === 'region' && { regionPath: scope.path }),
    ...(scope.kind === 'station' && { stationId: scope.id }),
  });
  for (const id of await members(db, scope, year)) if (!totals.has(id)) totals.set(id, { cents: 0, entries: 0 });
  const ids = [...totals.keys()];
  if (!ids.length) return [];
  const people = new Map((await db.selectFrom('deputy').select(['id', 'name', 'status', 'active']).where('id', 'in', ids).execute())
    .map((d) => [d.id, { name: d.name, serving: d.active && d.status === 'current' }]));
  let stationsQuery = db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['ds.deputy_id', 's.name']).where('ds.deputy_id', 'in', ids).orderBy('s.id');
  if (scope.kind === 'station') stationsQuery = stationsQuery.where('s.id', '=', scope.id);
  if (scope.kind === 'region') stationsQuery = stationsQuery.where('h.region_path', 'like', `${scope.path}%`);
  const stations = new Map<number, string[]>();
  for (const s of await stationsQuery.execute()) stations.set(s.deputy_id, [...(stations.get(s.deputy_id) ?? []), s.name]);
  const rows = ids.map((id) => ({ id, name: people.get(id)?.name ?? '', serving: people.get(id)?.serving ?? false, ...totals.get(id)! }));
  return rankByTotal(rows, (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)).map((r) => ({
    rank: r.rank, deputy: { id: r.id, name: r.name }, serving: r.serving, stations: stations.get(r.id) ?? [],
    points: fromCents(r.cents), entries: r.entries, cents: r.cents,
  }));
}

export function presentScope(scope: RankingScope) {
  if (scope.kind === 'region') return { kind: scope.kind, region: { code: scope.code, fullName: scope.name }, station: null };
  if (scope.kind === 'station') return { kind: scope.kind, region: null, station: { id: scope.id, name: scope.name } };
  return { kind: scope.kind, region: null, station: null };
}

// ── a deputy's ledger ───────────────────────────────────────────────────────────────────────

const HISTORY_YEARS = 10;

/**
 * One deputy's points for a year, every entry with where it came from, and the totals of the
 * years before (each year on its own: totals start from zero every year). A deputy reads only
 * their own ledger; staff and officers read the entries placed within their reach.
 */
export async function deputyLedger(db: Kysely<DB>, actor: Actor, deputyId: number, year: number) {
  const deputy = await db.selectFrom('deputy as d').select(['d.id', 'd.name'])
    .where('d.id', '=', deputyId).where(deputyVisible(actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!deputy || !ledgerReadable(actor, deputyId)) throw new AppError('NOT_FOUND');
  const sets = await loadRuleSets(db);
  const [entries, all] = await Promise.all([
    ledgerEntries(db, actor, { year, deputyIds: [deputyId] }, sets),
    ledgerEntries(db, actor, { year: null, deputyIds: [deputyId] }, sets),
  ]);
  const byYear = new Map<number, number>();
  for (const e of all) byYear.set(Number(e.date.slice(0, 4)), (byYear.get(Number(e.date.slice(0, 4))) ?? 0) + e.cents);
  const thisYear = currentYear();
  const years = Array.from({ length: HISTORY_YEARS }, (_, i) => thisYear - i)
    .filter((y) => byYear.has(y) || y === thisYear || y === year)
    .map((y) => ({ year: y, points: fromCents(byYear.get(y) ?? 0) }));
  const bySource = new Map<string, number>();
  for (const e of entries) bySource.set(e.source, (bySource.get(e.source) ?? 0) + e.cents);
  return {
    deputy: { id: deputy.id, name: deputy.name },
    year,
    total: fromCents(entries.reduce((n, e) => n + e.cents, 0)),
    bySource: [...bySource].map(([source, cents]) => ({ source, sourceLabel: POINT_SOURCES.labels[source as LedgerEntry['source']], points: fromCents(cents) })),
    years,
    stars: await deputyStars(db, actor, deputyId, year),
    entries: entries.map(presentEntry),
  };
}

/**
 * The confirmed 履职之星 awards of a year that name the deputy, as recorded (rank and total
 * then), of the regions whose award the reader may read (those who manage the region, and the
 * officers and deputies of its stations): the award is announced to the deputy on their ledger.
 */
async function deputyStars(db: Kysely<DB>, actor: Actor, deputyId: number, year: number) {
  const rows = await db.selectFrom('point_star as ps').innerJoin('point_star_award as a', 'a.id', 'ps.award_id').innerJoin('region as r', 'r.code', 'a.region_code')
    .select(['a.region_code', 'a.region_path', 'r.full_name', 'ps.rank', sql<number>`ps.total::float8`.as('total')])
    .where('ps.deputy_id', '=', deputyId).where('a.year', '=', year).orderBy(sql`length(a.region_path)`).execute();
  const readable: typeof rows = [];
  for (const r of rows) if (await starsReadable(db, actor, r.region_path)) readable.push(r);
  return readable.map((r) => ({ region: { code: r.region_code, fullName: r.full_name }, rank: r.rank, points: Number(r.total) }));
}

// ── rules ───────────────────────────────────────────────────────────────────────────────────

/**
 * The rule versions that bear on a region: its own and its ancestors' (the nationwide default
 * included), newest first, with the one in force today marked. Rules are published policy:
 * every account that reads points may read any region's.
 */
export async function ruleVersions(db: Kysely<DB>, actor: Actor, regionCode: string | null, today = shanghaiDate(clockNow())) {
  const path = regionCode ? await regionPathOf(db, regionCode) : '';
  await requireRegionRulesReadable(db, actor, path);
  const region = regionCode ? await db.selectFrom('region').select(['code', 'full_name']).where('code', '=', regionCode).executeTakeFirstOrThrow() : null;
  const rows = await db.selectFrom('point_rule_set as rs').leftJoin('region as r', 'r.code', 'rs.region_code').leftJoin('account as a', 'a.id', 'rs.created_by_account_id')
    .select(['rs.id', 'rs.region_code', 'rs.region_path', 'r.full_name', 'rs.effective_from', 'rs.rules', 'rs.rules_format', 'rs.note', 'rs.version', 'rs.created_at', 'rs.updated_at', 'a.display_name'])
    .where(sql<boolean>`${path} like rs.region_path || '%'`)
    .orderBy('rs.effective_from', 'desc').orderBy(sql`length(rs.region_path)`, 'desc').execute();
  const inForce = rows.filter((r) => r.effective_from <= today).sort((a, b) => b.region_path.length - a.region_path.length || b.effective_from.localeCompare(a.effective_from))[0];
  return {
    region: region ? { code: region.code, fullName: region.full_name } : null,
    inForceId: inForce?.id ?? null,
    versions: rows.map((r) => ({
      id: r.id,
      region: r.region_code ? { code: r.region_code, fullName: r.full_name ?? '' } : null,
      inherited: r.region_path !== path,
      effectiveFrom: r.effective_from, rules: storedRules(r), note: r.note, version: r.version,
      createdBy: r.display_name, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      abilities: regionOrNationManageable(actor, r.region_path) ? ['update' as const] : [],
    })),
    abilities: regionOrNationManageable(actor, path) ? ['create' as const] : [],
  };
}

// ── bonuses ─────────────────────────────────────────────────────────────────────────────────

export interface BonusFilters { id?: number; year?: number | undefined; deputyId?: number | undefined; regionCode?: string | undefined; limit: number; cursor?: string | undefined }

/** Bonuses and deductions in the reader's reach, newest first; withdrawn ones stay listed. */
export async function listBonuses(db: Kysely<DB>, actor: Actor, f: BonusFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('point_bonus as b').innerJoin('deputy as d', 'd.id', 'b.deputy_id').innerJoin('region as r', 'r.code', 'b.region_code')
    .leftJoin('station as s', 's.id', 'b.station_id').leftJoin('account as c', 'c.id', 'b.created_by_account_id')
    .leftJoin('account as v', 'v.id', 'b.voided_by_account_id')
    .select([
      'b.id', 'b.deputy_id', 'd.name as deputy_name', 'b.region_code', 'r.full_name as region_name', 'b.region_path', 'b.station_id', 's.name as station_name',
      'b.on_date', sql<number>`b.points::float8`.as('points'), 'b.reason', 'c.display_name as created_by', 'b.created_at',
      'b.voided_at', 'v.display_name as voided_by', 'b.void_reason',
    ])
    .where(bonusVisible(actor, bonusColumns('b')))
    .orderBy('b.id', 'desc').limit(f.limit + 1);
  if (f.id) q = q.where('b.id', '=', f.id);
  if (f.year) q = q.where('b.on_date', '>=', `${f.year}-01-01`).where('b.on_date', '<=', `${f.year}-12-31`);
  if (f.deputyId) q = q.where('b.deputy_id', '=', f.deputyId);
  if (f.regionCode) q = q.where('b.region_path', 'like', `${await regionPathOf(db, f.regionCode)}%`);
  if (after !== null) q = q.where('b.id', '<', after);
  const rows = await q.execute();
  return toPage(rows, f.limit, (r) => r.id, (r) => ({
    id: r.id, deputy: { id: r.deputy_id, name: r.deputy_name }, region: { code: r.region_code, fullName: r.region_name },
    station: r.station_id ? { id: r.station_id, name: r.station_name ?? '' } : null,
    date: r.on_date, points: Number(r.points), reason: r.reason, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    voided: r.voided_at ? { at: r.voided_at.toISOString(), by: r.voided_by, reason: r.void_reason ?? '' } : null,
    abilities: !r.voided_at && regionManageable(actor, r.region_path) ? ['void' as const] : [],
  }));
}

// ── 履职之星 ─────────────────────────────────────────────────────────────────────────────────

/**
 * Who may read a region's stars: those who manage its points, and the officers and deputies of
 * a station inside it (the award is announced to them).
 */
async function starsReadable(db: Kysely<DB>, actor: Actor, path: string): Promise<boolean> {
  if (regionManageable(actor, path)) return true;
  if (!starsReadableByStation(actor)) return false;
  const hit = await db.selectFrom('station_region as sr').select('sr.station_id')
    .where('sr.region_path', 'like', `${path}%`).where(stationVisible(actor, ref('sr.station_id'))).limit(1).executeTakeFirst();
  return Boolean(hit);
}

/**
 * A region's 履职之星 for a year: the confirmed award as it was recorded (ranks and totals at
 * the time), and for those who manage it the proposal from today's ranking, each star's total
 * now, and whether totals changed since the confirmation (a late correction never rewrites it).
 */
export async function regionStars(db: Kysely<DB>, actor: Actor, year: number, regionCode: string, top: number) {
  const region = await db.selectFrom('region').select(['code', 'path', 'full_name']).where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw new AppError('REGION_NOT_FOUND', { code: regionCode });
  if (!(await starsReadable(db, actor, region.path))) throw new AppError('NOT_FOUND');
  const manages = regionManageable(actor, region.path);
  const award = await db.selectFrom('point_star_award').selectAll().where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst();
  const stars = award
    ? await db.selectFrom('point_star as ps').innerJoin('deputy as d', 'd.id', 'ps.deputy_id')
      .select(['ps.deputy_id', 'd.name', 'ps.position', 'ps.rank', sql<number>`ps.total::float8`.as('total')])
      .where('ps.award_id', '=', award.id).orderBy('ps.position').execute()
    : [];
  const ranking = manages ? await pointsRanking(db, actor, year, { kind: 'region', code: region.code, path: region.path, name: region.full_name }) : null;
  const now = new Map((ranking ?? []).map((r) => [r.deputy.id, r]));
  const proposal = ranking ? proposeStars(ranking, top) : null;
  const confirmed = !award ? null : {
    top: award.top_n, note: award.note, confirmedBy: award.confirmed_by_name, confirmedAt: award.confirmed_at.toISOString(), version: award.version,
    stars: stars.map((s) => ({
      deputy: { id: s.deputy_id, name: s.name }, position: s.position, rank: s.rank, points: Number(s.total),
      pointsNow: ranking ? (now.get(s.deputy_id)?.points ?? 0) : null,
      rankNow: ranking ? (now.get(s.deputy_id)?.rank ?? null) : null,
    })),
  };
  return {
    year,
    region: { code: region.code, fullName: region.full_name },
    proposal: proposal && proposal.map(({ cents: _cents, ...r }) => r),
    confirmed,
    /** Totals of the confirmed stars differ from today's: facts were corrected after the confirmation. */
    changedSince: confirmed && ranking ? confirmed.stars.some((s) => s.pointsNow !== s.points) : null,
    /** Today's proposal names other deputies than the confirmed list. */
    proposalDiffers: confirmed && proposal
      ? proposal.map((p) => p.deputy.id).sort().join() !== confirmed.stars.map((s) => s.deputy.id).sort().join()
      : null,
    abilities: manages ? ['confirm' as const] : [],
  };
}
