/**
 * The vote at the session (大会票决), secret by construction:
 *
 * - who has voted is `livelihood_turnout` (deputy, channel) and nothing else: no time, no order, no ballot;
 * - how is `livelihood_ballot_box`, ONE row per vote whose jsonb array holds every ballot, each
 *   inserted at a random position (crypto.randomInt) in the same transaction as its turnout row,
 *   and the whole array shuffled again at the count. No row per ballot exists, so no heap
 *   position, serial id, xmin or timestamp ties a ballot to the turnout row written with it;
 * - the audit record of a ballot names the deputy and never a choice; nothing else is written
 *   (no notification, no log of the request's body) and the deputy's own choices are never
 *   returned, not even to them.
 *
 * The count: a project passes with more for-votes than half of ALL the congress's deputies
 * (frozen at the opening), not of those present; of those passing, the top `places` by votes are
 * adopted, and those tied at the last place stay on the ballot for a re-vote. A count whose
 * turnout stays below the quorum adopts nothing and takes the round back to ballot_ready.
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { BallotMode, StoredBallot, VoteChoice } from '../../platform/db/schemaLivelihood.js';
import { AppError, invalidFields, type FieldMessageCode } from '../../platform/errors.js';
import { noteOnCase } from '../cases/index.js';
import { roundColumns, roundVisible, runsCongress } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { tellVoteOpened } from './notices.js';
import { projectSystemAction } from './projectActions.js';
import { runRoundAction, voteSummary, type VoteSummary } from './rounds.js';
import { passMark, quorumNeeded } from './workflow.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A ballot as sent: a choice per project (for_against; one left out is an abstention) or the projects chosen (choose). */
export interface BallotInput { choices?: Record<string, VoteChoice> | undefined; chosen?: number[] | undefined; spoiled?: boolean | undefined }

/** The serving deputies of a congress term: a `deputy_level` seat of its level, region and number, current and active. */
function servingDeputies(db: Db, termId: number) {
  return db.selectFrom('deputy as d').where(sitsInTerm(sql.ref('d.id'), termId));
}

/** The places still to fill: the round's places less the projects adopted by an earlier vote (a re-vote after a tie). */
async function placesLeft(db: Db, roundId: number, places: number): Promise<number> {
  const adopted = await db.selectFrom('livelihood_result as lr').innerJoin('livelihood_vote as v', 'v.id', 'lr.vote_id')
    .select(sql<number>`count(*)::int`.as('n')).where('v.round_id', '=', roundId).where('lr.adopted', '=', true).executeTakeFirstOrThrow();
  return places - adopted.n;
}

/** The projects on the ballot of a round, in ballot order. */
function ballotProjects(db: Db, roundId: number) {
  return db.selectFrom('livelihood_project').select(['id', 'title', 'ballot_order']).where('round_id', '=', roundId).where('state', '=', 'on_ballot')
    .orderBy('ballot_order').orderBy('id').execute();
}

/**
 * Opens the vote: freezes the number of all deputies of the congress term, takes the number
 * present and refuses to open below the quorum. Also a re-vote on the projects tied at a count.
 */
