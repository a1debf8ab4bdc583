import type { AbilityTable } from '../../platform/access/abilities.js';

/** 考核评价. A role not listed gets 403. */
export const abilities = {
  /** 考核评价 of the stations in reach. */
  'assessment.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Assessment schemes of the regions one manages, and confirming (and grading) the stations one manages. */
  'assessment.manage': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { assessments: typeof abilities }
}
