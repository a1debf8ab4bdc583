/**
 * Drafting, co-signing and review of suggestions and motions: a joint suggestion signed in each
 * co-signer's own account, submitted (invitations unanswered are withdrawn) and numbered per
 * term, session and kind; declined, kept for reference or turned into a real case; a motion
 * below and at its threshold, placed on the agenda or turned into a suggestion; the note on
 * the linked case's public timeline; who sees and who acts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
// The harness first: it loads the app and every feature in the composition root's order.
import { Client, startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type County, type Deputy, type SignedIn } from '../../testing/factories.js';
import { loadActor } from '../../platform/access/actors.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { takeSuggestionAction } from './act.js';
import type { ActionBody } from './actionBody.js';

interface World {
  county: County;
  termId: number;
  sessionId: number;
  stationId: number;
  categoryId: number;
  lead: SignedIn;
  cosigners: SignedIn[];
  /** The congress's staff; staff of the city above (they read, they do not act); staff of another county. */
  staff: SignedIn;
  cityStaff: SignedIn;
  otherStaff: SignedIn;
}

const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => {
  assert.equal(res.statusCode, status, res.body);
  return res;
};
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; details?: Record<string, unknown> } }).error;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64');

describe('suggestions: drafting, co-signing and review', () => {
  let t: TestApp;
  let w: World;
  let make: ReturnType<typeof factories>;

  /** Takes a workflow action as the account, as its route does (one transaction). */
  const act = async (account: { id: number }, id: number, body: ActionBody) => {
    const actor = await loadActor(t.database.db, account.id);
    return t.database.db.transaction().execute((trx) => takeSuggestionAction({ trx, actor, ip: null }, id, body));
  };
  /** The error code an action is refused with. */
  const refusal = async (account: { id: number }, id: number, body: ActionBody) => {
    try {
      await act(account, id, body);
    } catch (err) {
      return { code: (err as { code?: string }).code ?? String(err), details: (err as { details?: unknown }).details };
    }
    throw new Error(`${body.action} was not refused`);
  };
  /** A draft by the lead (or `client`) through POST /api/suggestions. */
  const draft = async (body: Record<string, unknown> = {}, client: Client = w.lead.client) => ok(await client.post('/api/suggestions', {
    kind: 'suggestion', title: '关于完善村级供水设施的建议', reasons: '部分村屯供水不稳定。', proposals: '建议统筹资金改造管网。',
    categoryId: w.categoryId, regionCode: w.county.towns[0]!.code, ...body,
  }), 201).json<{ id: number }>().id;
  const row = (id: number) => t.database.db.selectFrom('suggestion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const signers = async (id: number) => Object.fromEntries((await t.database.db.selectFrom('suggestion_signer').select(['deputy_id', 'status'])
    .where('suggestion_id', '=', id).execute()).map((s) => [s.deputy_id, s.status]));
  const notified = async (account: { id: number }, kind: string) => (await t.database.db.selectFrom('notification').select('link')
    .where('account_id', '=', account.id).where('kind', '=', kind).execute()).map((n) => n.link);
  /** A county deputy of the world's congress, signed in. */
  const countyDeputy = async () => {
    const d: Deputy = await make.deputy({ stations: [{ id: w.stationId }], levels: [{ level: 'county', term: 18, regionCode: w.county.code }] });
    return make.signedIn('deputy', { deputyId: d.id });
  };
  /** A submitted suggestion by the lead, alone. */
  const submitted = async (body: Record<string, unknown> = {}) => {
    const id = await draft(body);
    await act(w.lead, id, { action: 'submit' });
    return id;
  };

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    const term = await make.term({ level: 'county', regionCode: county.code, number: 18 });
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const categoryId = (await t.database.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').orderBy('id').executeTakeFirstOrThrow()).id;
    const staff = await make.signedIn('staff', { regionCode: county.code });
    const session = ok(await staff.client.post('/api/congress-sessions', { termId: term.id, number: 3, opensOn: addDays(today(), -1), closesOn: addDays(today(), 5) }), 201).json<{ id: number }>();
    w = {
      county, termId: term.id, sessionId: session.id, stationId: station.id, categoryId, staff,
      lead: undefined as unknown as SignedIn, cosigners: [],
      cityStaff: await make.signedIn('staff', { regionCode: county.parentCode! }), otherStaff: await make.signedIn('staff'),
    };
    w.lead = await countyDeputy();
    for (let i = 0; i < 3; i++) w.cosigners.push(await countyDeputy());
  });
  after(() => t.close());

  it('offers the deputy their congress with its term, its open session and the motion threshold', async () => {
    const options = ok(await w.lead.client.get('/api/suggestions/congresses')).json<{ level: string; termId: number; termNumber: number; congressName: { zh: string }; sessions: { id: number; open: boolean; closed: boolean }[]; motionMinCosigners: number }[]>();
    assert.equal(options.length, 1);
    assert.deepEqual([options[0]!.level, options[0]!.termId, options[0]!.termNumber, options[0]!.motionMinCosigners], ['county', w.termId, 18, 10]);
    assert.equal(options[0]!.congressName.zh, `${w.county.name}第十八届人民代表大会`);
    assert.deepEqual(options[0]!.sessions.map((s) => [s.id, s.open, s.closed]), [[w.sessionId, true, false]]);
    const deputies = ok(await w.lead.client.get('/api/suggestions/deputies')).json<{ id: number }[]>().map((d) => d.id).sort();
    assert.deepEqual(deputies, w.cosigners.map((c) => c.deputyId!).sort());
  });

  it('signs jointly: each co-signer answers in their own account, and submitting withdraws the unanswered invitations', async () => {
    const [a, b, c] = w.cosigners as [SignedIn, SignedIn, SignedIn];
    const id = await draft({ cosignerIds: [a.deputyId, b.deputyId, c.deputyId] });
    const s = await row(id);
    assert.deepEqual([s.state, s.term_id, s.session_id, s.congress_level, s.congress_region_code], ['draft', w.termId, w.sessionId, 'county', w.county.code]);
    for (const x of [a, b, c]) assert.deepEqual(await notified(x, 'suggestion.invite'), [`/suggestions/${id}`]);
    await act(a, id, { action: 'cosign' });
    await act(b, id, { action: 'decline_cosign' });
    assert.deepEqual(await notified(w.lead, 'suggestion.cosign'), [`/suggestions/${id}`]);
    assert.deepEqual(await notified(w.lead, 'suggestion.decline_cosign'), [`/suggestions/${id}`]);
    // One who declined is no longer a signer: they cannot confirm after all; nobody but the lead submits.
    assert.equal((await refusal(b, id, { action: 'cosign' })).code, 'SUGGESTION_ACTION_FORBIDDEN');
    assert.equal((await refusal(a, id, { action: 'submit' })).code, 'SUGGESTION_ACTION_FORBIDDEN');
    assert.equal((await refusal(a, id, { action: 'cosign' })).code, 'COSIGN_ALREADY_ANSWERED');
    const result = await act(w.lead, id, { action: 'submit' });
    assert.deepEqual([result.from, result.to], ['draft', 'submitted']);
    assert.deepEqual(result.data, { cosigners: 1, invitationsWithdrawn: [c.deputyId] });
    assert.deepEqual(await signers(id), { [w.lead.deputyId!]: 'confirmed', [a.deputyId!]: 'confirmed', [b.deputyId!]: 'declined' });
    assert.deepEqual(await notified(w.staff, 'suggestion.submit'), [`/suggestions/${id}`]);
    // A co-signer asked too late finds nothing to answer.
    assert.equal((await refusal(c, id, { action: 'cosign' })).code, 'NOT_FOUND');
    // Each write left its timeline event and its audit record.
    const events = await t.database.db.selectFrom('suggestion_event').select('action').where('suggestion_id', '=', id).orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['create', 'cosign', 'decline_cosign', 'submit']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'suggestion').where('entity_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.map((e) => e.action), ['suggestion.create', 'suggestion.cosign', 'suggestion.decline_cosign', 'suggestion.submit']);
  });

  it('asks a deputy of several levels which congress; a congress without a running term takes nothing', async () => {
    const town = w.county.towns[0]!.code;
    const d = await make.deputy({ stations: [{ id: w.stationId }], levels: [{ level: 'county', term: 18, regionCode: w.county.code }, { level: 'township', term: 1, regionCode: town }] });
    const both = await make.signedIn('deputy', { deputyId: d.id });
    // Only the county's congress has a running term.
    assert.deepEqual(ok(await both.client.get('/api/suggestions/congresses')).json<{ level: string }[]>().map((o) => o.level), ['county']);
    const body = { kind: 'suggestion', title: '题', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: town };
    const unchosen = await both.client.post('/api/suggestions', body);
    assert.deepEqual((unchosen.json() as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => [f.path, f.code]), [['level', 'REQUIRED']]);
    assert.equal(errorOf(await both.client.post('/api/suggestions', { ...body, level: 'township' })).code, 'SUGGESTION_NO_TERM');
    const id = await draft({ level: 'county' }, both.client);
    assert.equal((await row(id)).congress_region_code, w.county.code);
  });

  it('submits only what says why and what it proposes, and only to a session not yet closed', async () => {
    const half = await draft({ reasons: ' ', proposals: '' });
    const refused = await refusal(w.lead, half, { action: 'submit' });
    assert.equal(refused.code, 'VALIDATION_FAILED');
    assert.equal((await row(half)).state, 'draft');
    const past = await t.database.db.insertInto('congress_session')
      .values({ term_id: w.termId, number: 29, opens_on: '2000-01-05', closes_on: '2000-01-08' }).returning('id').executeTakeFirstOrThrow();
    const late = await draft({ sessionId: past.id });
    assert.deepEqual(await refusal(w.lead, late, { action: 'submit' }), { code: 'SESSION_CLOSED', details: { number: 29, closesOn: '2000-01-08' } });
    await t.database.db.updateTable('suggestion').set({ session_id: null }).where('id', '=', late).execute();
    await t.database.db.deleteFrom('congress_session').where('id', '=', past.id).execute();
  });

  it('invites co-signers after drafting, and asks again one who declined', async () => {
    const [a, b] = w.cosigners as [SignedIn, SignedIn];
    const id = await draft({ cosignerIds: [a.deputyId] });
    await act(a, id, { action: 'decline_cosign' });
    assert.equal((await refusal(w.lead, id, { action: 'invite' })).code, 'VALIDATION_FAILED');
    const result = await act(w.lead, id, { action: 'invite', deputyIds: [a.deputyId!, b.deputyId!] });
    assert.deepEqual(result.data, { deputyIds: [a.deputyId, b.deputyId] });
    assert.deepEqual(await signers(id), { [w.lead.deputyId!]: 'confirmed', [a.deputyId!]: 'invited', [b.deputyId!]: 'invited' });
    await act(a, id, { action: 'cosign' });
    assert.equal((await signers(id))[a.deputyId!], 'confirmed');
  });

  it('changes the draft with PUT: the co-signers are exactly those named, new ones asked', async () => {
    const [a, b, c] = w.cosigners as [SignedIn, SignedIn, SignedIn];
    const id = await draft({ cosignerIds: [a.deputyId, b.deputyId] });
    ok(await w.lead.client.request('PUT', `/api/suggestions/${id}`, {
      kind: 'suggestion', title: '关于改造公和村供水管网的建议', reasons: '管网老化。', proposals: '分期改造。',
      categoryId: w.categoryId, regionCode: w.county.towns[1]!.code, sessionId: null, cosignerIds: [b.deputyId, c.deputyId],
    }));
    const s = await row(id);
    assert.deepEqual([s.title, s.region_code, s.session_id, s.state], ['关于改造公和村供水管网的建议', w.county.towns[1]!.code, null, 'draft']);
    assert.deepEqual(await signers(id), { [w.lead.deputyId!]: 'confirmed', [b.deputyId!]: 'invited', [c.deputyId!]: 'invited' });
    // Only the new co-signer is asked; the one kept is not asked again.
    assert.equal((await notified(c, 'suggestion.invite')).filter((l) => l === `/suggestions/${id}`).length, 1);
    assert.equal((await notified(b, 'suggestion.invite')).filter((l) => l === `/suggestions/${id}`).length, 1);
    // A co-signer of another congress, a region outside the congress: the fields are named.
    const stranger = await make.deputy();
    const bad = await w.lead.client.post('/api/suggestions', {
      kind: 'suggestion', title: '题', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: w.county.towns[0]!.code, cosignerIds: [stranger.id],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual((bad.json() as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => [f.path, f.code]), [['cosignerIds.0', 'UNKNOWN_REFERENCE']]);
    const outside = await w.lead.client.post('/api/suggestions', {
      kind: 'suggestion', title: '题', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: (await make.county()).code,
    });
    assert.equal(errorOf(outside).code, 'VALIDATION_FAILED');
  });

  it('keeps the draft\'s files: a PDF or a photo by its content, only while a draft', async () => {
    const id = await draft();
    const file = ok(await w.lead.client.post(`/api/suggestions/${id}/files`, { name: '现场照片.png', data: PNG }), 201).json<{ id: number; mime: string }>();
    assert.equal(file.mime, 'image/png');
    const text = await w.lead.client.post(`/api/suggestions/${id}/files`, { name: '说明.png', data: Buffer.from('not an image').toString('base64') });
    assert.deepEqual([text.statusCode, errorOf(text).code], [400, 'DRAFT_FILE_TYPE']);
    assert.equal((await w.cosigners[0]!.client.post(`/api/suggestions/${id}/files`, { name: 'x.png', data: PNG })).statusCode, 404);
    ok(await w.lead.client.request('DELETE', `/api/suggestions/${id}/files/${file.id}`));
    ok(await w.lead.client.post(`/api/suggestions/${id}/files`, { name: '现场照片.png', data: PNG }), 201);
    await act(w.lead, id, { action: 'submit' });
    const late = await w.lead.client.post(`/api/suggestions/${id}/files`, { name: 'x.png', data: PNG });
    assert.deepEqual([late.statusCode, errorOf(late).code], [409, 'SUGGESTION_TRANSITION_INVALID']);
  });

  it('numbers registered suggestions per term, session and kind', async () => {
    const first = await submitted();
    const second = await submitted();
    const between = await submitted({ sessionId: null });
    for (const id of [first, second, between]) await act(w.staff, id, { action: 'register' });
    const labels = await Promise.all([first, second, between].map(async (id) => (await row(id)).number_label));
    assert.deepEqual(labels, ['第十八届第三次会议第0001号', '第十八届第三次会议第0002号', '第十八届闭会期间第0001号']);
    assert.deepEqual((await row(first)).state, 'registered');
    assert.deepEqual(await notified(w.lead, 'suggestion.register'), [first, second, between].map((id) => `/suggestions/${id}`));
    // Registered once: a second registration is refused and takes no number.
    assert.equal((await refusal(w.staff, first, { action: 'register' })).code, 'SUGGESTION_TRANSITION_INVALID');
    assert.equal((await row(first)).number, 1);
  });

  it('declines with a reason, keeps one for reference, and turns one into a real case linked back', async () => {
    const declined = await submitted();
    assert.equal((await refusal(w.staff, declined, { action: 'decline' })).code, 'VALIDATION_FAILED');
    await act(w.staff, declined, { action: 'decline', comment: '不属于本级人大职权范围。' });
    const d = await row(declined);
    assert.deepEqual([d.state, d.decline_reason, d.number], ['declined', '不属于本级人大职权范围。', null]);
    const reference = await submitted();
    await act(w.staff, reference, { action: 'make_reference', comment: '留作参阅。' });
    assert.equal((await row(reference)).state, 'reference');
    const converted = await submitted();
    const result = await act(w.staff, converted, { action: 'convert_to_case', comment: '宜作为群众意见交有关部门办理。' });
    const s = await row(converted);
    assert.equal(s.state, 'converted');
    assert.ok(s.converted_case_id);
    assert.equal(result.data.caseId, s.converted_case_id);
    const c = await t.database.db.selectFrom('opinion').select(['state', 'station_id', 'deputy_id', 'content', 'category_id'])
      .where('id', '=', s.converted_case_id).executeTakeFirstOrThrow();
    assert.deepEqual([c.state, c.station_id, c.deputy_id, c.category_id], ['submitted', w.stationId, w.lead.deputyId, w.categoryId]);
    assert.ok(c.content.startsWith('关于完善村级供水设施的建议'));
    assert.deepEqual(await notified(w.lead, 'suggestion.convert_to_case'), [`/suggestions/${converted}`]);
  });

  it('refuses a motion below its threshold and accepts it at the threshold; the presidium places it on the agenda', async () => {
    // Below the county's default of 10: the congress's own setting of 3.
    ok(await w.staff.client.request('PUT', '/api/suggestion-settings', {
      level: 'county', regionCode: w.county.code, motionMinCosigners: 3, reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1,
    }));
    const shorter = errorOf(await w.staff.client.request('PUT', '/api/suggestion-settings', {
      level: 'county', regionCode: w.county.code, motionMinCosigners: 3, reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 6, complexMonths: 3, rehandleMonths: 1,
    }));
    assert.equal(shorter.code, 'VALIDATION_FAILED', 'a complex item never gets less time than a normal one');
    const [a, b, c] = w.cosigners as [SignedIn, SignedIn, SignedIn];
    assert.equal(errorOf(await w.lead.client.post('/api/suggestions', {
      kind: 'motion', title: '关于制定农村供水条例的议案', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: w.county.code, sessionId: null,
    })).code, 'MOTION_NEEDS_SESSION');
    const motion = await draft({ kind: 'motion', title: '关于制定农村供水条例的议案', cosignerIds: [a.deputyId, b.deputyId, c.deputyId] });
    await act(a, motion, { action: 'cosign' });
    await act(b, motion, { action: 'cosign' });
    const short = await refusal(w.lead, motion, { action: 'submit' });
    assert.deepEqual(short, { code: 'MOTION_COSIGNERS_SHORT', details: { needed: 3, have: 2 } });
    assert.equal((await row(motion)).state, 'draft');
    await act(c, motion, { action: 'cosign' });
    await act(w.lead, motion, { action: 'submit' });
    assert.equal((await refusal(w.staff, motion, { action: 'register' })).code, 'SUGGESTION_KIND_INVALID');
    await act(w.staff, motion, { action: 'place_on_agenda' });
    const m = await row(motion);
    assert.deepEqual([m.state, m.kind, m.number_label], ['on_agenda', 'motion', '第十八届第三次会议议案第0001号']);
    assert.ok(m.agenda_at);
  });

  it('turns a motion into a suggestion, numbered as a suggestion', async () => {
    const [a, b, c] = w.cosigners as [SignedIn, SignedIn, SignedIn];
    const motion = await draft({ kind: 'motion', title: '关于加强河道管理的议案', cosignerIds: [a.deputyId, b.deputyId, c.deputyId] });
    for (const x of [a, b, c]) await act(x, motion, { action: 'cosign' });
    await act(w.lead, motion, { action: 'submit' });
    const before = await t.database.db.selectFrom('suggestion_counter').select('last')
      .where('term_id', '=', w.termId).where('session_number', '=', 3).where('kind', '=', 'suggestion').executeTakeFirst();
    await act(w.staff, motion, { action: 'convert_to_suggestion', comment: '主席团决定作为代表建议办理。' });
    const s = await row(motion);
    assert.deepEqual([s.state, s.kind, s.converted_from_motion], ['registered', 'suggestion', true]);
    assert.equal(s.number_label, `第十八届第三次会议第${String((before?.last ?? 0) + 1).padStart(4, '0')}号`);
  });

  it('shows the constituent on the tracking page that the opinion went into a submitted suggestion', async () => {
    const c = await make.case({ stationId: w.stationId, deputyId: w.lead.deputyId });
    const activity = await make.activity({ stationId: w.stationId, participants: [{ deputyId: w.lead.deputyId! }] });
    const id = await draft({ title: '关于公和村通水的建议', caseIds: [c.id], activityIds: [activity.id] });
    const sources = await t.database.db.selectFrom('suggestion_source').select(['opinion_id', 'activity_id']).where('suggestion_id', '=', id).orderBy('opinion_id').execute();
    assert.deepEqual(sources.map((x) => [x.opinion_id, x.activity_id]).sort(), [[c.id, null], [null, activity.id]].sort());
    const timeline = async () => ok(await new Client(t.app).get(`/api/public/opinions/${c.trackingCode}?key=${c.queryKey}`))
      .json<{ timeline: { action: string; label: { zh: string }; note: string | null }[] }>().timeline;
    assert.ok(!(await timeline()).some((e) => e.action === 'suggestion_included'), 'no note while a draft');
    await act(w.lead, id, { action: 'submit' });
    const note = (await timeline()).find((e) => e.action === 'suggestion_included');
    assert.deepEqual([note?.label.zh, note?.note], ['已纳入代表建议', '《关于公和村通水的建议》']);
    // A case the deputy does not see cannot be linked.
    const elsewhere = await make.case();
    const refused = await w.lead.client.post('/api/suggestions', {
      kind: 'suggestion', title: '题', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: w.county.code, caseIds: [elsewhere.id],
    });
    assert.deepEqual((refused.json() as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => [f.path, f.code]), [['caseIds.0', 'UNKNOWN_REFERENCE']]);
  });

  it('keeps a draft to its deputies; staff of another county never see it; staff above read but do not act', async () => {
    const other = await countyDeputy();
    const id = await draft();
    const put = (client: Client) => client.request('PUT', `/api/suggestions/${id}`, {
      kind: 'suggestion', title: '改', reasons: '', proposals: '', categoryId: w.categoryId, regionCode: w.county.code,
    });
    assert.equal((await put(other.client)).statusCode, 404);
    assert.equal((await refusal(other, id, { action: 'submit' })).code, 'NOT_FOUND');
    // Not even the congress's staff see a draft.
    assert.equal((await refusal(w.staff, id, { action: 'register' })).code, 'NOT_FOUND');
    await act(w.lead, id, { action: 'submit' });
    assert.equal((await refusal(w.otherStaff, id, { action: 'register' })).code, 'NOT_FOUND');
    assert.equal((await refusal(w.cityStaff, id, { action: 'register' })).code, 'SUGGESTION_ACTION_FORBIDDEN');
    assert.equal((await refusal(other, id, { action: 'withdraw' })).code, 'NOT_FOUND');
    await act(w.lead, id, { action: 'withdraw' });
    assert.equal((await row(id)).state, 'withdrawn');
  });

  it('lets the congress\'s staff keep its sessions and settings; staff above read them', async () => {
    const settings = { level: 'county', regionCode: w.county.code };
    ok(await w.cityStaff.client.get(`/api/suggestion-settings?level=county&regionCode=${w.county.code}`));
    assert.equal((await w.cityStaff.client.request('PUT', '/api/suggestion-settings', {
      ...settings, motionMinCosigners: 8, reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1,
    })).statusCode, 403);
    assert.equal((await w.otherStaff.client.get(`/api/suggestion-settings?level=county&regionCode=${w.county.code}`)).statusCode, 404);
    const town = w.county.towns[0]!.code;
    assert.deepEqual(ok(await w.staff.client.get(`/api/suggestion-settings?level=township&regionCode=${town}`)).json<{ motionMinCosigners: number; custom: boolean }>(),
      { motionMinCosigners: 5, reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1, custom: false });
    const overlap = await w.staff.client.post('/api/congress-sessions', { termId: w.termId, number: 4, opensOn: today(), closesOn: addDays(today(), 2) });
    assert.deepEqual([overlap.statusCode, errorOf(overlap).code], [409, 'SESSION_OVERLAP']);
    const taken = await w.staff.client.post('/api/congress-sessions', { termId: w.termId, number: 3, opensOn: addDays(today(), 30), closesOn: addDays(today(), 32) });
    assert.equal(errorOf(taken).code, 'SESSION_EXISTS');
    assert.equal((await w.cityStaff.client.post('/api/congress-sessions', { termId: w.termId, number: 4, opensOn: addDays(today(), 30), closesOn: addDays(today(), 32) })).statusCode, 403);
    const sessions = ok(await w.cityStaff.client.get(`/api/congress-sessions?termId=${w.termId}`)).json<{ number: number }[]>();
    assert.deepEqual(sessions.map((s) => s.number), [3]);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['congress_session.create', 'suggestion_setting.update']).execute();
    assert.ok(audit.some((a) => a.action === 'congress_session.create') && audit.some((a) => a.action === 'suggestion_setting.update'));
  });
});
