/** The former deputies' records as the server presents them under /api/former-deputies. */
import type { Schemas } from '../../../shared/api.js';

export type RosterItem = Schemas['FormerDeputyItem'];
export type FormerDeputy = Schemas['FormerDeputy'];
export type FormerOpinion = Schemas['FormerDeputyOpinion'];
export type FormerField = RosterItem['fields'][number]['key'];
export type FormerRole = RosterItem['roles'][number]['key'];
