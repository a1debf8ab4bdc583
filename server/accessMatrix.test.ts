/**
 * The access matrix: every route × every role × a target inside and outside the role's scope,
 * with the status each must answer. A route that is registered but missing here fails the test.
 *
 * Actors (demo data): admin; staff = pinggui (平桂区); officer = huangtian (黄田镇 stations);
 * deputy = liangjun (黄田镇 deputy); unit = shuiliju (平桂区水利局); grid = wangge (公和村 grid worker).
 * "in" targets sit in 平桂区 / 黄田镇; "out" targets in 宜城市.
 * Across a province border (the 豫鲁 joint station, read by both partners' staff with each
 * other's regions): accessMatrix.crossProvince.test.ts. Writes on a shared station's records,
 * by its host side and by a member side: the last block of this file.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { registeredRoutes } from './app.js';
import { notify } from './platform/notify/notify.js';
import { now, today } from './platform/clock.js';
import { addDays } from './platform/calendar/workingDays.js';
import { storeFile } from './platform/files/index.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from './testing/harness.js';

const ROLES = ['anon', 'admin', 'staff', 'officer', 'deputy', 'unit', 'grid'] as const;
type Role = (typeof ROLES)[number];
type Statuses = Record<Role, number>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Targets {
  case: { in: number; out: number };
  photo: { in: number; out: number };
  publicCase: { code: string; key: string; pin: string; publicId: string };
  categoryId: number;
  station: { in: number; out: number };
  deputy: { in: number; out: number };
  unit: { in: number; out: number };
  account: { in: number; out: number };
  /** Each actor's own notification, and one of an account none of them is. */
  notification: { own: Record<Exclude<Role, 'anon'>, number>; other: number };
  /** Import batches of the administrator's (a batch is seen by its creator only). */
  importBatch: Record<'deputies' | 'stations' | 'enterprises', number>;
  /** The industry contact points 平桂区黄金珠宝产业代表联络站 (in) and 宜城市产业发展代表联络站 (out). */
  industryPoint: { in: number; out: number };
  activity: { in: number; out: number };
  activityFile: { in: number; out: number };
  /** An internal file of a reply on each side's case. */
  replyAttachment: { in: number; out: number };
  campaign: { in: number; out: number };
  /** Reception days: one to swap turns on, one to cancel. */
  rotaSwap: { in: number; out: number };
  rotaCancel: { in: number; out: number };
  /** Bonuses (加分) entered by the administrator, one on each side, to withdraw. */
  pointBonus: { in: number; out: number };
  /** 先进事迹 and 大事记 entries at each side's station: one to change, and one for each caller to delete. */
  deed: RegisterEntryTargets;
  chronicleEntry: RegisterEntryTargets;
  /** Terms of 平桂区's and 宜城市's county congresses. */
  term: { in: number; out: number };
  /** Deliberation days of 黄田镇 (in) and 雷河镇 (out), made by the administrator: held and published, with a chosen topic, an action item of the side's water bureau and a decided feedback. */
  deliberationDay: { in: number; out: number };
  deliberationTopic: { in: number; out: number };
  deliberationItem: { in: number; out: number };
  deliberationFeedback: { in: number; out: number };
  /** Drafts of suggestions (梁俊华's to 平桂区's congress, 王建华's to 宜城市's), a file of each, and a session of each county's term. */
  suggestionDraft: { in: number; out: number };
  draftFile: { in: number; out: number };
  congressSession: { in: number; out: number };
  /** Consultation topics of 平桂区's and 宜城市's committees asking each side's station: one open (with a document and a constituent's view), one a draft. */
  consultation: { in: number; out: number };
  consultationDraft: { in: number; out: number };
  consultationDoc: { in: number; out: number };
  consultationView: { in: number; out: number };
  /** Report-backs of 梁俊华 (黄田镇's station) and 王建华 (宜城市's): one scheduled, one evaluated (with a closed issue), one cancelled. */
  reportBack: { in: number; out: number };
  reportBackDone: { in: number; out: number };
  reportBackCancelled: { in: number; out: number };
  reportBackIssue: { in: number; out: number };
  /** Grid cells made by the administrator: one of 公和村 (worker wangge, deputy 梁俊华), one of 台前县打渔陈镇 at the 豫鲁 station (worker tqwangge); a whistle of each worker; a team at each side's station; the two workers. */
  gridCell: { in: number; out: number };
  gridWhistle: { in: number; out: number };
  gridTeam: { in: number; out: number };
  gridWorker: { in: number; out: number };
  /** The 豫鲁 station (台前县打渔陈镇), whose cells and teams are out of every actor's reach but the administrator's. */
  gridYulu: number;
  /** Mediations at each side's station, made by the administrator: a session held, closed with agreement, the agreement stored. */
  mediation: { in: number; out: number };
  /** Former deputies on each side's roster (莫德光 at 黄田镇, 胡德胜 at 雷河镇), enrolled by the administrator, each with an opinion answered on the spot. */
  formerDeputy: { in: number; out: number };
  formerOpinion: { in: number; out: number };
}

interface RegisterEntryTargets { in: number; out: number; remove: Record<'in' | 'out', Record<Role, number>> }

interface Case {
  method: Method;
  /** The route as registered. */
  route: string;
  /** The concrete URL for the in/out target. */
  url: (t: Targets, scope: 'in' | 'out', role: Role) => string;
  body?: (t: Targets, scope: 'in' | 'out', h: Helpers) => Promise<Record<string, unknown>> | Record<string, unknown>;
  in: Statuses;
  /** Only for routes where the target's scope matters. */
  out?: Statuses;
  /** Needs a session of its own (it ends the session). */
  freshSession?: boolean;
}

interface Helpers {
  version(table: 'station' | 'deputy' | 'unit' | 'account' | 'activity' | 'activity_campaign' | 'deputy_deed' | 'chronicle_entry' | 'congress_term' | 'grid_cell', id: number): Promise<number>;
  unique(prefix: string): string;
  /** A swap on a reception day: whoever is on duty now hands the turn to another deputy of the station. */
  swap(slotId: number): Promise<{ fromDeputyId: number; toDeputyId: number }>;
}

const all = (status: number): Statuses => ({ anon: status, admin: status, staff: status, officer: status, deputy: status, unit: status, grid: status });
const authed = (status: number, except: Partial<Statuses> = {}): Statuses => ({ ...all(status), anon: 401, ...except });
/** The grid worker (网格员) holds no ability outside the grids feature: 403 unless given. */
const S = (admin: number, staff: number, officer: number, deputy: number, unit: number, grid = 403): Statuses => ({ anon: 401, admin, staff, officer, deputy, unit, grid });

const stationBody = (region: string, h: Helpers) => ({ name: h.unique('矩阵测试站'), type: 'point', tier: 'village_point', homeRegionCode: region });

/** Writes of points and assessments keyed by region and date or year: a fresh key each call, so none replaces another. */
const uniqueYear = (h: Helpers, from: number) => from + (Number(h.unique('')) % 20);
const pointRules = () => ({
  present: Object.fromEntries(['reception', 'visit', 'inspection', 'research', 'training', 'group', 'theme', 'joint_meeting', 'deliberation', 'report_back', 'legal_education', 'mediation', 'other'].map((k) => [k, 1])),
  absent: -1, leave: 0, organiser: 1, activitySuggestion: 1, caseCollected: 1, caseAnswered: 1, caseSatisfied: 1, caseBasicallySatisfied: 1,
});

/** Valid bodies of the cross-province writes (validation passes; the record out of reach decides). */
const crossProvinceBodies: Record<string, Record<string, unknown>> = {
  '/api/cross-province/stations/:id/agreements': { title: '矩阵协议', signedOn: '2026-01-01', validFrom: '2026-01-01', parties: [{ regionCode: '410927103' }] },
  '/api/cross-province/agreements/:id/parties': { regionCode: '410927205' },
  '/api/cross-province/agreements/:id/files': { kind: 'rules', name: '矩阵制度.pdf', data: Buffer.from('%PDF-1.4 matrix').toString('base64') },
  '/api/cross-province/stations/:id/rota': { year: 2030 },
  '/api/cross-province/stations/:id/meetings': { scheduledOn: '2026-01-01', title: '矩阵联席会议' },
  '/api/cross-province/meetings/:id/hold': { startsAt: '2026-01-01T01:00:00.000Z', minutes: '矩阵纪要', attendance: [], version: 1 },
  '/api/cross-province/stations/:id/cadence': { receptionsPerWeek: 1, exchangesPerMonth: 1, jointPerQuarter: 1, receptionKinds: ['reception'], exchangeKinds: ['training'], jointKinds: ['joint_meeting'] },
  '/api/cross-province/stations/:id/issues': { title: '矩阵事项', category: 'road', sides: ['410927103'] },
  '/api/cross-province/issues/:id': { title: '矩阵事项', category: 'road', sides: ['410927103'], version: 1 },
  '/api/cross-province/issues/:id/notes': { body: '矩阵进展', version: 1 },
};

/** A draft to 平桂区's county congress, as 梁俊华 (county and township deputy) writes it. */
const suggestionBody = (t: Targets) => ({ kind: 'suggestion', title: '矩阵建议', reasons: '', proposals: '', categoryId: t.categoryId, regionCode: '451103', level: 'county' });
/** An Ed25519 public key (32 bytes, base64) for the peers the administrator registers. */
const MATRIX_PEER_KEY = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
const MATRIX_PNG = '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082';
/** A topic of 平桂区's (in) or 宜城市's (out) county committee asking that side's station, open from yesterday for three weeks. */
const consultationBody = (t: Targets, s: 'in' | 'out') => ({
  title: '矩阵议题', background: '', questions: ['矩阵问题'], opensOn: addDays(today(), -1), closesOn: addDays(today(), 20),
  congress: { level: 'county', regionCode: s === 'in' ? '451103' : '420684' }, stationIds: [t.station[s]],
});
/** A grid cell of 公和村 at 黄田镇's station (in) or of 台前县打渔陈镇's 刘子渔村 at the 豫鲁 station (out). */
const gridCellBody = (s: 'in' | 'out', stations: { in: number; out: number }, name = '矩阵网格') => (s === 'in'
  ? { name, regionCode: '451103101', village: '公和村', stationId: stations.in }
  : { name, regionCode: '410927103', village: '刘子渔村', stationId: stations.out });
/** A session of a term each call, numbered and dated in step far ahead, so none overlaps another. */
const sessionBody = (h: Helpers, o: { termId: number }) => {
  const n = Number(h.unique(''));
  const opens = new Date(Date.UTC(2090, 0, 1 + n * 10)).toISOString().slice(0, 10);
  return { ...o, number: 26 + (n % 5), opensOn: opens, closesOn: opens };
};

/** Deliberation days: 黄田镇 (in, 平桂区) and 雷河镇 (out, 宜城市). */
const DD_REGION = { in: '451103101', out: '420684109' } as const;
const ddRule = { weekday: 4, nth: 4, noticeDays: 3, topicsMin: 1, topicsMax: 2, weights: { importance: 40, urgency: 30, impact: 30 }, itemWorkingDays: 15, place: '', startTime: '09:30', version: 999 };
const ddStepBody = {
  topics: { topicIds: [1] }, notice: {}, publish: { summary: '矩阵' }, cancel: { comment: '矩阵' },
  record: { startsAt: '2026-11-26T09:30:00+08:00', place: '矩阵', participants: [], minutes: '矩阵', decisions: ['矩阵'] },
};

const MATRIX_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n').toString('base64');
const mediationBody = (stationId: number) => ({
  stationId, disputeType: 'neighbours', title: '矩阵纠纷', receivedOn: today(),
  parties: [{ side: 'applicant', name: '矩阵甲', phone: '13900001111' }, { side: 'respondent', name: '矩阵乙', phone: null }],
});

