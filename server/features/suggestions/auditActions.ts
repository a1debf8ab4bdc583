import type { Label } from '../../../common/enums.js';
import { SUGGESTION_ACTIONS, SUGGESTION_RULES } from './workflow.js';

/** What the audit actions of suggestions mean: one per workflow action (`suggestion.<action>`), and the settings. */
export const SUGGESTION_AUDIT_ACTIONS: Record<string, Label> = {
  ...Object.fromEntries(SUGGESTION_ACTIONS.map((a) => [`suggestion.${a}`, { zh: `代表建议:${SUGGESTION_RULES[a].label.zh}`, en: `Suggestion: ${SUGGESTION_RULES[a].label.en}` }])),
  'suggestion.create': { zh: '代表建议:起草', en: 'Suggestion: draft' },
  'suggestion.reveal_contact': { zh: '代表建议:查看联系方式', en: 'Suggestion: reveal contact details' },
  'congress_session.create': { zh: '新增大会会议', en: 'Add a congress session' },
  'congress_session.update': { zh: '修改大会会议', en: 'Change a congress session' },
  'suggestion_setting.update': { zh: '修改建议办理设置', en: 'Change the suggestion settings' },
};
