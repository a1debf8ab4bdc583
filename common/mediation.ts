/**
 * Vocabulary of mediation rooms (代表调解室: 代表法庭联络室, 代表法官/检察官工作室, "人大代表+调解员"),
 * shared by the server and the back office.
 */
import { labelled } from './enums.js';

/** What the dispute is about. */
export const DISPUTE_TYPES = labelled({
  labour: { zh: '劳务纠纷', en: 'Labour' },
  graves: { zh: '墓地纠纷', en: 'Graves' },
  forest_land: { zh: '林地纠纷', en: 'Forest land' },
  land: { zh: '土地纠纷', en: 'Land' },
  neighbours: { zh: '邻里纠纷', en: 'Neighbours' },
  cross_border: { zh: '跨界纠纷', en: 'Cross-border' },
});
export type DisputeType = (typeof DISPUTE_TYPES.keys)[number];

/** How a mediation ended. */
export const MEDIATION_OUTCOMES = labelled({
  agreed: { zh: '调解成功', en: 'Agreement reached' },
  not_agreed: { zh: '未达成协议', en: 'No agreement' },
  referred: { zh: '转诉讼', en: 'Referred to court' },
});
export type MediationOutcome = (typeof MEDIATION_OUTCOMES.keys)[number];

export const MEDIATION_STATES = labelled({
  open: { zh: '受理', en: 'Received' },
  in_session: { zh: '调解中', en: 'In mediation' },
  closed: { zh: '已结案', en: 'Closed' },
});
export type MediationState = (typeof MEDIATION_STATES.keys)[number];

/** The side a party takes. */
export const PARTY_SIDES = labelled({
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
});
export type PartySide = (typeof PARTY_SIDES.keys)[number];

/** Who sat for the court or the procuratorate. */
export const LEGAL_OFFICER_ROLES = labelled({
  judge: { zh: '法官', en: 'Judge' },
  prosecutor: { zh: '检察官', en: 'Prosecutor' },
});
export type LegalOfficerRole = (typeof LEGAL_OFFICER_ROLES.keys)[number];
