/**
 * Vocabulary shared by the server and the web clients. Each list is the one
 * place its values are defined; labels are given in zh-CN and en.
 */

export type Label = { zh: string; en: string };

export function labelled<const K extends string>(entries: Record<K, Label>) {
  const keys = Object.keys(entries) as K[];
  return { keys: keys as [K, ...K[]], labels: entries };
}

export const ROLES = labelled({
  admin: { zh: '系统管理员', en: 'System administrator' },
  staff: { zh: '人大工作人员', en: 'Congress staff' },
  officer: { zh: '站长/联络员', en: 'Station officer' },
  deputy: { zh: '人大代表', en: 'Deputy' },
  unit: { zh: '承办单位', en: 'Handling unit clerk' },
  grid: { zh: '网格员', en: 'Grid worker' },
});
export type Role = (typeof ROLES.keys)[number];

export const STATION_TYPES = labelled({
  center: { zh: '中心站', en: 'Central station' },
  station: { zh: '联络站', en: 'Liaison station' },
  point: { zh: '联络点', en: 'Liaison point' },
  home: { zh: '代表之家', en: "Deputies' home" },
  industry: { zh: '产业(行业)联系点', en: 'Industry contact point' },
  judicial: { zh: '代表法官(检察官)工作室', en: 'Deputy–judge (procurator) office' },
  cross_province: { zh: '省际(跨省)联建站', en: 'Cross-province joint station' },
});
export type StationType = (typeof STATION_TYPES.keys)[number];

export const STATION_TIERS = labelled({
  city_featured: { zh: '市级特色站', en: 'City featured station' },
  town_center: { zh: '镇(街道)中心站', en: 'Town (sub-district) central station' },
  village_point: { zh: '村(社区)联络点', en: 'Village (community) point' },
});
export type StationTier = (typeof STATION_TIERS.keys)[number];

export const STATION_GRADES = labelled({
  first: { zh: '一类', en: 'Grade I' },
  second: { zh: '二类', en: 'Grade II' },
  third: { zh: '三类', en: 'Grade III' },
});
export type StationGrade = (typeof STATION_GRADES.keys)[number];

/** 八有一册六簿: the standardisation checklist of a station. */
export const STATION_CHECKLIST = labelled({
  has_venue: { zh: '有场所', en: 'Has a venue' },
  has_sign: { zh: '有牌子', en: 'Has a sign' },
  has_rules: { zh: '有制度', en: 'Has rules on the wall' },
  has_deputies: { zh: '有代表', en: 'Has deputies assigned' },
  has_activities: { zh: '有活动', en: 'Holds activities' },
  has_funding: { zh: '有经费', en: 'Has funding' },
  has_records: { zh: '有台账', en: 'Keeps records' },
  has_results: { zh: '有成效', en: 'Shows results' },
  roster: { zh: '代表花名册', en: 'Deputy roster' },
  reception_register: { zh: '接待选民登记簿', en: 'Constituent reception register' },
  visit_register: { zh: '走访选民登记簿', en: 'Constituent visit register' },
  opinion_register: { zh: '意见建议登记簿', en: 'Opinion register' },
  activity_register: { zh: '代表活动登记簿', en: 'Deputy activity register' },
  study_register: { zh: '学习活动考勤簿', en: 'Study attendance register' },
  merit_register: { zh: '先进事迹登记簿', en: 'Merit register' },
});

export const DEPUTY_LEVELS = labelled({
  national: { zh: '全国人大代表', en: 'National' },
  provincial: { zh: '省人大代表', en: 'Provincial' },
  city: { zh: '市人大代表', en: 'City' },
  county: { zh: '县(区)人大代表', en: 'County' },
  township: { zh: '乡镇人大代表', en: 'Township' },
});
export type DeputyLevel = (typeof DEPUTY_LEVELS.keys)[number];

export const DEPUTY_STATUSES = labelled({
  current: { zh: '现届代表', en: 'Current deputy' },
  former: { zh: '往届代表', en: 'Former deputy' },
});
export type DeputyStatus = (typeof DEPUTY_STATUSES.keys)[number];

export const STATION_MEMBER_ROLES = labelled({
  head: { zh: '站长', en: 'Station head' },
  liaison: { zh: '联络员', en: 'Liaison officer' },
  resident: { zh: '驻站代表', en: 'Resident deputy' },
});
export type StationMemberRole = (typeof STATION_MEMBER_ROLES.keys)[number];

export const GENDERS = labelled({
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
});
export type Gender = (typeof GENDERS.keys)[number];

export const REGION_LEVELS = labelled({
  province: { zh: '省级', en: 'Province' },
  city: { zh: '地级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  town: { zh: '乡级', en: 'Town' },
});
export type RegionLevel = (typeof REGION_LEVELS.keys)[number];


/** 履职活动的类别. */
export const ACTIVITY_KINDS = labelled({
  reception: { zh: '接待选民', en: 'Receiving constituents' },
  visit: { zh: '走访选民', en: 'Visiting constituents' },
  inspection: { zh: '视察', en: 'Inspection' },
  research: { zh: '调研', en: 'Research' },
  training: { zh: '学习培训', en: 'Study and training' },
  group: { zh: '小组活动', en: 'Deputy group meeting' },
  theme: { zh: '主题活动', en: 'Themed activity' },
  joint_meeting: { zh: '联席会议', en: 'Joint meeting' },
  deliberation: { zh: '议事', en: 'Deliberation' },
  report_back: { zh: '述职', en: 'Report-back' },
  legal_education: { zh: '普法', en: 'Legal education' },
  mediation: { zh: '调解', en: 'Mediation' },
  other: { zh: '其他', en: 'Other' },
});
export type ActivityKind = (typeof ACTIVITY_KINDS.keys)[number];

export const ATTENDANCE = labelled({
  present: { zh: '出席', en: 'Present' },
  absent: { zh: '缺席', en: 'Absent' },
  leave: { zh: '请假', en: 'On leave' },
});
export type Attendance = (typeof ATTENDANCE.keys)[number];
