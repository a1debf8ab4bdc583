import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, columns, stationVisible, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** Consultations: which topics by `topicVisible`, which may be run by `topicManageable`, which views by `viewVisible`. */
export const abilities = {
  /** Reading topics, their views and compilation; which ones by topicVisible and viewVisible. */
  'consultation.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Creating, publishing, closing a topic, recording the committee's opinion and the government's handling. */
  'consultation.manage': ['admin', 'staff'],
  /** Registering views heard at a reception day and linking activities, for one's own stations. */
  'consultation.gather': ['admin', 'staff', 'officer', 'deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { consultations: typeof abilities }
}

/** The columns of a `consultation_topic` row the filters read. */
export interface TopicColumns { id: Ref; congressRegionPath: Ref; state: Ref }

export function topicColumns(alias: string): TopicColumns {
  return columns(alias, { id: 'id', congressRegionPath: 'congress_region_path', state: 'state' });
}

/** A station asked by the topic that the actor sees as their own (officers: their stations; deputies: theirs; staff: in their subtree). */
function asksVisibleStation(actor: AnyActor, t: TopicColumns): Filter {
  return sql<SqlBool>`exists (select 1 from consultation_station vcs where vcs.topic_id = ${t.id} and ${stationVisible(actor, sql.ref('vcs.station_id'))})`;
}

/**
 * Which topics an account reaches, inside the SQL:
 * - administrators: all;
 * - staff: those of a committee in their subtree (drafts too), and published ones asking a station in their subtree;
 * - officers and deputies: published topics asking one of their stations.
 */
export function topicVisible(actor: AnyActor, t: TopicColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(t.congressRegionPath, a.scopePath!)} or (${t.state} <> 'draft' and ${asksVisibleStation(a, t)}))`,
    officer: (a) => sql<SqlBool>`(${t.state} <> 'draft' and ${asksVisibleStation(a, t)})`,
    deputy: (a) => sql<SqlBool>`(${t.state} <> 'draft' and ${asksVisibleStation(a, t)})`,
  });
}

/** Who runs a topic: administrators, and staff whose subtree holds the committee's region. */
export function topicManageable(actor: AnyActor, t: Pick<TopicColumns, 'congressRegionPath'>): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(t.congressRegionPath, a.scopePath!),
  });
}

/**
 * Which views (and linked activities) of a topic in reach the actor reads: those running the
 * topic all of them; others those of the stations they see (their own, or in their subtree).
 */
export function viewVisible(actor: AnyActor, t: Pick<TopicColumns, 'congressRegionPath'>, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => sql<SqlBool>`(${within(t.congressRegionPath, a.scopePath!)} or ${stationVisible(a, stationId)})`,
    officer: (a) => stationVisible(a, stationId),
    deputy: (a) => stationVisible(a, stationId),
  });
}

/** Who may gather views for a station asked: those running the topic, and the station's own officers and deputies. */
export function gatherableAt(actor: AnyActor, t: Pick<TopicColumns, 'congressRegionPath'>, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(t.congressRegionPath, a.scopePath!),
    officer: (a) => stationVisible(a, stationId),
    deputy: (a) => stationVisible(a, stationId),
  });
}

/**
 * Who may reveal a constituent's name and phone (deliberately, audited): those running the
 * topic and the officers of the view's station, who answer the constituent. Deputies and staff
 * of other regions see them masked.
 */
export function contactRevealable(actor: AnyActor, t: Pick<TopicColumns, 'congressRegionPath'>, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(t.congressRegionPath, a.scopePath!),
    officer: (a) => stationVisible(a, stationId),
  });
}
