import { z } from 'zod';
import { QueryId, RegionCode } from '../../platform/http/schemas.js';

const Period = (what: string) => ({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: `Cases ${what} from this instant` }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: '…and before this one' }),
});

/** The filters of the case figures (and their Excel export): a region subtree, a station, unit, deputy or category, a submission period. */
export const StatisticsQuery = z.object({
  regionCode: RegionCode.optional(),
  stationId: QueryId.optional(),
  unitId: QueryId.optional(),
  deputyId: QueryId.optional(),
  categoryId: QueryId.optional(),
  ...Period('submitted'),
});

/** The filters of the unit league table (and its Excel export): a region subtree and an assignment period. */
export const LeagueQuery = z.object({ regionCode: RegionCode.optional(), ...Period('assigned') });

/** A query's period as instants. */
export function withInstants<Q extends { from?: string | undefined; to?: string | undefined }>(q: Q): Omit<Q, 'from' | 'to'> & { from: Date | undefined; to: Date | undefined } {
  return { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}
