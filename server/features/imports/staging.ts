/**
 * Staging an uploaded file with the row checks of the feature whose records it holds: a roster
 * is checked by the deputies feature, a station list by the stations feature.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import type { ImportKind } from '../../platform/db/schemaImports.js';
import { stageImport, type RowCheckerFactory } from '../../platform/tables/stage.js';
import { DeputyRowChecker } from '../deputies/index.js';
import { StationRowChecker } from '../stations/index.js';
import { EnterpriseRowChecker } from '../industry/index.js';

const CHECKERS: Record<ImportKind, RowCheckerFactory> = {
  deputies: (db, actor, columns, { forRound }) => new DeputyRowChecker(db, actor, columns, { matchExisting: forRound }),
  stations: (db, actor, columns) => new StationRowChecker(db, actor, columns),
  enterprises: (db, _actor, columns, { stationId }) => new EnterpriseRowChecker(db, stationId!, columns),
};

/** Reads the file of a new import batch into its staging rows (see platform/tables/stage.ts). */
export function stageImportFile(db: Kysely<DB>, actor: Actor, kind: ImportKind, batchId: number, file: AsyncIterable<Buffer | string>): Promise<void> {
  return stageImport(db, actor, kind, batchId, file, CHECKERS[kind]);
}