export async function openVote(ctx: WriteContext, roundId: number, present: number): Promise<number> {
  let voteId = 0;
  await runRoundAction(ctx, roundId, 'open_vote', null, async (r, now) => {
    if ((await ballotProjects(ctx.trx, r.id)).length === 0) throw new AppError('LIVELIHOOD_BALLOT_EMPTY');
    const total = (await servingDeputies(ctx.trx, r.term_id).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const needed = quorumNeeded(total, r.quorum_num, r.quorum_den);
    if (present > total) throw new AppError('LIVELIHOOD_PRESENT_TOO_MANY', { total });
    if (total === 0 || present < needed) throw new AppError('LIVELIHOOD_QUORUM_NOT_MET', { total, present, needed });
    const v = await ctx.trx.insertInto('livelihood_vote').values({
      round_id: r.id, state: 'open', total_deputies: total, present, opened_at: now, opened_by_account_id: ctx.actor.accountId || null,
    }).returning('id').executeTakeFirstOrThrow();
    voteId = v.id;
    await ctx.trx.insertInto('livelihood_ballot_box').values({ vote_id: v.id, ballots: '[]' }).execute();
    await tellVoteOpened(ctx.trx, r, v.id);
    return { state: 'voting', data: { voteId: v.id, totalDeputies: total, present, quorumNeeded: needed } };
  });
  return voteId;
}

/** The vote with its round, within the actor's reach (FOR UPDATE when `lock`). */
async function voteOf(db: Db, actor: Actor, voteId: number, lock = false) {
  let q = db.selectFrom('livelihood_vote as v').innerJoin('livelihood_round as r', 'r.id', 'v.round_id')
    .selectAll('v').select(['r.term_id', 'r.congress_region_path', 'r.mode', 'r.places', 'r.quorum_num', 'r.quorum_den', 'r.title as round_title'])
    .where('v.id', '=', voteId).where(roundVisible(actor, roundColumns('r')));
  if (lock) q = q.forUpdate('v');
  const v = await q.executeTakeFirst();
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

/** The vote, locked, for the congress's own staff while it is open. */
async function staffOpenVote(ctx: WriteContext, voteId: number) {
  const v = await voteOf(ctx.trx, ctx.actor, voteId, true);
  if (!runsCongress(ctx.actor, v.congress_region_path)) throw new AppError('FORBIDDEN');
  if (v.state !== 'open') throw new AppError('LIVELIHOOD_VOTE_NOT_OPEN');
  return v;
}

async function turnoutOf(db: Db, voteId: number) {
  const rows = await db.selectFrom('livelihood_turnout').select(['channel', sql<number>`count(*)::int`.as('n')]).where('vote_id', '=', voteId).groupBy('channel').execute();
  const phone = rows.find((r) => r.channel === 'phone')?.n ?? 0;
  const paper = rows.find((r) => r.channel === 'paper')?.n ?? 0;
  return { phone, paper, total: phone + paper };
}

/** Raises (or corrects) the number present; never below those who have voted, never above all deputies. */
export async function setPresent(ctx: WriteContext, voteId: number, present: number): Promise<void> {
  const v = await staffOpenVote(ctx, voteId);
  await lockBox(ctx.trx, voteId);
  const turnout = await turnoutOf(ctx.trx, voteId);
  if (present > v.total_deputies) throw new AppError('LIVELIHOOD_PRESENT_TOO_MANY', { total: v.total_deputies });
  if (present < turnout.total) throw new AppError('LIVELIHOOD_PRESENT_BELOW_TURNOUT', { turnout: turnout.total });
  await ctx.trx.updateTable('livelihood_vote').set({ present }).where('id', '=', voteId).execute();
  await recordAudit(ctx, { action: 'livelihood.present', entityType: 'livelihood_vote', entityId: voteId, before: { present: v.present }, after: { present } });
}

/** Locks the vote's box: every write to the turnout or the box takes it first, so they take turns. */
async function lockBox(trx: Transaction<DB>, voteId: number): Promise<StoredBallot[]> {
  const box = await trx.selectFrom('livelihood_ballot_box').select('ballots').where('vote_id', '=', voteId).forUpdate().executeTakeFirstOrThrow();
  return box.ballots;
}

/** Checks a ballot against the projects on the ballot and the mode, and gives it its stored form (no deputy, ids as strings). */
function storedBallot(input: BallotInput, mode: BallotMode, projectIds: number[], places: number, path: string): StoredBallot {
  const on = new Set(projectIds.map(String));
  const bad = (code: FieldMessageCode, at: string) => invalidFields([{ path: `${path}${at}`, code }]);
  if (input.spoiled) {
    // A spoiled paper ballot (废票) carries no marks: none can be read from it.
    if (input.choices !== undefined) throw bad('NOT_APPLICABLE', 'choices');
    if (input.chosen !== undefined) throw bad('NOT_APPLICABLE', 'chosen');
    return 'spoiled';
  }
  if (mode === 'for_against') {
    if (input.chosen !== undefined) throw bad('NOT_APPLICABLE', 'chosen');
    const choices = input.choices ?? {};
    for (const key of Object.keys(choices)) if (!on.has(key)) throw bad('UNKNOWN_REFERENCE', `choices.${key}`);
    // Every project on the ballot gets its mark; one left out is an abstention (弃权).
    return Object.fromEntries(projectIds.map((id) => [String(id), choices[String(id)] ?? 'abstain'])) as Record<string, VoteChoice>;
  }
  if (input.choices !== undefined) throw bad('NOT_APPLICABLE', 'choices');
  const chosen = input.chosen ?? [];
  chosen.forEach((id, i) => { if (!on.has(String(id))) throw bad('UNKNOWN_REFERENCE', `chosen.${i}`); });
  if (new Set(chosen).size !== chosen.length) throw bad('DUPLICATE_VALUES', 'chosen');
  if (chosen.length > places) {
    throw new AppError('LIVELIHOOD_BALLOT_INVALID', { reason: `最多选择 ${places} 个项目 / choose at most ${places}` });
  }
  return chosen.map(String).sort();
}

/** Puts ballots into the box, each at a random position of the array. */
async function dropIntoBox(trx: Transaction<DB>, voteId: number, box: StoredBallot[], ballots: StoredBallot[]): Promise<void> {
  const next = [...box];
  for (const b of ballots) next.splice(randomInt(next.length + 1), 0, b);
  await trx.updateTable('livelihood_ballot_box').set({ ballots: JSON.stringify(next) }).where('vote_id', '=', voteId).execute();
}

/**
 * A deputy's ballot from their phone: only a deputy of the congress term, only while the vote is
 * open, once. In one transaction: the turnout row, the ballot at a random place in the box, the
 * audit record (who, never how). Returns only that they have voted.
 */
export async function castBallot(ctx: WriteContext, voteId: number, input: BallotInput): Promise<{ voted: true; turnout: number }> {
  const v = await voteOf(ctx.trx, ctx.actor, voteId);
  const deputyId = ctx.actor.deputyId;
  if (deputyId === null) throw new AppError('LIVELIHOOD_NOT_MEMBER');
  const box = await lockBox(ctx.trx, voteId);
  const vote = await ctx.trx.selectFrom('livelihood_vote').select(['state', 'present']).where('id', '=', voteId).executeTakeFirstOrThrow();
  if (vote.state !== 'open') throw new AppError('LIVELIHOOD_VOTE_NOT_OPEN');
  const member = await ctx.trx.selectFrom('deputy').select('name').where('id', '=', deputyId).where(sitsInTerm(deputyId, v.term_id)).executeTakeFirst();
  if (!member) throw new AppError('LIVELIHOOD_NOT_MEMBER');
  const voted = await ctx.trx.selectFrom('livelihood_turnout').select('channel').where('vote_id', '=', voteId).where('deputy_id', '=', deputyId).executeTakeFirst();
  if (voted) throw new AppError('LIVELIHOOD_VOTE_ALREADY_CAST', { name: member.name });
  const turnout = await turnoutOf(ctx.trx, voteId);
  if (turnout.total >= vote.present) throw new AppError('LIVELIHOOD_PRESENT_REACHED', { present: vote.present });
  // A phone ballot is valid by construction: only paper can be spoiled.
  if (input.spoiled !== undefined) throw invalidFields([{ path: 'spoiled', code: 'NOT_APPLICABLE' }]);
  const projects = (await ballotProjects(ctx.trx, v.round_id)).map((p) => p.id);
  const ballot = storedBallot(input, v.mode, projects, await placesLeft(ctx.trx, v.round_id, v.places), '');
  await ctx.trx.insertInto('livelihood_turnout').values({ vote_id: voteId, deputy_id: deputyId, channel: 'phone' }).execute();
  await dropIntoBox(ctx.trx, voteId, box, [ballot]);
  await recordAudit(ctx, { action: 'livelihood.ballot_cast', entityType: 'livelihood_vote', entityId: voteId, after: { channel: 'phone' } });
  return { voted: true, turnout: turnout.total + 1 };
}

/** Staff mark the deputies who vote on paper (who, never how): deputies of the term who have not voted yet. */
export async function markPaperTurnout(ctx: WriteContext, voteId: number, deputyIds: number[]): Promise<void> {
  const v = await staffOpenVote(ctx, voteId);
  await lockBox(ctx.trx, voteId);
  const unique = [...new Set(deputyIds)];
  const members = new Map((await servingDeputies(ctx.trx, v.term_id).select(['d.id', 'd.name']).where('d.id', 'in', unique.length ? unique : [0]).execute()).map((d) => [d.id, d.name]));
  const problems = deputyIds.map((id, i) => ({ id, i })).filter(({ id }) => !members.has(id));
  if (problems.length) throw invalidFields(problems.map(({ i }) => ({ path: `deputyIds.${i}`, code: 'UNKNOWN_REFERENCE' })));
  const already = await ctx.trx.selectFrom('livelihood_turnout').select('deputy_id').where('vote_id', '=', voteId).where('deputy_id', 'in', unique).executeTakeFirst();
  if (already) throw new AppError('LIVELIHOOD_VOTE_ALREADY_CAST', { name: members.get(already.deputy_id)! });
  const turnout = await turnoutOf(ctx.trx, voteId);
  if (turnout.total + unique.length > v.present) throw new AppError('LIVELIHOOD_PRESENT_REACHED', { present: v.present });
  await ctx.trx.insertInto('livelihood_turnout').values(unique.map((id) => ({ vote_id: voteId, deputy_id: id, channel: 'paper' as const }))).execute();
  await recordAudit(ctx, { action: 'livelihood.paper_turnout', entityType: 'livelihood_vote', entityId: voteId, after: { deputyIds: unique } });
}

/** Staff enter paper ballots' contents into the box, no deputy named; never more than the deputies marked as voting on paper. */
export async function enterPaperBallots(ctx: WriteContext, voteId: number, ballots: BallotInput[]): Promise<{ paperBallots: number; turnoutPaper: number }> {
  const v = await staffOpenVote(ctx, voteId);
  const box = await lockBox(ctx.trx, voteId);
  const turnout = await turnoutOf(ctx.trx, voteId);
  const entered = v.paper_ballots + ballots.length;
  if (entered > turnout.paper) throw new AppError('LIVELIHOOD_PAPER_BALLOTS_EXCEED', { entered, paper: turnout.paper });
  const projects = (await ballotProjects(ctx.trx, v.round_id)).map((p) => p.id);
  const places = await placesLeft(ctx.trx, v.round_id, v.places);
  const stored = ballots.map((b, i) => storedBallot(b, v.mode, projects, places, `ballots.${i}.`));
  await dropIntoBox(ctx.trx, voteId, box, stored);
  await ctx.trx.updateTable('livelihood_vote').set({ paper_ballots: entered }).where('id', '=', voteId).execute();
  await recordAudit(ctx, { action: 'livelihood.paper_ballots', entityType: 'livelihood_vote', entityId: voteId, after: { count: ballots.length, total: entered } });
  return { paperBallots: entered, turnoutPaper: turnout.paper };
}

/** The turnout watch: the counts and the names of who has voted (and on which channel), never how. */
export async function turnoutWatch(db: Kysely<DB>, actor: Actor, voteId: number) {
  const v = await voteOf(db, actor, voteId);
  const deputies = await servingDeputies(db, v.term_id)
    .leftJoin('livelihood_turnout as t', (j) => j.onRef('t.deputy_id', '=', 'd.id').on('t.vote_id', '=', voteId))
    .select(['d.id', 'd.name', 't.channel']).orderBy('d.name_pinyin').orderBy('d.id').execute();
  const turnout = await turnoutOf(db, voteId);
  return {
    voteId, state: v.state, totalDeputies: v.total_deputies, present: v.present, quorumNeeded: quorumNeeded(v.total_deputies, v.quorum_num, v.quorum_den),
    voted: turnout.total, phone: turnout.phone, paper: turnout.paper, paperBallots: v.paper_ballots,
    deputies: deputies.map((d) => ({ id: d.id, name: d.name, voted: d.channel !== null, channel: d.channel })),
  };
}

/** One project's count. */
export interface Tally { projectId: number; forCount: number; againstCount: number; abstainCount: number; passed: boolean; adopted: boolean; tied: boolean; rank: number | null }

/**
 * Counts the ballots by the rule: passed = for-votes > half of ALL deputies; of the passed, the
 * top `places` by for-votes are adopted; those tied at the last place are neither (reported).
 */
export function tally(ballots: StoredBallot[], mode: BallotMode, projectIds: number[], totalDeputies: number, places: number): Tally[] {
  const counts = new Map(projectIds.map((id) => [String(id), { for: 0, against: 0, abstain: 0 }]));
  for (const b of ballots) {
    if (b === 'spoiled') continue;
    if (mode === 'choose') {
      const chosen = new Set(b as string[]);
      for (const [id, c] of counts) if (chosen.has(id)) c.for += 1; else c.abstain += 1;
    } else {
      const marks = b as Record<string, VoteChoice>;
      for (const [id, c] of counts) c[marks[id] ?? 'abstain'] += 1;
    }
  }
  const mark = passMark(totalDeputies);
  const rows = projectIds.map((id) => {
    const c = counts.get(String(id))!;
    return { projectId: id, forCount: c.for, againstCount: c.against, abstainCount: c.abstain, passed: c.for >= mark, adopted: false, tied: false, rank: null as number | null };
  });
  const passed = rows.filter((r) => r.passed).sort((a, b) => b.forCount - a.forCount);
  for (const r of passed) r.rank = 1 + passed.filter((o) => o.forCount > r.forCount).length;
  if (passed.length <= places) {
    for (const r of passed) r.adopted = true;
  } else if (places > 0) {
    const boundary = passed[places - 1]!.forCount;
    const above = passed.filter((r) => r.forCount > boundary);
    const at = passed.filter((r) => r.forCount === boundary);
    for (const r of above) r.adopted = true;
    for (const r of at) {
      if (above.length + at.length <= places) r.adopted = true;
      else r.tied = true;
    }
  }
  return rows;
}

/** Fisher–Yates with a cryptographic source. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Closes the vote and counts it, in one transaction: refused while paper ballots are missing;
 * below the quorum, 'no_quorum', the ballots discarded and the round back to ballot_ready;
 * otherwise the results written, each project adopted or not (a tie at the last place stays on
 * the ballot), the source cases told, and the box shuffled again. The caller then vacuums the box.
 */
export async function closeVote(ctx: WriteContext, voteId: number): Promise<void> {
  const first = await voteOf(ctx.trx, ctx.actor, voteId);
  await runRoundAction(ctx, first.round_id, 'count', null, async (r, now) => {
    const v = await staffOpenVote(ctx, voteId);
    const box = await lockBox(ctx.trx, voteId);
    const turnout = await turnoutOf(ctx.trx, voteId);
    if (v.paper_ballots < turnout.paper) throw new AppError('LIVELIHOOD_PAPER_BALLOTS_MISSING', { missing: turnout.paper - v.paper_ballots });
    const needed = quorumNeeded(v.total_deputies, r.quorum_num, r.quorum_den);
    const closed = { state: 'closed' as const, closed_at: now, closed_by_account_id: ctx.actor.accountId || null, turnout_phone: turnout.phone, turnout_paper: turnout.paper };
    if (turnout.total < needed) {
      await ctx.trx.updateTable('livelihood_vote').set({ ...closed, outcome: 'no_quorum' }).where('id', '=', voteId).execute();
      await ctx.trx.updateTable('livelihood_ballot_box').set({ ballots: '[]' }).where('vote_id', '=', voteId).execute();
      return { state: 'ballot_ready', data: { voteId, outcome: 'no_quorum', turnout: turnout.total, needed, totalDeputies: v.total_deputies } };
    }
    const projects = await ballotProjects(ctx.trx, r.id);
    const places = await placesLeft(ctx.trx, r.id, r.places);
    const results = tally(box, r.mode, projects.map((p) => p.id), v.total_deputies, places);
    await ctx.trx.insertInto('livelihood_result').values(results.map((t) => ({
      vote_id: voteId, project_id: t.projectId, for_count: t.forCount, against_count: t.againstCount, abstain_count: t.abstainCount,
      passed: t.passed, adopted: t.adopted, tied: t.tied, rank: t.rank,
    }))).execute();
    for (const t of results) {
      if (t.tied) continue;
      const action = t.adopted ? 'adopt' : 'reject';
      await projectSystemAction(ctx, t.projectId, action, {
        set: { decided_at: now }, public: true, data: { voteId, forCount: t.forCount, passMark: passMark(v.total_deputies) },
        after: async () => noteSources(ctx.trx, t.projectId, t.adopted ? 'project_adopted' : 'project_not_adopted', now),
      }, now);
    }
    const spoiled = box.filter((b) => b === 'spoiled').length;
    await ctx.trx.updateTable('livelihood_vote').set({ ...closed, outcome: 'counted', spoiled_ballots: spoiled }).where('id', '=', voteId).execute();
    await ctx.trx.updateTable('livelihood_ballot_box').set({ ballots: JSON.stringify(shuffle(box)) }).where('vote_id', '=', voteId).execute();
    const ties = results.filter((t) => t.tied).map((t) => t.projectId);
    return {
      data: {
        voteId, outcome: 'counted', turnout: turnout.total, spoiled, totalDeputies: v.total_deputies,
        adopted: results.filter((t) => t.adopted).map((t) => t.projectId), ties,
      },
    };
  });
}

async function noteSources(trx: Transaction<DB>, projectId: number, note: 'project_adopted' | 'project_not_adopted', now: Date) {
  const p = await trx.selectFrom('livelihood_project').select('title').where('id', '=', projectId).executeTakeFirstOrThrow();
  const cases = await trx.selectFrom('livelihood_project_source').select('opinion_id').where('project_id', '=', projectId).where('opinion_id', 'is not', null).orderBy('opinion_id').execute();
  for (const c of cases) await noteOnCase(trx, c.opinion_id!, note, `《${p.title}》`, { link: `/projects/${projectId}` }, now);
}

/**
 * After the count, outside its transaction: rewrites the box table's file so the dead versions
 * of the box (one per ballot) are gone from it. Where the engine refuses, the count stands.
 */
export async function vacuumBox(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`vacuum full livelihood_ballot_box`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** The vote with its results (after the count) and the projects tied at the last place. */
export async function voteWithResults(db: Kysely<DB>, actor: Actor, voteId: number): Promise<VoteSummary & { results: VoteResult[]; ties: number[] }> {
  await voteOf(db, actor, voteId);
  const results = await resultsOf(db, voteId);
  return { ...await voteSummary(db, voteId), results, ties: results.filter((r) => r.tied).map((r) => r.projectId) };
}

export async function resultsOf(db: Db, voteId: number) {
  const rows = await db.selectFrom('livelihood_result as lr').innerJoin('livelihood_project as p', 'p.id', 'lr.project_id')
    .selectAll('lr').select(['p.title', 'p.ballot_order']).where('lr.vote_id', '=', voteId)
    .orderBy(sql`lr.rank nulls last`).orderBy('lr.for_count', 'desc').orderBy('p.ballot_order').execute();
  return rows.map((r) => ({
    projectId: r.project_id, title: r.title, forCount: r.for_count, againstCount: r.against_count, abstainCount: r.abstain_count,
    passed: r.passed, adopted: r.adopted, tied: r.tied, rank: r.rank,
  }));
}
export type VoteResult = Awaited<ReturnType<typeof resultsOf>>[number];

/** The open votes of the deputy's congress terms, with their ballots and whether they have voted (never how). */
export async function myBallots(db: Kysely<DB>, actor: Actor) {
  if (actor.deputyId === null) return [];
  const votes = await db.selectFrom('livelihood_vote as v').innerJoin('livelihood_round as r', 'r.id', 'v.round_id')
    .select(['v.id', 'v.round_id', 'r.title', 'r.mode', 'r.places'])
    .select((eb) => eb.exists(eb.selectFrom('livelihood_turnout as t').select('t.deputy_id').whereRef('t.vote_id', '=', 'v.id').where('t.deputy_id', '=', actor.deputyId!)).as('voted'))
    .where('v.state', '=', 'open').where(sitsInTerm(actor.deputyId, sql.ref('r.term_id'))).orderBy('v.id').execute();
  const out = [];
  for (const v of votes) {
    const projects = await db.selectFrom('livelihood_project as p').leftJoin('unit as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.title', 'p.address', 'p.budget_yuan', 'p.description', 'u.name as unit_name'])
      .where('p.round_id', '=', v.round_id).where('p.state', '=', 'on_ballot').orderBy('p.ballot_order').orderBy('p.id').execute();
    out.push({
      voteId: v.id, roundId: v.round_id, roundTitle: v.title, mode: v.mode, places: await placesLeft(db, v.round_id, v.places), voted: Boolean(v.voted),
      projects: projects.map((p) => ({ id: p.id, title: p.title, address: p.address, budgetYuan: Number(p.budget_yuan), description: p.description, unitName: p.unit_name })),
    });
  }
  return out;
}

