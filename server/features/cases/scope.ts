import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Cases are reached through their station's regions (`scope_paths`). When a station's regions
 * change, its cases follow.
 */
export async function refreshStationCaseScopes(trx: Transaction<DB>, stationId: number): Promise<void> {
  await trx.updateTable('opinion').set({ scope_paths: sql<string[]>`case_scope_paths(station_id, region_path)` })
    .where('station_id', '=', stationId).execute();
}
