import type { AbilityTable } from '../../platform/access/abilities.js';

/** Stations (联络站): which ones is decided by the kernel's station filters. A role not listed gets 403. */
export const abilities = {
  'station.read': ['admin', 'staff', 'officer', 'deputy'],
  'station.create': ['admin', 'staff'],
  /** Officers may edit the day-to-day fields of their own stations only (see STATION_OPERATIONAL_FIELDS). */
  'station.update': ['admin', 'staff', 'officer'],
  'station.deactivate': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { stations: typeof abilities }
}

/** Fields of a station a station officer may change on their own station. */
export const STATION_OPERATIONAL_FIELDS = ['address', 'phone', 'openingHours', 'receptionSchedule', 'location', 'checklist', 'description'] as const;
