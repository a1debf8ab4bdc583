import type { WriteContext } from '../../platform/audit/audit.js';
import { saveScheme } from '../assessments/index.js';
import { saveRuleSet } from './commands.js';

/**
 * The demo's own rules, so inheritance shows: 平桂区 has its 履职积分 rules since its 办法 of
 * August 2022 (its towns inherit them; other places keep the nationwide default), and 宜城市
 * its 联络站规范化建设考评 scheme, with stricter grades, from 2022.
 *
 * Unlike the demo's terms and weeks of work (`demoTime.ts`), these dates are not moved: rules
 * published in 2022 are still in force on any later day, so the demo's story holds whenever it
 * is loaded, and the tests price facts of 2022–2024 by them.
 */
export async function loadDemoPoints(ctx: WriteContext): Promise<void> {
  await saveRuleSet(ctx, {
    regionCode: '451103',
    effectiveFrom: '2022-08-01',
    note: '《贺州市平桂区人大代表履职平台考核评价办法(试行)》:接待走访选民、小组活动、学习培训、提出建议量化积分,年度清零',
    version: null,
    rules: {
      present: {
        reception: 2, visit: 2, inspection: 3, research: 3, training: 1, group: 2, theme: 2, joint_meeting: 2,
        deliberation: 2, report_back: 5, legal_education: 1, mediation: 2, other: 1,
      },
      absent: -2, leave: 0, organiser: 1, activitySuggestion: 3,
      caseCollected: 1, caseAnswered: 1, caseSatisfied: 2, caseBasicallySatisfied: 1,
    },
  });
  await saveScheme(ctx, {
    regionCode: '420684',
    fromYear: 2022,
    note: '《宜城市人大代表联络站规范化建设考评办法》:一类、二类、三类以奖代补',
    version: null,
    indicators: [
      { key: 'activities', weight: 25, target: 12 },
      { key: 'receptionRate', weight: 15, target: 0.9 },
      { key: 'opinions', weight: 20, target: 24 },
      { key: 'onTimeRate', weight: 15, target: 0.95 },
      { key: 'satisfactionRate', weight: 15, target: 0.9 },
      { key: 'checklist', weight: 10, target: 1 },
    ],
    grades: { first: 90, second: 75 },
  });
}
