/** The registry records as the server presents them (server/presenters). */
import type { RegionBrief } from './RegionPicker.js';

export interface ReceptionSchedule { weekdays: number[]; monthDays: number[]; hours: string; note: string }

export interface Station {
  id: number; name: string; type: string; tier: string;
  parent: { id: number; name: string } | null;
  homeRegion: RegionBrief;
  memberRegions: (RegionBrief & { isHome: boolean })[];
  address: string; phone: string | null; openingHours: string;
  receptionSchedule: ReceptionSchedule;
  checklist: Record<string, boolean>; checklistDone: number; checklistTotal: number;
  grade: string | null; stars: number | null; description: string;
  active: boolean; deputyCount: number; version: number; createdAt: string; updatedAt: string;
  /** update: every field; updateOperational: the day-to-day ones; deactivate. */
  abilities: ('update' | 'updateOperational' | 'deactivate')[];
}

export interface StationListItem {
  id: number; name: string; type: string; tier: string; homeRegion: RegionBrief; address: string;
  grade: string | null; stars: number | null; active: boolean; deputyCount: number;
  checklistDone: number; checklistTotal: number; memberRegionCount: number;
}

export interface Deputy {
  id: number; name: string; pinyin: string; initials: string; gender: string; ethnicity: string; party: string;
  birthYear: number | null; phone: string | null; phoneMasked: boolean; status: string; specialLiaison: boolean;
  region: RegionBrief; constituency: string; professionTags: string[]; occupation: string; gridCell: string | null;
  levels: { level: string; term: number; region: RegionBrief | null }[];
  stations: { id: number; name: string; role: string }[];
  active: boolean; version: number; createdAt: string; updatedAt: string; abilities: 'update'[];
}

export interface DeputyListItem {
  id: number; name: string; initials: string; gender: string; party: string; phone: string | null; phoneMasked: boolean;
  status: string; specialLiaison: boolean; region: RegionBrief; professionTags: string[]; occupation: string;
  active: boolean; levels: string[]; stationCount: number; stationRole: string | null;
}

export interface UnitContact { name: string; title: string; phone: string }

export interface Unit {
  id: number; name: string; region: RegionBrief; address: string; contacts: UnitContact[];
  active: boolean; version: number; createdAt: string; updatedAt: string; abilities: 'update'[];
}

export interface Account {
  id: number; username: string; displayName: string; role: string;
  region: { code: string; name: string } | null;
  stations: { id: number; name: string }[];
  deputy: { id: number; name: string } | null;
  unit: { id: number; name: string } | null;
  mustChangePassword: boolean; lockedUntil: string | null; lastLoginAt: string | null;
  active: boolean; version: number; createdAt: string;
}
