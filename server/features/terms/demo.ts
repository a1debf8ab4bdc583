import type { DeputyLevel } from '../../../common/enums.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { createTerm } from './commands.js';
import { demoDate } from '../../platform/demo/time.js';

/**
 * The terms of the congresses the demo deputies sit in, with the numbers their levels name.
 * The county and township congresses were elected in the nationwide round of late 2021, the
 * city congresses met after them at the turn of the year, the provincial congresses in January
 * 2023 and the 14th NPC on 5 March 2023; all are running. The two former deputies (莫德光 of
 * 黄田镇, 胡德胜 of 宜城市) sat in the terms before, which ended the day before the next began.
 * Everything the demo records (its twelve weeks of cases and activities) falls in the running terms.
 * The dates are written as on the demo's reference date and moved to today (`demoTime.ts`).
 */
const TERMS: [DeputyLevel, string | null, number, string, string | null][] = [
  ['national', null, 14, '2023-03-05', null],
  ['provincial', '450000', 14, '2023-01-12', null],
  ['provincial', '440000', 14, '2023-01-12', null],
  // 贺州市平桂区
  ['city', '451100', 6, '2022-01-06', null],
  ['county', '451103', 4, '2021-12-10', null],
  ['township', '451103101', 11, '2016-11-18', '2021-11-25'],
  ['township', '451103101', 12, '2021-11-26', null],
  ['township', '451103104', 12, '2021-11-25', null],
  // 宜城市
  ['city', '420600', 17, '2022-01-08', null],
  ['county', '420684', 9, '2016-12-28', '2021-12-26'],
  ['county', '420684', 10, '2021-12-27', null],
  ['township', '420684109', 19, '2021-12-10', null],
  // 豫鲁: 台前县打渔陈镇, 阳谷县十五里园镇, 梁山县小路口镇
  ['county', '410927', 12, '2021-12-20', null],
  ['township', '410927103', 14, '2021-12-08', null],
  ['county', '371521', 19, '2021-12-23', null],
  ['township', '371521111', 20, '2021-12-03', null],
  ['county', '370832', 19, '2021-12-26', null],
  ['township', '370832101', 20, '2021-12-05', null],
  // 粤桂: 廉江市石角镇, 陆川县古城镇, 博白县文地镇
  ['county', '440881', 17, '2021-12-20', null],
  ['township', '440881105', 18, '2021-12-02', null],
  ['township', '450922111', 17, '2021-11-24', null],
  ['township', '450923120', 17, '2021-11-23', null],
  // 八步区信都镇 (its remote liaison point in 佛山)
  ['township', '451102114', 12, '2021-11-26', null],
  // 河源市连平县上坪镇 (the 鹰嘴蜜桃 industry contact point)
  ['city', '441600', 8, '2022-01-10', null],
  ['county', '441623', 17, '2021-12-22', null],
  ['township', '441623101', 18, '2021-12-01', null],
];

export async function loadDemoTerms(ctx: WriteContext): Promise<void> {
  for (const [level, regionCode, number, startsOn, endsOn] of TERMS) {
    await createTerm(ctx, { level, regionCode, number, startsOn: demoDate(startsOn), endsOn: endsOn === null ? null : demoDate(endsOn) });
  }
}
