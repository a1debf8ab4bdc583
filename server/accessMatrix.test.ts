/**
 * The access matrix: every route × every role × a target inside and outside the role's scope,
 * with the status each must answer. A route that is registered but missing here fails the test.
 *
 * Actors (demo data): admin; staff = pinggui (平桂区); officer = huangtian (黄田镇 stations);
 * deputy = liangjun (黄田镇 deputy); unit = shuiliju (平桂区水利局).
 * "in" targets sit in 平桂区 / 黄田镇; "out" targets in 宜城市.
 * Across a province border (the 豫鲁 joint station, read by both partners' staff with each
 * other's regions): accessMatrix.crossProvince.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registeredRoutes } from './app.js';
import { notify } from './platform/notify/notify.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from './testing/harness.js';

const ROLES = ['anon', 'admin', 'staff', 'officer', 'deputy', 'unit'] as const;
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
  importBatch: Record<'deputies' | 'stations', number>;
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
  version(table: 'station' | 'deputy' | 'unit' | 'account' | 'activity' | 'activity_campaign' | 'deputy_deed' | 'chronicle_entry' | 'congress_term', id: number): Promise<number>;
  unique(prefix: string): string;
  /** A swap on a reception day: whoever is on duty now hands the turn to another deputy of the station. */
  swap(slotId: number): Promise<{ fromDeputyId: number; toDeputyId: number }>;
}

const all = (status: number): Statuses => ({ anon: status, admin: status, staff: status, officer: status, deputy: status, unit: status });
const authed = (status: number, except: Partial<Statuses> = {}): Statuses => ({ ...all(status), anon: 401, ...except });
const S = (admin: number, staff: number, officer: number, deputy: number, unit: number): Statuses => ({ anon: 401, admin, staff, officer, deputy, unit });

const stationBody = (region: string, h: Helpers) => ({ name: h.unique('矩阵测试站'), type: 'point', tier: 'village_point', homeRegionCode: region });

