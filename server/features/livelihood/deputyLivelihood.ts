/**
 * The livelihood projects a deputy took part in, for their performance archive (履职档案): the
 * projects they proposed in the period (with where each stands: adopted, not adopted, carried out
 * …), and the year-end evaluations (满意度测评) they rated projects at, with how many projects they
 * rated (never how: ratings are shown as counts only).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { periodBounds, type Period } from '../../platform/documents/model.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { congressTermName } from '../terms/index.js';
import { PROJECT_STATE_LABELS } from './workflow.js';

const ADOPTED = new Set(['adopted', 'in_progress', 'completed', 'evaluated', 'rectifying', 'closed']);

export async function deputyLivelihood(db: Kysely<DB>, deputyId: number, period: Period) {
  const bounds = periodBounds(period);
  const from = bounds.from ?? new Date(0);
  const round = (q: typeof db) => q.selectFrom('livelihood_round as r').innerJoin('congress_term as t', 't.id', 'r.term_id')
    .leftJoin('region as rg', 'rg.code', 'r.congress_region_code');
  const [projects, evaluations] = await Promise.all([
    round(db).innerJoin('livelihood_project as p', 'p.round_id', 'r.id')
      .select(['p.id', 'p.title', 'p.state', 'p.budget_yuan', 'p.created_at', 'r.id as round_id', 'r.title as round_title', 'r.year',
        'r.congress_level', 'rg.name as region_name', 't.number as term_number'])
      .where('p.origin', '=', 'deputy').where('p.proposer_deputy_id', '=', deputyId)
      .where('p.created_at', '>', from).where('p.created_at', '<=', bounds.to).orderBy('p.created_at').orderBy('p.id').execute(),
    round(db).innerJoin('livelihood_project as p', 'p.round_id', 'r.id').innerJoin('livelihood_rating as lr', 'lr.project_id', 'p.id')
      .select(['r.id', 'r.title', 'r.year', 'r.congress_level', 'rg.name as region_name', 't.number as term_number',
        sql<Date>`min(lr.rated_at)`.as('first_at'), sql<number>`count(*)::int`.as('rated')])
      .where('lr.deputy_id', '=', deputyId).where('lr.rated_at', '>', from).where('lr.rated_at', '<=', bounds.to)
      .groupBy(['r.id', 'rg.name', 't.number']).orderBy('r.id').execute(),
  ]);
  const projectItems = projects.map((p) => ({
    id: p.id, title: p.title, roundId: p.round_id, round: p.round_title, year: p.year,
    congress: congressTermName(p.congress_level, p.region_name, p.term_number), date: shanghaiDate(new Date(p.created_at)),
    budgetYuan: Number(p.budget_yuan), state: p.state, stateLabel: PROJECT_STATE_LABELS[p.state], adopted: ADOPTED.has(p.state),
  }));
  const evaluationItems = evaluations.map((e) => ({
    roundId: e.id, round: e.title, year: e.year, congress: congressTermName(e.congress_level, e.region_name, e.term_number),
    date: shanghaiDate(new Date(e.first_at)), rated: Number(e.rated),
  }));
  return {
    summary: {
      proposed: projectItems.length, adopted: projectItems.filter((p) => p.adopted).length,
      evaluations: evaluationItems.length, rated: evaluationItems.reduce((n, e) => n + e.rated, 0),
    },
    projects: projectItems, evaluations: evaluationItems,
  };
}
