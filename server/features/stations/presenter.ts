import { z } from 'zod';
import { STATION_CHECKLIST, STATION_GRADES, STATION_TIERS, STATION_TYPES } from '../../../common/enums.js';
import type { ReceptionSchedule, Station } from '../../platform/db/schema.js';
import { regionBrief, RegionBriefSchema } from '../regions/index.js';

export const ReceptionScheduleSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]).meta({ description: 'ISO weekdays, 1 = Monday' }),
  monthDays: z.array(z.number().int().min(1).max(31)).max(31).default([]).meta({ description: 'Days of the month, e.g. 逢四 = [4, 14, 24]' }),
  hours: z.string().trim().max(50).default(''),
  note: z.string().trim().max(500).default(''),
}).meta({ id: 'ReceptionSchedule' });

export const ChecklistSchema = z.partialRecord(z.enum(STATION_CHECKLIST.keys), z.boolean());


/** Where the station is on the map the phones open (高德, GCJ-02 degrees), for its public page's map link. */
export const StationLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
}).meta({ id: 'StationLocation', description: 'Degrees as the map the phones open (高德/Amap, GCJ-02) shows them' });

export const StationSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(STATION_TYPES.keys),
  tier: z.enum(STATION_TIERS.keys),
  parent: z.object({ id: z.number(), name: z.string() }).nullable(),
  homeRegion: RegionBriefSchema,
  memberRegions: z.array(RegionBriefSchema.extend({ isHome: z.boolean() })),
  locatedRegion: RegionBriefSchema.nullable()
    .meta({ description: 'A remote liaison point (异地联络点): the region it stands in, outside its home congress\'s territory; null for a station in its home region' }),
  address: z.string(),
  phone: z.string().nullable(),
  openingHours: z.string(),
  receptionSchedule: ReceptionScheduleSchema,
  location: StationLocationSchema.nullable(),
  checklist: z.record(z.string(), z.boolean()),
  checklistDone: z.number().int(),
  checklistTotal: z.number().int(),
  grade: z.enum(STATION_GRADES.keys).nullable(),
  stars: z.number().int().nullable(),
  description: z.string(),
  active: z.boolean(),
  deputyCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.enum(['update', 'updateOperational', 'deactivate'])),
}).meta({ id: 'Station' });
export type StationView = z.infer<typeof StationSchema>;

export const StationListItemSchema = StationSchema.pick({
  id: true, name: true, type: true, tier: true, homeRegion: true, locatedRegion: true, address: true, grade: true, stars: true,
  active: true, deputyCount: true, checklistDone: true, checklistTotal: true,
}).extend({ memberRegionCount: z.number().int() }).meta({ id: 'StationListItem' });

/** Every checklist item present, unticked ones false. */
export function fullChecklist(stored: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(STATION_CHECKLIST.keys.map((k) => [k, stored[k] === true]));
}

export function checklistCounts(stored: Record<string, boolean>) {
  const full = fullChecklist(stored);
  return { checklistDone: Object.values(full).filter(Boolean).length, checklistTotal: STATION_CHECKLIST.keys.length };
}

export function normaliseSchedule(s: Partial<ReceptionSchedule> | null | undefined): ReceptionSchedule {
  const uniqueSorted = (a: number[] | undefined) => [...new Set(a ?? [])].sort((x, y) => x - y);
  return { weekdays: uniqueSorted(s?.weekdays), monthDays: uniqueSorted(s?.monthDays), hours: s?.hours ?? '', note: s?.note ?? '' };
}

type RegionRow = { code: string; name: string; full_name: string };

/** The stored position as `{ lat, lng }`, or null when the station has none. */
export function locationOf(s: { latitude: number | null; longitude: number | null }): { lat: number; lng: number } | null {
  return s.latitude === null || s.longitude === null ? null : { lat: Number(s.latitude), lng: Number(s.longitude) };
}

export function presentStation(
  s: Station,
  extra: {
    parent: { id: number; name: string } | null;
    regions: (RegionRow & { is_home: boolean })[];
    located: RegionRow | null;
    deputyCount: number;
    abilities: StationView['abilities'];
  },
): StationView {
  const home = extra.regions.find((r) => r.is_home)!;
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    tier: s.tier,
    parent: extra.parent,
    homeRegion: regionBrief(home),
    memberRegions: extra.regions.map((r) => ({ ...regionBrief(r), isHome: r.is_home })),
    locatedRegion: extra.located ? regionBrief(extra.located) : null,
    address: s.address,
    phone: s.phone,
    openingHours: s.opening_hours,
    receptionSchedule: normaliseSchedule(s.reception_schedule),
    location: locationOf(s),
    checklist: fullChecklist(s.checklist),
    ...checklistCounts(s.checklist),
    grade: s.grade,
    stars: s.stars,
    description: s.description,
    active: s.active,
    deputyCount: extra.deputyCount,
    version: s.version,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    abilities: extra.abilities,
  };
}
