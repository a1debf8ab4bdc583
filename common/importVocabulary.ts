import { labelled } from './enums.js';

/** What an import can bring into the registers. */
export const IMPORT_KINDS = labelled({
  deputies: { zh: '代表花名册', en: 'Deputy roster' },
  stations: { zh: '联络站名单', en: 'Station list' },
  enterprises: { zh: '联系点成员企业', en: 'Contact point enterprises' },
});

/** An import batch's life: waiting for its file → being checked → ready (or failed) → committed. */
export const IMPORT_STATUSES = labelled({
  new: { zh: '尚未上传文件', en: 'waiting for its file' },
  parsing: { zh: '正在检查', en: 'being checked' },
  ready: { zh: '待提交', en: 'ready to commit' },
  failed: { zh: '已失败', en: 'failed' },
  committed: { zh: '已提交', en: 'committed' },
});
