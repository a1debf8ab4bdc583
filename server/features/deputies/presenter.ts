import { z } from 'zod';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, STATION_MEMBER_ROLES } from '../../../common/enums.js';
import type { Deputy } from '../../platform/db/schema.js';
import { maskPhone } from '../../platform/text/phone.js';
import { regionBrief, RegionBriefSchema } from '../regions/index.js';


export const DeputySchema = z.object({
  id: z.number(),
  name: z.string(),
  pinyin: z.string(),
  initials: z.string(),
  gender: z.enum(GENDERS.keys),
  ethnicity: z.string(),
  party: z.string(),
  birthYear: z.number().int().nullable(),
  phone: z.string().nullable().meta({ description: 'Masked (138****1234) unless you handle this deputy' }),
  phoneMasked: z.boolean(),
  status: z.enum(DEPUTY_STATUSES.keys),
  specialLiaison: z.boolean().meta({ description: '特邀联络员 (former deputies invited to keep collecting opinions)' }),
  region: RegionBriefSchema,
  constituency: z.string(),
  professionTags: z.array(z.string()),
  occupation: z.string(),
  gridCell: z.string().nullable(),
  levels: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), term: z.number().int(), region: RegionBriefSchema.nullable() })),
  stations: z.array(z.object({ id: z.number(), name: z.string(), role: z.enum(STATION_MEMBER_ROLES.keys) })),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.enum(['update'])),
}).meta({ id: 'Deputy' });
export type DeputyView = z.infer<typeof DeputySchema>;

export const DeputyListItemSchema = DeputySchema.pick({
  id: true, name: true, initials: true, gender: true, party: true, phone: true, phoneMasked: true, status: true,
  specialLiaison: true, region: true, professionTags: true, occupation: true, active: true,
}).extend({
  levels: z.array(z.enum(DEPUTY_LEVELS.keys)),
  stationCount: z.number().int(),
  stationRole: z.enum(STATION_MEMBER_ROLES.keys).nullable().meta({ description: 'With `stationId`: the role in that station (站长, 联络员, 驻站代表)' }),
}).meta({ id: 'DeputyListItem' });

export function presentPhone(phone: string | null, entitled: boolean) {
  return { phone: entitled ? phone : maskPhone(phone), phoneMasked: !entitled && phone !== null };
}

type RegionRow = { code: string; name: string; full_name: string };

export function presentDeputy(
  d: Deputy,
  extra: {
    region: RegionRow;
    contactEntitled: boolean;
    levels: DeputyView['levels'];
    stations: DeputyView['stations'];
    abilities: DeputyView['abilities'];
  },
): DeputyView {
  return {
    id: d.id,
    name: d.name,
    pinyin: d.name_pinyin,
    initials: d.name_initials,
    gender: d.gender,
    ethnicity: d.ethnicity,
    party: d.party,
    birthYear: d.birth_year,
    ...presentPhone(d.phone, extra.contactEntitled),
    status: d.status,
    specialLiaison: d.special_liaison,
    region: regionBrief(extra.region),
    constituency: d.constituency,
    professionTags: d.profession_tags,
    occupation: d.occupation,
    gridCell: d.grid_cell,
    levels: extra.levels,
    stations: extra.stations,
    active: d.active,
    version: d.version,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
    abilities: extra.abilities,
  };
}
