/** The election round (换届) as the server presents it: docs/ELECTIONS.md. */
import type { Schemas } from '../../../shared/api.js';

export type MemberRole = NonNullable<RoundInput['memberships']>[number]['stations'][number]['role'];

export type RoundInputs = Schemas['RoundInputs'];

export type Outcome = RoundInput['deputies'][number]['outcome'];

/** Someone who serves after the round: a registered deputy or a row of the roster. */
export type PersonRef = { deputyId: number; rosterRow?: undefined } | { rosterRow: number; deputyId?: undefined };

export type RoundInput = Schemas['RoundInputInput'];

export type Problem = RoundPlan['problems'][number];

export type Coverage = Schemas['RoundCoverage'];

export type RoundPlan = Schemas['RoundPlan'];

export type RoundResult = Schemas['RoundResult'];

/** A person's key in the page's maps: `d12` for a deputy, `r3` for roster row 3. */
export const personKey = (p: { deputyId?: number | null; rosterRow?: number | null; id?: number | null }): string =>
  (p.rosterRow !== null && p.rosterRow !== undefined ? `r${p.rosterRow}` : `d${p.deputyId ?? p.id}`);

export const personRef = (key: string): PersonRef =>
  (key.startsWith('r') ? { rosterRow: Number(key.slice(1)) } : { deputyId: Number(key.slice(1)) });
