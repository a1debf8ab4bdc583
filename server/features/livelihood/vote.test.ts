/**
 * 民生实事项目票决 through the API: a round collects proposals from a deputy, a department and a
 * constituent (masked), the government shortlists, the presidium approves a ballot with more
 * candidates than places, the deputies vote on their phones and on paper while the staff watch
 * the turnout, the count follows the rule of ALL deputies, the source case hears of it, and the
 * result sheet prints. Then the secrecy of the ballot, read from every table of the database;
 * the pass rule at its boundary; a vote below the quorum; a tie at the last place.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
// The harness first: it loads the app and every feature in the composition root's order.
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type County, type SignedIn } from '../../testing/factories.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { tally } from './vote.js';

const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => {
  assert.equal(res.statusCode, status, res.body);
  return res;
};
const codeOf = (res: { statusCode: number; json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;

interface Congress { county: County; termId: number; staff: SignedIn; deputies: SignedIn[]; stationId: number }
interface RoundView { id: number; state: string; servingDeputies: number; actions: { action: string }[]; vote: { id: number } | null; publishedAt: string | null }
interface Vote { id: number; state: string; outcome: string | null; totalDeputies: number; present: number; turnout: number; spoiledBallots: number | null; results: { projectId: number; forCount: number; againstCount: number; abstainCount: number; passed: boolean; adopted: boolean; tied: boolean }[]; ties: number[] }

describe('livelihood projects: the round, the secret vote and the count', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  let dir: string;

  const put = (c: SignedIn, url: string, body: Record<string, unknown>) => c.client.request('PUT', url, body);

  /** A county congress with `n` serving deputies (signed in), its staff, and a station. */
  async function congress(n: number): Promise<Congress> {
    const county = await make.county();
    const term = await make.term({ level: 'county', regionCode: county.code, number: 18 });
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const deputies: SignedIn[] = [];
    for (let i = 0; i < n; i++) {
      const d = await make.deputy({ stations: [{ id: station.id }], levels: [{ level: 'county', term: 18, regionCode: county.code }] });
      deputies.push(await make.signedIn('deputy', { deputyId: d.id }));
    }
    // A former deputy and a deputy of another congress are not among 应到.
    await make.deputy({ status: 'former', stations: [{ id: station.id }], levels: [{ level: 'county', term: 18, regionCode: county.code }] });
    await make.deputy({ stations: [{ id: station.id }], levels: [{ level: 'county', term: 17, regionCode: county.code }] });
    return { county, termId: term.id, staff: await make.signedIn('staff', { regionCode: county.code }), deputies, stationId: station.id };
  }

  const newRound = async (c: Congress, body: Record<string, unknown> = {}) => ok(await c.staff.client.post('/api/livelihood/rounds', {
    termId: c.termId, year: Number(today().slice(0, 4)), title: `${c.county.name}民生实事项目票决`,
    collectOpensOn: addDays(today(), -10), collectClosesOn: addDays(today(), 10), places: 2, ballotSize: 3, mode: 'for_against', ...body,
  }), 201).json<RoundView>();

  const propose = async (who: SignedIn, roundId: number, body: Record<string, unknown> = {}, regionCode?: string) => ok(await who.client.post(`/api/livelihood/rounds/${roundId}/projects`, {
    title: '村道硬化', regionCode, address: '某村', description: '硬化村道 900 米。', budgetYuan: 440_000, ...body,
  }), 201).json<{ id: number; proposerLabel: string; proposerPhone: string | null; state: string }>();

  /** A round with `titles.length` projects on the ballot (proposed by the staff for constituents). */
  async function ballotOf(c: Congress, titles: string[], body: Record<string, unknown> = {}) {
    const round = await newRound(c, { ballotSize: titles.length, ...body });
    const ids: number[] = [];
    for (const title of titles) ids.push((await propose(c.staff, round.id, { title, proposerName: '群众甲' }, c.county.towns[0]!.code)).id);
    ok(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'close_collection' }));
    for (const id of ids) ok(await c.staff.client.post(`/api/livelihood/projects/${id}/actions`, { action: 'shortlist' }));
    ok(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'approve_ballot', comment: '主席团第二次会议审定' }));
    return { roundId: round.id, ids };
  }

  const openVote = async (c: Congress, roundId: number, present: number) => ok(await c.staff.client.post(`/api/livelihood/rounds/${roundId}/vote`, { present }), 201).json<Vote>();
  const cast = (d: SignedIn, voteId: number, body: Record<string, unknown>) => d.client.post(`/api/livelihood/votes/${voteId}/ballot`, body);
  const close = async (c: Congress, voteId: number) => ok(await c.staff.client.post(`/api/livelihood/votes/${voteId}/close`)).json<Vote>();

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    dir = mkdtempSync(path.join(tmpdir(), 'livelihood-'));
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  });
  after(() => t.close());

  let secret: { c: Congress; voteId: number; roundId: number; projectIds: number[]; voters: SignedIn[]; paperVoter: SignedIn };

  it('collects, shortlists, approves the ballot, votes on phones and on paper, counts by the rule of all deputies and prints the result sheet', async () => {
    const c = await congress(7);
    const town = c.county.towns[0]!.code;
    // The ballot must hold more candidates than places (差额).
    const flat = await c.staff.client.post('/api/livelihood/rounds', {
      termId: c.termId, year: 2030, title: 'x', collectOpensOn: today(), collectClosesOn: today(), places: 3, ballotSize: 3, mode: 'for_against',
    });
    assert.equal(codeOf(flat), 'LIVELIHOOD_BALLOT_NOT_COMPETITIVE');
    // A deputy of the congress reads nothing of another county's round; staff of another county neither.
    const round = await newRound(c);
    assert.equal(round.servingDeputies, 7);
    assert.equal(codeOf(await c.staff.client.post('/api/livelihood/rounds', { termId: c.termId, year: Number(today().slice(0, 4)), title: 'again', collectOpensOn: today(), collectClosesOn: today(), places: 1, ballotSize: 2, mode: 'choose' })), 'LIVELIHOOD_ROUND_EXISTS');
    const otherStaff = await make.signedIn('staff');
    assert.equal((await otherStaff.client.get(`/api/livelihood/rounds/${round.id}`)).statusCode, 404);

    // Proposals: a deputy on their own account (with the case it answers), a department's clerk, a constituent's entered by the staff.
    const caseOf = await make.case({ stationId: c.stationId, content: '路花村茶园道路泥泞,雨天无法通行' });
    const byDeputy = await propose(c.deputies[0]!, round.id, { title: '茶产业园园路硬化' }, town);
    ok(await put(c.staff, `/api/livelihood/projects/${byDeputy.id}/sources`, { caseIds: [caseOf.id], activityIds: [] }));
    const unit = await make.unit({ regionCode: c.county.code });
    const clerk = await make.signedIn('unit', { unitId: unit.id });
    const byUnit = await propose(clerk, round.id, { title: '村级卫生室改造' }, town);
    const byConstituent = await propose(c.staff, round.id, { title: '农村公厕改造', proposerName: '王小明', proposerPhone: '13812345678', unitId: unit.id }, town);
    assert.equal(byConstituent.proposerLabel, '王小明');
    const outsider = await make.signedIn('deputy', { deputyId: (await make.deputy({ levels: [{ level: 'county', term: 18, regionCode: (await make.county()).code }] })).id });
    assert.equal((await outsider.client.post(`/api/livelihood/rounds/${round.id}/projects`, { title: 'x', regionCode: town, address: '', description: 'x', budgetYuan: 1 })).statusCode, 404);
    // A fourth, withdrawn by its proposer.
    const withdrawn = await propose(c.deputies[1]!, round.id, { title: '撤回的项目' }, town);
    ok(await c.deputies[1]!.client.post(`/api/livelihood/projects/${withdrawn.id}/actions`, { action: 'withdraw', comment: '与其他项目重复' }));
    // The case's constituent reads that their opinion became a candidate project.
    const notes = await t.database.db.selectFrom('opinion_event').select(['action', 'data', 'public']).where('opinion_id', '=', caseOf.id).where('action', 'like', 'project_%').execute();
    assert.deepEqual(notes.map((n) => [n.action, n.public, (n.data as { link: string }).link]), [['project_proposed', true, `/projects/${byDeputy.id}`]]);

    // The constituent's name and phone are masked for a deputy once the project is shortlisted.
    ok(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'close_collection' }));
    assert.equal(codeOf(await c.deputies[2]!.client.post(`/api/livelihood/rounds/${round.id}/projects`, { title: 'late', regionCode: town, address: '', description: 'x', budgetYuan: 1 })), 'LIVELIHOOD_COLLECTION_CLOSED');
    for (const p of [byDeputy, byUnit]) ok(await c.staff.client.post(`/api/livelihood/projects/${p.id}/actions`, { action: 'shortlist' }));
    assert.equal(codeOf(await c.deputies[0]!.client.post(`/api/livelihood/projects/${byUnit.id}/actions`, { action: 'shortlist' })), 'LIVELIHOOD_ACTION_FORBIDDEN');
    // Two shortlisted for a ballot of three: the presidium cannot approve it yet.
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'approve_ballot' })), 'LIVELIHOOD_BALLOT_SIZE_MISMATCH');
    ok(await c.staff.client.post(`/api/livelihood/projects/${byConstituent.id}/actions`, { action: 'shortlist' }));
    const seen = ok(await c.deputies[3]!.client.get(`/api/livelihood/projects/${byConstituent.id}`)).json<{ proposerLabel: string; proposerPhone: string }>();
    assert.deepEqual([seen.proposerLabel, seen.proposerPhone], ['王**', '138****5678']);
    const order = [byDeputy.id, byConstituent.id, byUnit.id];
    ok(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'approve_ballot', order, comment: '主席团审定' }));
    const ballot = ok(await c.staff.client.get(`/api/livelihood/rounds/${round.id}/projects?state=on_ballot`)).json<{ id: number }[]>();
    assert.deepEqual(ballot.map((p) => p.id), order);

    // Opening: 应到 7 frozen, quorum 2/3 = 5.
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/vote`, { present: 4 })), 'LIVELIHOOD_QUORUM_NOT_MET');
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/vote`, { present: 8 })), 'LIVELIHOOD_PRESENT_TOO_MANY');
    const vote = await openVote(c, round.id, 6);
    assert.deepEqual([vote.totalDeputies, vote.present, vote.state], [7, 6, 'open']);
    // Every serving deputy of the term is told the vote is open, and where to vote; no one else.
    const toldOpen = await t.database.db.selectFrom('notification').select(['account_id', 'link']).where('kind', '=', 'livelihood.open_vote').execute();
    assert.deepEqual(toldOpen.map((n) => n.account_id).sort((x, y) => x - y), c.deputies.map((d) => d.id).sort((x, y) => x - y));
    assert.ok(toldOpen.every((n) => n.link === '/my-vote'));
    // The deputy's phone: the ballot, and whether they have voted, never how.
    const mine = ok(await c.deputies[0]!.client.get('/api/livelihood/my-ballots')).json<{ voteId: number; voted: boolean; projects: { id: number }[] }[]>();
    assert.deepEqual(mine.map((b) => [b.voteId, b.voted, b.projects.map((p) => p.id)]), [[vote.id, false, order]]);

    // Five on phones: byDeputy for ×4 (passes: 4 > 7/2), byConstituent for ×3 then one paper for (4), byUnit for ×3 (fails: 3).
    const [a, b, d, e, f, paper, absent] = c.deputies as [SignedIn, SignedIn, SignedIn, SignedIn, SignedIn, SignedIn, SignedIn];
    const mark = (x: 'for' | 'against' | 'abstain', y: 'for' | 'against' | 'abstain', z: 'for' | 'against' | 'abstain') => ({ choices: { [order[0]!]: x, [order[1]!]: y, [order[2]!]: z } });
    ok(await cast(a, vote.id, mark('for', 'for', 'for')));
    ok(await cast(b, vote.id, mark('for', 'for', 'for')));
    ok(await cast(d, vote.id, mark('for', 'for', 'for')));
    ok(await cast(e, vote.id, mark('for', 'against', 'against')));
    ok(await cast(f, vote.id, { choices: { [order[0]!]: 'against' } }));
    // Once only: a second ballot on the phone, or marked on paper after the phone, is refused.
    assert.equal(codeOf(await cast(a, vote.id, mark('against', 'against', 'against'))), 'LIVELIHOOD_VOTE_ALREADY_CAST');
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-turnout`, { deputyIds: [a.deputyId] })), 'LIVELIHOOD_VOTE_ALREADY_CAST');
    // A ballot with a project not on it is refused; a deputy of no seat in this term cannot vote.
    assert.equal(codeOf(await cast(paper, vote.id, { choices: { 999999: 'for' } })), 'VALIDATION_FAILED');
    assert.equal((await cast(outsider, vote.id, mark('for', 'for', 'for'))).statusCode, 404);
    // The sixth votes on paper: marked, then the ballot entered without any name; never more ballots than paper voters.
    ok(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-turnout`, { deputyIds: [paper.deputyId] }));
    assert.equal(codeOf(await cast(paper, vote.id, mark('for', 'for', 'for'))), 'LIVELIHOOD_VOTE_ALREADY_CAST');
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/close`)), 'LIVELIHOOD_PAPER_BALLOTS_MISSING');
    ok(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-ballots`, { ballots: [mark('abstain', 'for', 'against')] }));
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-ballots`, { ballots: [mark('for', 'for', 'for')] })), 'LIVELIHOOD_PAPER_BALLOTS_EXCEED');
    // Present 6, six have voted: the seventh must wait until the staff raise 实到; it can never go below the turnout.
    assert.equal(codeOf(await cast(absent, vote.id, mark('for', 'for', 'for'))), 'LIVELIHOOD_PRESENT_REACHED');
    assert.equal(codeOf(await put(c.staff, `/api/livelihood/votes/${vote.id}/present`, { present: 5 })), 'LIVELIHOOD_PRESENT_BELOW_TURNOUT');

    // The turnout watch: counts and who, sorted by name, never how.
    const watch = ok(await c.staff.client.get(`/api/livelihood/votes/${vote.id}/turnout`)).json<{ totalDeputies: number; voted: number; phone: number; paper: number; deputies: { id: number; voted: boolean; channel: string | null }[] }>();
    assert.deepEqual([watch.totalDeputies, watch.voted, watch.phone, watch.paper], [7, 6, 5, 1]);
    assert.equal(watch.deputies.length, 7);
    assert.deepEqual(watch.deputies.filter((x) => !x.voted).map((x) => x.id), [absent.deputyId]);
    assert.equal(JSON.stringify(watch).match(/"(for|against|abstain)"/), null);
    assert.equal((await c.deputies[0]!.client.get(`/api/livelihood/votes/${vote.id}/turnout`)).statusCode, 403);
    assert.equal(codeOf(await c.staff.client.get(`/api/livelihood/rounds/${round.id}/result-sheet.pdf`)), 'LIVELIHOOD_NOT_COUNTED');

    const counted = await close(c, vote.id);
    assert.equal(counted.outcome, 'counted');
    const byId = Object.fromEntries(counted.results.map((r) => [r.projectId, [r.forCount, r.passed, r.adopted]]));
    assert.deepEqual(byId, { [byDeputy.id]: [4, true, true], [byConstituent.id]: [4, true, true], [byUnit.id]: [3, false, false] });
    const states = Object.fromEntries((await t.database.db.selectFrom('livelihood_project').select(['id', 'state']).where('round_id', '=', round.id).execute()).map((p) => [p.id, p.state]));
    assert.deepEqual(states, { [byDeputy.id]: 'adopted', [byConstituent.id]: 'adopted', [byUnit.id]: 'not_adopted', [withdrawn.id]: 'withdrawn' });
    const after = await t.database.db.selectFrom('opinion_event').select('action').where('opinion_id', '=', caseOf.id).where('action', 'like', 'project_%').orderBy('id').execute();
    assert.deepEqual(after.map((n) => n.action), ['project_proposed', 'project_adopted']);
    assert.equal(codeOf(await cast(absent, vote.id, mark('for', 'for', 'for'))), 'LIVELIHOOD_VOTE_NOT_OPEN');

    // The result sheet, read back by pdftotext.
    const res = ok(await c.staff.client.get(`/api/livelihood/rounds/${round.id}/result-sheet.pdf`));
    assert.equal(res.headers['content-type'], 'application/pdf');
    const file = path.join(dir, 'result.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['结果报告单', '应到代表', '实到代表', '投票人数', '茶产业园园路硬化', '村级卫生室改造', '通过', '未通过', '监票人', '计票人']) assert.ok(text.includes(s), `${s} in: ${text}`);

    assert.equal((await t.database.db.selectFrom('notification').select('id').where('kind', '=', 'livelihood.publish').execute()).length, 0);
    ok(await c.staff.client.post(`/api/livelihood/rounds/${round.id}/actions`, { action: 'publish' }));
    assert.ok(ok(await c.staff.client.get(`/api/livelihood/rounds/${round.id}`)).json<RoundView>().publishedAt);
    // The deputies of the congress and the proposers (the department's clerk, the staff who entered the constituent's) are told, once each.
    const toldResult = await t.database.db.selectFrom('notification').select(['account_id', 'link', 'title', 'body']).where('kind', '=', 'livelihood.publish').execute();
    assert.deepEqual(toldResult.map((n) => n.account_id).sort((x, y) => x - y), [...c.deputies.map((d) => d.id), clerk.id, c.staff.id].sort((x, y) => x - y));
    assert.ok(toldResult.every((n) => n.link === `/livelihood/${round.id}` && n.body.includes('2 项')), JSON.stringify(toldResult[0]));
    assert.equal(toldResult.some((n) => /赞成|反对|弃权|\bfor\b|against|abstain/.test(n.title + n.body)), false, 'no ballot content');
    secret = { c, voteId: vote.id, roundId: round.id, projectIds: order, voters: [a, b, d, e, f], paperVoter: paper };
  });

  it('keeps the ballot secret: read from every table, nothing links a deputy to a choice', async () => {
    const { c, voteId, projectIds, voters, paperVoter } = secret;
    const db = t.database.db;
    const people = [...voters, paperVoter];
    const deputyIds = new Set(people.map((p) => p.deputyId!));
    const accountIds = new Set(people.map((p) => p.id));
    const names = (await db.selectFrom('deputy').select('name').where('id', 'in', [...deputyIds]).execute()).map((d) => d.name);

    // Turnout: exact, and nothing but who and on which channel.
    const turnout = await db.selectFrom('livelihood_turnout').selectAll().where('vote_id', '=', voteId).execute();
    assert.deepEqual(new Set(turnout.map((r) => r.deputy_id)), deputyIds);
    const turnoutColumns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'livelihood_turnout' order by column_name`.execute(db)).rows.map((r) => r.column_name);
    assert.deepEqual(turnoutColumns, ['channel', 'deputy_id', 'vote_id']);

    // The box: one row, six ballots of project ids and marks, no deputy anywhere.
    const box = await db.selectFrom('livelihood_ballot_box').selectAll().where('vote_id', '=', voteId).execute();
    assert.equal(box.length, 1);
    const ballots = box[0]!.ballots as Record<string, string>[];
    assert.equal(ballots.length, 6);
    for (const b of ballots) {
      assert.deepEqual(Object.keys(b).sort(), projectIds.map(String).sort());
      for (const v of Object.values(b)) assert.ok(['for', 'against', 'abstain'].includes(v));
    }
    const boxColumns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'livelihood_ballot_box' order by column_name`.execute(db)).rows.map((r) => r.column_name);
    assert.deepEqual(boxColumns, ['ballots', 'vote_id']);

    // Every table of the database, every row, as an administrator would read them.
    const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)).rows.map((r) => r.table_name);
    assert.ok(tables.includes('audit_log') && tables.includes('notification') && tables.length > 40, tables.join());
    const choice = /"(for|against|abstain)"|"choices"|"chosen"|ballots/;
    let rowsRead = 0;
    for (const table of tables) {
      const columns = (await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = ${table}`.execute(db)).rows;
      const readable = columns.filter((col) => col.data_type !== 'bytea').map((col) => sql.ref(col.column_name));
      const rows = (await sql<Record<string, unknown>>`select ${sql.join(readable)} from ${sql.table(table)}`.execute(db)).rows;
      rowsRead += rows.length;
      const deputyColumns = columns.filter((col) => /deputy_id$|^deputy_ids?$/.test(col.column_name)).map((col) => col.column_name);
      const accountColumns = columns.filter((col) => /account_id$/.test(col.column_name)).map((col) => col.column_name);
      const voteColumn = columns.some((col) => col.column_name === 'vote_id');
      for (const row of rows) {
        const text = JSON.stringify(row);
        const namesVoter = deputyColumns.some((col) => deputyIds.has(row[col] as number)) || accountColumns.some((col) => accountIds.has(row[col] as number))
          || names.some((n) => text.includes(n));
        // Of this vote, only the turnout holds a deputy.
        if (voteColumn && row.vote_id === voteId && table !== 'livelihood_turnout') {
          assert.ok(!deputyColumns.some((col) => row[col] !== null && row[col] !== undefined), `${table} holds a deputy of the vote`);
          assert.ok(!names.some((n) => text.includes(n)), `${table} names a voter`);
        }
        // No row anywhere holds both a voter and a choice.
        if (namesVoter) assert.ok(!choice.test(text), `${table} holds a voter and a choice: ${text.slice(0, 300)}`);
      }
    }
    assert.ok(rowsRead > 100);
    // The audit record of a ballot says who voted and on which channel, and nothing else.
    const audit = await db.selectFrom('audit_log').select(['actor_account_id', 'after']).where('action', '=', 'livelihood.ballot_cast').where('entity_id', '=', String(voteId)).execute();
    assert.equal(audit.length, 5);
    for (const a of audit) assert.deepEqual(a.after, { channel: 'phone' });
    // The deputy's own phone is told only that they have voted.
    const mine = ok(await voters[0]!.client.get('/api/livelihood/my-ballots')).json<unknown[]>();
    assert.deepEqual(mine, []);
    assert.ok(c.deputies.length === 7);
  });

  it('passes a project with more than half of ALL deputies: exactly half fails, one more passes', async () => {
    const c = await congress(6);
    const { roundId, ids } = await ballotOf(c, ['半数项目', '过半项目', '少数项目'], { places: 2 });
    // Quorum 2/3 of 6 = 4 present at least.
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/rounds/${roundId}/vote`, { present: 3 })), 'LIVELIHOOD_QUORUM_NOT_MET');
    const vote = await openVote(c, roundId, 6);
    const [half, more, few] = ids as [number, number, number];
    // Half: 3 of 6 for (of 6 present, too: exactly half of all fails). More: 4. Few: 1.
    const plan: ['for' | 'against' | 'abstain', 'for' | 'against' | 'abstain', 'for' | 'against' | 'abstain'][] = [
      ['for', 'for', 'for'], ['for', 'for', 'against'], ['for', 'for', 'against'], ['against', 'for', 'against'], ['abstain', 'against', 'abstain'], ['against', 'abstain', 'against'],
    ];
    for (const [i, [x, y, z]] of plan.entries()) ok(await cast(c.deputies[i]!, vote.id, { choices: { [half]: x, [more]: y, [few]: z } }));
    const counted = await close(c, vote.id);
    const r = Object.fromEntries(counted.results.map((x) => [x.projectId, [x.forCount, x.passed, x.adopted]]));
    assert.deepEqual(r, { [half]: [3, false, false], [more]: [4, true, true], [few]: [1, false, false] });
  });

  it('counts a spoiled paper ballot (废票) as cast and for no project; only paper can be spoiled', async () => {
    const c = await congress(5);
    const { roundId, ids } = await ballotOf(c, ['甲', '乙'], { places: 1 });
    const [one, two] = ids as [number, number];
    const vote = await openVote(c, roundId, 5);
    // Three for 甲 on phones (3 > 5/2 passes), one for 乙; the fifth votes on paper and spoils the ballot.
    for (const d of c.deputies.slice(0, 3)) ok(await cast(d, vote.id, { choices: { [one]: 'for', [two]: 'against' } }));
    ok(await cast(c.deputies[3]!, vote.id, { choices: { [one]: 'against', [two]: 'for' } }));
    const paper = c.deputies[4]!;
    assert.equal(codeOf(await cast(paper, vote.id, { spoiled: true })), 'VALIDATION_FAILED', 'a phone ballot cannot be spoiled');
    ok(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-turnout`, { deputyIds: [paper.deputyId] }));
    // A spoiled ballot carries no marks.
    assert.equal(codeOf(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-ballots`, { ballots: [{ spoiled: true, choices: { [one]: 'for' } }] })), 'VALIDATION_FAILED');
    ok(await c.staff.client.post(`/api/livelihood/votes/${vote.id}/paper-ballots`, { ballots: [{ spoiled: true }] }));
    const counted = await close(c, vote.id);
    assert.deepEqual([counted.turnout, counted.spoiledBallots], [5, 1]);
    // The spoiled ballot is neither for, against nor an abstention on any project.
    const r = Object.fromEntries(counted.results.map((x) => [x.projectId, [x.forCount, x.againstCount, x.abstainCount, x.adopted]]));
    assert.deepEqual(r, { [one]: [3, 1, 0, true], [two]: [1, 3, 0, false] });
    const res = ok(await c.staff.client.get(`/api/livelihood/rounds/${roundId}/result-sheet.pdf`));
    const file = path.join(dir, 'spoiled.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /废票/);
    assert.deepEqual(tally(['spoiled', ['1']], 'choose', [1], 2, 1).map((x) => [x.forCount, x.abstainCount]), [[1, 0]]);
  });

  it('records a vote whose turnout stays below the quorum as no_quorum, adopts nothing, and lets the staff vote again', async () => {
    const c = await congress(6);
    const { roundId, ids } = await ballotOf(c, ['甲项目', '乙项目'], { places: 1, mode: 'choose' });
    const vote = await openVote(c, roundId, 4);
    for (const d of c.deputies.slice(0, 3)) ok(await cast(d, vote.id, { chosen: [ids[0]] }));
    assert.equal(codeOf(await cast(c.deputies[3]!, vote.id, { chosen: ids })), 'LIVELIHOOD_BALLOT_INVALID');
    const closed = await close(c, vote.id);
    assert.deepEqual([closed.outcome, closed.results.length, closed.turnout], ['no_quorum', 0, 3]);
    const states = (await t.database.db.selectFrom('livelihood_project').select('state').where('round_id', '=', roundId).execute()).map((p) => p.state);
    assert.deepEqual(states, ['on_ballot', 'on_ballot']);
    const box = await t.database.db.selectFrom('livelihood_ballot_box').select('ballots').where('vote_id', '=', vote.id).executeTakeFirstOrThrow();
    assert.deepEqual(box.ballots, []);
    const round = ok(await c.staff.client.get(`/api/livelihood/rounds/${roundId}`)).json<RoundView>();
    assert.equal(round.state, 'ballot_ready');
    // A new vote, everyone present: 甲 chosen by 5 of 6 passes.
    const again = await openVote(c, roundId, 6);
    for (const d of c.deputies.slice(0, 5)) ok(await cast(d, again.id, { chosen: [ids[0]] }));
    ok(await cast(c.deputies[5]!, again.id, { chosen: [ids[1]] }));
    const counted = await close(c, again.id);
    assert.deepEqual(counted.results.map((x) => [x.projectId, x.forCount, x.adopted]), [[ids[0], 5, true], [ids[1], 1, false]]);
  });

  it('reports a tie at the last place instead of choosing silently, and settles it by a re-vote', async () => {
    const c = await congress(4);
    const { roundId, ids } = await ballotOf(c, ['一', '二'], { places: 1, quorum: { num: 1, den: 2 } });
    const [one, two] = ids as [number, number];
    const vote = await openVote(c, roundId, 4);
    // 一 and 二 each get 3 of 4 (more than half of all): one place, a tie.
    const plan = [['for', 'for'], ['for', 'for'], ['for', 'against'], ['against', 'for']];
    for (const [i, [x, y]] of plan.entries()) ok(await cast(c.deputies[i]!, vote.id, { choices: { [one]: x, [two]: y } }));
    const counted = await close(c, vote.id);
    assert.deepEqual(counted.ties.sort(), [one, two].sort());
    assert.deepEqual(counted.results.map((r) => [r.forCount, r.passed, r.adopted, r.tied]), [[3, true, false, true], [3, true, false, true]]);
    const round = ok(await c.staff.client.get(`/api/livelihood/rounds/${roundId}`)).json<RoundView>();
    assert.equal(round.state, 'counted');
    assert.ok(round.actions.some((a) => a.action === 'open_vote'));
    // The re-vote on the two still on the ballot: 二 wins.
    const again = await openVote(c, roundId, 4);
    const replan = [['against', 'for'], ['for', 'for'], ['against', 'for'], ['abstain', 'for']];
    for (const [i, [x, y]] of replan.entries()) ok(await cast(c.deputies[i]!, again.id, { choices: { [one]: x, [two]: y } }));
    const settled = await close(c, again.id);
    assert.deepEqual(settled.ties, []);
    const states = Object.fromEntries((await t.database.db.selectFrom('livelihood_project').select(['id', 'state']).where('round_id', '=', roundId).execute()).map((p) => [p.id, p.state]));
    assert.deepEqual(states, { [one]: 'not_adopted', [two]: 'adopted' });
    // The rule alone: choose mode, a tie among passing projects at the only place.
    const rows = tally([['1'], ['1', '2'], ['2'], ['1', '2']], 'choose', [1, 2], 4, 1);
    assert.deepEqual(rows.map((r) => [r.forCount, r.passed, r.adopted, r.tied]), [[3, true, false, true], [3, true, false, true]]);
  });
});
