/**
 * Factories: what a test needs, made on the spot instead of looked up among the demo records by
 * name. Each one writes through the feature's own command (the same validation, scope checks and
 * audit record as the API), signed by an administrator account the factories make for themselves.
 *
 *     const make = factories(t);
 *     const county = await make.county();                          // a region subtree no demo record touches
 *     const station = await make.station({ regionCode: county.towns[0]!.code });
 *     const staff = await make.signedIn('staff', { regionCode: county.code });
 *     assert.equal((await staff.client.get(`/api/stations/${station.id}`)).statusCode, 200);
 *
 * Every call makes new records with names of their own (a counter, never followed by another
 * digit, so no name is part of another), so tests in one file never collide. Dates come from
 * the server's clock (`platform/clock.ts`), never the machine's, so a test that sets the clock
 * gets records that agree with it.
 */
import { sql, type Kysely } from 'kysely';
// The harness first: it loads the app and every feature in the composition root's order.
import { signIn, type Client, type TestApp } from './harness.js';
import type { ActivityKind, Attendance, DeputyLevel, Role, StationMemberRole, StationTier, StationType } from '../../common/enums.js';
import type { CaseChannel } from '../../common/caseVocabulary.js';
import type { Actor } from '../platform/access/actor.js';
import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { loadActor } from '../platform/access/actors.js';
import type { WriteContext } from '../platform/audit/audit.js';
import { addDays } from '../platform/calendar/workingDays.js';
import { now, today } from '../platform/clock.js';
import type { DB } from '../platform/db/schema.js';
import { createAccount } from '../features/accounts/commands.js';
import { createActivity } from '../features/activities/commands.js';
import { takeCaseAction, type Acting, type ActionRequest } from '../features/cases/actions.js';
import { registerOpinions } from '../features/cases/intake.js';
import type { CaseState } from '../features/cases/workflow.js';
import { createDeputy } from '../features/deputies/commands.js';
import { createStation } from '../features/stations/commands.js';
import { createTerm } from '../features/terms/commands.js';
import { createUnit } from '../features/units/commands.js';

/** The password of every account the factories make (strong enough for the password rule). */
export const FACTORY_PASSWORD = 'Factory#Pass2026';

let counter = 0;
/** A number no other factory call in this process has had: names stay unique per test file. */
export function nextNumber(): number {
  return ++counter;
}

export interface Region { code: string; name: string; path: string; fullName: string; parentCode: string | null }
export interface County extends Region { towns: Region[] }
export interface Station { id: number; name: string; homeRegionCode: string }
export interface Unit { id: number; name: string; regionCode: string }
export interface Deputy { id: number; name: string; regionCode: string; stationIds: number[] }
export interface Account {
  id: number;
  username: string;
  password: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  stationIds: number[];
  deputyId: number | null;
  unitId: number | null;
}
export interface SignedIn extends Account { client: Client }
export interface Case {
  id: number;
  trackingCode: string;
  queryKey: string;
  state: CaseState;
  stationId: number;
  /** The unit it was assigned to (states from `assigned` on). */
  unitId: number | null;
  /** The unit's clerk who signed and replied (states from `in_progress` on). */
  clerk: Account | null;
}
export interface Activity { id: number; title: string; stationId: number | null; participantIds: number[] }
export interface Term { id: number; level: DeputyLevel; regionCode: string | null; number: number; startsOn: string; endsOn: string | null }

