/**
 * The public constituent (a submission through the QR code, a rating with the tracking key) acts
 * as an actor of its own that holds no role: no ability admits it and every scope filter, the
 * kernel's and each feature's, gives it nothing — so a rule written for the least privileged role
 * (`unit`) can never reach it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ROLES, type Role } from '../common/enums.js';
import { abilitiesOf, can, type Ability } from './platform/access/abilities.js';
import { PUBLIC_ACTOR, SYSTEM_ACTOR, type Actor, type AnyActor } from './platform/access/actor.js';
import {
  accountManageable, atVisibleStation, byRole, deputyContactVisible, deputyManageable, deputyVisible, FALSE, forRole, hasRole, ref,
  regionManageable, regionOrNationManageable, roleOf, stationListed, stationManageable, stationOperable, stationVisible, subtreePattern, TRUE,
  unitManageable, unitVisible,
} from './platform/access/scope.js';
import type { WriteContext } from './platform/audit/audit.js';
import { caseActorOf, caseColumns, caseContactVisible, caseDeputyAssignable, caseVisible } from './features/cases/access.js';
import { activityColumns, activityEditable, activityVisible, campaignColumns, campaignVisible } from './features/activities/access.js';
import { bonusColumns, bonusVisible, pointFactVisible } from './features/points/access.js';
import { termManageable, termVisible } from './features/terms/access.js';
import { startTestApp, type TestApp } from './testing/harness.js';

type Filter = (who: AnyActor) => RawBuilder<SqlBool>;

/** Every scope filter, each over the table it filters (`from`), with the rows it reads. */
const FILTERS: { name: string; from: string; filter: Filter }[] = [
  { name: 'stationVisible', from: 'station s', filter: (w) => stationVisible(w, ref('s.id')) },
  { name: 'stationListed', from: 'station s', filter: (w) => stationListed(w, ref('s.id'), ref('s.located_region_path')) },
  { name: 'atVisibleStation', from: 'activity a', filter: (w) => atVisibleStation(w, ref('a.station_id')) },
  { name: 'stationManageable', from: 'station_region h', filter: (w) => stationManageable(w, ref('h.region_path')) },
  { name: 'stationOperable', from: 'station_region h', filter: (w) => stationOperable(w, ref('h.station_id'), ref('h.region_path')) },
  { name: 'deputyVisible', from: 'deputy d', filter: (w) => deputyVisible(w, ref('d.id'), ref('d.region_path')) },
  { name: 'deputyContactVisible', from: 'deputy d', filter: (w) => deputyContactVisible(w, ref('d.id'), ref('d.region_path')) },
  { name: 'deputyManageable', from: 'deputy d', filter: (w) => deputyManageable(w, ref('d.region_path')) },
  { name: 'unitVisible', from: 'unit u', filter: (w) => unitVisible(w, ref('u.id'), ref('u.region_path')) },
  { name: 'unitManageable', from: 'unit u', filter: (w) => unitManageable(w, ref('u.region_path')) },
  { name: 'accountManageable', from: 'account a', filter: (w) => accountManageable(w, ref('a.role'), ref('a.anchor_path')) },
  { name: 'caseVisible', from: 'opinion o', filter: (w) => caseVisible(w, caseColumns('o')) },
  { name: 'caseContactVisible', from: 'opinion o', filter: (w) => caseContactVisible(w, caseColumns('o')) },
  { name: 'activityVisible', from: 'activity a', filter: (w) => activityVisible(w, activityColumns('a')) },
  { name: 'activityEditable', from: 'activity a', filter: (w) => activityEditable(w, activityColumns('a')) },
  { name: 'campaignVisible', from: 'activity_campaign c', filter: (w) => campaignVisible(w, campaignColumns('c')) },
  { name: 'pointFactVisible', from: 'point_bonus b', filter: (w) => pointFactVisible(w, bonusColumns('b')) },
  { name: 'bonusVisible', from: 'point_bonus b', filter: (w) => bonusVisible(w, bonusColumns('b')) },
  { name: 'termVisible', from: 'congress_term t', filter: (w) => termVisible(w, ref('t.region_path')) },
  { name: 'termManageable', from: 'congress_term t', filter: (w) => termManageable(w, ref('t.region_path')) },
];

/** The old stand-in for the public: the least privileged role, without a unit. */
const UNIT_WITHOUT_UNIT: Actor = { ...SYSTEM_ACTOR, username: 'constituent', displayName: '群众', role: 'unit' };

// Type-level: the public holds no role and is not an account.
// @ts-expect-error the public actor has no role to read
const _noRole: Role = PUBLIC_ACTOR.role;
// @ts-expect-error an account's write cannot be done as the public
const _noAccountWrite: WriteContext = { trx: null!, actor: PUBLIC_ACTOR, ip: null };
// @ts-expect-error rules of accounts (here: whom a deputy may address a case to) do not take the public
caseDeputyAssignable(PUBLIC_ACTOR, null);
// @ts-expect-error an ability no feature declares is not an ability
const _typo: Ability = 'case.raed';

describe('the public actor', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  it('has no ability, while each role keeps its own', () => {
    assert.deepEqual(abilitiesOf(PUBLIC_ACTOR), []);
    const every = new Set<Ability>(ROLES.keys.flatMap((role) => abilitiesOf({ ...SYSTEM_ACTOR, role })));
    assert.ok(every.has('case.read') && every.has('term.round'));
    for (const ability of every) assert.equal(can(PUBLIC_ACTOR, ability), false, ability);
    assert.ok(can(UNIT_WITHOUT_UNIT, 'case.read'), 'a unit clerk reads cases; the public, which used to act as one, does not');
  });

  it('holds no role: per-role rules give it the fallback, even a rule admitting every role', () => {
    assert.equal(roleOf(PUBLIC_ACTOR), null);
    assert.equal(hasRole(PUBLIC_ACTOR, ...ROLES.keys), false);
    const everyone = Object.fromEntries(ROLES.keys.map((r) => [r, () => true])) as Record<Role, () => boolean>;
    assert.equal(forRole(PUBLIC_ACTOR, everyone, false), false);
    const everyRow = Object.fromEntries(ROLES.keys.map((r) => [r, () => TRUE])) as Record<Role, () => typeof TRUE>;
    assert.equal(byRole(PUBLIC_ACTOR, everyRow), FALSE);
    assert.equal(regionManageable(PUBLIC_ACTOR, ''), false);
    assert.equal(regionOrNationManageable(PUBLIC_ACTOR, ''), false);
    assert.equal(caseActorOf(PUBLIC_ACTOR, { assigned_unit_id: null, state: 'submitted', region_path: '', side_path: null }), null);
  });

  for (const { name, from, filter } of FILTERS) {
    it(`reaches no row through ${name}`, async () => {
      const db = t.database.db;
      assert.equal(filter(PUBLIC_ACTOR).compile(db).sql, 'false', 'the filter is false by construction');
      const count = async (who: AnyActor) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.raw(from)} where ${filter(who)}`.execute(db)).rows[0]!.n);
      assert.equal(await count(PUBLIC_ACTOR), 0);
      await count(SYSTEM_ACTOR); // the same query runs for an account: the SQL is sound
    });
  }

  it('matches no region path', async () => {
    const db = t.database.db;
    const { n } = (await sql<{ n: string }>`select count(*) as n from region where path like ${subtreePattern(PUBLIC_ACTOR)}`.execute(db)).rows[0]!;
    assert.equal(Number(n), 0);
  });
});
