import { z } from 'zod';
import type { Unit } from '../../platform/db/schema.js';
import { regionBrief, RegionBriefSchema } from '../regions/index.js';

export const UnitContactSchema = z.object({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).default(''),
  phone: z.string().trim().min(3).max(30).regex(/^[0-9+\-() ]+$/, { message: 'TELEPHONE_INVALID' }),
});

export const UnitSchema = z.object({
  id: z.number(),
  name: z.string(),
  region: RegionBriefSchema,
  address: z.string(),
  contacts: z.array(UnitContactSchema),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.enum(['update'])),
}).meta({ id: 'Unit' });
export type UnitView = z.infer<typeof UnitSchema>;

export function presentUnit(
  u: Unit,
  region: { code: string; name: string; full_name: string },
  canManage: boolean,
): UnitView {
  return {
    id: u.id,
    name: u.name,
    region: regionBrief(region),
    address: u.address,
    contacts: u.contacts,
    active: u.active,
    version: u.version,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
    abilities: canManage ? ['update'] : [],
  };
}
