/**
 * Rounds (one congress term, one year): created and changed by the congress's own staff, read by
 * everyone `roundVisible` admits; their actions through the round rule table (workflow.ts): the
 * collection closed or reopened, the ballot approved by the presidium (主席团审定) or sent back,
 * the result published. Opening and counting the vote are in vote.ts, through the same table.
 */
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow, today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { BallotMode, LivelihoodRoundTable } from '../../platform/db/schemaLivelihood.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { transition } from '../../platform/workflow/transition.js';
import { congressTermName } from '../terms/index.js';
import { roundColumns, roundVisible, runsCongress } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { tellResultsPublished } from './notices.js';
import { projectSystemAction } from './projectActions.js';
import {
  PROJECT_STATES, ROUND_RULES, ROUND_STATE_LABELS, ROUND_WORKFLOW, quorumNeeded, passMark,
  type LivelihoodRoundState, type RoundAction, type RoundActor,
} from './workflow.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface RoundInput {
  sessionId?: number | null | undefined;
  year: number;
  title: string;
  collectOpensOn: string;
  collectClosesOn: string;
  places: number;
  ballotSize: number;
  mode: BallotMode;
  quorum?: { num: number; den: number } | undefined;
}

function roundsFor(db: Db, actor: AnyActor) {
  return db.selectFrom('livelihood_round as r')
    .innerJoin('congress_term as t', 't.id', 'r.term_id')
    .leftJoin('region as rg', 'rg.code', 'r.congress_region_code')
    .leftJoin('congress_session as cs', 'cs.id', 'r.session_id')
    .selectAll('r')
    .select(['t.number as term_number', 'rg.name as region_name', 'cs.number as session_number'])
    .where(roundVisible(actor, roundColumns('r')));
}
type RoundRow = Awaited<ReturnType<ReturnType<typeof roundsFor>['executeTakeFirstOrThrow']>>;

const chineseSession = (n: number) => ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n] ?? String(n);

function congressNameOf(r: Pick<RoundRow, 'congress_level' | 'region_name' | 'term_number'>) {
  return congressTermName(r.congress_level, r.region_name, r.term_number);
}

/** The vote of a round as shown: its counts, the quorum and the pass mark. */
export async function voteSummary(db: Db, voteId: number) {
  const v = await db.selectFrom('livelihood_vote as v').innerJoin('livelihood_round as r', 'r.id', 'v.round_id')
    .selectAll('v').select(['r.quorum_num', 'r.quorum_den']).where('v.id', '=', voteId).executeTakeFirstOrThrow();
  const turnout = await db.selectFrom('livelihood_turnout').select(['channel', sql<number>`count(*)::int`.as('n')])
    .where('vote_id', '=', voteId).groupBy('channel').execute();
  const phone = turnout.find((t) => t.channel === 'phone')?.n ?? 0;
  const paper = turnout.find((t) => t.channel === 'paper')?.n ?? 0;
  return {
    id: v.id, roundId: v.round_id, state: v.state, outcome: v.outcome, totalDeputies: v.total_deputies, present: v.present,
    quorumNeeded: quorumNeeded(v.total_deputies, v.quorum_num, v.quorum_den), passMark: passMark(v.total_deputies),
    turnout: phone + paper, turnoutPhone: phone, turnoutPaper: paper, paperBallots: v.paper_ballots, spoiledBallots: v.spoiled_ballots,
    openedAt: v.opened_at.toISOString(), closedAt: v.closed_at?.toISOString() ?? null,
  };
}
export type VoteSummary = Awaited<ReturnType<typeof voteSummary>>;

