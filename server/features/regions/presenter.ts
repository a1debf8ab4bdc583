import { z } from 'zod';
import { REGION_LEVELS } from '../../../common/enums.js';
import type { Region } from '../../platform/db/schema.js';

export const RegionSchema = z.object({
  code: z.string().meta({ description: 'GB/T 2260 code (6 digits), or 9-digit statistical code for towns' }),
  name: z.string(),
  level: z.enum(REGION_LEVELS.keys),
  parentCode: z.string().nullable(),
  fullName: z.string(),
}).meta({ id: 'Region' });

export function presentRegion(r: Pick<Region, 'code' | 'name' | 'level' | 'parent_code' | 'full_name'>): z.infer<typeof RegionSchema> {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, fullName: r.full_name };
}

/** The short form other records embed: code, name and full name. */
export const RegionBriefSchema = z.object({ code: z.string(), name: z.string(), fullName: z.string() }).meta({ id: 'RegionBrief' });

export function regionBrief(r: Pick<Region, 'code' | 'name' | 'full_name'>): z.infer<typeof RegionBriefSchema> {
  return { code: r.code, name: r.name, fullName: r.full_name };
}
