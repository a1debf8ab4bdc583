/**
 * What the deputies are told about a round (notifications through platform/notify, in the
 * transaction of the round action): the vote opening, to every serving deputy of the term with an
 * account; the results published, to those deputies and to the projects' proposers (the deputy,
 * the department's clerks, the account that entered it). Neither holds anything of a ballot: only
 * the round's title and, once published, how many projects the congress adopted.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notify } from '../../platform/notify/notify.js';
import { anyOf, termDeputiesOf, theAccounts } from '../../platform/notify/audience.js';

interface RoundRef { id: number; term_id: number; title: string }

/** 票决开始: every serving deputy of the term with an account is asked to vote on their phone. */
export async function tellVoteOpened(trx: Transaction<DB>, round: RoundRef, voteId: number): Promise<void> {
  await notify(trx, {
    accountIds: termDeputiesOf(trx, round.term_id), kind: 'livelihood.open_vote',
    title: '民生实事项目票决已开始,请投票', body: `《${round.title}》的表决已开始,请在“票决投票”中投票。`,
    link: '/my-vote', dedupeKey: `livelihood:vote:${voteId}:opened`,
  });
}

/** 结果公布: the deputies of the congress and the projects' proposers are told where to read it. */
export async function tellResultsPublished(trx: Transaction<DB>, round: RoundRef): Promise<void> {
  const proposers = await trx.selectFrom('livelihood_project as p').leftJoin('account as a', (j) => j.on((eb) => eb.or([
    eb('a.deputy_id', '=', eb.ref('p.proposer_deputy_id')), eb('a.unit_id', '=', eb.ref('p.proposer_unit_id')), eb('a.id', '=', eb.ref('p.created_by_account_id')),
  ]))).select('a.id').where('p.round_id', '=', round.id).where('a.id', 'is not', null).execute();
  const adopted = await trx.selectFrom('livelihood_project').select(sql<number>`count(*)::int`.as('n'))
    .where('round_id', '=', round.id).where('state', 'in', ['adopted', 'in_progress', 'completed', 'evaluated', 'rectifying', 'closed']).executeTakeFirstOrThrow();
  await notify(trx, {
    accountIds: anyOf(termDeputiesOf(trx, round.term_id), theAccounts(trx, proposers.map((p) => p.id!))), kind: 'livelihood.publish',
    title: '民生实事项目票决结果已公布', body: `《${round.title}》票决结果已公布,确定民生实事项目 ${adopted.n} 项。`,
    link: `/livelihood/${round.id}`, dedupeKey: `livelihood:round:${round.id}:published`,
  });
}