async function presentRound(db: Db, actor: AnyActor, r: RoundRow) {
  const counts = Object.fromEntries(PROJECT_STATES.map((s) => [s, 0])) as Record<string, number>;
  for (const c of await db.selectFrom('livelihood_project').select(['state', sql<number>`count(*)::int`.as('n')]).where('round_id', '=', r.id).groupBy('state').execute()) {
    counts[c.state] = c.n;
  }
  const lastVote = await db.selectFrom('livelihood_vote').select('id').where('round_id', '=', r.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const staff = runsCongress(actor, r.congress_region_path);
  const actions = staff ? ROUND_WORKFLOW.allowed(r.state, 'staff')
    .filter((a) => (a !== 'publish' || r.published_at === null) && (a !== 'open_vote' || r.state !== 'counted' || (counts.on_ballot ?? 0) > 0)) : [];
  return {
    id: r.id, termId: r.term_id, sessionId: r.session_id, congressLevel: r.congress_level, congressRegionCode: r.congress_region_code,
    congressName: congressNameOf(r),
    sessionLabel: r.session_number === null ? null : { zh: `第${chineseSession(r.session_number)}次会议`, en: `Session ${r.session_number}` },
    year: r.year, title: r.title, collectOpensOn: r.collect_opens_on, collectClosesOn: r.collect_closes_on,
    places: r.places, ballotSize: r.ballot_size, mode: r.mode, quorum: { num: r.quorum_num, den: r.quorum_den },
    state: r.state, stateLabel: ROUND_STATE_LABELS[r.state], presidiumOn: r.presidium_on, presidiumNote: r.presidium_note,
    publishedAt: r.published_at?.toISOString() ?? null,
    counts: {
      proposed: counts.proposed!, shortlisted: counts.shortlisted!, notShortlisted: counts.not_shortlisted!, onBallot: counts.on_ballot!,
      adopted: Object.entries(counts).filter(([s]) => !['proposed', 'shortlisted', 'not_shortlisted', 'withdrawn', 'on_ballot', 'not_adopted'].includes(s)).reduce((n, [, c]) => n + c, 0),
      notAdopted: counts.not_adopted!, withdrawn: counts.withdrawn!, total: Object.values(counts).reduce((n, c) => n + c, 0),
    },
    vote: lastVote ? await voteSummary(db, lastVote.id) : null,
    actions: actions.map((a) => ({ action: a, label: ROUND_RULES[a].label, needsComment: ROUND_RULES[a].needsComment ?? false })),
    canPropose: r.state === 'collecting' || (staff && r.state === 'shortlisting'),
    /** The deputies a vote opened now would count as 应到: the serving deputies of the term. */
    servingDeputies: (await db.selectFrom('deputy as d').select(sql<number>`count(*)::int`.as('n')).where(sitsInTerm(sql.ref('d.id'), r.term_id)).executeTakeFirstOrThrow()).n,
  };
}
export type RoundView = Awaited<ReturnType<typeof presentRound>>;

export async function getRound(db: Db, actor: AnyActor, id: number): Promise<RoundView> {
  const r = await roundsFor(db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return presentRound(db, actor, r);
}

export interface RoundFilters { termId?: number | undefined; year?: number | undefined; state?: LivelihoodRoundState | undefined; limit: number; cursor?: string | undefined }

export async function listRounds(db: Kysely<DB>, actor: Actor, f: RoundFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = roundsFor(db, actor).orderBy('r.id', 'desc').limit(f.limit + 1);
  if (f.termId !== undefined) q = q.where('r.term_id', '=', f.termId);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.state !== undefined) q = q.where('r.state', '=', f.state);
  if (after !== null) q = q.where('r.id', '<', after);
  const page = toPage(await q.execute(), f.limit, (r) => r.id, (r) => r);
  return { items: await Promise.all(page.items.map((r) => presentRound(db, actor, r))), nextCursor: page.nextCursor };
}

/** The congress terms the actor may open a round for: running terms of the congresses they run, with the sessions. */
export async function roundCongresses(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('congress_term as t').leftJoin('region as rg', 'rg.code', 't.region_code')
    .select(['t.id', 't.level', 't.region_code', 't.number', 't.region_path', 'rg.name as region_name'])
    .where('t.ends_on', 'is', null).orderBy('t.region_path').orderBy('t.id');
  if (actor.role !== 'admin') q = q.where('t.region_path', '=', actor.scopePath ?? '-');
  const terms = await q.execute();
  const sessions = terms.length ? await db.selectFrom('congress_session').selectAll().where('term_id', 'in', terms.map((t) => t.id)).orderBy('number').execute() : [];
  return terms.map((t) => ({
    termId: t.id, level: t.level, regionCode: t.region_code, congressName: congressTermName(t.level, t.region_name, t.number),
    sessions: sessions.filter((s) => s.term_id === t.id).map((s) => ({ id: s.id, number: s.number, opensOn: s.opens_on, closesOn: s.closes_on })),
  }));
}

async function checkInput(trx: Transaction<DB>, termId: number, input: RoundInput) {
  if (input.ballotSize <= input.places) throw new AppError('LIVELIHOOD_BALLOT_NOT_COMPETITIVE', { ballotSize: input.ballotSize, places: input.places });
  if (input.collectClosesOn < input.collectOpensOn) throw invalidFields([{ path: 'collectClosesOn', code: 'ENDS_BEFORE_START' }]);
  if (input.quorum && input.quorum.num > input.quorum.den) throw invalidFields([{ path: 'quorum.num', code: 'NOT_APPLICABLE' }]);
  if (input.sessionId) {
    const s = await trx.selectFrom('congress_session').select('id').where('id', '=', input.sessionId).where('term_id', '=', termId).executeTakeFirst();
    if (!s) throw invalidFields([{ path: 'sessionId', code: 'UNKNOWN_REFERENCE' }]);
  }
}

async function requireYearFree(trx: Transaction<DB>, termId: number, year: number, exceptId = 0) {
  const taken = await trx.selectFrom('livelihood_round').select('id').where('term_id', '=', termId).where('year', '=', year).where('id', '<>', exceptId).executeTakeFirst();
  if (taken) throw new AppError('LIVELIHOOD_ROUND_EXISTS', { year });
}

/** A new round of a congress term, by the congress's own staff, collecting from the start. */
export async function createRound(ctx: WriteContext, termId: number, input: RoundInput): Promise<number> {
  const term = await ctx.trx.selectFrom('congress_term').selectAll().where('id', '=', termId)
    .where(roundVisible(ctx.actor, { termId: sql.val(termId), congressRegionPath: ref('region_path') })).forUpdate().executeTakeFirst();
  if (!term) throw invalidFields([{ path: 'termId', code: 'UNKNOWN_REFERENCE' }]);
  if (!runsCongress(ctx.actor, term.region_path)) throw new AppError('FORBIDDEN');
  await checkInput(ctx.trx, termId, input);
  await requireYearFree(ctx.trx, termId, input.year);
  const now = clockNow();
  const row = await ctx.trx.insertInto('livelihood_round').values({
    term_id: termId, session_id: input.sessionId ?? null, congress_level: term.level, congress_region_code: term.region_code,
    congress_region_path: term.region_path, year: input.year, title: input.title, collect_opens_on: input.collectOpensOn,
    collect_closes_on: input.collectClosesOn, places: input.places, ballot_size: input.ballotSize, mode: input.mode,
    quorum_num: input.quorum?.num ?? 2, quorum_den: input.quorum?.den ?? 3, state: 'collecting',
    created_by_account_id: ctx.actor.accountId || null, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(ctx, { action: 'livelihood_round.create', entityType: 'livelihood_round', entityId: row.id, after: { termId, ...input } });
  return row.id;
}

/** The round locked, within the actor's reach. */
export async function lockRound(ctx: WriteContext<AnyActor>, id: number) {
  return ctx.trx.selectFrom('livelihood_round as r').selectAll('r').where('r.id', '=', id)
    .where(roundVisible(ctx.actor, roundColumns('r'))).forUpdate().executeTakeFirst();
}
export type LockedRound = NonNullable<Awaited<ReturnType<typeof lockRound>>>;

/** What a round action does besides its state: columns set and facts for the audit record. */
export interface RoundEffect { set?: Updateable<LivelihoodRoundTable>; state?: LivelihoodRoundState; data?: Record<string, unknown> }

/** One round action through the rule table, with its own effect, in the caller's transaction. */
export async function runRoundAction(
  ctx: WriteContext, id: number, action: RoundAction, comment: string | null | undefined,
  effect: (round: LockedRound, now: Date) => Promise<RoundEffect>,
) {
  const now = clockNow();
  return transition<LockedRound, LivelihoodRoundState, RoundAction, RoundActor, RoundEffect>(ctx, {
    workflow: ROUND_WORKFLOW, action, comment,
    lock: () => lockRound(ctx, id),
    actorOf: (r) => (runsCongress(ctx.actor, r.congress_region_path) ? 'staff' : null),
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason, r) => {
      const actionLabel = ROUND_RULES[action].label;
      if (reason === 'ROLE') return new AppError('LIVELIHOOD_ACTION_FORBIDDEN', { actionLabel });
      if (reason === 'STATE') return new AppError('LIVELIHOOD_TRANSITION_INVALID', { state: r.state, stateLabel: ROUND_STATE_LABELS[r.state], action, actionLabel });
      return invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
    },
    effect: (t) => effect(t.row, now),
    apply: async ({ to, effect: e }) => {
      await ctx.trx.updateTable('livelihood_round').set({ ...e.set, state: to, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    },
    event: async () => {},
    followUps: async () => {},
    audit: ({ from, to, comment: c, effect: e }) => ({
      action: `livelihood_round.${action}`, entityType: 'livelihood_round', entityId: id, before: { state: from }, after: { state: to, comment: c, ...e.data },
    }),
  });
}

/** Changes a round's facts while collecting or shortlisting; the ballot's numbers only before the presidium approves it. */
export async function updateRound(ctx: WriteContext, id: number, input: RoundInput): Promise<void> {
  await runRoundAction(ctx, id, 'edit', null, async (r) => {
    await checkInput(ctx.trx, r.term_id, input);
    await requireYearFree(ctx.trx, r.term_id, input.year, r.id);
    return {
      set: {
        session_id: input.sessionId ?? null, year: input.year, title: input.title, collect_opens_on: input.collectOpensOn, collect_closes_on: input.collectClosesOn,
        places: input.places, ballot_size: input.ballotSize, mode: input.mode, quorum_num: input.quorum?.num ?? r.quorum_num, quorum_den: input.quorum?.den ?? r.quorum_den,
      },
      data: { ...input },
    };
  });
}

export interface RoundActionBody {
  action: 'close_collection' | 'reopen_collection' | 'approve_ballot' | 'reopen_shortlist' | 'publish';
  comment?: string | null | undefined;
  /** approve_ballot: the day the presidium decided (default today) and the ballot's order. */
  presidiumOn?: string | undefined;
  order?: number[] | undefined;
}

/** The round actions taken on the round itself (the vote's are in vote.ts). */
export async function takeRoundAction(ctx: WriteContext, id: number, body: RoundActionBody): Promise<void> {
  await runRoundAction(ctx, id, body.action, body.comment, async (r, now) => {
    switch (body.action) {
      case 'approve_ballot': return approveBallot(ctx, r, body, now);
      case 'reopen_shortlist': {
        const onBallot = await ctx.trx.selectFrom('livelihood_project').select('id').where('round_id', '=', r.id).where('state', '=', 'on_ballot').orderBy('id').execute();
        for (const p of onBallot) await projectSystemAction(ctx, p.id, 'take_off_ballot', { set: { ballot_order: null } }, now);
        return { set: { presidium_on: null, presidium_note: null }, data: { projects: onBallot.map((p) => p.id) } };
      }
      case 'publish':
        await tellResultsPublished(ctx.trx, r);
        return { set: { published_at: now } };
      default: return {};
    }
  });
}

/**
 * 主席团审定: the shortlisted projects become the ballot, exactly as many as the ballot's size
 * (more than the places: 差额), in the order given (or the order they were proposed in).
 */
async function approveBallot(ctx: WriteContext, r: LockedRound, body: RoundActionBody, now: Date): Promise<RoundEffect> {
  const shortlisted = await ctx.trx.selectFrom('livelihood_project').select('id').where('round_id', '=', r.id).where('state', '=', 'shortlisted').orderBy('id').execute();
  if (shortlisted.length !== r.ballot_size) {
    throw new AppError('LIVELIHOOD_BALLOT_SIZE_MISMATCH', { ballotSize: r.ballot_size, places: r.places, shortlisted: shortlisted.length });
  }
  let ids = shortlisted.map((p) => p.id);
  if (body.order) {
    const given = new Set(body.order);
    if (given.size !== ids.length || ids.some((id) => !given.has(id))) throw invalidFields([{ path: 'order', code: 'UNKNOWN_REFERENCE' }]);
    ids = body.order;
  }
  for (const [i, id] of ids.entries()) await projectSystemAction(ctx, id, 'place_on_ballot', { set: { ballot_order: i + 1 } }, now);
  return { set: { presidium_on: body.presidiumOn ?? today(), presidium_note: body.comment?.trim() || null }, data: { ballot: ids } };
}
