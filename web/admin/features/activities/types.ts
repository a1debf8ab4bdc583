type Label = { zh: string; en: string };

export interface ActivityListItem {
  id: number; kind: string; kindLabel: Label; title: string; startsAt: string; place: string;
  station: { id: number; name: string } | null; regionName: string; campaign: { id: number; name: string } | null;
  participants: number; present: number; opinions: number; photos: number; suggestionsMade: number;
}

export interface ActivityDetail {
  id: number; kind: string; kindLabel: Label; title: string;
  station: { id: number; name: string } | null; region: { code: string; fullName: string }; campaign: { id: number; name: string } | null;
  startsAt: string; endsAt: string | null; place: string; summary: string; suggestionsMade: number;
  participants: { deputyId: number; name: string; attendance: string; attendanceLabel: Label }[];
  units: { id: number; name: string }[];
  photos: { id: number; url: string }[];
  reports: { id: number; filename: string; size: number; url: string }[];
  opinions: { id: number; trackingCode: string; state: string; stateLabel: Label; summary: string }[];
  rotaSlot: { id: number; date: string } | null;
  createdAt: string; updatedAt: string; version: number; abilities: string[];
}

export interface Campaign {
  id: number; name: string; description: string; region: { code: string; fullName: string }; startsOn: string; endsOn: string; version: number;
  figures: { activities: number; stations: number; deputies: number; opinions: number; suggestions: number };
  abilities: string[];
}

export interface RotaDay {
  id: number; station: { id: number; name: string }; date: string; hours: string; status: 'scheduled' | 'held' | 'missed' | 'cancelled';
  activityId: number | null; note: string; version: number; deputies: { id: number; name: string; replaces: string | null }[];
}
