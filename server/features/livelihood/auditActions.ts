import type { Label } from '../../../common/enums.js';
import { PROJECT_ACTIONS, PROJECT_RULES, ROUND_ACTIONS, ROUND_RULES } from './workflow.js';

/**
 * What the audit actions of livelihood projects mean: one per project action
 * (`livelihood_project.<action>`), one per round action (`livelihood_round.<action>`), and the vote's.
 * `livelihood.ballot_cast` names who voted and never how.
 */
export const LIVELIHOOD_AUDIT_ACTIONS: Record<string, Label> = {
  ...Object.fromEntries(PROJECT_ACTIONS.map((a) => [`livelihood_project.${a}`, { zh: `民生实事项目:${PROJECT_RULES[a].label.zh}`, en: `Livelihood project: ${PROJECT_RULES[a].label.en}` }])),
  ...Object.fromEntries(ROUND_ACTIONS.map((a) => [`livelihood_round.${a}`, { zh: `民生实事票决:${ROUND_RULES[a].label.zh}`, en: `Livelihood-project round: ${ROUND_RULES[a].label.en}` }])),
  'livelihood_round.create': { zh: '民生实事票决:登记', en: 'Livelihood-project round: create' },
  'livelihood_project.create': { zh: '民生实事项目:提出', en: 'Livelihood project: propose' },
  'livelihood.present': { zh: '民生实事票决:修改实到人数', en: 'Livelihood vote: number present changed' },
  'livelihood.ballot_cast': { zh: '民生实事票决:代表投票(不含选择)', en: 'Livelihood vote: a deputy voted (no choices recorded)' },
  'livelihood.paper_turnout': { zh: '民生实事票决:登记纸质投票代表', en: 'Livelihood vote: deputies voting on paper marked' },
  'livelihood.paper_ballots': { zh: '民生实事票决:录入纸质选票', en: 'Livelihood vote: paper ballots entered' },
};

export const LIVELIHOOD_AUDIT_ENTITY_TYPES: Record<string, Label> = {
  livelihood_round: { zh: '民生实事票决', en: 'Livelihood-project round' },
  livelihood_project: { zh: '民生实事项目', en: 'Livelihood project' },
  livelihood_vote: { zh: '民生实事票决投票', en: 'Livelihood-project vote' },
};