export interface StationOptions {
  name?: string;
  /** The home region; a town of a fresh county when left out. */
  regionCode?: string;
  memberRegionCodes?: string[];
  type?: StationType;
  tier?: StationTier;
  parentId?: number | null;
  address?: string;
  checklist?: Record<string, boolean>;
}
export interface UnitOptions { name?: string; regionCode?: string; address?: string }
export interface DeputyOptions {
  name?: string;
  /** Where the deputy lives and is elected; the (first) station's home region when left out. */
  regionCode?: string;
  /** Memberships; one new station as resident deputy when left out, none with `[]`. */
  stations?: { id: number; role?: StationMemberRole }[];
  levels?: { level: DeputyLevel; term: number; regionCode: string | null }[];
  phone?: string | null;
  professionTags?: string[];
  status?: 'current' | 'former';
  specialLiaison?: boolean;
}
export interface AccountOptions {
  username?: string;
  displayName?: string;
  password?: string;
  /** Staff: the region they run (a fresh county when left out). */
  regionCode?: string;
  /** Officers: their stations (one new station when left out). */
  stationIds?: number[];
  /** Deputy accounts: the deputy (a new one when left out). */
  deputyId?: number;
  /** Unit clerks: the unit (a new one when left out). */
  unitId?: number;
  /** Left false by default, so the account can sign in and work at once. */
  mustChangePassword?: boolean;
}
/** States a case can be driven to from a fresh registration (`merged` needs a second case: merge it yourself). */
export type ReachableState = Exclude<CaseState, 'merged'>;
export interface CaseOptions {
  state?: ReachableState;
  /** Where it was collected; a new station when left out. */
  stationId?: number;
  deputyId?: number | null;
  /** The unit it is assigned to; a new unit in the station's county when left out. */
  unitId?: number;
  /** The clerk who acts for the unit; a new clerk of the unit when left out. */
  clerk?: Account;
  channel?: CaseChannel;
  content?: string;
  categoryId?: number;
}
export interface ActivityOptions {
  title?: string;
  kind?: ActivityKind;
  /** A new station when left out; `null` for an activity in a region only (give `regionCode`). */
  stationId?: number | null;
  regionCode?: string | null;
  /** Participating deputies; one new deputy of the station when left out. */
  participants?: { deputyId: number; attendance?: Attendance }[];
  unitIds?: number[];
  startsAt?: Date;
}
export interface TermOptions {
  level?: DeputyLevel;
  /** The congress's region; a town of a fresh county (township) or a fresh county (county) when left out. */
  regionCode?: string | null;
  number?: number;
  startsOn?: string;
  endsOn?: string | null;
}

/** The actions that lead a newly registered case to each state, and who takes them. */
const ROUTES: Record<ReachableState, { req: ActionRequest; by: 'staff' | 'unit' | 'constituent' }[]> = (() => {
  const accept = { req: { action: 'accept' }, by: 'staff' } as const;
  const assign = [accept, { req: { action: 'assign' }, by: 'staff' }] as const;
  const sign = [...assign, { req: { action: 'sign' }, by: 'unit' }] as const;
  const reply = [...sign, { req: { action: 'reply', comment: '已按要求办理。' }, by: 'unit' }] as const;
  const approve = [...reply, { req: { action: 'approve_reply' }, by: 'staff' }] as const;
  const answer = [...approve, { req: { action: 'answer', comment: '已向群众反馈办理结果。' }, by: 'staff' }] as const;
  const closed = [...answer, { req: { action: 'rate', rating: 'satisfied' }, by: 'constituent' }] as const;
  return {
    submitted: [],
    accepted: [accept],
    declined: [{ req: { action: 'decline', comment: '不属于受理范围。' }, by: 'staff' }],
    escalated: [{ req: { action: 'escalate', comment: '需上级人大协调。' }, by: 'staff' }],
    assigned: [...assign],
    returned: [...assign, { req: { action: 'return', comment: '不属于本单位职责。' }, by: 'unit' }],
    in_progress: [...sign],
    extension_requested: [...sign, { req: { action: 'request_extension', comment: '需协调多个部门。', days: 10 }, by: 'unit' }],
    replied: [...reply],
    reply_approved: [...approve],
    answered: [...answer],
    rehandling: [...answer, { req: { action: 'rate', rating: 'unsatisfied' }, by: 'constituent' }],
    closed: [...closed],
    archived: [...closed, { req: { action: 'archive' }, by: 'staff' }],
  };
})();

