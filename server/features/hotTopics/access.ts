import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';
import { caseColumns, caseVisible } from '../cases/index.js';

/** Hot topics: which topics by `topicVisible` (one of its opinions in your reach), which counties by `countyVisible`. */
export const abilities = {
  /** Reading the stored runs and their topics; which ones by topicVisible. */
  'hotTopic.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Computing a county's topics now (admin, staff of the county or above). */
  'hotTopic.refresh': ['admin', 'staff'],
  /** Turning a topic into a deliberation topic, a draft suggestion (deputies) or consultation input (those running it). */
  'hotTopic.act': ['admin', 'staff', 'officer', 'deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { hotTopics: typeof abilities }
}

/** The opinions of a topic the actor reaches (cases' own scope, in the SQL). */
function memberVisible(actor: AnyActor, topicId: Ref): Filter {
  return sql<SqlBool>`exists (select 1 from hot_topic_case hv join opinion ov on ov.id = hv.case_id
    where hv.topic_id = ${topicId} and ${caseVisible(actor, caseColumns('ov'))})`;
}

/** A topic is visible when at least one of its opinions is: staff of its county or above see all. */
export function topicVisible(actor: AnyActor, topicId: Ref, runPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(runPath, a.scopePath!)} or ${memberVisible(a, topicId)})`,
    officer: (a) => memberVisible(a, topicId),
    deputy: (a) => memberVisible(a, topicId),
  });
}

/** Counties the actor may look at: staff those inside or above their scope; officers and deputies those of their stations. */
export function countyVisible(actor: AnyActor, countyPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(countyPath, a.scopePath!)} or ${a.scopePath!} like ${countyPath} || '%')`,
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
      where acs.account_id = ${a.accountId} and sr.region_path like ${countyPath} || '%')`,
    deputy: (a) => sql<SqlBool>`exists (select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
      where ds.deputy_id = ${a.deputyId} and sr.region_path like ${countyPath} || '%')`,
  });
}

/**
 * Who may compute a county's topics now: admin, and staff whose scope holds the whole county (the
 * county's own staff or above). Staff of a street or town inside it read its topics but do not
 * recompute the county's.
 */
export function countyRefreshable(actor: AnyActor, countyPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(countyPath, a.scopePath!),
  });
}
