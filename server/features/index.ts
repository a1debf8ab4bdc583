/**
 * Every feature of the server, in the order their routes are registered. The composition root
 * (server/app.ts, the job worker, the demo loader) hands this list to the kernel; a new feature
 * is added here and nowhere else.
 */
import type { FeatureManifest } from '../platform/feature.js';
import { feature as accountsFeature } from './accounts/index.js';
import { feature as regionsFeature } from './regions/index.js';
import { feature as stationsFeature } from './stations/index.js';
import { feature as deputiesFeature } from './deputies/index.js';
import { feature as postersFeature } from './posters/index.js';
import { feature as unitsFeature } from './units/index.js';
import { feature as auditFeature } from './audit/index.js';
import { feature as calendarFeature } from './calendar/index.js';
import { feature as casesFeature } from './cases/index.js';
import { feature as directoryFeature } from './directory/index.js';
import { feature as inboxFeature } from './inbox/index.js';
import { feature as importsFeature } from './imports/index.js';
import { feature as exportsFeature } from './exports/index.js';
import { feature as activitiesFeature } from './activities/index.js';
import { feature as pointsFeature } from './points/index.js';
import { feature as assessmentsFeature } from './assessments/index.js';
import { feature as registersFeature } from './registers/index.js';
import { feature as archiveFeature } from './archive/index.js';
import { feature as termsFeature } from './terms/index.js';
import { feature as todoFeature } from './todo/index.js';
import { feature as suggestionsFeature } from './suggestions/index.js';
import { feature as livelihoodFeature } from './livelihood/index.js';
import { feature as budgetFeature } from './budget/index.js';
import { feature as consultationsFeature } from './consultations/index.js';
import { feature as reportBacksFeature } from './reportBacks/index.js';
import { feature as deliberationsFeature } from './deliberations/index.js';
import { feature as hotTopicsFeature } from './hotTopics/index.js';
import { feature as industryFeature } from './industry/index.js';
import { feature as crossProvinceFeature } from './crossProvince/index.js';
import { feature as gridsFeature } from './grids/index.js';
import { feature as mediationFeature } from './mediation/index.js';
import { feature as formerDeputiesFeature } from './formerDeputies/index.js';
import { feature as federationFeature } from './federation/index.js';

export const FEATURES: readonly FeatureManifest[] = [
  accountsFeature,
  regionsFeature,
  stationsFeature,
  deputiesFeature,
  postersFeature,
  unitsFeature,
  auditFeature,
  calendarFeature,
  casesFeature,
  directoryFeature,
  inboxFeature,
  importsFeature,
  exportsFeature,
  activitiesFeature,
  pointsFeature,
  assessmentsFeature,
  registersFeature,
  archiveFeature,
  termsFeature,
  suggestionsFeature,
  livelihoodFeature,
  budgetFeature,
  consultationsFeature,
  reportBacksFeature,
  deliberationsFeature,
  hotTopicsFeature,
  industryFeature,
  crossProvinceFeature,
  gridsFeature,
  mediationFeature,
  formerDeputiesFeature,
  federationFeature,
  todoFeature,
];