export class Factories {
  private adminActor: Promise<Actor> | null = null;
  private readonly handedOut = new Set<string>();

  constructor(readonly t: TestApp) {}

  get db(): Kysely<DB> {
    return this.t.database.db;
  }

  /** Runs a command in one transaction as `actor` (the factories' administrator by default). */
  async write<T>(fn: (ctx: WriteContext) => Promise<T>, actor?: Actor): Promise<T> {
    const by = actor ?? await this.admin();
    return this.db.transaction().execute((trx) => fn({ trx, actor: by, ip: null }));
  }

  /** The administrator account the factories write as (made once per test file). */
  private admin(): Promise<Actor> {
    this.adminActor ??= (async () => {
      const n = nextNumber();
      const id = await this.db.transaction().execute((trx) => createAccount({ trx, actor: SYSTEM_ACTOR, ip: null }, {
        username: `factory_admin_${n}`, displayName: `测试管理员${n}`, role: 'admin', password: FACTORY_PASSWORD,
      }, { mustChangePassword: false }));
      return loadActor(this.db, id);
    })();
    return this.adminActor;
  }

  /**
   * A county of the region tree (with its towns) that no record touches yet: no station, unit,
   * deputy, account, activity or term in its subtree, and not handed out before in this file.
   * `notIn`: a region code the county must lie outside (another province, say).
   */
  async county(o: { notIn?: string } = {}): Promise<County> {
    const used = [...this.handedOut];
    let q = this.db.selectFrom('region as c')
      .select(['c.code', 'c.name', 'c.path', 'c.full_name as fullName', 'c.parent_code as parentCode'])
      .where('c.level', '=', 'county')
      .where(sql<boolean>`(select count(*) from region t where t.parent_code = c.code) >= 3`)
      .where(sql<boolean>`not exists (select 1 from station_region x where x.region_path like c.path || '%')
        and not exists (select 1 from unit x where x.region_path like c.path || '%')
        and not exists (select 1 from deputy x where x.region_path like c.path || '%')
        and not exists (select 1 from account x where x.anchor_path like c.path || '%')
        and not exists (select 1 from activity x where x.region_path like c.path || '%')
        and not exists (select 1 from congress_term x where x.region_path like c.path || '%')`)
      // From the end of the code list: far from the demo's regions, and the same county every run.
      .orderBy('c.code', 'desc')
      .limit(1);
    if (used.length) q = q.where('c.code', 'not in', used);
    if (o.notIn) q = q.where(sql<boolean>`not exists (select 1 from region n where n.code = ${o.notIn} and c.path like n.path || '%')`);
    const county = await q.executeTakeFirstOrThrow(() => new Error('no untouched county left in the region tree'));
    this.handedOut.add(county.code);
    const towns = await this.db.selectFrom('region').select(['code', 'name', 'path', 'full_name as fullName', 'parent_code as parentCode'])
      .where('parent_code', '=', county.code).orderBy('code').execute();
    return { ...county, towns };
  }

  /** A town of a fresh county. */
  async town(): Promise<Region> {
    return (await this.county()).towns[0]!;
  }

  /** A station (中心站 of a town by default), with its home region and any member regions. */
  async station(o: StationOptions = {}): Promise<Station> {
    const n = nextNumber();
    const homeRegionCode = o.regionCode ?? (await this.town()).code;
    const name = o.name ?? `测试${n}号联络站`;
    const id = await this.write((ctx) => createStation(ctx, {
      name, type: o.type ?? 'station', tier: o.tier ?? 'town_center', parentId: o.parentId ?? null,
      homeRegionCode, memberRegionCodes: o.memberRegionCodes ?? [], address: o.address ?? `测试路${n}号`, phone: null,
      openingHours: '', receptionSchedule: {}, checklist: o.checklist ?? {}, grade: null, stars: null, description: '',
    }));
    return { id, name, homeRegionCode };
  }

