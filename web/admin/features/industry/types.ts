/** The industry contact point records as the server presents them (GET /api/industry/…). */
export interface Label { zh: string; en: string }

export interface PointSummary {
  id: number; name: string; active: boolean; regionName: string; enterpriseCount: number; campaignCount: number;
  organisationGaps: string[]; canManage: boolean;
}

export interface Member { deputyId: number | null; name: string; title: string; profession: string }

export interface Point {
  id: number; name: string; active: boolean; address: string; regionName: string; regionCode: string; canManage: boolean; canVisit: boolean;
  organisation: {
    lead: Member[]; conveners: Member[]; residents: Member[]; participants: Member[];
    complete: boolean; gaps: { code: string; label: Label }[];
  };
  deputies: { id: number; name: string; occupation: string; professionTags: string[]; stationRole: string }[];
}

export interface Enterprise {
  id: number; stationId: number; stationName: string; name: string; creditCode: string; industry: string; address: string;
  contactName: string | null; contactPhone: string | null; contactMasked: boolean; contactRevealable: boolean;
  visitCount: number; lastVisitedOn: string | null; version: number;
}

export interface Progress {
  target: number; visited: number; periodDays: number; daysElapsed: number; visitedPercent: number; elapsedPercent: number; onTrack: boolean;
}

export interface CampaignSummary {
  id: number; stationId: number; stationName: string; title: string; description: string; startsOn: string; endsOn: string; progress: Progress;
}

export interface Visit {
  id: number; visitedOn: string; activityId: number; kind: string; title: string; summary: string;
  enterprises: { id: number; name: string }[]; deputies: { id: number; name: string }[];
  issues: { id: number; summary: string; caseId: number | null; trackingCode: string | null; suggestionId: number | null; suggestionTitle: string | null }[];
}

export interface Campaign extends CampaignSummary {
  canManage: boolean; canVisit: boolean;
  burnDown: { date: string; remaining: number | null; ideal: number }[];
  visits: Visit[];
}

export interface IssueOrigin {
  issueId: number; summary: string; visitId: number; visitedOn: string; campaignId: number; campaignTitle: string; stationId: number; stationName: string;
}
