import type { WebFeature } from '../kit/feature.js';
import { accounts } from './accounts/index.js';
import { activities } from './activities/index.js';
import { archive } from './archive/index.js';
import { assessments } from './assessments/index.js';
import { audit } from './audit/index.js';
import { calendar } from './calendar/index.js';
import { cases } from './cases/index.js';
import { caseRules } from './caseRules/index.js';
import { deputies } from './deputies/index.js';
import { imports } from './imports/index.js';
import { inbox } from './inbox/index.js';
import { me } from './me/index.js';
import { points } from './points/index.js';
import { regions } from './regions/index.js';
import { registers } from './registers/index.js';
import { stations } from './stations/index.js';
import { statistics } from './statistics/index.js';
import { suggestions } from './suggestions/index.js';
import { livelihood } from './livelihood/index.js';
import { budget } from './budget/index.js';
import { consultations } from './consultations/index.js';
import { reportBacks } from './reportBacks/index.js';
import { deliberations } from './deliberations/index.js';
import { hotTopics } from './hotTopics/index.js';
import { crossProvince } from './crossProvince/index.js';
import { industry } from './industry/index.js';
import { grids } from './grids/index.js';
import { mediation } from './mediation/index.js';
import { formerDeputies } from './formerDeputies/index.js';
import { federation } from './federation/index.js';
import { terms } from './terms/index.js';
import { todo } from './todo/index.js';
import { units } from './units/index.js';

/** Every feature of the back office: the shell builds its routes and navigation from this list. */
export const FEATURES: readonly WebFeature[] = [
  cases, todo, suggestions, livelihood, budget, consultations, reportBacks, deliberations, hotTopics, crossProvince, grids, industry, mediation, formerDeputies, statistics, activities, points, assessments, stations, deputies, archive, registers, units, regions, terms, accounts, caseRules, calendar, federation, audit, inbox, me, imports,
];