  /** A handling unit (承办单位), in a fresh county by default. */
  async unit(o: UnitOptions = {}): Promise<Unit> {
    const n = nextNumber();
    const regionCode = o.regionCode ?? (await this.county()).code;
    const name = o.name ?? `测试${n}号承办单位`;
    const id = await this.write((ctx) => createUnit(ctx, { name, regionCode, address: o.address ?? '', contacts: [] }));
    return { id, name, regionCode };
  }

  /** A current deputy with a township seat, resident at a (new) station. */
  async deputy(o: DeputyOptions = {}): Promise<Deputy> {
    const n = nextNumber();
    const stations = o.stations ?? [{ id: (await this.station()).id }];
    let regionCode = o.regionCode;
    if (!regionCode) {
      if (!stations[0]) throw new Error('a deputy without stations needs a regionCode');
      regionCode = (await this.db.selectFrom('station').select('home_region_code').where('id', '=', stations[0].id).executeTakeFirstOrThrow()).home_region_code;
    }
    const region = await this.db.selectFrom('region').select('level').where('code', '=', regionCode).executeTakeFirstOrThrow();
    const name = o.name ?? `测试代表${n}号`;
    const id = await this.write((ctx) => createDeputy(ctx, {
      name, gender: n % 2 ? 'female' : 'male', ethnicity: '汉族', party: '群众', birthYear: 1980, phone: o.phone ?? null,
      status: o.status ?? 'current', specialLiaison: o.specialLiaison ?? false, regionCode: regionCode!, constituency: '', professionTags: o.professionTags ?? [],
      occupation: '', gridCell: null,
      levels: o.levels ?? (region.level === 'town' ? [{ level: 'township', term: 1, regionCode: regionCode! }] : []),
      stations: stations.map((s) => ({ stationId: s.id, role: s.role ?? 'resident' })),
    }));
    return { id, name, regionCode, stationIds: stations.map((s) => s.id) };
  }

  /** An account of any role, scoped to what `o` names or to new records made for it; it may sign in at once. */
  async account(role: Role, o: AccountOptions = {}): Promise<Account> {
    const n = nextNumber();
    const scope = {
      regionCode: role === 'staff' ? o.regionCode ?? (await this.county()).code : null,
      stationIds: role === 'officer' ? o.stationIds ?? [(await this.station()).id] : [],
      deputyId: role === 'deputy' ? o.deputyId ?? (await this.deputy()).id : null,
      unitId: role === 'unit' ? o.unitId ?? (await this.unit()).id : null,
    };
    const username = o.username ?? `f${n}_${role}`;
    const displayName = o.displayName ?? `测试${role}${n}号`;
    const password = o.password ?? FACTORY_PASSWORD;
    const id = await this.write((ctx) => createAccount(ctx, { username, displayName, role, password, ...scope },
      { mustChangePassword: o.mustChangePassword ?? false }));
    return { id, username, password, displayName, role, ...scope };
  }

  /** A client signed in as `account` (session cookie and CSRF token kept), through POST /api/auth/login. */
  signIn(account: Pick<Account, 'username' | 'password'>): Promise<Client> {
    return signIn(this.t.app, account.username, account.password);
  }

  /** A new account of `role`, signed in. */
  async signedIn(role: Role, o: AccountOptions = {}): Promise<SignedIn> {
    const account = await this.account(role, o);
    return { ...account, client: await this.signIn(account) };
  }

