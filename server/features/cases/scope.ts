import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Cases are reached through their station's regions (`scope_paths`). When a station's regions
 * change, its cases follow, and so does the side each case belongs to (case_side_path).
 */
export async function refreshStationCaseScopes(trx: Transaction<DB>, stationId: number): Promise<void> {
  await trx.updateTable('opinion').set({
    scope_paths: sql<string[]>`case_scope_paths(station_id, region_path)`,
    // Its side at a cross-province station (属地管理) follows the station's member regions too.
    side_path: sql<string | null>`case_side_path(station_id, place_region_path)`,
  })
    .where('station_id', '=', stationId).execute();
}
