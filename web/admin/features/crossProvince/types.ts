/** The shapes the cross-province routes answer (server/features/crossProvince/routes.ts). */
export interface Label { zh: string; en: string }
export interface StationEntry { id: number; name: string; home: string; chair: { name: string; regionName: string } | null }
export interface Chair { id: number; startsOn: string; endsOn: string; regionCode: string; regionName: string; chairName: string; accepted: boolean }
export interface Party { regionCode: string; regionName: string; congressName: string; joinedOn: string; ordinal: number; chairName: string; joinedLater: boolean }
export interface AgreementFile { id: number; kind: 'agreement' | 'rules' | 'flow' | 'manual' | 'other'; name: string; mime: string; size: number; url: string }
export interface Agreement { id: number; title: string; signedOn: string; scope: string; validFrom: string; validTo: string | null; expired: boolean; parties: Party[]; files: AgreementFile[] }
export interface Meeting {
  id: number; scheduledOn: string; title: string; place: string; state: 'scheduled' | 'held' | 'cancelled'; minutes: string | null; activityId: number | null; heldAt: string | null; version: number;
  attendance: { regionCode: string; regionName: string; present: number; names: string }[];
}
export interface Side { regionCode: string; name: string; fullName: string; home: boolean }
export interface Overview {
  id: number; name: string; today: string; sides: Side[]; agreements: Agreement[]; currentChair: Chair | null; nextHandover: (Chair & { inDays: number }) | null;
  rota: Chair[]; meetings: Meeting[]; suggestedMeetingOn: string; canHost: boolean; canChair: boolean;
}
export interface Cadence {
  receptionsPerWeek: number; exchangesPerMonth: number; jointPerQuarter: number; receptionKinds: string[]; exchangeKinds: string[]; jointKinds: string[]; stored: boolean; version: number;
}
export interface CadencePeriod { start: string; end: string; expected: number; held: number; running: boolean; gap: boolean }
export interface CadenceReport { stationId: number; cadence: Cadence; weeks: CadencePeriod[]; months: CadencePeriod[]; quarters: CadencePeriod[]; gaps: number; canEdit: boolean }
export type IssueStatus = 'open' | 'in_progress' | 'resolved';
export interface IssueItem {
  id: number; title: string; category: string; description: string; status: IssueStatus; deadline: string | null; overdue: boolean; updatedAt: string; version: number;
  sides: { regionCode: string; name: string }[];
}
export interface Issue extends IssueItem {
  stationId: number; stationName: string; canEdit: boolean;
  notes: { id: number; at: string; body: string; statusFrom: string | null; statusTo: string | null; author: string }[];
  links: { kind: 'case' | 'suggestion'; id: number; label: string; state: string }[];
}
export interface CalendarEntry { date: string; kind: string; kindLabel: Label; title: string; source: 'activity' | 'meeting'; id: number; side: string; href: string | null }
