/**
 * The registers a station keeps (六簿一表一登记 / 八有一册六簿), each generated from the records
 * in the system. Two of them rest partly on entries made by hand (先进事迹, 大事记).
 */
import type { Label } from '../../../common/enums.js';

export const REGISTER_KINDS = ['reception', 'visit', 'opinions', 'activities', 'training', 'deeds', 'roster', 'chronicle'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export interface RegisterKindInfo {
  key: RegisterKind;
  label: Label;
  description: Label;
  /** The roster lists who is in the station now; every other register covers a period. */
  periodic: boolean;
  /** The register rests on entries made by hand through this endpoint. */
  entries: 'deeds' | 'chronicle' | null;
}

export const REGISTERS: Record<RegisterKind, RegisterKindInfo> = {
  reception: {
    key: 'reception', periodic: true, entries: null,
    label: { zh: '接待选民登记簿', en: 'Constituent reception register' },
    description: { zh: '接待日活动及当日登记的群众意见:接待代表、来访群众、反映事项、办理情况', en: 'Reception days and the opinions registered at them' },
  },
  visit: {
    key: 'visit', periodic: true, entries: null,
    label: { zh: '走访选民登记簿', en: 'Constituent visit register' },
    description: { zh: '代表走访选民的活动、走访情况和收集的意见', en: 'Deputies\' visits to constituents and what they collected' },
  },
  opinions: {
    key: 'opinions', periodic: true, entries: null,
    label: { zh: '意见建议登记簿', en: 'Opinion register' },
    description: { zh: '期间登记的群众意见建议及其办理、答复和评价', en: 'The opinions of the period with their handling, answer and rating' },
  },
  activities: {
    key: 'activities', periodic: true, entries: null,
    label: { zh: '代表活动登记簿', en: 'Deputy activity register' },
    description: { zh: '全部履职活动及参加代表的出勤情况', en: 'Every activity with its participants and attendance' },
  },
  training: {
    key: 'training', periodic: true, entries: null,
    label: { zh: '学习活动考勤簿', en: 'Study attendance register' },
    description: { zh: '学习培训活动的出席、请假、缺席,以及每位代表的出勤汇总', en: 'Study sessions: present, on leave, absent; and each deputy\'s totals' },
  },
  deeds: {
    key: 'deeds', periodic: true, entries: 'deeds',
    label: { zh: '先进事迹登记簿', en: 'Merit register' },
    description: { zh: '联络站登记的代表先进事迹', en: 'Deputies\' notable deeds recorded by the station' },
  },
  roster: {
    key: 'roster', periodic: false, entries: null,
    label: { zh: '代表花名册', en: 'Deputy roster' },
    description: { zh: '进站代表的基本情况和站内职责', en: 'The station\'s deputies and their roles' },
  },
  chronicle: {
    key: 'chronicle', periodic: true, entries: 'chronicle',
    label: { zh: '人大工作大事记', en: 'Chronicle of congress work' },
    description: {
      zh: '登记的大事,以及期间自动列入的主题活动和 5 名以上代表出席的活动',
      en: 'Recorded events, plus the period\'s campaigns and activities with at least 5 deputies present',
    },
  },
};
