import type { DeputyLevel, RegionLevel } from '../../../common/enums.js';

/**
 * The level of region whose people's congress elects deputies of each level. The National
 * People's Congress has no region; a municipality's congress (北京, 上海 …) is provincial.
 */
export const CONGRESS_REGION_LEVEL: Record<DeputyLevel, RegionLevel | null> = {
  national: null,
  provincial: 'province',
  city: 'city',
  county: 'county',
  township: 'town',
};

export function congressRegionFits(level: DeputyLevel, regionLevel: RegionLevel | null): boolean {
  return CONGRESS_REGION_LEVEL[level] === regionLevel;
}
