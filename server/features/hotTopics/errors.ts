import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of hot topics: code, HTTP status, message in zh-CN and en (each also in the README's error table). */
export const HOT_TOPIC_ERRORS = {
  HOT_TOPIC_REGION_NOT_COUNTY: { status: 400, zh: '热点议题按县(区)计算,请选择县级区域', en: 'Hot topics are computed per county: choose a county' },
  HOT_TOPIC_ACTION_DONE: { status: 409, zh: '该热点已转为该区域的议事议题', en: 'This hot topic already made a deliberation topic for that region' },
  HOT_TOPIC_CONSULTATION_CLOSED: { status: 409, zh: '该议题征询已审议,不能再添加意见', en: 'The consultation has been deliberated: no more input can be linked' },
  HOT_TOPIC_NO_OPINIONS: { status: 409, zh: '该热点中没有您可处理的群众意见', en: 'None of this topic\'s opinions is in your reach' },
} as const satisfies Record<string, ErrorSpec>;

type HotTopicErrors = typeof HOT_TOPIC_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends HotTopicErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