  /**
   * A case (群众意见) registered at a station and driven to `state` by the real workflow actions:
   * staff steps by the factories' administrator, unit steps by the unit's clerk, the rating by
   * the constituent.
   */
  async case(o: CaseOptions = {}): Promise<Case> {
    const n = nextNumber();
    const state = o.state ?? 'submitted';
    const steps = ROUTES[state];
    const stationId = o.stationId ?? (await this.station()).id;
    const categoryId = o.categoryId ?? (await this.db.selectFrom('case_category').select('id').where('active', '=', true)
      .orderBy('sort').orderBy('id').executeTakeFirstOrThrow()).id;
    const [receipt] = await this.write((ctx) => registerOpinions(ctx, {
      stationId, deputyId: o.deputyId ?? null, channel: o.channel ?? 'reception', receivedAt: null,
      items: [{ categoryId, content: o.content ?? `测试意见${n}:村道路灯损坏,夜间出行不便。`, place: `测试村${n}`, name: null, phone: null }],
    }));
    let unitId: number | null = null;
    let clerk: Account | null = null;
    if (steps.some((s) => s.req.action === 'assign')) {
      unitId = o.unitId ?? o.clerk?.unitId ?? (await this.unit({ regionCode: await this.countyOf(stationId) })).id;
    }
    if (steps.some((s) => s.by === 'unit')) clerk = o.clerk ?? await this.account('unit', { unitId: unitId! });
    const clerkActor = clerk ? await loadActor(this.db, clerk.id) : null;
    for (const step of steps) {
      const req = step.req.action === 'assign' ? { ...step.req, unitId: unitId! } : step.req;
      const acting: Acting = step.by === 'constituent' ? { kind: 'constituent' } : { kind: 'account' };
      await this.write((ctx) => takeCaseAction(ctx, receipt!.id, req, acting), step.by === 'unit' ? clerkActor! : undefined);
    }
    return { id: receipt!.id, trackingCode: receipt!.trackingCode, queryKey: receipt!.queryKey, state, stationId, unitId, clerk };
  }

  /** An activity (走访选民 by default) at a station, now by the server's clock, with its participants. */
  async activity(o: ActivityOptions = {}): Promise<Activity> {
    const n = nextNumber();
    const stationId = o.stationId === undefined ? (await this.station()).id : o.stationId;
    const participants = o.participants ?? (stationId === null ? [] : [{ deputyId: (await this.deputy({ stations: [{ id: stationId }] })).id }]);
    const title = o.title ?? `测试${n}号活动`;
    const startsAt = o.startsAt ?? now();
    const id = await this.write((ctx) => createActivity(ctx, {
      kind: o.kind ?? 'visit', title, stationId, regionCode: o.regionCode ?? null, campaignId: null,
      startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), place: `测试村${n}`, summary: '', suggestionsMade: 0,
      participants: participants.map((p) => ({ deputyId: p.deputyId, attendance: p.attendance ?? 'present' })),
      unitIds: o.unitIds ?? [], rotaSlotId: null,
    }));
    return { id, title, stationId, participantIds: participants.map((p) => p.deputyId) };
  }

  /** A congress term (届), by default the 1st township term of a fresh town, begun a year ago by the server's clock and still running. */
  async term(o: TermOptions = {}): Promise<Term> {
    const level = o.level ?? 'township';
    let regionCode = o.regionCode;
    if (regionCode === undefined) {
      if (level === 'national') regionCode = null;
      else if (level === 'township') regionCode = (await this.town()).code;
      else if (level === 'county') regionCode = (await this.county()).code;
      else throw new Error(`give the regionCode of a ${level} congress`);
    }
    const input = { level, regionCode, number: o.number ?? 1, startsOn: o.startsOn ?? addDays(today(), -365), endsOn: o.endsOn ?? null };
    const id = await this.write((ctx) => createTerm(ctx, input));
    return { id, ...input };
  }

  /** The county a station's home region lies in (the home region itself when it is a county). */
  private async countyOf(stationId: number): Promise<string> {
    const home = await this.db.selectFrom('station as s').innerJoin('region as r', 'r.code', 's.home_region_code')
      .select(['r.code', 'r.level', 'r.parent_code']).where('s.id', '=', stationId).executeTakeFirstOrThrow();
    return home.level === 'town' ? home.parent_code! : home.code;
  }
}

/** The factories for one test app. */
export function factories(t: TestApp): Factories {
  return new Factories(t);
}