/** Writes of points and assessments keyed by region and date or year: a fresh key each call, so none replaces another. */
const uniqueYear = (h: Helpers, from: number) => from + (Number(h.unique('')) % 20);
const pointRules = () => ({
  present: Object.fromEntries(['reception', 'visit', 'inspection', 'research', 'training', 'group', 'theme', 'joint_meeting', 'deliberation', 'report_back', 'legal_education', 'mediation', 'other'].map((k) => [k, 1])),
  absent: -1, leave: 0, organiser: 1, activitySuggestion: 1, caseCollected: 1, caseAnswered: 1, caseSatisfied: 1, caseBasicallySatisfied: 1,
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

  { method: 'GET', route: '/api/regions', url: (_, s) => `/api/regions?parent=${s === 'in' ? '451103' : '420684'}`, in: authed(200), out: authed(200) },
  { method: 'GET', route: '/api/regions/search', url: (_, s) => `/api/regions/search?q=${encodeURIComponent(s === 'in' ? '黄田' : '雷河')}`, in: authed(200), out: authed(200) },
  { method: 'GET', route: '/api/regions/:code', url: (_, s) => `/api/regions/${s === 'in' ? '451103101' : '420684109'}`, in: authed(200), out: authed(200) },

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
    body: () => ({ password: 'Reset#Pass2026' }), in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403),
  },
  { method: 'POST', route: '/api/accounts/:id/unlock', url: (t, s) => `/api/accounts/${t.account[s]}/unlock`, in: S(200, 200, 403, 403, 403), out: S(200, 404, 403, 403, 403) },

  { method: 'GET', route: '/api/audit', url: () => '/api/audit', in: S(200, 403, 403, 403, 403) },

  { method: 'GET', route: '/api/calendar/add-working-days', url: () => '/api/calendar/add-working-days?from=2026-09-30&days=3', in: all(200) },
  { method: 'GET', route: '/api/calendar/holidays', url: () => '/api/calendar/holidays?year=2026', in: authed(200) },
  { method: 'GET', route: '/api/calendar/status', url: () => '/api/calendar/status', in: authed(200) },
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
  { method: 'GET', route: '/api/todo', url: () => '/api/todo', in: authed(200) },
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
  { method: 'GET', route: '/api/activities', url: () => '/api/activities', in: authed(200) },
  { method: 'GET', route: '/api/activities.xlsx', url: () => '/api/activities.xlsx', in: authed(200) },
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
    body: () => ({ photos: [{ data: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64') }] }),
    in: S(200, 200, 200, 403, 403), out: S(200, 404, 404, 404, 403),
  },
  {
    method: 'GET', route: '/api/activities/:id/files/:fileId', url: (t, s) => `/api/activities/${t.activity[s]}/files/${t.activityFile[s]}`,
    in: S(200, 200, 200, 200, 404), out: S(200, 404, 404, 404, 404),
  },
  { method: 'GET', route: '/api/campaigns', url: () => '/api/campaigns', in: authed(200, { unit: 403 }) },
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
  { method: 'GET', route: '/api/rota/mine', url: () => '/api/rota/mine', in: authed(200, { unit: 403 }) },

  // 履职积分 and 考核评价: regions in the staff's subtree, stations the reader sees; a deputy reads their own ledger only.
  {
    method: 'GET', route: '/api/points/ranking', url: (t, s) => `/api/points/ranking?year=2026&stationId=${t.station[s]}`,
    in: S(200, 200, 200, 200, 403), out: S(200, 404, 404, 404, 403),
  },
  { method: 'GET', route: '/api/points/deputies/:id', url: (t, s) => `/api/points/deputies/${t.deputy[s]}`, in: S(200, 200, 200, 404, 403), out: S(200, 404, 404, 404, 403) },
  { method: 'GET', route: '/api/points/rules', url: (_, s) => `/api/points/rules?regionCode=${s === 'in' ? '451103' : '420684'}`, in: authed(200, { unit: 403 }), out: authed(200, { unit: 403 }) },
  {
    method: 'POST', route: '/api/points/rules', url: () => '/api/points/rules',
    body: (_, s, h) => ({ regionCode: s === 'in' ? '451103' : '420684', effectiveFrom: `${uniqueYear(h, 2040)}-01-01`, rules: pointRules() }),
    in: S(201, 201, 403, 403, 403), out: S(201, 400, 403, 403, 403),
  },
  { method: 'GET', route: '/api/points/bonuses', url: () => '/api/points/bonuses', in: authed(200, { unit: 403 }) },
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
  { method: 'GET', route: '/api/assessments', url: (t, s) => `/api/assessments?stationId=${t.station[s]}`, in: authed(200, { unit: 403 }) },
  { method: 'GET', route: '/api/assessments/schemes', url: (_, s) => `/api/assessments/schemes?regionCode=${s === 'in' ? '451103' : '420684'}`, in: authed(200, { unit: 403 }), out: authed(200, { unit: 403 }) },
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
  // Changing and deleting entries: the station must be one the writer sees, like recording; elsewhere 404.
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

  // Imports: the batch is the administrator's, so other staff get 404 as for a missing one.
  ...(['deputies', 'stations'] as const).flatMap((kind): Case[] => [
    { method: 'GET', route: `/api/imports/${kind}/template.xlsx`, url: () => `/api/imports/${kind}/template.xlsx`, in: S(200, 200, 403, 403, 403) },
    { method: 'POST', route: `/api/imports/${kind}`, url: () => `/api/imports/${kind}`, body: () => ({ filename: '矩阵.xlsx' }), in: S(201, 201, 403, 403, 403) },
    // A JSON body is not a file (400); the batch still waits for one, so it cannot be committed (409).
    { method: 'PUT', route: `/api/imports/${kind}/:id/file`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/file`, in: S(400, 404, 403, 403, 403) },
    { method: 'GET', route: `/api/imports/${kind}/:id`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}`, in: S(200, 404, 403, 403, 403) },
    { method: 'GET', route: `/api/imports/${kind}/:id/rows`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/rows`, in: S(200, 404, 403, 403, 403) },
    { method: 'POST', route: `/api/imports/${kind}/:id/commit`, url: (t) => `/api/imports/${kind}/${t.importBatch[kind]}/commit`, in: S(409, 404, 403, 403, 403) },
  ]),
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
];

/** The API documentation UI: public pages and assets, registered by @fastify/swagger-ui. */
const DOCS_PREFIX = '/api/docs';
/** The built web clients' hashed files (present after `npm run build`), public like any page. */
const ASSETS_PREFIX = '/assets/';

const USERNAMES: Record<Exclude<Role, 'anon'>, string> = {
  admin: 'admin', staff: 'pinggui', officer: 'huangtian', deputy: 'liangjun', unit: 'shuiliju',
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
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
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
    const png = '89504e470d0a1a0a0000000d4948445200000001000000010806000000';
    // A reply's internal file on a case, stored as the reply action stores it (with an event of the case).
    const replyFile = async (opinionId: number) => {
      const event = await db.selectFrom('opinion_event').select('id').where('opinion_id', '=', opinionId).orderBy('id').executeTakeFirstOrThrow();
      const bytes = Buffer.from(png, 'hex');
      return (await db.insertInto('opinion_reply_attachment').values({
        opinion_id: opinionId, event_id: event.id, name: '矩阵照片.png', mime: 'image/png', size: bytes.length, sha256: '-', public: false, bytes, created_by_account_id: null,
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
      },
      ...(await activityTargets(stationIn, stationOut)),
      pointBonus: await pointBonusTargets(stationIn, stationOut),
      ...(await registerEntryTargets(stationIn, stationOut)),
      term: { in: await countyTerm('451103'), out: await countyTerm('420684') },
    };
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
