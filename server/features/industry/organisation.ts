/**
 * The "1+2+5+N" organisation of an industry contact point (罗湖 黄金珠宝): 1 lead official
 * (牵头领导), 2 conveners (召集人), 5 or more resident deputies by profession (驻点代表) and N
 * participating deputies. Pure: what is missing from a structure.
 */
import { labelled } from '../../../common/enums.js';

export const ORGANISATION_NEEDS = { lead: 1, convener: 2, resident: 5 } as const;

export const ORGANISATION_GAPS = labelled({
  lead_missing: { zh: '尚未明确牵头领导', en: 'No lead official' },
  conveners_short: { zh: '召集人不足 2 名', en: 'Fewer than 2 conveners' },
  residents_short: { zh: '驻点代表不足 5 名', en: 'Fewer than 5 resident deputies' },
});
export type OrganisationGap = (typeof ORGANISATION_GAPS.keys)[number];

/** What the structure lacks; empty when it is complete. */
export function organisationGaps(counts: { lead: number; convener: number; resident: number }): OrganisationGap[] {
  const gaps: OrganisationGap[] = [];
  if (counts.lead < ORGANISATION_NEEDS.lead) gaps.push('lead_missing');
  if (counts.convener < ORGANISATION_NEEDS.convener) gaps.push('conveners_short');
  if (counts.resident < ORGANISATION_NEEDS.resident) gaps.push('residents_short');
  return gaps;
}