const CASES: Case[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', in: all(200) },
  { method: 'GET', route: '/api/openapi.json', url: () => '/api/openapi.json', in: all(200) },
  { method: 'GET', route: '/api/meta/vocabulary', url: () => '/api/meta/vocabulary', in: all(200) },
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', body: () => ({ username: 'nobody-here', password: 'Wrong#Pass123' }), in: all(401) },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', in: authed(200), freshSession: true },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', in: authed(200) },
  { method: 'POST', route: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'not-my-password', newPassword: 'Another#Pass2026' }), in: authed(400) },
  { method: 'GET', route: '/api/auth/sessions', url: () => '/api/auth/sessions', in: authed(200) },
  // Nobody reaches a session that is not theirs (sessions.test.ts signs out one's own).
  { method: 'DELETE', route: '/api/auth/sessions/:id', url: () => '/api/auth/sessions/2147483647', in: authed(404) },
  { method: 'POST', route: '/api/auth/sessions/revoke-others', url: () => '/api/auth/sessions/revoke-others', in: authed(200) },

  { method: 'GET', route: '/api/regions', url: (_, s) => `/api/regions?parent=${s === 'in' ? '451103' : '420684'}`, in: authed(200, { grid: 403 }), out: authed(200, { grid: 403 }) },
  { method: 'GET', route: '/api/regions/search', url: (_, s) => `/api/regions/search?q=${encodeURIComponent(s === 'in' ? '黄田' : '雷河')}`, in: authed(200, { grid: 403 }), out: authed(200, { grid: 403 }) },
  { method: 'GET', route: '/api/regions/:code', url: (_, s) => `/api/regions/${s === 'in' ? '451103101' : '420684109'}`, in: authed(200, { grid: 403 }), out: authed(200, { grid: 403 }) },

  { method: 'GET', route: '/api/stations', url: () => '/api/stations', in: S(200, 200, 200, 200, 403) },
  {
    method: 'POST', route: '/api/stations', url: () => '/api/stations',
    body: (_, s, h) => stationBody(s === 'in' ? '451103101' : '420684109', h),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/stations/:id', url: (t, s) => `/api/stations/${t.station[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PATCH', route: '/api/stations/:id', url: (t, s) => `/api/stations/${t.station[s]}`,
    body: async (t, s, h) => ({ version: await h.version('station', t.station[s]), description: h.unique('矩阵') }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  { method: 'POST', route: '/api/stations/:id/deactivate', url: (t, s) => `/api/stations/${t.station[s]}/deactivate`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/stations/:id/reactivate', url: (t, s) => `/api/stations/${t.station[s]}/reactivate`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/stations/:id/poster.:format', url: (t, s) => `/api/stations/${t.station[s]}/poster.svg`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },

  { method: 'GET', route: '/api/deputies', url: () => '/api/deputies', in: S(200, 200, 200, 200, 403) },
  {
    method: 'POST', route: '/api/deputies', url: () => '/api/deputies',
    body: (_, s, h) => ({ name: h.unique('测试'), gender: 'female', regionCode: s === 'in' ? '451103101' : '420684109' }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deputies/:id', url: (t, s) => `/api/deputies/${t.deputy[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PATCH', route: '/api/deputies/:id', url: (t, s) => `/api/deputies/${t.deputy[s]}`,
    body: async (t, s, h) => ({ version: await h.version('deputy', t.deputy[s]), occupation: h.unique('职业') }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deputies/:id/card.:format', url: (t, s) => `/api/deputies/${t.deputy[s]}/card.pdf`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },

  { method: 'GET', route: '/api/units', url: () => '/api/units', in: S(200, 200, 200, 200, 200) },
  {
    method: 'POST', route: '/api/units', url: () => '/api/units',
    body: (_, s, h) => ({ name: h.unique('测试局'), regionCode: s === 'in' ? '451103' : '420684' }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/units/:id', url: (t, s) => `/api/units/${t.unit[s]}`, in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404) },
  {
    method: 'PATCH', route: '/api/units/:id', url: (t, s) => `/api/units/${t.unit[s]}`,
    body: async (t, s, h) => ({ version: await h.version('unit', t.unit[s]), address: h.unique('地址') }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },

  { method: 'GET', route: '/api/accounts', url: () => '/api/accounts', in: S(200, 200, 403, 403, 403) },
  {
    method: 'POST', route: '/api/accounts', url: () => '/api/accounts',
    body: (t, s, h) => (s === 'in'
      ? { username: h.unique('m_off'), displayName: '矩阵联络员', role: 'officer', password: 'Matrix#Pass2026', stationIds: [t.station.in] }
      : { username: h.unique('m_staff'), displayName: '矩阵工作人员', role: 'staff', password: 'Matrix#Pass2026', regionCode: '420684' }),
    in: S(201, 201, 403, 403, 403), out: S(201, 403, 403, 403, 403),
  },
  { method: 'GET', route: '/api/accounts/:id', url: (t, s) => `/api/accounts/${t.account[s]}`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'PATCH', route: '/api/accounts/:id', url: (t, s) => `/api/accounts/${t.account[s]}`,
    body: async (t, s, h) => ({ version: await h.version('account', t.account[s]), displayName: h.unique('改名') }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/accounts/:id/reset-password', url: (t, s) => `/api/accounts/${t.account[s]}/reset-password`,
    // A new password each time: a reset may not repeat one of the account's last 5.
    body: (_t, _s, h) => ({ password: h.unique('Reset#Pass2026-') }), in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'POST', route: '/api/accounts/:id/unlock', url: (t, s) => `/api/accounts/${t.account[s]}/unlock`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },

  { method: 'GET', route: '/api/audit', url: () => '/api/audit', in: S(200, 403, 403, 403, 403) },

  { method: 'GET', route: '/api/calendar/add-working-days', url: () => '/api/calendar/add-working-days?from=2026-09-30&days=3', in: all(200) },
  { method: 'GET', route: '/api/calendar/holidays', url: () => '/api/calendar/holidays?year=2026', in: authed(200, { grid: 403 }) },
  { method: 'GET', route: '/api/calendar/status', url: () => '/api/calendar/status', in: authed(200, { grid: 403 }) },
  { method: 'GET', route: '/api/case-categories', url: () => '/api/case-categories', in: all(200) },
  { method: 'GET', route: '/api/cases', url: () => '/api/cases', in: S(200, 200, 200, 200, 200) },
  {
    method: 'POST', route: '/api/cases', url: () => '/api/cases',
    body: (t, s) => ({ stationId: t.station[s], channel: 'phone', items: [{ categoryId: t.categoryId, content: '矩阵测试来电' }] }),
    in: S(201, 201, 201, 201, 403), out: S(201, 400, 400, 400, 403),
  },
  { method: 'GET', route: '/api/cases/:id', url: (t, s) => `/api/cases/${t.case[s]}`, in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404) },
  {
    method: 'GET', route: '/api/cases/:id/photos/:photoId', url: (t, s) => `/api/cases/${t.case[s]}/photos/${t.photo[s]}`,
    in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404),
  },
  {
    method: 'GET', route: '/api/cases/:id/reply-attachments/:attachmentId', url: (t, s) => `/api/cases/${t.case[s]}/reply-attachments/${t.replyAttachment[s]}`,
    in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404),
  },
  {
    // The in case is addressed to the deputy and led by the unit: both may reveal; the out case is out of reach.
    method: 'POST', route: '/api/cases/:id/contact', url: (t, s) => `/api/cases/${t.case[s]}/contact`,
    in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404),
  },
  {
    // Only the applicable one of flag and unflag is allowed: the administrator flags the case, the staff member unflags it.
    method: 'POST', route: '/api/cases/:id/actions/:action', url: (t, s, role) => `/api/cases/${t.case[s]}/actions/${role === 'staff' ? 'unflag_key' : 'flag_key'}`,
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 404, 404, 404),
  },
  // Batch actions answer each case's outcome (a case out of reach is NOT_FOUND inside a 200); deputies and units never batch.
  {
    method: 'POST', route: '/api/cases/batch/:action', url: () => '/api/cases/batch/urge', body: (t, s) => ({ ids: [t.case[s]], comment: '矩阵测试催办' }),
    in: S(200, 200, 200, 403, 403), out: S(200, 200, 200, 403, 403),
  },
  {
    method: 'GET', route: '/api/cases/:id/form.pdf', url: (t, s) => `/api/cases/${t.case[s]}/form.pdf`,
    in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404),
  },
  { method: 'GET', route: '/api/todo', url: () => '/api/todo', in: authed(200, { grid: 403 }) },
  // An item is the roles': another role's answers 404 like an unknown one.
  { method: 'GET', route: '/api/todo/:key', url: () => '/api/todo/case.accept', in: S(200, 200, 200, 404, 404) },
  {
    method: 'POST', route: '/api/public/opinions', url: () => '/api/public/opinions',
    body: (t) => ({ stationId: t.station.in, categoryId: t.categoryId, content: '矩阵测试意见' }), in: all(201),
  },
  { method: 'GET', route: '/api/public/opinions/:code', url: (t) => `/api/public/opinions/${t.publicCase.code}?key=${t.publicCase.key}`, in: all(200) },
  {
    method: 'POST', route: '/api/public/opinions/:code/rating', url: (t) => `/api/public/opinions/${t.publicCase.code}/rating?key=${t.publicCase.key}`,
    body: () => ({ rating: 'satisfied' }), in: all(409),
  },
  {
    // An internal file, of a reply not approved: nobody downloads it with the key.
    method: 'GET', route: '/api/public/opinions/:code/attachments/:attachmentId',
    url: (t) => `/api/public/opinions/${t.publicCase.code}/attachments/${t.replyAttachment.in}?key=${t.publicCase.key}`, in: all(404),
  },
  // The look-up with the code and the PIN: anyone who holds both (the per-code limit counts failures only).
  {
    method: 'POST', route: '/api/public/opinions/lookup', url: () => '/api/public/opinions/lookup',
    body: (t) => ({ code: t.publicCase.code, pin: t.publicCase.pin }), in: all(200),
  },
  // The look-up's state and its unlock: the people who handle the case's submitters (admin, staff and officers in scope).
  { method: 'GET', route: '/api/cases/:id/lookup', url: (t, s) => `/api/cases/${t.case[s]}/lookup`, in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403) },
  { method: 'POST', route: '/api/cases/:id/lookup/unlock', url: (t, s) => `/api/cases/${t.case[s]}/lookup/unlock`, in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403) },
  { method: 'GET', route: '/api/public/stations', url: () => '/api/public/stations', in: all(200) },
  { method: 'GET', route: '/api/public/stations/regions', url: () => '/api/public/stations/regions', in: all(200) },
  { method: 'GET', route: '/api/public/stations/:id', url: (t, scope) => `/api/public/stations/${t.station[scope]}`, in: all(200), out: all(200) },
  { method: 'GET', route: '/api/public/deputies/:id', url: (t, scope) => `/api/public/deputies/${t.deputy[scope]}`, in: all(200), out: all(200) },
  { method: 'GET', route: '/api/activities', url: () => '/api/activities', in: authed(200, { grid: 403 }) },
  { method: 'GET', route: '/api/activities.xlsx', url: () => '/api/activities.xlsx', in: authed(200, { grid: 403 }) },
  {
    method: 'POST', route: '/api/activities', url: () => '/api/activities',
    body: (t, s) => ({ kind: 'visit', title: '矩阵走访', stationId: t.station[s], startsAt: '2026-11-10T09:00:00+08:00' }),
    in: S(201, 201, 201, 201, 403), out: S(201, 400, 400, 400, 403),
  },
  { method: 'GET', route: '/api/activities/:id', url: (t, s) => `/api/activities/${t.activity[s]}`, in: S(200, 200, 200, 200, 404), out: S(200, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/activities/:id', url: (t, s) => `/api/activities/${t.activity[s]}`,
    body: async (t, s, h) => ({ kind: 'visit', title: '矩阵走访(改)', stationId: t.station[s], startsAt: '2026-11-10T09:00:00+08:00', version: await h.version('activity', t.activity[s]) }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/activities/:id/files', url: (t, s) => `/api/activities/${t.activity[s]}/files`,
    body: () => ({ photos: [{ data: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64') }] }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'GET', route: '/api/activities/:id/files/:fileId', url: (t, s) => `/api/activities/${t.activity[s]}/files/${t.activityFile[s]}`,
    in: S(200, 200, 200, 200, 404), out: S(200, 404, 404, 404, 404),
  },
  { method: 'GET', route: '/api/campaigns', url: () => '/api/campaigns', in: authed(200, { unit: 403, grid: 403 }) },
  {
    method: 'POST', route: '/api/campaigns', url: () => '/api/campaigns',
    body: (_t, s, h) => ({ name: h.unique('矩阵主题活动'), regionCode: s === 'in' ? '451103' : '420684', startsOn: '2026-11-01', endsOn: '2026-12-31' }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/campaigns/:id', url: (t, s) => `/api/campaigns/${t.campaign[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/campaigns/:id', url: (t, s) => `/api/campaigns/${t.campaign[s]}`,
    body: async (t, s, h) => ({ name: '矩阵主题活动(改)', regionCode: s === 'in' ? '451103' : '420684', startsOn: '2026-11-01', endsOn: '2026-12-31', version: await h.version('activity_campaign', t.campaign[s]) }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/stations/:id/rota', url: (t, s) => `/api/stations/${t.station[s]}/rota`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/stations/:id/rota', url: (t, s) => `/api/stations/${t.station[s]}/rota`,
    body: () => ({ from: '2027-03-01', to: '2027-03-31' }),
    in: S(201, 201, 201, 403, 403), out: S(201, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/rota/:id/swap', url: (t, s) => `/api/rota/${t.rotaSwap[s]}/swap`,
    body: (t, s, h) => h.swap(t.rotaSwap[s]),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  {
    // The first to cancel a day succeeds; after that the day is closed (409), which still shows the caller got through.
    method: 'POST', route: '/api/rota/:id/cancel', url: (t, s) => `/api/rota/${t.rotaCancel[s]}/cancel`, body: () => ({ reason: '矩阵取消' }),
    in: S(200, 409, 409, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/rota/mine', url: () => '/api/rota/mine', in: authed(200, { unit: 403, grid: 403 }) },

  // 履职积分 and 考核评价: regions in the staff's subtree, stations the reader sees; a deputy reads their own ledger only.
  {
    method: 'GET', route: '/api/points/ranking', url: (t, s) => `/api/points/ranking?year=2026&stationId=${t.station[s]}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  { method: 'GET', route: '/api/points/deputies/:id', url: (t, s) => `/api/points/deputies/${t.deputy[s]}`, in: S(200, 200, 200, 404, 403), out: S(200, 404, 404, 404, 403) },
  // Rules and schemes are read in the rankings' scope: a region one manages, or one at or above a station one sees; elsewhere 404.
  { method: 'GET', route: '/api/points/rules', url: (_, s) => `/api/points/rules?regionCode=${s === 'in' ? '451103' : '420684'}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/points/rules', url: () => '/api/points/rules',
    body: (_, s, h) => ({ regionCode: s === 'in' ? '451103' : '420684', effectiveFrom: `${uniqueYear(h, 2040)}-01-01`, rules: pointRules() }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/points/bonuses', url: () => '/api/points/bonuses', in: authed(200, { unit: 403, grid: 403 }) },
  {
    method: 'POST', route: '/api/points/bonuses', url: () => '/api/points/bonuses',
    body: (t, s) => ({ deputyId: t.deputy[s], stationId: t.station[s], date: '2026-01-05', points: 5, reason: '矩阵加分' }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  {
    // The first to withdraw a bonus succeeds; after that it is withdrawn already (409).
    method: 'POST', route: '/api/points/bonuses/:id/void', url: (t, s) => `/api/points/bonuses/${t.pointBonus[s]}/void`, body: () => ({ reason: '矩阵撤销' }),
    in: S(200, 409, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'GET', route: '/api/points/stars', url: (_, s) => `/api/points/stars?year=2026&regionCode=${s === 'in' ? '451103' : '420684'}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/points/stars', url: () => '/api/points/stars',
    body: (t, s, h) => ({ year: uniqueYear(h, 2007), regionCode: s === 'in' ? '451103' : '420684', deputyIds: [t.deputy[s]] }),
    in: S(200, 200, 403, 403, 403), out: S(200, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/assessments', url: (t, s) => `/api/assessments?stationId=${t.station[s]}`, in: authed(200, { unit: 403, grid: 403 }) },
  { method: 'GET', route: '/api/assessments/schemes', url: (_, s) => `/api/assessments/schemes?regionCode=${s === 'in' ? '451103' : '420684'}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/assessments/schemes', url: () => '/api/assessments/schemes',
    body: (_, s, h) => ({ regionCode: s === 'in' ? '451103' : '420684', fromYear: uniqueYear(h, 2040), indicators: [{ key: 'activities', weight: 100, target: 12 }], grades: { first: 85, second: 70 } }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/assessments/stations/:id/confirm', url: (t, s) => `/api/assessments/stations/${t.station[s]}/confirm`,
    body: (_, _s, h) => ({ year: uniqueYear(h, 2007) }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/registers', url: () => '/api/registers', in: S(200, 200, 200, 200, 403) },
  {
    method: 'GET', route: '/api/registers/:kind.:format', url: (t, s) => `/api/registers/roster.xlsx?stationId=${t.station[s]}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  { method: 'GET', route: '/api/deeds', url: (t, s) => `/api/deeds?stationId=${t.station[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    // deputy.in sits at station.in, deputy.out at station.out.
    method: 'POST', route: '/api/deeds', url: () => '/api/deeds',
    body: (t, s) => ({ stationId: t.station[s], deputyId: t.deputy[s], occurredOn: '2026-11-10', title: '矩阵事迹' }),
    in: S(201, 201, 201, 403, 403), out: S(201, 400, 400, 403, 403),
  },
  { method: 'GET', route: '/api/chronicle', url: (t, s) => `/api/chronicle?stationId=${t.station[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/chronicle', url: () => '/api/chronicle',
    body: (t, s) => ({ stationId: t.station[s], occurredOn: '2026-11-10', title: '矩阵大事' }),
    in: S(201, 201, 201, 403, 403), out: S(201, 400, 400, 403, 403),
  },
  // Changing and deleting entries: the station must be one the writer runs, like recording; out of sight 404 (a shared station's other side: the rows at the end).
  ...([['deeds', 'deed', 'deputy_deed'], ['chronicle', 'chronicleEntry', 'chronicle_entry']] as const).flatMap(([path, target, table]): Case[] => [
    {
      method: 'PATCH', route: `/api/${path}/:id`, url: (t, s) => `/api/${path}/${t[target][s]}`,
      body: async (t, s, h) => ({ version: await h.version(table, t[target][s]), title: h.unique('矩阵修改') }),
      in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
    },
    {
      method: 'DELETE', route: `/api/${path}/:id`, url: (t, s, role) => `/api/${path}/${t[target].remove[s][role]}?version=1`,
      in: S(204, 204, 204, 403, 403), out: S(204, 404, 404, 403, 403),
    },
  ]),
  // A deputy reads their own archive only; deputy.in is a colleague of liangjun.
  { method: 'GET', route: '/api/deputies/:id/archive', url: (t, s) => `/api/deputies/${t.deputy[s]}/archive`, in: S(200, 200, 200, 404, 403), out: S(200, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/deputies/:id/archive.pdf', url: (t, s) => `/api/deputies/${t.deputy[s]}/archive.pdf`, in: S(200, 200, 200, 404, 403), out: S(200, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/deputies/:id/terms', url: (t, s) => `/api/deputies/${t.deputy[s]}/terms`, in: S(200, 200, 200, 404, 403), out: S(200, 404, 404, 404, 403) },
  // Terms: read at, above and below where one works; recorded by the staff of the congress's region.
  { method: 'GET', route: '/api/terms', url: () => '/api/terms', in: S(200, 200, 200, 200, 403) },
  {
    // A fresh term of a town's congress each call, numbered and dated in step so none overlaps or runs against another.
    method: 'POST', route: '/api/terms', url: () => '/api/terms',
    body: (_, s, h) => {
      const number = (Number(h.unique('')) % 30) + 1;
      return { level: 'township', regionCode: s === 'in' ? '451103103' : '420684103', number, startsOn: `${1950 + number * 5}-01-01`, endsOn: `${1954 + number * 5}-12-31` };
    },
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/terms/:id', url: (t, s) => `/api/terms/${t.term[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PATCH', route: '/api/terms/:id', url: (t, s) => `/api/terms/${t.term[s]}`,
    body: async (t, s, h) => ({ version: await h.version('congress_term', t.term[s]), endsOn: null }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  // The election round (换届) of the county congresses: read and previewed by those who manage them; a run with nobody decided is refused.
  { method: 'GET', route: '/api/terms/:id/round', url: (t, s) => `/api/terms/${t.term[s]}/round`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'POST', route: '/api/terms/:id/round/preview', url: (t, s) => `/api/terms/${t.term[s]}/round/preview`,
    body: async (t, s, h) => ({ version: await h.version('congress_term', t.term[s]), next: { number: 20, startsOn: '2099-01-01' }, deputies: [] }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/terms/:id/round', url: (t, s) => `/api/terms/${t.term[s]}/round`,
    body: async (t, s, h) => ({ version: await h.version('congress_term', t.term[s]), next: { number: 20, startsOn: '2099-01-01' }, deputies: [] }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/terms/:id/coverage', url: (t, s) => `/api/terms/${t.term[s]}/coverage`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/public/deputies/:id/disclosure', url: (t, s) => `/api/public/deputies/${t.deputy[s]}/disclosure`, in: all(200), out: all(200) },
  { method: 'GET', route: '/open311/v2/services.json', url: () => '/open311/v2/services.json', in: all(200) },
  { method: 'GET', route: '/open311/v2/services/:code.json', url: () => '/open311/v2/services/water.json', in: all(200) },
  { method: 'GET', route: '/open311/v2/requests.json', url: () => '/open311/v2/requests.json', in: all(200) },
  { method: 'GET', route: '/open311/v2/requests/:id.json', url: (t) => `/open311/v2/requests/${t.publicCase.publicId}.json`, in: all(200) },
  {
    method: 'POST', route: '/open311/v2/requests.json', url: () => '/open311/v2/requests.json',
    body: (t) => ({ service_code: 'water', description: 'Open311 矩阵测试', station_id: t.station.in }), in: all(201),
  },
  { method: 'GET', route: '/api/statistics/cases', url: () => '/api/statistics/cases', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/statistics/cases/by/:group', url: () => '/api/statistics/cases/by/category', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/statistics/units/league', url: () => '/api/statistics/units/league', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/suggestions/statistics', url: () => '/api/suggestions/statistics?groupBy=congress', in: S(200, 200, 403, 403, 403) },
  { method: 'GET', route: '/api/suggestions/report.pdf', url: () => '/api/suggestions/report.pdf?year=2026&level=county&regionCode=451103', in: S(200, 200, 403, 403, 403) },
  { method: 'GET', route: '/api/suggestions/report.xlsx', url: () => '/api/suggestions/report.xlsx?year=2026&level=county&regionCode=451103', in: S(200, 200, 403, 403, 403) },
  { method: 'GET', route: '/api/suggestions/congresses', url: () => '/api/suggestions/congresses', in: S(403, 403, 403, 200, 403) },
  { method: 'GET', route: '/api/suggestions/deputies', url: () => '/api/suggestions/deputies?q=%E9%9F%A6', in: S(403, 403, 403, 200, 403) },
  { method: 'POST', route: '/api/suggestions', url: () => '/api/suggestions', body: (t) => suggestionBody(t), in: S(403, 403, 403, 201, 403) },
  {
    method: 'PUT', route: '/api/suggestions/:id', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}`, body: (t) => suggestionBody(t),
    in: S(403, 403, 403, 200, 403), out: S(403, 403, 403, 404, 403),
  },
  // A draft is its deputy's own: staff act on a suggestion once submitted (urging a draft is refused to its lead deputy).
  {
    method: 'POST', route: '/api/suggestions/:id/actions', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}/actions`,
    body: () => ({ action: 'urge', comment: '矩阵催办' }), in: S(404, 404, 403, 403, 404), out: S(404, 404, 403, 404, 404),
  },
  // Before the DELETE row below, which removes the file.
  {
    method: 'GET', route: '/api/suggestions/:id/files/:fileId', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}/files/${t.draftFile[s]}`,
    in: S(404, 404, 403, 200, 404), out: S(404, 404, 403, 404, 404),
  },
  {
    method: 'POST', route: '/api/suggestions/:id/files', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}/files`,
    body: () => ({ name: '矩阵附件.png', data: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64') }),
    in: S(403, 403, 403, 201, 403), out: S(403, 403, 403, 404, 403),
  },
  {
    method: 'DELETE', route: '/api/suggestions/:id/files/:fileId', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}/files/${t.draftFile[s]}`,
    in: S(403, 403, 403, 200, 403), out: S(403, 403, 403, 404, 403),
  },
  // Reading: staff see suggestions once submitted, a deputy their own draft, a unit those assigned to it; the public the published ones.
  { method: 'GET', route: '/api/suggestions', url: () => '/api/suggestions', in: S(200, 200, 403, 200, 200) },
  { method: 'GET', route: '/api/suggestions.xlsx', url: () => '/api/suggestions.xlsx', in: S(200, 200, 403, 200, 200) },
  {
    method: 'GET', route: '/api/suggestions/:id', url: (t, s) => `/api/suggestions/${t.suggestionDraft[s]}`,
    in: S(404, 404, 403, 200, 404), out: S(404, 404, 403, 404, 404),
  },
  { method: 'GET', route: '/api/public/suggestions', url: () => '/api/public/suggestions', in: all(200) },
  { method: 'GET', route: '/api/public/suggestions/:id', url: (t) => `/api/public/suggestions/${t.suggestionDraft.in}`, in: all(404) },
  {
    method: 'GET', route: '/api/public/suggestions/:id/files/:fileId', url: (t) => `/api/public/suggestions/${t.suggestionDraft.in}/files/${t.draftFile.in}`,
    in: all(404),
  },
  { method: 'GET', route: '/api/congress-sessions', url: (t, s) => `/api/congress-sessions?termId=${t.term[s]}`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'POST', route: '/api/congress-sessions', url: () => '/api/congress-sessions', body: (t, s, h) => sessionBody(h, { termId: t.term[s] }),
    in: S(201, 201, 403, 403, 403), out: S(201, 404, 403, 403, 403),
  },
  {
    method: 'PUT', route: '/api/congress-sessions/:id', url: (t, s) => `/api/congress-sessions/${t.congressSession[s]}`,
    body: () => ({ number: 25, opensOn: '2089-03-01', closesOn: '2089-03-05' }), in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'GET', route: '/api/suggestion-settings', url: (_, s) => `/api/suggestion-settings?level=county&regionCode=${s === 'in' ? '451103' : '420684'}`,
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'PUT', route: '/api/suggestion-settings', url: () => '/api/suggestion-settings',
    body: (_, s) => ({ level: 'county', regionCode: s === 'in' ? '451103' : '420684', motionMinCosigners: 10, reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1 }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/case-rules', url: (_, s) => `/api/case-rules?regionCode=${s === 'in' ? '451103' : '420684'}`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'PUT', route: '/api/case-rules/categories/:id', url: (t) => `/api/case-rules/categories/${t.categoryId}`,
    body: () => ({ deadlineDays: 3, maxDays: 5, signDays: 1 }), in: S(200, 403, 403, 403, 403),
  },
  {
    method: 'PUT', route: '/api/case-rules/categories/:id/regions/:regionCode', url: (t, s) => `/api/case-rules/categories/${t.categoryId}/regions/${s === 'in' ? '451103101' : '420684109'}`,
    body: () => ({ deadlineDays: 2, maxDays: 5, signDays: 1 }), in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'DELETE', route: '/api/case-rules/categories/:id/regions/:regionCode', url: (t, s) => `/api/case-rules/categories/${t.categoryId}/regions/${s === 'in' ? '451103101' : '420684109'}`,
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/statistics/cases.xlsx', url: () => '/api/statistics/cases.xlsx?group=unit', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/statistics/units/league.xlsx', url: () => '/api/statistics/units/league.xlsx', in: S(200, 200, 200, 200, 200) },
  {
    method: 'PUT', route: '/api/calendar/holidays/:year', url: () => '/api/calendar/holidays/2030',
    body: () => ({ source: '测试', days: [{ date: '2030-01-01', kind: 'rest', name: '元旦' }] }), in: S(200, 403, 403, 403, 403),
  },
  { method: 'GET', route: '/api/audit/verify', url: () => '/api/audit/verify', in: S(200, 403, 403, 403, 403) },
  { method: 'POST', route: '/api/audit/checkpoints', url: () => '/api/audit/checkpoints', in: S(200, 403, 403, 403, 403) },

  // Imports: the batch is the administrator's, so other staff get 404 as for a missing one.
  ...(['deputies', 'stations'] as const).flatMap((kind): Case[] => [
    { method: 'GET', route: `/api/imports/${kind}/template.xlsx`, url: () => `/api/imports/${kind}/template.xlsx`, in: S(200, 200, 403, 403, 403) },
    { method: 'POST', route: `/api/imports/${kind}`, url: () => `/api/imports/${kind}`, body: () => ({ filename: '矩阵.xlsx' }), in: S(201, 201, 403, 403, 403) },
    // A JSON body is not a file (400); the batch still waits for one, so it cannot be committed (409).
    { method: 'PUT', route: `/api/imports/${kind}/:id/file`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/file`, in: S(400, 404, 403, 403, 403) },
    { method: 'GET', route: `/api/imports/${kind}/:id`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}`, in: S(200, 404, 403, 403, 403) },
    { method: 'GET', route: `/api/imports/${kind}/:id/rows`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/rows`, in: S(200, 404, 403, 403, 403) },
    { method: 'POST', route: `/api/imports/${kind}/:id/commit`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/commit`, in: S(409, 404, 403, 403, 403) },
    // Last: the creator's cancel fails the batch.
    { method: 'POST', route: `/api/imports/${kind}/:id/cancel`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/cancel`, in: S(200, 404, 403, 403, 403) },
  ]),
  // Member enterprises of an industry contact point: the batch is the administrator's, for 平桂区黄金珠宝产业代表联络站.
  { method: 'GET', route: '/api/imports/enterprises/template.xlsx', url: () => '/api/imports/enterprises/template.xlsx', in: S(200, 200, 200, 403, 403) },
  {
    method: 'POST', route: '/api/imports/enterprises', url: () => '/api/imports/enterprises', body: (t, s) => ({ filename: '矩阵.xlsx', stationId: t.industryPoint[s] }),
    in: S(201, 201, 404, 403, 403), out: S(201, 404, 404, 403, 403),
  },
  { method: 'PUT', route: '/api/imports/enterprises/:id/file', url: (t) => `/api/imports/enterprises/${t.importBatch.enterprises}/file`, in: S(400, 404, 404, 403, 403) },
  { method: 'GET', route: '/api/imports/enterprises/:id', url: (t) => `/api/imports/enterprises/${t.importBatch.enterprises}`, in: S(200, 404, 404, 403, 403) },
  { method: 'GET', route: '/api/imports/enterprises/:id/rows', url: (t) => `/api/imports/enterprises/${t.importBatch.enterprises}/rows`, in: S(200, 404, 404, 403, 403) },
  { method: 'POST', route: '/api/imports/enterprises/:id/commit', url: (t) => `/api/imports/enterprises/${t.importBatch.enterprises}/commit`, in: S(409, 404, 404, 403, 403) },
  { method: 'POST', route: '/api/imports/enterprises/:id/cancel', url: (t) => `/api/imports/enterprises/${t.importBatch.enterprises}/cancel`, in: S(200, 404, 404, 403, 403) },
  // Industry contact points: the station's scope; those who run it manage, its deputies read and log visits.
  { method: 'GET', route: '/api/industry/points', url: () => '/api/industry/points', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/industry/points/:id', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}`, in: S(200, 200, 404, 404, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/industry/points/:id/organisation', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}/organisation`,
    body: () => ({ lead: [], conveners: [], residents: [], participants: [] }), in: S(200, 200, 404, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/industry/points/:id/enterprises', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}/enterprises`, in: S(200, 200, 404, 404, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/industry/points/:id/enterprises', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}/enterprises`,
    body: () => ({ name: '矩阵企业', creditCode: '91350100M000100Y44' }), in: S(400, 400, 404, 403, 403), out: S(400, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/industry/enterprises/:id', url: () => '/api/industry/enterprises/2147483000', in: S(404, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/industry/enterprises/:id', url: () => '/api/industry/enterprises/2147483000',
    body: () => ({ name: '矩阵企业', creditCode: '91350100M000100Y43', version: 1 }), in: S(404, 404, 404, 403, 403),
  },
  { method: 'DELETE', route: '/api/industry/enterprises/:id', url: () => '/api/industry/enterprises/2147483000', in: S(404, 404, 404, 403, 403) },
  { method: 'POST', route: '/api/industry/enterprises/:id/contact', url: () => '/api/industry/enterprises/2147483000/contact', in: S(404, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/industry/enterprises.xlsx', url: (t, s) => `/api/industry/enterprises.xlsx?stationId=${t.industryPoint[s]}`, in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/industry/points/:id/campaigns', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}/campaigns`, in: S(200, 200, 404, 404, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/industry/points/:id/campaigns', url: (t, s) => `/api/industry/points/${t.industryPoint[s]}/campaigns`,
    body: () => ({ title: '矩阵计划', target: 10, startsOn: '2030-01-01', endsOn: '2030-04-10' }), in: S(201, 201, 404, 403, 403), out: S(201, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/industry/campaigns/:id', url: () => '/api/industry/campaigns/2147483000', in: S(404, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/industry/campaigns/:id/visits', url: () => '/api/industry/campaigns/2147483000/visits',
    body: () => ({ visitedOn: '2030-01-02', enterpriseIds: [1] }), in: S(404, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/industry/visits/:id/case', url: () => '/api/industry/visits/2147483000/case',
    body: (t) => ({ summary: '矩阵', categoryId: t.categoryId, content: '矩阵' }), in: S(404, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/industry/visits/:id/suggestion', url: () => '/api/industry/visits/2147483000/suggestion',
    body: (t) => ({ summary: '矩阵', title: '矩阵', reasons: '矩阵', proposals: '矩阵', categoryId: t.categoryId }), in: S(403, 403, 403, 404, 403),
  },
  { method: 'GET', route: '/api/industry/issues', url: () => '/api/industry/issues?caseId=1', in: S(200, 200, 200, 200, 403) },
  // Excel exports: the list's own read ability and scope.
  { method: 'GET', route: '/api/deputies.xlsx', url: () => '/api/deputies.xlsx', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/stations.xlsx', url: () => '/api/stations.xlsx', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/units.xlsx', url: () => '/api/units.xlsx', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/accounts.xlsx', url: () => '/api/accounts.xlsx', in: S(200, 200, 403, 403, 403) },
  { method: 'GET', route: '/api/cases.xlsx', url: () => '/api/cases.xlsx?open=true', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/audit.xlsx', url: () => '/api/audit.xlsx?action=station.', in: S(200, 403, 403, 403, 403) },

  { method: 'GET', route: '/api/notifications', url: () => '/api/notifications?unread=true', in: authed(200) },
  { method: 'GET', route: '/api/notifications/unread-count', url: () => '/api/notifications/unread-count', in: authed(200) },
  {
    method: 'POST', route: '/api/notifications/:id/read',
    url: (t, s, role) => `/api/notifications/${s === 'in' ? t.notification.own[role === 'anon' ? 'admin' : role] : t.notification.other}/read`,
    in: authed(200), out: authed(404),
  },
  { method: 'POST', route: '/api/notifications/read-all', url: () => '/api/notifications/read-all', in: authed(200) },
  { method: 'GET', route: '/api/notifications/preferences', url: () => '/api/notifications/preferences', in: authed(200) },
  {
    method: 'PUT', route: '/api/notifications/preferences', url: () => '/api/notifications/preferences',
    body: () => ({ prefs: [{ type: 'other', channel: 'app', mode: 'immediate' }] }), in: authed(200),
  },

  // Consultations: staff of the committee's region run a topic; officers and deputies of the stations asked read it and gather views.
  // Budget review: no review exists in the matrix's data, so each route answers 404 to the roles its ability admits (the reach is tested in features/budget).
  { method: 'GET', route: '/api/budget-reviews', url: () => '/api/budget-reviews', in: S(200, 200, 403, 200, 200) },
  { method: 'POST', route: '/api/budget-reviews', url: () => '/api/budget-reviews', body: () => ({ termId: 999999, year: 2026, kind: 'draft', financeUnitId: 999999 }), in: S(400, 400, 403, 403, 403) },
  { method: 'GET', route: '/api/budget-reviews/:id', url: () => '/api/budget-reviews/999999', in: S(404, 404, 403, 404, 404) },
  { method: 'PUT', route: '/api/budget-reviews/:id', url: () => '/api/budget-reviews/999999', body: () => ({ financeUnitId: 999999 }), in: S(404, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/budget-reviews/:id/actions', url: () => '/api/budget-reviews/999999/actions', body: () => ({ action: 'open' }), in: S(404, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/budget-reviews/:id/projects', url: () => '/api/budget-reviews/999999/projects', body: () => ({ name: '项目', amountYuan: 1 }), in: S(404, 404, 403, 403, 404) },
  { method: 'PUT', route: '/api/budget-projects/:id', url: () => '/api/budget-projects/999999', body: () => ({ name: '项目', amountYuan: 1 }), in: S(404, 404, 403, 403, 404) },
  { method: 'DELETE', route: '/api/budget-projects/:id', url: () => '/api/budget-projects/999999', in: S(404, 404, 403, 403, 404) },
  { method: 'PUT', route: '/api/budget-reviews/:id/opinion', url: () => '/api/budget-reviews/999999/opinion', body: () => ({ projectId: null, recommendation: 'agree', body: '同意' }), in: S(404, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/budget-reviews/:id/comments', url: () => '/api/budget-reviews/999999/comments', in: S(404, 404, 403, 404, 404) },
  { method: 'POST', route: '/api/budget-reviews/:id/comments', url: () => '/api/budget-reviews/999999/comments', body: () => ({ body: '意见' }), in: S(403, 403, 403, 404, 403) },
  { method: 'GET', route: '/api/budget-comments', url: () => '/api/budget-comments', in: S(200, 200, 403, 200, 200) },
  { method: 'POST', route: '/api/budget-comments/:id/answer', url: () => '/api/budget-comments/999999/answer', body: () => ({ body: '答复' }), in: S(404, 403, 403, 403, 404) },
  { method: 'POST', route: '/api/budget-reviews/:id/reports', url: () => '/api/budget-reviews/999999/reports', body: () => ({ kind: 'debt', title: '报告' }), in: S(404, 404, 403, 403, 404) },
  { method: 'GET', route: '/api/budget-reports/:id/files/:fileId', url: () => '/api/budget-reports/999999/files/999999', in: S(404, 404, 403, 404, 404) },
  { method: 'POST', route: '/api/budget-reviews/:id/evaluations', url: () => '/api/budget-reviews/999999/evaluations', body: () => ({ projectId: 999999, participantIds: [999999] }), in: S(404, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/budget-evaluations/:id/score', url: () => '/api/budget-evaluations/999999/score', body: () => ({ score: 80 }), in: S(403, 403, 403, 404, 403) },
  { method: 'POST', route: '/api/budget-evaluations/:id/conclude', url: () => '/api/budget-evaluations/999999/conclude', body: () => ({ findings: '结论' }), in: S(404, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/budget-reviews/:id/opinions.pdf', url: () => '/api/budget-reviews/999999/opinions.pdf', in: S(404, 404, 403, 404, 404) },
  { method: 'GET', route: '/api/budget-projects.xlsx', url: () => '/api/budget-projects.xlsx?reviewId=999999', in: S(404, 404, 403, 404, 404) },
  { method: 'GET', route: '/api/budget-comments.xlsx', url: () => '/api/budget-comments.xlsx?reviewId=999999', in: S(404, 404, 403, 404, 404) },
  // Deliberation days (逢四议事): read in the street's reach (units: days they hold items of); run by the street's office; the public reads published days.
  { method: 'GET', route: '/api/deliberations/regions', url: () => '/api/deliberations/regions', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/deliberations/rules/:regionCode', url: (_t, s) => `/api/deliberations/rules/${DD_REGION[s]}`, in: S(200, 200, 200, 200, 404), out: S(200, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/deliberations/rules/:regionCode', url: (_t, s) => `/api/deliberations/rules/${DD_REGION[s]}`, body: () => ddRule,
    in: S(409, 409, 403, 403, 403), out: S(409, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deliberations/days', url: () => '/api/deliberations/days', in: S(200, 200, 200, 200, 200) },
  {
    method: 'POST', route: '/api/deliberations/days/generate', url: () => '/api/deliberations/days/generate', body: (_t, s) => ({ regionCode: DD_REGION[s], months: 1 }),
    in: S(200, 200, 403, 403, 403), out: S(200, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deliberations/days/:id', url: (t, s) => `/api/deliberations/days/${t.deliberationDay[s]}`, in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/deliberations/days/:id', url: (t, s) => `/api/deliberations/days/${t.deliberationDay[s]}`, body: () => ({ place: '', startTime: '09:30', unitIds: [], version: 1 }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  ...(['topics', 'notice', 'record', 'publish', 'cancel'] as const).map((step): Case => ({
    method: 'POST', route: `/api/deliberations/days/:id/${step}`, url: (t, s) => `/api/deliberations/days/${t.deliberationDay[s]}/${step}`, body: () => ddStepBody[step],
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  })),
  {
    method: 'POST', route: '/api/deliberations/days/:id/items', url: (t, s) => `/api/deliberations/days/${t.deliberationDay[s]}/items`, body: (t, s) => ({ title: '矩阵事项', unitId: t.unit[s] }),
    in: S(201, 201, 403, 403, 403), out: S(201, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deliberations/days/:id/feedback', url: (t, s) => `/api/deliberations/days/${t.deliberationDay[s]}/feedback`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'POST', route: '/api/deliberations/feedback/:id/decide', url: (t, s) => `/api/deliberations/feedback/${t.deliberationFeedback[s]}/decide`, body: () => ({ decision: 'dismiss', comment: '矩阵' }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/deliberations/topics', url: () => '/api/deliberations/topics', in: S(200, 200, 200, 200, 200) },
  {
    method: 'POST', route: '/api/deliberations/topics', url: () => '/api/deliberations/topics', body: (_t, s) => ({ regionCode: DD_REGION[s], title: '矩阵议题' }),
    in: S(201, 201, 403, 201, 403), out: S(201, 400, 403, 400, 403),
  },
  { method: 'GET', route: '/api/deliberations/topics/:id', url: (t, s) => `/api/deliberations/topics/${t.deliberationTopic[s]}`, in: S(200, 200, 200, 200, 404), out: S(200, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/deliberations/topics/:id/scores', url: (t, s) => `/api/deliberations/topics/${t.deliberationTopic[s]}/scores`, body: () => ({ importance: 3, urgency: 3, impact: 3 }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/deliberations/topics/:id/withdraw', url: (t, s) => `/api/deliberations/topics/${t.deliberationTopic[s]}/withdraw`, body: () => ({ comment: '矩阵' }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 404, 403),
  },
  { method: 'GET', route: '/api/deliberations/items', url: () => '/api/deliberations/items', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/deliberations/items/:id', url: (t, s) => `/api/deliberations/items/${t.deliberationItem[s]}`, in: S(200, 200, 200, 200, 200), out: S(200, 404, 404, 404, 404) },
  {
    method: 'POST', route: '/api/deliberations/items/:id/actions', url: (t, s) => `/api/deliberations/items/${t.deliberationItem[s]}/actions`, body: () => ({ action: 'urge', comment: '矩阵督办' }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 404, 404, 404),
  },
  // 跨省联建 (cross-province joint work): none of the matrix's actors sees a cross-province station (their per-side rules are
  // in server/features/crossProvince/routes.test.ts); each route answers its ability and scope at a record out of reach.
  { method: 'GET', route: '/api/cross-province/stations', url: () => '/api/cross-province/stations', in: S(200, 200, 200, 200, 403) },
  ...([
    ['GET', '/api/cross-province/stations/:id', '/api/cross-province/stations/2147483000', 'read'],
    ['POST', '/api/cross-province/stations/:id/agreements', '/api/cross-province/stations/2147483000/agreements', 'write'],
    ['POST', '/api/cross-province/agreements/:id/parties', '/api/cross-province/agreements/2147483000/parties', 'write'],
    ['POST', '/api/cross-province/agreements/:id/files', '/api/cross-province/agreements/2147483000/files', 'write'],
    ['GET', '/api/cross-province/agreements/:id/files/:fileId', '/api/cross-province/agreements/2147483000/files/2147483000', 'read'],
    ['DELETE', '/api/cross-province/agreements/:id/files/:fileId', '/api/cross-province/agreements/2147483000/files/2147483000', 'write'],
    ['POST', '/api/cross-province/stations/:id/rota', '/api/cross-province/stations/2147483000/rota', 'write'],
    ['POST', '/api/cross-province/chairs/:id/accept', '/api/cross-province/chairs/2147483000/accept', 'read'],
    ['POST', '/api/cross-province/stations/:id/meetings', '/api/cross-province/stations/2147483000/meetings', 'write'],
    ['POST', '/api/cross-province/meetings/:id/hold', '/api/cross-province/meetings/2147483000/hold', 'write'],
    ['POST', '/api/cross-province/meetings/:id/cancel', '/api/cross-province/meetings/2147483000/cancel', 'write'],
    ['GET', '/api/cross-province/stations/:id/cadence', '/api/cross-province/stations/2147483000/cadence', 'read'],
    ['PUT', '/api/cross-province/stations/:id/cadence', '/api/cross-province/stations/2147483000/cadence', 'write'],
    ['GET', '/api/cross-province/stations/:id/issues', '/api/cross-province/stations/2147483000/issues', 'read'],
    ['POST', '/api/cross-province/stations/:id/issues', '/api/cross-province/stations/2147483000/issues', 'write'],
    ['GET', '/api/cross-province/issues/:id', '/api/cross-province/issues/2147483000', 'read'],
    ['PUT', '/api/cross-province/issues/:id', '/api/cross-province/issues/2147483000', 'write'],
    ['POST', '/api/cross-province/issues/:id/notes', '/api/cross-province/issues/2147483000/notes', 'write'],
    ['GET', '/api/cross-province/stations/:id/calendar', '/api/cross-province/stations/2147483000/calendar?month=2026-01', 'read'],
  ] as const).map(([method, route, url, kind]): Case => ({
    method, route, url: () => url, body: method === 'GET' || method === 'DELETE' ? undefined : () => crossProvinceBodies[route] ?? {},
    in: kind === 'read' ? S(404, 404, 404, 404, 403) : S(404, 404, 404, 403, 403),
  })),
  { method: 'GET', route: '/api/public/cross-province/stations/:id/issues', url: () => '/api/public/cross-province/stations/2147483000/issues', in: all(404) },
  { method: 'GET', route: '/api/public/deliberations', url: () => '/api/public/deliberations', in: all(200) },
  { method: 'GET', route: '/api/public/deliberations/:id', url: (t) => `/api/public/deliberations/${t.deliberationDay.in}`, in: all(200) },
  { method: 'POST', route: '/api/public/deliberations/:id/feedback', url: (t) => `/api/public/deliberations/${t.deliberationDay.in}/feedback`, body: () => ({ rating: 'satisfied' }), in: all(201) },
  { method: 'GET', route: '/api/consultations', url: () => '/api/consultations', in: S(200, 200, 200, 200, 403) },
  {
    method: 'POST', route: '/api/consultations', url: () => '/api/consultations', body: (t, s) => consultationBody(t, s),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/consultations/:id', url: (t, s) => `/api/consultations/${t.consultation[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/consultations/:id', url: (t, s) => `/api/consultations/${t.consultation[s]}`, body: (t, s) => ({ ...consultationBody(t, s), version: 2 }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/consultations/:id/documents', url: (t, s) => `/api/consultations/${t.consultation[s]}/documents`,
    body: () => ({ name: '矩阵材料.png', data: Buffer.from(MATRIX_PNG, 'hex').toString('base64') }), in: S(201, 201, 403, 403, 403), out: S(201, 404, 403, 403, 403),
  },
  {
    method: 'DELETE', route: '/api/consultations/:id/documents/:docId', url: (t, s) => `/api/consultations/${t.consultation[s]}/documents/${t.consultationDoc[s]}`,
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  {
    method: 'GET', route: '/api/consultations/:id/documents/:docId', url: (t, s) => `/api/consultations/${t.consultation[s]}/documents/${t.consultationDoc[s]}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  { method: 'POST', route: '/api/consultations/:id/publish', url: (t, s) => `/api/consultations/${t.consultation[s]}/publish`, in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/consultations/:id/close', url: (t, s) => `/api/consultations/${t.consultationDraft[s]}/close`, in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403) },
  {
    method: 'POST', route: '/api/consultations/:id/opinion', url: (t, s) => `/api/consultations/${t.consultation[s]}/opinion`, body: () => ({ text: '矩阵审议意见' }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/consultations/:id/handling', url: (t, s) => `/api/consultations/${t.consultation[s]}/handling`, body: () => ({ text: '矩阵处理情况' }),
    in: S(409, 409, 403, 403, 403), out: S(409, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/consultations/:id/views', url: (t, s) => `/api/consultations/${t.consultation[s]}/views`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/consultations/:id/views', url: (t, s) => `/api/consultations/${t.consultation[s]}/views`,
    body: (t, s) => ({ stationId: t.station[s], answers: [{ questionId: null, text: '矩阵接待意见' }] }),
    in: S(201, 201, 201, 201, 403), out: S(201, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/consultations/:id/views/:viewId/contact', url: (t, s) => `/api/consultations/${t.consultation[s]}/views/${t.consultationView[s]}/contact`,
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'GET', route: '/api/consultations/:id/activity-candidates', url: (t, s) => `/api/consultations/${t.consultation[s]}/activity-candidates`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/consultations/:id/activities', url: (t, s) => `/api/consultations/${t.consultation[s]}/activities`, body: () => ({ activityId: 2147483000 }),
    in: S(404, 404, 404, 404, 403), out: S(404, 404, 404, 404, 403),
  },
  {
    method: 'DELETE', route: '/api/consultations/:id/activities/:activityId', url: (t, s) => `/api/consultations/${t.consultation[s]}/activities/2147483000`,
    in: S(404, 404, 404, 404, 403), out: S(404, 404, 404, 404, 403),
  },
  ...(['compilation', 'compilation.xlsx', 'compilation.pdf', 'poster.:format'] as const).map((what): Case => ({
    method: 'GET', route: `/api/consultations/:id/${what}`, url: (t, s) => `/api/consultations/${t.consultation[s]}/${what.replace(':format', 'pdf')}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  })),
  { method: 'GET', route: '/api/consultations/:id/cases', url: (t, s) => `/api/consultations/${t.consultation[s]}/cases`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/consultations/:id/cases', url: (t, s) => `/api/consultations/${t.consultation[s]}/cases`, body: (t, s) => ({ caseIds: [t.case[s]] }),
    in: S(201, 201, 403, 403, 403), out: S(201, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/hot-topics/regions', url: () => '/api/hot-topics/regions', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/hot-topics', url: (_t, s) => `/api/hot-topics?regionCode=${s === 'in' ? '451103' : '420684'}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/hot-topics/refresh', url: () => '/api/hot-topics/refresh', body: (_t, s) => ({ regionCode: s === 'in' ? '451103' : '420684' }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/hot-topics/:id', url: () => '/api/hot-topics/2147483000', in: S(404, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/hot-topics/:id/opinions', url: () => '/api/hot-topics/2147483000/opinions', in: S(404, 404, 404, 404, 403) },
  { method: 'POST', route: '/api/hot-topics/:id/deliberation', url: () => '/api/hot-topics/2147483000/deliberation', body: () => ({}), in: S(404, 404, 404, 404, 403) },
  { method: 'POST', route: '/api/hot-topics/:id/suggestion', url: () => '/api/hot-topics/2147483000/suggestion', body: () => ({}), in: S(404, 404, 404, 404, 403) },
  { method: 'POST', route: '/api/hot-topics/:id/consultation', url: () => '/api/hot-topics/2147483000/consultation', body: (t) => ({ consultationId: t.consultation.in }), in: S(404, 404, 404, 404, 403) },
  // Report-backs (述职): readers reach those of their scope (deputies: their own and their stations'); the station's officers and the congress's staff run them; the plan is the staff's.
  { method: 'GET', route: '/api/report-backs/congresses', url: () => '/api/report-backs/congresses', in: S(200, 200, 403, 403, 403) },
  {
    method: 'GET', route: '/api/report-backs/plan', url: (_t, s) => `/api/report-backs/plan?level=county&regionCode=${s === 'in' ? '451103' : '420684'}`,
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  {
    method: 'PUT', route: '/api/report-backs/plan', url: () => '/api/report-backs/plan',
    body: (_t, s) => ({ level: 'county', regionCode: s === 'in' ? '451103' : '420684', cadence: 'per_term', times: 1, dueOn: null }),
    in: S(200, 200, 403, 403, 403), out: S(200, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/report-backs', url: () => '/api/report-backs', in: S(200, 200, 200, 200, 403) },
  { method: 'POST', route: '/api/report-backs', url: () => '/api/report-backs', body: () => ({ deputyId: 2147483000, stationId: 1, startsAt: new Date().toISOString() }), in: S(400, 400, 400, 403, 403) },
  { method: 'GET', route: '/api/report-backs/activity-candidates', url: () => '/api/report-backs/activity-candidates', in: S(200, 200, 200, 403, 403) },
  { method: 'GET', route: '/api/report-backs/issues', url: () => '/api/report-backs/issues', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/report-backs/:id', url: (t, s) => `/api/report-backs/${t.reportBack[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/report-backs/:id/attendance', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/attendance`, body: () => ({ headcount: 12 }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/:id/cancel', url: (t, s) => `/api/report-backs/${t.reportBackDone[s]}/cancel`, body: () => ({ reason: '矩阵' }),
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/:id/evaluation/open', url: (t, s) => `/api/report-backs/${t.reportBackCancelled[s]}/evaluation/open`,
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/:id/evaluation/close', url: (t, s) => `/api/report-backs/${t.reportBackCancelled[s]}/evaluation/close`,
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/report-backs/:id/live', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/live`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/report-backs/:id/qr.:format', url: (t, s) => `/api/report-backs/${t.reportBackDone[s]}/qr.svg`, in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403) },
  { method: 'GET', route: '/api/report-backs/:id/evaluations', url: (t, s) => `/api/report-backs/${t.reportBackDone[s]}/evaluations`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/report-backs/:id/evaluations/paper', url: (t, s) => `/api/report-backs/${t.reportBackCancelled[s]}/evaluations/paper`, body: () => ({ forms: [{ rating: 'satisfied' }] }),
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/report-backs/:id/report', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/report`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'GET', route: '/api/report-backs/:id/report/versions/:version', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/report/versions/99`,
    in: S(404, 404, 404, 404, 403), out: S(404, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/:id/report/generate', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/report/generate`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'PUT', route: '/api/report-backs/:id/report', url: (t, s) => `/api/report-backs/${t.reportBack[s]}/report`, body: () => ({ text: '矩阵报告', version: 999 }),
    in: S(409, 409, 409, 409, 403), out: S(409, 404, 404, 404, 403),
  },
  { method: 'GET', route: '/api/report-backs/:id/issues', url: (t, s) => `/api/report-backs/${t.reportBackDone[s]}/issues`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/report-backs/:id/issues', url: (t, s) => `/api/report-backs/${t.reportBackCancelled[s]}/issues`, body: () => ({ text: '矩阵问题' }),
    in: S(409, 409, 409, 409, 403), out: S(409, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/issues/:issueId/close', url: (t, s) => `/api/report-backs/issues/${t.reportBackIssue[s]}/close`, body: () => ({ note: '矩阵' }),
    in: S(409, 409, 409, 409, 403), out: S(409, 404, 404, 404, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/issues/:issueId/hand-on-case', url: (t, s) => `/api/report-backs/issues/${t.reportBackIssue[s]}/hand-on-case`,
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/report-backs/issues/:issueId/hand-on-suggestion', url: (t, s) => `/api/report-backs/issues/${t.reportBackIssue[s]}/hand-on-suggestion`,
    in: S(403, 403, 403, 409, 403), out: S(403, 404, 404, 404, 403),
  },
  { method: 'GET', route: '/api/public/report-backs/evaluate/:key', url: () => '/api/public/report-backs/evaluate/AAAAAAAAAAAAAAAAAAAAAA', in: all(404) },
  {
    method: 'POST', route: '/api/public/report-backs/evaluate/:key', url: () => '/api/public/report-backs/evaluate/AAAAAAAAAAAAAAAAAAAAAA',
    body: () => ({ rating: 'satisfied', phone: '13900002222' }), in: all(404),
  },
  { method: 'GET', route: '/api/public/consultations', url: () => '/api/public/consultations', in: all(200) },
  { method: 'GET', route: '/api/public/consultations/:id', url: (t, s) => `/api/public/consultations/${t.consultation[s]}`, in: all(200) },
  {
    method: 'GET', route: '/api/public/consultations/:id/documents/:docId', url: (t, s) => `/api/public/consultations/${t.consultation[s]}/documents/${t.consultationDoc[s]}`,
    in: all(200),
  },
  {
    method: 'POST', route: '/api/public/consultations/:id/views', url: (t, s) => `/api/public/consultations/${t.consultation[s]}/views`,
    body: (t, s) => ({ stationId: t.station[s], answers: [{ questionId: null, text: '矩阵群众意见' }] }), in: all(201),
  },
  { method: 'GET', route: '/api/public/consultations/receipts/:code', url: () => '/api/public/consultations/receipts/2222-2222-2222', in: all(404) },
  // Livelihood-project rounds, candidates and the vote: readers reach rounds and projects (none here: 404); the congress's staff run the rounds and the vote; deputies alone cast ballots.
  { method: 'GET', route: '/api/livelihood/congresses', url: () => '/api/livelihood/congresses', in: S(200, 200, 403, 403, 403) },
  { method: 'GET', route: '/api/livelihood/rounds', url: () => '/api/livelihood/rounds', in: S(200, 200, 200, 200, 200) },
  {
    method: 'POST', route: '/api/livelihood/rounds', url: () => '/api/livelihood/rounds',
    body: () => ({ termId: 2147483000, year: 2099, title: '矩阵票决', collectOpensOn: '2099-01-01', collectClosesOn: '2099-02-01', places: 1, ballotSize: 2, mode: 'choose' }),
    in: S(400, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/livelihood/rounds/:id', url: () => '/api/livelihood/rounds/2147483000', in: S(404, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/livelihood/rounds/:id', url: () => '/api/livelihood/rounds/2147483000',
    body: () => ({ year: 2099, title: '矩阵票决', collectOpensOn: '2099-01-01', collectClosesOn: '2099-02-01', places: 1, ballotSize: 2, mode: 'choose' }),
    in: S(404, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/livelihood/rounds/:id/actions', url: () => '/api/livelihood/rounds/2147483000/actions', body: () => ({ action: 'close_collection' }),
    in: S(404, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/livelihood/rounds/:id/projects', url: () => '/api/livelihood/rounds/2147483000/projects', in: S(404, 404, 404, 404, 404) },
  {
    method: 'POST', route: '/api/livelihood/rounds/:id/projects', url: () => '/api/livelihood/rounds/2147483000/projects',
    body: () => ({ title: '矩阵项目', regionCode: '451103101', description: '矩阵', budgetYuan: 1 }), in: S(404, 404, 404, 404, 404),
  },
  { method: 'GET', route: '/api/livelihood/rounds/:id/result-sheet.pdf', url: () => '/api/livelihood/rounds/2147483000/result-sheet.pdf', in: S(404, 404, 404, 404, 404) },
  { method: 'GET', route: '/api/livelihood/projects/:id', url: () => '/api/livelihood/projects/2147483000', in: S(404, 404, 404, 404, 404) },
  {
    method: 'PUT', route: '/api/livelihood/projects/:id', url: () => '/api/livelihood/projects/2147483000',
    body: () => ({ title: '矩阵项目', regionCode: '451103101', description: '矩阵', budgetYuan: 1 }), in: S(404, 404, 404, 404, 404),
  },
  {
    method: 'PUT', route: '/api/livelihood/projects/:id/sources', url: () => '/api/livelihood/projects/2147483000/sources', body: () => ({ caseIds: [], activityIds: [] }),
    in: S(404, 404, 404, 404, 404),
  },
  {
    method: 'POST', route: '/api/livelihood/projects/:id/actions', url: () => '/api/livelihood/projects/2147483000/actions', body: () => ({ action: 'shortlist' }),
    in: S(404, 404, 404, 404, 404),
  },
  { method: 'POST', route: '/api/livelihood/rounds/:id/vote', url: () => '/api/livelihood/rounds/2147483000/vote', body: () => ({ present: 1 }), in: S(404, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/livelihood/votes/:id', url: () => '/api/livelihood/votes/2147483000', in: S(404, 404, 404, 404, 404) },
  { method: 'PUT', route: '/api/livelihood/votes/:id/present', url: () => '/api/livelihood/votes/2147483000/present', body: () => ({ present: 1 }), in: S(404, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/livelihood/my-ballots', url: () => '/api/livelihood/my-ballots', in: S(403, 403, 403, 200, 403) },
  { method: 'POST', route: '/api/livelihood/votes/:id/ballot', url: () => '/api/livelihood/votes/2147483000/ballot', body: () => ({ chosen: [] }), in: S(403, 403, 403, 404, 403) },
  {
    method: 'POST', route: '/api/livelihood/votes/:id/paper-turnout', url: () => '/api/livelihood/votes/2147483000/paper-turnout', body: () => ({ deputyIds: [1] }),
    in: S(404, 404, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/livelihood/votes/:id/paper-ballots', url: () => '/api/livelihood/votes/2147483000/paper-ballots', body: () => ({ ballots: [{ chosen: [] }] }),
    in: S(404, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/livelihood/votes/:id/turnout', url: () => '/api/livelihood/votes/2147483000/turnout', in: S(404, 404, 403, 403, 403) },
  { method: 'POST', route: '/api/livelihood/votes/:id/close', url: () => '/api/livelihood/votes/2147483000/close', in: S(404, 404, 403, 403, 403) },
  // Livelihood projects carried out: readers of the feature reach a project's delivery (none here: 404), deputies rate, the staff run the evaluation.
  { method: 'GET', route: '/api/livelihood/projects.xlsx', url: () => '/api/livelihood/projects.xlsx?year=2024', in: S(200, 200, 200, 200, 200) },
  { method: 'GET', route: '/api/livelihood/projects/:id/delivery', url: () => '/api/livelihood/projects/2147483000/delivery', in: S(404, 404, 404, 404, 404) },
  { method: 'GET', route: '/api/livelihood/projects/:id/photos/:photoId', url: () => '/api/livelihood/projects/2147483000/photos/1', in: S(404, 404, 404, 404, 404) },
  {
    method: 'POST', route: '/api/livelihood/projects/:id/visits', url: () => '/api/livelihood/projects/2147483000/visits', body: () => ({ activityId: 1 }),
    in: S(404, 404, 404, 404, 404),
  },
  { method: 'POST', route: '/api/livelihood/projects/:id/rating', url: () => '/api/livelihood/projects/2147483000/rating', body: () => ({ rating: 'satisfied' }), in: S(403, 403, 403, 404, 403) },
  { method: 'GET', route: '/api/livelihood/rounds/:id/evaluation', url: () => '/api/livelihood/rounds/2147483000/evaluation', in: S(404, 404, 404, 404, 404) },
  {
    method: 'POST', route: '/api/livelihood/rounds/:id/evaluation', url: () => '/api/livelihood/rounds/2147483000/evaluation', body: () => ({ closesOn: '2099-12-31' }),
    in: S(404, 404, 403, 403, 403),
  },
  { method: 'POST', route: '/api/livelihood/rounds/:id/evaluation/close', url: () => '/api/livelihood/rounds/2147483000/evaluation/close', in: S(404, 404, 403, 403, 403) },
  { method: 'GET', route: '/api/public/livelihood/projects', url: () => '/api/public/livelihood/projects?regionCode=451103101', in: all(200) },
  { method: 'GET', route: '/api/public/livelihood/projects/:id', url: () => '/api/public/livelihood/projects/2147483000', in: all(404) },
  { method: 'GET', route: '/api/public/livelihood/projects/:id/photos/:photoId', url: () => '/api/public/livelihood/projects/2147483000/photos/1', in: all(404) },
  { method: 'GET', route: '/api/public/livelihood/rounds', url: () => '/api/public/livelihood/rounds?regionCode=451103101', in: all(200) },
  {
    method: 'POST', route: '/api/public/livelihood/proposals', url: () => '/api/public/livelihood/proposals',
    body: () => ({ roundId: 2147483000, title: '矩阵项目', description: '矩阵', name: '矩阵群众' }), in: all(404),
  },
  // Mediation rooms: read by whoever sees the station (not units); recorded by those who run it; parties revealed by its deputies (audited).
  { method: 'GET', route: '/api/mediation', url: () => '/api/mediation', in: S(200, 200, 200, 200, 403) },
  {
    method: 'POST', route: '/api/mediation', url: () => '/api/mediation', body: (t, s) => mediationBody(t.station[s]),
    in: S(201, 201, 201, 403, 403), out: S(201, 400, 400, 403, 403),
  },
  {
    method: 'GET', route: '/api/mediation/statistics', url: (t, s) => `/api/mediation/statistics?stationId=${t.station[s]}&year=${today().slice(0, 4)}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'PUT', route: '/api/mediation/figures', url: () => '/api/mediation/figures',
    body: (t, s) => ({ stationId: t.station[s], year: Number(today().slice(0, 4)), constituentsReceived: 3, opinionsCollected: 1 }),
    in: S(200, 200, 200, 403, 403), out: S(200, 400, 400, 403, 403),
  },
  { method: 'GET', route: '/api/mediation/:id', url: (t, s) => `/api/mediation/${t.mediation[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/mediation/:id/sessions', url: (t, s) => `/api/mediation/${t.mediation[s]}/sessions`, body: () => ({ heldOn: today(), place: '矩阵' }),
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/mediation/:id/close', url: (t, s) => `/api/mediation/${t.mediation[s]}/close`, body: () => ({ outcome: 'agreed', closedOn: today() }),
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'PUT', route: '/api/mediation/:id/agreement', url: (t, s) => `/api/mediation/${t.mediation[s]}/agreement`, body: () => ({ name: '矩阵协议.pdf', data: MATRIX_PDF }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/mediation/:id/agreement', url: (t, s) => `/api/mediation/${t.mediation[s]}/agreement`, in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 404, 403) },
  { method: 'POST', route: '/api/mediation/:id/contact', url: (t, s) => `/api/mediation/${t.mediation[s]}/contact`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  // Federation (联邦): the administrator keeps the peers and reads this instance's identity; the inbound API answers signed requests only.
  { method: 'GET', route: '/api/federation/identity', url: () => '/api/federation/identity', in: S(200, 403, 403, 403, 403) },
  { method: 'GET', route: '/api/federation/peers', url: () => '/api/federation/peers', in: S(200, 403, 403, 403, 403) },
  { method: 'GET', route: '/api/federation/peers/:id', url: () => '/api/federation/peers/shandong', in: S(200, 403, 403, 403, 403) },
  {
    method: 'POST', route: '/api/federation/peers', url: () => '/api/federation/peers',
    body: (_, __, h) => ({ id: h.unique('matrix-'), name: '矩阵对端', baseUrl: 'https://matrix.example.gov.cn', publicKey: MATRIX_PEER_KEY }),
    in: S(201, 403, 403, 403, 403),
  },
  {
    method: 'PATCH', route: '/api/federation/peers/:id', url: () => '/api/federation/peers/shandong',
    body: () => ({ version: 1, name: '矩阵改名的对端' }), in: S(200, 403, 403, 403, 403),
  },
  { method: 'DELETE', route: '/api/federation/peers/:id', url: () => '/api/federation/peers/nobody', in: S(404, 403, 403, 403, 403) },
  { method: 'POST', route: '/api/federation/v1/cases', url: () => '/api/federation/v1/cases', in: all(401) },
  { method: 'GET', route: '/api/federation/v1/cases/:messageId', url: () => '/api/federation/v1/cases/5f0c7d0e-0000-4000-8000-000000000000', in: all(401) },
  // Former deputies (往届代表): read by whoever sees the deputy or the station (not units); enrolled and their opinions registered by those who run the station; carried by a current deputy.
  { method: 'GET', route: '/api/former-deputies', url: () => '/api/former-deputies', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/former-deputies/opinions', url: () => '/api/former-deputies/opinions', in: S(200, 200, 200, 200, 403) },
  { method: 'GET', route: '/api/former-deputies/:id', url: (t, s) => `/api/former-deputies/${t.formerDeputy[s]}`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'PUT', route: '/api/former-deputies/:id/profile', url: (t, s) => `/api/former-deputies/${t.formerDeputy[s]}/profile`,
    body: (t, s) => ({ stationId: t.station[s], fields: ['hear_opinions'], roles: ['liaison'] }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 403, 403),
  },
  { method: 'GET', route: '/api/former-deputies/:id/card.:format', url: (t, s) => `/api/former-deputies/${t.formerDeputy[s]}/card.svg`, in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403) },
  {
    method: 'POST', route: '/api/former-deputies/:id/opinions', url: (t, s) => `/api/former-deputies/${t.formerDeputy[s]}/opinions`, body: () => ({ collectedOn: today(), content: '矩阵意见' }),
    in: S(201, 201, 201, 403, 403), out: S(201, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/former-deputies/opinions/:id/answer', url: (t, s) => `/api/former-deputies/opinions/${t.formerOpinion[s]}/answer`, body: () => ({ answer: '矩阵' }),
    in: S(409, 409, 409, 403, 403), out: S(409, 404, 404, 403, 403),
  },
  {
    method: 'POST', route: '/api/former-deputies/opinions/:id/carry', url: (t, s) => `/api/former-deputies/opinions/${t.formerOpinion[s]}/carry`,
    body: (t, s) => ({ carrierDeputyId: t.deputy[s], categoryId: t.categoryId }),
    in: S(409, 409, 409, 409, 403), out: S(409, 404, 404, 404, 403),
  },
  // Grids (网格): cells read in reach (a grid worker their own), run by the region's staff; whistles are a grid worker's own; teams by their station, patrols logged by those who run it.
  { method: 'GET', route: '/api/grids/cells', url: () => '/api/grids/cells', in: S(200, 200, 200, 200, 403, 200) },
  {
    method: 'POST', route: '/api/grids/cells', url: () => '/api/grids/cells',
    body: (t, s, h) => gridCellBody(s, { in: t.station.in, out: t.gridYulu }, h.unique('矩阵新网格')),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/grids/cells/:id', url: (t, s) => `/api/grids/cells/${t.gridCell[s]}`, in: S(200, 200, 200, 200, 403, 200), out: S(200, 404, 404, 404, 403, 404) },
  {
    method: 'PUT', route: '/api/grids/cells/:id', url: (t, s) => `/api/grids/cells/${t.gridCell[s]}`,
    body: async (t, s, h) => ({
      ...gridCellBody(s, { in: t.station.in, out: t.gridYulu }),
      workerAccountIds: [t.gridWorker[s]], version: await h.version('grid_cell', t.gridCell[s]),
    }),
    in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'GET', route: '/api/grids/coverage', url: (_, s) => `/api/grids/coverage?regionCode=${s === 'in' ? '451103101' : '410927103'}`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },
  {
    method: 'POST', route: '/api/grids/whistles', url: () => '/api/grids/whistles',
    body: (t, s) => ({ cellId: t.gridCell[s], categoryId: t.categoryId, content: '矩阵吹哨', place: '矩阵' }),
    in: S(403, 403, 403, 403, 403, 201), out: S(403, 403, 403, 403, 403, 404),
  },
  { method: 'GET', route: '/api/grids/whistles', url: () => '/api/grids/whistles', in: S(403, 403, 403, 403, 403, 200) },
  { method: 'GET', route: '/api/grids/whistles/:id', url: (t, s) => `/api/grids/whistles/${t.gridWhistle[s]}`, in: S(403, 403, 403, 403, 403, 200), out: S(403, 403, 403, 403, 403, 404) },
  { method: 'GET', route: '/api/grids/teams', url: () => '/api/grids/teams', in: S(200, 200, 200, 403, 403, 200) },
  {
    method: 'POST', route: '/api/grids/teams', url: () => '/api/grids/teams',
    body: (t, s, h) => ({ stationId: s === 'in' ? t.station.in : t.gridYulu, name: h.unique('矩阵小组') }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  {
    method: 'POST', route: '/api/grids/teams/:id/patrols', url: (t, s) => `/api/grids/teams/${t.gridTeam[s]}/patrols`,
    body: (t, s) => ({ title: '矩阵巡查', startsAt: '2026-11-10T09:00:00+08:00', memberAccountIds: [t.gridWorker[s]] }),
    in: S(201, 201, 201, 403, 403), out: S(201, 404, 404, 403, 403),
  },
];

/** The API documentation UI: public pages and assets, registered by @fastify/swagger-ui. */
const DOCS_PREFIX = '/api/docs';
/** The built web clients' hashed files (present after `npm run build`), public like any page. */
const ASSETS_PREFIX = '/assets/';

const USERNAMES: Record<Exclude<Role, 'anon'>, string> = {
  admin: 'admin', staff: 'pinggui', officer: 'huangtian', deputy: 'liangjun', unit: 'shuiliju', grid: 'wangge',
};

describe('access matrix', () => {
  let t: TestApp;
  let targets: Targets;
  const clients = {} as Record<Role, Client>;
  let counter = 0;
  const helpers: Helpers = {
    async version(table, id) {
      const row = await t.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return row.version;
    },
    unique: (prefix) => `${prefix}${++counter}`,
    async swap(slotId) {
      const db = t.database.db;
      const slot = await db.selectFrom('rota_slot').select('station_id').where('id', '=', slotId).executeTakeFirstOrThrow();
      const onDuty = (await db.selectFrom('rota_duty').select('deputy_id').where('slot_id', '=', slotId).execute()).map((d) => d.deputy_id);
      const other = await db.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', slot.station_id)
        .where('deputy_id', 'not in', onDuty).orderBy('deputy_id').executeTakeFirstOrThrow();
      return { fromDeputyId: onDuty[0]!, toDeputyId: other.deputy_id };
    },
  };

  /** One notification for each actor and one for `xinren`, who is none of them. */
  async function notificationTargets(): Promise<Targets['notification']> {
    const db = t.database.db;
    const accounts = await db.selectFrom('account').select(['id', 'username'])
      .where('username', 'in', [...Object.values(USERNAMES), 'xinren']).execute();
    const { notificationIds } = await db.transaction().execute((trx) => notify(trx, {
      accountIds: accounts.map((a) => a.id), kind: 'matrix.test', title: '矩阵测试通知', body: '',
    }));
    const rows = await db.selectFrom('notification').select(['id', 'account_id']).where('id', 'in', notificationIds).execute();
    const of = (username: string) => rows.find((r) => r.account_id === accounts.find((a) => a.username === username)!.id)!.id;
    const own = Object.fromEntries(Object.entries(USERNAMES).map(([role, username]) => [role, of(username)])) as Targets['notification']['own'];
    return { own, other: of('xinren') };
  }

  /** An activity with a photo, a campaign and two reception days on each side, made by the administrator. */
  async function activityTargets(stationIn: number, stationOut: number) {
    const admin = clients.admin;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64');
    const made = async (url: string, body: Record<string, unknown>) => {
      const res = await admin.post(url, body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const activity = async (stationId: number) => made('/api/activities', { kind: 'visit', title: '矩阵目标活动', stationId, startsAt: '2026-11-10T09:00:00+08:00', photos: [{ data: png }] });
    const [aIn, aOut] = [await activity(stationIn), await activity(stationOut)];
    const campaign = async (regionCode: string) => (await made('/api/campaigns', { name: '矩阵目标', regionCode, startsOn: '2026-11-01', endsOn: '2026-12-31' })).id as number;
    const days = async (stationId: number) => {
      await made(`/api/stations/${stationId}/rota`, { from: '2027-01-01', to: '2027-02-28' });
      return (await t.database.db.selectFrom('rota_slot').select('id').where('station_id', '=', stationId).orderBy('on_date').limit(2).execute()).map((r) => r.id);
    };
    const [daysIn, daysOut] = [await days(stationIn), await days(stationOut)];
    return {
      activity: { in: aIn.id, out: aOut.id },
      activityFile: { in: aIn.photos[0].id, out: aOut.photos[0].id },
      campaign: { in: await campaign('451103'), out: await campaign('420684') },
      rotaSwap: { in: daysIn[0]!, out: daysOut[0]! },
      rotaCancel: { in: daysIn[1]!, out: daysOut[1]! },
    };
  }

  /** A deliberation day on each side, held and published by the administrator, with a topic, an item of the side's water bureau and a dismissed feedback. */
  async function deliberationTargets() {
    const admin = clients.admin;
    const ok = async (res: { statusCode: number; body: string }, status = 200) => { assert.equal(res.statusCode, status, res.body); return JSON.parse(res.body); };
    const out = {} as Pick<Targets, 'deliberationDay' | 'deliberationTopic' | 'deliberationItem' | 'deliberationFeedback'>;
    for (const k of ['deliberationDay', 'deliberationTopic', 'deliberationItem', 'deliberationFeedback'] as const) out[k] = { in: 0, out: 0 };
    for (const s of ['in', 'out'] as const) {
      await ok(await admin.post('/api/deliberations/days/generate', { regionCode: DD_REGION[s], months: 2 }));
      const day = (await ok(await admin.get(`/api/deliberations/days?regionCode=${DD_REGION[s]}&state=scheduled`))).items[0].id as number;
      const topic = (await ok(await admin.post('/api/deliberations/topics', { regionCode: DD_REGION[s], title: '矩阵目标议题', scores: { importance: 3, urgency: 3, impact: 3 } }), 201)).id as number;
      await ok(await admin.post(`/api/deliberations/days/${day}/topics`, { topicIds: [topic] }));
      await ok(await admin.post(`/api/deliberations/days/${day}/record`, { ...ddStepBody.record, place: '矩阵目标' }));
      const item = (await ok(await admin.post(`/api/deliberations/days/${day}/items`, { title: '矩阵目标事项', unitId: targets.unit[s] }), 201)).id as number;
      await ok(await admin.post(`/api/deliberations/days/${day}/publish`, { summary: '矩阵目标' }));
      await ok(await new Client(t.app).post(`/api/public/deliberations/${day}/feedback`, { rating: 'unsatisfied', comment: '矩阵目标' }), 201);
      const feedback = (await ok(await admin.get(`/api/deliberations/days/${day}/feedback`))).items[0].id as number;
      await ok(await admin.post(`/api/deliberations/feedback/${feedback}/decide`, { decision: 'dismiss', comment: '矩阵目标' }));
      out.deliberationDay[s] = day;
      out.deliberationTopic[s] = topic;
      out.deliberationItem[s] = item;
      out.deliberationFeedback[s] = feedback;
    }
    return out;
  }

  /** Entries at each side's station, recorded by the administrator for a deputy there. */
  async function registerEntryTargets(stationIn: number, stationOut: number) {
    const deputyAt = { in: await idOf(t.database.db, 'deputy', '韦秀兰'), out: await idOf(t.database.db, 'deputy', '王建华') };
    const made = async (path: 'deeds' | 'chronicle', scope: 'in' | 'out') => {
      const stationId = scope === 'in' ? stationIn : stationOut;
      const body = path === 'deeds' ? { stationId, deputyId: deputyAt[scope], occurredOn: '2026-11-10', title: '矩阵目标事迹' } : { stationId, occurredOn: '2026-11-10', title: '矩阵目标大事' };
      const res = await clients.admin.post(`/api/${path}`, body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    const targets = async (path: 'deeds' | 'chronicle'): Promise<RegisterEntryTargets> => {
      const remove = { in: {}, out: {} } as RegisterEntryTargets['remove'];
      for (const scope of ['in', 'out'] as const) for (const role of ROLES) remove[scope][role] = await made(path, scope);
      return { in: await made(path, 'in'), out: await made(path, 'out'), remove };
    };
    return { deed: await targets('deeds'), chronicleEntry: await targets('chronicle') };
  }

  /** A bonus at each side's station, entered by the administrator for a deputy there. */
  async function pointBonusTargets(stationIn: number, stationOut: number) {
    const bonus = async (stationId: number, deputyName: string) => {
      const res = await clients.admin.post('/api/points/bonuses', { deputyId: await idOf(t.database.db, 'deputy', deputyName), stationId, date: '2026-01-05', points: 10, reason: '矩阵目标' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    return { in: await bonus(stationIn, '韦秀兰'), out: await bonus(stationOut, '王建华') };
  }

  /**
   * A draft on each side with a file, and a session of each county's term: 梁俊华 drafts his through the API; 王建华's (宜城市) is
   * stored as the API stores one, since no actor is him.
   */
  async function suggestionTargets(termIn: number, termOut: number) {
    const db = t.database.db;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const made = await clients.deputy.post('/api/suggestions', { kind: 'suggestion', title: '矩阵目标建议', reasons: '', proposals: '', categoryId, regionCode: '451103', level: 'county' });
    assert.equal(made.statusCode, 201, made.body);
    const draftIn = made.json<{ id: number }>().id;
    const yicheng = await db.selectFrom('region').select('path').where('code', '=', '420684').executeTakeFirstOrThrow();
    const wang = await idOf(db, 'deputy', '王建华');
    const draftOut = Number((await db.insertInto('suggestion').values({
      kind: 'suggestion', state: 'draft', title: '矩阵目标建议', reasons: '', proposals: '', category_id: categoryId, region_code: '420684', region_path: yicheng.path,
      congress_level: 'county', congress_region_code: '420684', congress_region_path: yicheng.path, term_id: termOut, session_id: null,
      lead_deputy_id: wang, created_by_account_id: null, updated_at: now(),
    }).returning('id').executeTakeFirstOrThrow()).id);
    await db.insertInto('suggestion_signer').values({ suggestion_id: draftOut, deputy_id: wang, role: 'lead', status: 'confirmed', invited_at: now() }).execute();
    const file = async (suggestionId: number) => Number((await db.insertInto('suggestion_attachment').values({
      suggestion_id: suggestionId, event_id: null, purpose: 'draft', name: '矩阵附件.png', mime: 'image/png', size: png.length, sha256: (await storeFile(png, 'image/png')).sha256, public: false, created_by_account_id: null,
    }).returning('id').executeTakeFirstOrThrow()).id);
    const session = async (termId: number) => (await db.insertInto('congress_session').values({ term_id: termId, number: 25, opens_on: '2089-03-01', closes_on: '2089-03-05' })
      .returning('id').executeTakeFirstOrThrow()).id;
    return {
      suggestionDraft: { in: draftIn, out: draftOut }, draftFile: { in: await file(draftIn), out: await file(draftOut) },
      congressSession: { in: await session(termIn), out: await session(termOut) },
    };
  }

  /** On each side an open topic (with a document and a constituent's named view) and a draft, made by the administrator through the API. */
  async function consultationTargets() {
    const out = {} as Pick<Targets, 'consultation' | 'consultationDraft' | 'consultationDoc' | 'consultationView'>;
    for (const k of ['consultation', 'consultationDraft', 'consultationDoc', 'consultationView'] as const) out[k] = { in: 0, out: 0 };
    for (const s of ['in', 'out'] as const) {
      const made = async () => {
        const res = await clients.admin.post('/api/consultations', consultationBody(targets, s));
        assert.equal(res.statusCode, 201, res.body);
        return res.json<{ id: number }>().id;
      };
      const id = await made();
      out.consultationDraft[s] = await made();
      const doc = await clients.admin.post(`/api/consultations/${id}/documents`, { name: '矩阵材料.png', data: Buffer.from(MATRIX_PNG, 'hex').toString('base64') });
      assert.equal(doc.statusCode, 201, doc.body);
      assert.equal((await clients.admin.post(`/api/consultations/${id}/publish`)).statusCode, 200);
      const view = await new Client(t.app).post(`/api/public/consultations/${id}/views`, { stationId: targets.station[s], name: '矩阵群众', phone: '13900001111', answers: [{ questionId: null, text: '矩阵意见' }] });
      assert.equal(view.statusCode, 201, view.body);
      out.consultation[s] = id;
      out.consultationDoc[s] = doc.json<{ id: number }>().id;
      out.consultationView[s] = (await t.database.db.selectFrom('consultation_view').select('id').where('topic_id', '=', id).executeTakeFirstOrThrow()).id;
    }
    return out;
  }

  /** On each side a mediation recorded by the administrator: a session, closed with agreement. */
  async function mediationTargets(stationIn: number, stationOut: number) {
    const out = { mediation: { in: 0, out: 0 } };
    for (const s of ['in', 'out'] as const) {
      const made = await clients.admin.post('/api/mediation', mediationBody(s === 'in' ? stationIn : stationOut));
      assert.equal(made.statusCode, 201, made.body);
      const id = made.json<{ id: number }>().id;
      assert.equal((await clients.admin.post(`/api/mediation/${id}/sessions`, { heldOn: today(), place: '矩阵', logActivity: false })).statusCode, 201);
      assert.equal((await clients.admin.post(`/api/mediation/${id}/close`, { outcome: 'agreed', closedOn: today() })).statusCode, 200);
      assert.equal((await clients.admin.request('PUT', `/api/mediation/${id}/agreement`, { name: '矩阵协议.pdf', data: MATRIX_PDF })).statusCode, 200);
      out.mediation[s] = id;
    }
    return out;
  }

  /** On each side a former deputy enrolled by the administrator, with an opinion answered on the spot. */
  async function formerDeputyTargets(stationIn: number, stationOut: number) {
    const out = { formerDeputy: { in: 0, out: 0 }, formerOpinion: { in: 0, out: 0 } };
    for (const s of ['in', 'out'] as const) {
      const id = await idOf(t.database.db, 'deputy', s === 'in' ? '莫德光' : '胡德胜');
      const put = await clients.admin.request('PUT', `/api/former-deputies/${id}/profile`, { stationId: s === 'in' ? stationIn : stationOut, fields: [], roles: [] });
      assert.equal(put.statusCode, 200, put.body);
      const opinion = await clients.admin.post(`/api/former-deputies/${id}/opinions`, { collectedOn: today(), content: '矩阵目标' });
      assert.equal(opinion.statusCode, 201, opinion.body);
      out.formerOpinion[s] = opinion.json<{ id: number }>().id;
      assert.equal((await clients.admin.post(`/api/former-deputies/opinions/${out.formerOpinion[s]}/answer`, { answer: '当场答复' })).statusCode, 200);
      out.formerDeputy[s] = id;
    }
    return out;
  }

  /** On each side a report-back scheduled, one evaluated (one evaluation, one issue closed) and one cancelled, made by the administrator through the API. */
  async function reportBackTargets(stationIn: number, stationOut: number) {
    const out = {} as Pick<Targets, 'reportBack' | 'reportBackDone' | 'reportBackCancelled' | 'reportBackIssue'>;
    for (const k of ['reportBack', 'reportBackDone', 'reportBackCancelled', 'reportBackIssue'] as const) out[k] = { in: 0, out: 0 };
    const admin = clients.admin;
    for (const s of ['in', 'out'] as const) {
      const deputyId = await idOf(t.database.db, 'deputy', s === 'in' ? '梁俊华' : '王建华');
      const made = async () => {
        const res = await admin.post('/api/report-backs', { deputyId, stationId: s === 'in' ? stationIn : stationOut, startsAt: new Date(now().getTime() - 3_600_000).toISOString(), place: '矩阵' });
        assert.equal(res.statusCode, 201, res.body);
        return res.json<{ id: number }>().id;
      };
      out.reportBack[s] = await made();
      const done = await made();
      const opened = await admin.post(`/api/report-backs/${done}/evaluation/open`, {});
      assert.equal(opened.statusCode, 200, opened.body);
      const key = opened.json<{ evaluation: { publicUrl: string } }>().evaluation.publicUrl.split('/').pop()!;
      assert.equal((await new Client(t.app).post(`/api/public/report-backs/evaluate/${key}`, { rating: 'satisfied', phone: '13900003333' })).statusCode, 201);
      assert.equal((await admin.post(`/api/report-backs/${done}/evaluation/close`)).statusCode, 200);
      const issue = await admin.post(`/api/report-backs/${done}/issues`, { text: '矩阵问题' });
      assert.equal(issue.statusCode, 201, issue.body);
      out.reportBackIssue[s] = issue.json<{ id: number }>().id;
      assert.equal((await admin.post(`/api/report-backs/issues/${out.reportBackIssue[s]}/close`, { note: '矩阵销号' })).statusCode, 200);
      out.reportBackDone[s] = done;
      const cancelled = await made();
      assert.equal((await admin.post(`/api/report-backs/${cancelled}/cancel`, { reason: '矩阵取消' })).statusCode, 200);
      out.reportBackCancelled[s] = cancelled;
    }
    return out;
  }

  /** Grid cells, whistles and teams on each side (see Targets). */
  async function gridTargets(stationIn: number) {
    const db = t.database.db;
    const ok = async (res: { statusCode: number; body: string }, status = 201) => { assert.equal(res.statusCode, status, res.body); return JSON.parse(res.body) as { id: number }; };
    const worker = async (username: string) => (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const gridWorker = { in: await worker('wangge'), out: await worker('tqwangge') };
    const yulu = await idOf(db, 'station', '豫鲁跨省联建人大代表联络站');
    const gridCell = {
      in: (await ok(await clients.admin.post('/api/grids/cells', { ...gridCellBody('in', { in: stationIn, out: yulu }), deputyIds: [await idOf(db, 'deputy', '梁俊华')], workerAccountIds: [gridWorker.in] }))).id,
      out: (await ok(await clients.admin.post('/api/grids/cells', { ...gridCellBody('out', { in: stationIn, out: yulu }), workerAccountIds: [gridWorker.out] }))).id,
    };
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id;
    const whistle = async (c: Client, cellId: number) => (await ok(await c.post('/api/grids/whistles', { cellId, categoryId, content: '矩阵吹哨', place: '矩阵' }))).id;
    const gridWhistle = { in: await whistle(clients.grid, gridCell.in), out: await whistle(await signIn(t.app, 'tqwangge'), gridCell.out) };
    const team = async (stationId: number, member: number) => (await ok(await clients.admin.post('/api/grids/teams', { stationId, name: '矩阵小组', memberAccountIds: [member] }))).id;
    return { gridCell, gridWhistle, gridWorker, gridYulu: yulu, gridTeam: { in: await team(stationIn, gridWorker.in), out: await team(yulu, gridWorker.out) } };
  }

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const id = (table: 'station' | 'deputy' | 'unit', name: string) => idOf(db, table, name);
    clients.anon = new Client(t.app);
    for (const role of ROLES.filter((r) => r !== 'anon') as Exclude<Role, 'anon'>[]) clients[role] = await signIn(t.app, USERNAMES[role]);
    // Accounts used only as targets, so resetting their passwords never touches an actor.
    const admin = clients.admin;
    const makeAccount = async (body: Record<string, unknown>) => {
      const res = await admin.post('/api/accounts', { password: 'Target#Pass2026', ...body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    const countyTerm = async (regionCode: string) => (await db.selectFrom('congress_term').select('id')
      .where('level', '=', 'county').where('region_code', '=', regionCode).where('ends_on', 'is', null).executeTakeFirstOrThrow()).id;
    const stationIn = await id('station', '平桂区黄田镇人大代表联络站');
    const stationOut = await id('station', '宜城市雷河镇人大代表中心联络站');
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const png = '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082';
    // A reply's internal file on a case, stored as the reply action stores it (with an event of the case).
    const replyFile = async (opinionId: number) => {
      const event = await db.selectFrom('opinion_event').select('id').where('opinion_id', '=', opinionId).orderBy('id').executeTakeFirstOrThrow();
      const bytes = Buffer.from(png, 'hex');
      return (await db.insertInto('opinion_reply_attachment').values({
        opinion_id: opinionId, event_id: event.id, name: '矩阵照片.png', mime: 'image/png', size: bytes.length, sha256: (await storeFile(bytes, 'image/png')).sha256, public: false, created_by_account_id: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
    };
    const submitCase = async (body: Record<string, unknown>) => {
      const res = await clients.anon.post('/api/public/opinions', { categoryId, content: '矩阵目标', photos: [{ data: Buffer.from(png, 'hex').toString('base64') }], ...body });
      assert.equal(res.statusCode, 201, res.body);
      const { trackingCode, queryKey, pin } = res.json();
      const row = await db.selectFrom('opinion').select(['id', 'public_id']).where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
      const photo = await db.selectFrom('opinion_photo').select('id').where('opinion_id', '=', row.id).executeTakeFirstOrThrow();
      return { id: row.id, photo: photo.id, code: trackingCode as string, key: queryKey as string, pin: pin as string, publicId: row.public_id };
    };
    const caseIn = await submitCase({ deputyId: await id('deputy', '梁俊华') });
    const caseOut = await submitCase({ stationId: stationOut });
    const water = await id('unit', '贺州市平桂区水利局');
    for (const action of ['accept', 'assign']) {
      const res = await admin.post(`/api/cases/${caseIn.id}/actions/${action}`, action === 'assign' ? { unitId: water } : {});
      assert.equal(res.statusCode, 200, res.body);
    }
    targets = {
      case: { in: caseIn.id, out: caseOut.id },
      photo: { in: caseIn.photo, out: caseOut.photo },
      replyAttachment: { in: await replyFile(caseIn.id), out: await replyFile(caseOut.id) },
      publicCase: { code: caseIn.code, key: caseIn.key, pin: caseIn.pin, publicId: caseIn.publicId },
      categoryId,
      station: { in: stationIn, out: stationOut },
      deputy: { in: await id('deputy', '韦秀兰'), out: await id('deputy', '王建华') },
      unit: { in: await id('unit', '贺州市平桂区水利局'), out: await id('unit', '宜城市水利和湖泊局') },
      account: {
        in: await makeAccount({ username: 'target_in', displayName: '目标(平桂)', role: 'officer', stationIds: [stationIn] }),
        out: await makeAccount({ username: 'target_out', displayName: '目标(宜城)', role: 'staff', regionCode: '420684' }),
      },
      notification: await notificationTargets(),
      importBatch: {
        deputies: (await admin.post('/api/imports/deputies', { filename: '矩阵花名册.xlsx' })).json<{ id: number }>().id,
        stations: (await admin.post('/api/imports/stations', { filename: '矩阵站点.xlsx' })).json<{ id: number }>().id,
        enterprises: (await admin.post('/api/imports/enterprises', { filename: '矩阵企业.xlsx', stationId: await id('station', '平桂区黄金珠宝产业代表联络站') })).json<{ id: number }>().id,
      },
      industryPoint: { in: await id('station', '平桂区黄金珠宝产业代表联络站'), out: await id('station', '宜城市产业发展代表联络站') },
      ...(await activityTargets(stationIn, stationOut)),
      pointBonus: await pointBonusTargets(stationIn, stationOut),
      ...(await registerEntryTargets(stationIn, stationOut)),
      term: { in: await countyTerm('451103'), out: await countyTerm('420684') },
      ...(await suggestionTargets(await countyTerm('451103'), await countyTerm('420684'))),
    } as Targets;
    Object.assign(targets, await deliberationTargets());
    Object.assign(targets, await consultationTargets());
    Object.assign(targets, await reportBackTargets(stationIn, stationOut));
    Object.assign(targets, await gridTargets(stationIn));
    Object.assign(targets, await mediationTargets(stationIn, stationOut));
    Object.assign(targets, await formerDeputyTargets(stationIn, stationOut));
  });
  after(() => t.close());

  it('covers every registered route', () => {
    const registered = registeredRoutes.get(t.app)!
      .filter((r) => !r.url.startsWith(DOCS_PREFIX) && !r.url.startsWith(ASSETS_PREFIX))
      .map((r) => `${r.method} ${r.url}`).sort();
    const covered = CASES.map((c) => `${c.method} ${c.route}`).sort();
    assert.deepEqual(registered.filter((r) => !covered.includes(r)), [], 'routes missing from the access matrix');
    assert.deepEqual(covered.filter((c) => !registered.includes(c)), [], 'matrix rows for routes that do not exist');
  });

  it('declares an access level on every route (closed by default)', () => {
    for (const r of registeredRoutes.get(t.app)!) assert.ok(r.access === 'public' || r.access === 'authenticated', `${r.method} ${r.url} has access ${r.access}`);
  });

  for (const c of CASES) {
    for (const scope of ['in', 'out'] as const) {
      const expected = scope === 'in' ? c.in : c.out;
      if (!expected) continue;
      it(`${c.method} ${c.route} [${scope}]`, async () => {
        const failures: string[] = [];
        for (const role of ROLES) {
          let client = clients[role];
          if (c.freshSession && role !== 'anon') client = await signIn(t.app, USERNAMES[role]);
          const body = c.body ? await c.body(targets, scope, helpers) : undefined;
          const res = await client.request(c.method, c.url(targets, scope, role), c.method === 'GET' ? undefined : body ?? {});
          if (res.statusCode !== expected[role]) failures.push(`${role}: expected ${expected[role]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400) {
            const error = res.json<{ error?: { code?: string; message?: string } }>().error;
            if (!error?.code || !error.message) failures.push(`${role}: error without code/message: ${res.body.slice(0, 200)}`);
          }
        }
        assert.deepEqual(failures, []);
      });
    }
  }

  it('serves the docs UI publicly', async () => {
    const docs = registeredRoutes.get(t.app)!.filter((r) => r.url.startsWith(DOCS_PREFIX) && r.method === 'GET' && !r.url.includes('*') && !r.url.includes(':'));
    assert.ok(docs.length >= 2);
    for (const r of docs) {
      const res = await clients.anon.get(r.url);
      assert.ok(res.statusCode === 200 || res.statusCode === 302, `${r.url}: ${res.statusCode}`);
    }
  });

  it('answers an out-of-scope id exactly like a missing one', async () => {
    for (const [path, outId] of [['stations', targets.station.out], ['deputies', targets.deputy.out], ['units', targets.unit.out], ['accounts', targets.account.out]] as const) {
      const outside = await clients.staff.get(`/api/${path}/${outId}`);
      const missing = await clients.staff.get(`/api/${path}/999999`);
      assert.equal(outside.statusCode, 404);
      assert.equal(outside.body, missing.body, `${path}: same body for out-of-scope and missing`);
    }
  });
});

/**
 * Writes on a shared station's records follow the station's manage rule (`atOperableStation`):
 * at the 豫鲁 joint station, whose home is 台前县打渔陈镇, 台前县's staff (`taiqian`, the host) write;
 * 阳谷县's staff (`yanggu`, a member side through 十五里园镇) see the records but neither change nor
 * delete them: 403, or the field error of recording there. Every such write, both sides. The
 * targets are made by the administrator, one for each side where the write uses its target up.
 */
type SharedSide = 'host' | 'member';
interface SharedTargets {
  station: number;
  /** 刘长河, a deputy of 台前县's congress at the joint station. */
  deputy: number;
  deed: Record<SharedSide, number>;
  chronicleEntry: Record<SharedSide, number>;
  /** Entries to delete (the others are changed first). */
  deedGone: Record<SharedSide, number>;
  chronicleGone: Record<SharedSide, number>;
  activity: Record<SharedSide, number>;
  reportBack: Record<SharedSide, number>;
  /** Report-backs to cancel. */
  reportBackGone: Record<SharedSide, number>;
  /** Reception days of the station's rota, one for each side to try to hold. */
  rotaSlot: Record<SharedSide, number>;
}
interface SharedCase {
  method: Method;
  route: string;
  url: (t: SharedTargets, side: SharedSide) => string;
  body?: (t: SharedTargets, side: SharedSide, h: { version(table: 'deputy_deed' | 'chronicle_entry' | 'activity', id: number): Promise<number>; unique(prefix: string): string }) => Promise<Record<string, unknown>> | Record<string, unknown>;
  host: number;
  member: number;
  /** The error code the member side gets, when it is not a plain 403 FORBIDDEN. */
  memberCode?: string;
}

const SHARED_WRITES: SharedCase[] = [
  // The station's two registers kept by hand: recording there is refused on the field, changing and deleting with 403.
  ...([['deeds', 'deed', 'deedGone', 'deputy_deed'], ['chronicle', 'chronicleEntry', 'chronicleGone', 'chronicle_entry']] as const).flatMap(([path, entry, gone, table]): SharedCase[] => [
    {
      method: 'POST', route: `/api/${path}`, url: () => `/api/${path}`,
      body: (t) => ({ stationId: t.station, ...(path === 'deeds' && { deputyId: t.deputy }), occurredOn: '2026-11-10', title: '联建站记录' }),
      host: 201, member: 400, memberCode: 'VALIDATION_FAILED',
    },
    {
      method: 'PATCH', route: `/api/${path}/:id`, url: (t, side) => `/api/${path}/${t[entry][side]}`,
      body: async (t, side, h) => ({ version: await h.version(table, t[entry][side]), title: h.unique('联建站记录(改)') }),
      host: 200, member: 403,
    },
    { method: 'DELETE', route: `/api/${path}/:id`, url: (t, side) => `/api/${path}/${t[gone][side]}?version=1`, host: 204, member: 403 },
  ]),
  {
    // Each side records its own activities at the station (the shared calendar); only the host changes another's.
    method: 'POST', route: '/api/activities', url: () => '/api/activities',
    body: (t) => ({ kind: 'visit', title: '联建站走访', stationId: t.station, startsAt: '2026-11-10T09:00:00+08:00' }),
    host: 201, member: 201,
  },
  {
    // …but a reception day of the station's rota is the station's: holding one is the host's.
    method: 'POST', route: '/api/activities', url: () => '/api/activities',
    body: (t, side) => ({ kind: 'reception', title: '联建站接待', stationId: t.station, startsAt: '2026-11-10T09:00:00+08:00', rotaSlotId: t.rotaSlot[side] }),
    host: 201, member: 400, memberCode: 'VALIDATION_FAILED',
  },
  {
    method: 'PUT', route: '/api/activities/:id', url: (t, side) => `/api/activities/${t.activity[side]}`,
    body: async (t, side, h) => ({ kind: 'visit', title: '联建站走访(改)', stationId: t.station, startsAt: '2026-11-10T09:00:00+08:00', version: await h.version('activity', t.activity[side]) }),
    host: 200, member: 403,
  },
  {
    method: 'POST', route: '/api/activities/:id/files', url: (t, side) => `/api/activities/${t.activity[side]}/files`,
    body: () => ({ photos: [{ data: Buffer.from(MATRIX_PNG, 'hex').toString('base64') }] }),
    host: 200, member: 403,
  },
  {
    // 刘长河 reports to 台前县's congress: the member side neither holds his report-back at the station nor runs it.
    method: 'POST', route: '/api/report-backs', url: () => '/api/report-backs',
    body: (t) => ({ deputyId: t.deputy, stationId: t.station, startsAt: new Date(now().getTime() - 3_600_000).toISOString(), place: '联建站' }),
    host: 201, member: 400, memberCode: 'REPORT_BACK_CONGRESS_INVALID',
  },
  { method: 'PUT', route: '/api/report-backs/:id/attendance', url: (t, side) => `/api/report-backs/${t.reportBack[side]}/attendance`, body: () => ({ headcount: 12 }), host: 200, member: 403 },
  // Running the evaluation answers a reader 404, as everywhere in report-backs.
  { method: 'POST', route: '/api/report-backs/:id/cancel', url: (t, side) => `/api/report-backs/${t.reportBackGone[side]}/cancel`, body: () => ({ reason: '联建站' }), host: 200, member: 404, memberCode: 'NOT_FOUND' },
  { method: 'POST', route: '/api/report-backs/:id/evaluation/open', url: (t, side) => `/api/report-backs/${t.reportBack[side]}/evaluation/open`, host: 200, member: 404, memberCode: 'NOT_FOUND' },
  // The joint work kept by the host alone (docs/CROSS_PROVINCE.md); meetings and the governance list also by this quarter's chair side.
  {
    method: 'POST', route: '/api/cross-province/stations/:id/agreements', url: (t) => `/api/cross-province/stations/${t.station}/agreements`,
    body: (_t, _side, h) => ({ title: h.unique('联建补充协议'), signedOn: '2026-11-01', validFrom: '2026-11-01', parties: [{ regionCode: '410927103' }] }),
    host: 201, member: 403,
  },
  {
    method: 'PUT', route: '/api/cross-province/stations/:id/cadence', url: (t) => `/api/cross-province/stations/${t.station}/cadence`,
    body: () => ({ receptionsPerWeek: 1, exchangesPerMonth: 1, jointPerQuarter: 1, receptionKinds: ['reception'], exchangeKinds: ['training'], jointKinds: ['joint_meeting'] }),
    host: 200, member: 403,
  },
  { method: 'POST', route: '/api/cross-province/stations/:id/rota', url: (t) => `/api/cross-province/stations/${t.station}/rota`, body: () => ({ year: Number(today().slice(0, 4)) + 3 }), host: 200, member: 403 },
  {
    // An officer runs their stations: naming one is the station's manage rule too.
    method: 'POST', route: '/api/accounts', url: () => '/api/accounts',
    body: (t, _side, h) => ({ username: h.unique('yulu_officer_'), displayName: '联建站联络员', role: 'officer', stationIds: [t.station], password: 'Target#Pass2026' }),
    host: 201, member: 400, memberCode: 'VALIDATION_FAILED',
  },
];

describe('writes on a shared station\'s records (豫鲁: 台前 the host, 阳谷 a member side)', () => {
  let t: TestApp;
  const as = {} as Record<SharedSide, Client>;
  let targets: SharedTargets;
  let counter = 0;
  const helpers = {
    version: async (table: 'deputy_deed' | 'chronicle_entry' | 'activity', id: number) =>
      (await t.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version,
    unique: (prefix: string) => `${prefix}${++counter}`,
  };

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    as.host = await signIn(t.app, 'taiqian');
    as.member = await signIn(t.app, 'yanggu');
    const admin = await signIn(t.app, 'admin');
    const station = await idOf(db, 'station', '豫鲁跨省联建人大代表联络站');
    const deputy = await idOf(db, 'deputy', '刘长河');
    const made = async (path: string, body: Record<string, unknown>) => {
      const res = await admin.post(path, body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    const each = async (make: (side: SharedSide) => Promise<number>) => ({ host: await make('host'), member: await make('member') });
    targets = {
      station, deputy,
      deed: await each((side) => made('/api/deeds', { stationId: station, deputyId: deputy, occurredOn: '2026-11-01', title: `台前记的事迹(${side})` })),
      chronicleEntry: await each((side) => made('/api/chronicle', { stationId: station, occurredOn: '2026-11-01', title: `台前记的大事(${side})` })),
      deedGone: await each((side) => made('/api/deeds', { stationId: station, deputyId: deputy, occurredOn: '2026-11-02', title: `台前记的事迹(删,${side})` })),
      chronicleGone: await each((side) => made('/api/chronicle', { stationId: station, occurredOn: '2026-11-02', title: `台前记的大事(删,${side})` })),
      activity: await each((side) => made('/api/activities', { kind: 'visit', title: `台前记的走访(${side})`, stationId: station, startsAt: '2026-11-01T09:00:00+08:00' })),
      reportBack: await each(() => made('/api/report-backs', { deputyId: deputy, stationId: station, startsAt: new Date(now().getTime() - 7_200_000).toISOString(), place: '联建站' })),
      rotaSlot: await each(async (side) => (await db.insertInto('rota_slot')
        .values({ station_id: station, on_date: side === 'host' ? '2026-11-10' : '2026-11-11', hours: '09:00-12:00', note: '' }).returning('id').executeTakeFirstOrThrow()).id),
      reportBackGone: await each(() => made('/api/report-backs', { deputyId: deputy, stationId: station, startsAt: new Date(now().getTime() - 7_200_000).toISOString(), place: '联建站' })),
    };
  });
  after(() => t.close());

  for (const c of SHARED_WRITES) {
    it(`${c.method} ${c.route}: the host ${c.host}, the member side ${c.member}`, async () => {
      for (const side of ['member', 'host'] as const) {
        const body = c.body ? await c.body(targets, side, helpers) : undefined;
        const res = await as[side].request(c.method, c.url(targets, side), body ?? {});
        assert.equal(res.statusCode, c[side], `${side}: ${res.body.slice(0, 300)}`);
        if (side === 'member' && res.statusCode >= 400) {
          assert.equal(res.json<{ error: { code: string } }>().error.code, c.memberCode ?? 'FORBIDDEN', res.body);
        }
      }
    });
  }

  it('leaves what the member side was refused as it was, and audits none of it', async () => {
    const db = t.database.db;
    for (const [table, id] of [['deputy_deed', targets.deed.member], ['deputy_deed', targets.deedGone.member], ['chronicle_entry', targets.chronicleEntry.member],
      ['chronicle_entry', targets.chronicleGone.member], ['activity', targets.activity.member]] as const) {
      const row = await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
      assert.equal(row?.version, 1, `${table} ${id} unchanged`);
    }
    const yanggu = await db.selectFrom('account').select('id').where('username', '=', 'yanggu').executeTakeFirstOrThrow();
    const audited = await db.selectFrom('audit_log').select('action').where('actor_account_id', '=', yanggu.id)
      .where('action', 'not like', 'auth.%').where('action', '<>', 'activity.create').execute();
    assert.deepEqual(audited.map((a) => a.action), []);
  });
});
