/**
 * Test helpers of the suggestion workflow: a county congress with its people (the staff, a lead
 * deputy and a co-signer, a lead unit, a co-unit and another unit, each with a clerk) and
 * suggestions written straight into the state a test starts from, as the drafting and review
 * actions would leave them (signers confirmed, a number given, units assigned from `assigned` on).
 */
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.js';
import { loadActor } from '../platform/access/actors.js';
import { addDays, shanghaiDate } from '../platform/calendar/workingDays.js';
import { now as clockNow } from '../platform/clock.js';
import type { SuggestionState } from '../platform/db/schemaSuggestions.js';
import type { Factories, SignedIn } from './factories.js';

export interface Person extends SignedIn { actor: Actor }

export interface Congress {
  countyCode: string;
  countyPath: string;
  termId: number;
  categoryId: number;
  staff: Person;
  lead: Person;
  cosigner: Person;
  /** The lead unit's clerk, the co-unit's, and a third unit's (for reassignments). */
  unit: Person;
  coUnit: Person;
  otherUnit: Person;
}

async function person(make: Factories, role: 'staff' | 'deputy' | 'unit', o: Parameters<Factories['signedIn']>[1]): Promise<Person> {
  const signed = await make.signedIn(role, o);
  return { ...signed, actor: await loadActor(make.db, signed.id) };
}

/** A county congress with a running term, in a county no other record touches. */
export async function congress(make: Factories): Promise<Congress> {
  const county = await make.county();
  const term = await make.term({ level: 'county', regionCode: county.code });
  const station = await make.station({ regionCode: county.towns[0]!.code });
  const seat = [{ level: 'county' as const, term: 1, regionCode: county.code }];
  const [leadDeputy, coDeputy] = [await make.deputy({ stations: [{ id: station.id }], levels: seat }), await make.deputy({ stations: [{ id: station.id }], levels: seat })];
  const units = [await make.unit({ regionCode: county.code }), await make.unit({ regionCode: county.code }), await make.unit({ regionCode: county.towns[1]!.code })];
  const category = await make.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').orderBy('id').executeTakeFirstOrThrow();
  return {
    countyCode: county.code, countyPath: county.path, termId: term.id, categoryId: category.id,
    staff: await person(make, 'staff', { regionCode: county.code }),
    lead: await person(make, 'deputy', { deputyId: leadDeputy.id }),
    cosigner: await person(make, 'deputy', { deputyId: coDeputy.id }),
    unit: await person(make, 'unit', { unitId: units[0]!.id }),
    coUnit: await person(make, 'unit', { unitId: units[1]!.id }),
    otherUnit: await person(make, 'unit', { unitId: units[2]!.id }),
  };
}

const AFTER_ASSIGNMENT: readonly SuggestionState[] = ['assigned', 'reassign_requested', 'answered', 'rehandling', 'following_up', 'closed'];
const ANSWERED: readonly SuggestionState[] = ['answered', 'following_up', 'closed'];

/**
 * A suggestion of `c` in `state` (registered by default), numbered unless a draft or submitted;
 * from `assigned` on, assigned to the congress's unit and co-unit today with a 3-month clock
 * (`withUnits`: their rows in any state, for a test of who may do what).
 */
export async function suggestionIn(make: Factories, c: Congress, state: SuggestionState = 'registered', o: { withUnits?: boolean } = {}): Promise<number> {
  const db = make.db;
  const now = clockNow();
  const today = shanghaiDate(now);
  const numbered = !['draft', 'submitted', 'withdrawn'].includes(state);
  const number = numbered ? Number((await db.selectFrom('suggestion').select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('term_id', '=', c.termId).executeTakeFirstOrThrow()).n) : null;
  const assigned = AFTER_ASSIGNMENT.includes(state);
  const row = await db.insertInto('suggestion').values({
    kind: 'suggestion', state, title: `测试建议${number ?? ''}:关于改善村道照明的建议`, reasons: '村道夜间无照明,群众出行不便。', proposals: '建议安装太阳能路灯。',
    category_id: c.categoryId, region_code: c.countyCode, region_path: c.countyPath,
    congress_level: 'county', congress_region_code: c.countyCode, congress_region_path: c.countyPath, term_id: c.termId, session_id: null,
    lead_deputy_id: c.lead.deputyId!, created_by_account_id: c.lead.id,
    submitted_at: state === 'draft' ? null : now, registered_at: numbered ? now : null,
    number, number_label: number === null ? null : `第一届闭会期间第${String(number).padStart(4, '0')}号`,
    ...(assigned ? {
      assigned_at: now, assigned_on: today, deadline_date: addDays(today, 90), reassign_until: addDays(today, 7), co_view_due: addDays(today, 60),
    } : {}),
    ...(ANSWERED.includes(state) ? { answer_category: state === 'following_up' ? 'B' as const : 'A' as const, answered_at: now, answered_on_time: true } : {}),
    ...(state === 'closed' ? { closed_at: now, rating: 'satisfied' as const, rated_at: now } : {}),
    updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const id = Number(row.id);
  await db.insertInto('suggestion_signer').values([
    { suggestion_id: id, deputy_id: c.lead.deputyId!, role: 'lead', status: 'confirmed', invited_at: now, responded_at: now },
    { suggestion_id: id, deputy_id: c.cosigner.deputyId!, role: 'cosigner', status: 'confirmed', invited_at: now, responded_at: now },
  ]).execute();
  if (assigned || o.withUnits) {
    await db.insertInto('suggestion_unit').values([
      { suggestion_id: id, unit_id: c.unit.unitId!, role: 'lead' },
      { suggestion_id: id, unit_id: c.coUnit.unitId!, role: 'co' },
    ]).execute();
  }
  return id;
}
