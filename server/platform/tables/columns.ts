/**
 * Which column of an uploaded roster or station list holds which field. Offices name their
 * columns in many ways (姓名 / 代表姓名, 手机 / 联系电话 …), in any order, sometimes with a
 * required-mark or a note in brackets (`*姓名`, `出生年月(年份)`); English names work too.
 */

export type ImportKind = 'deputies' | 'stations' | 'enterprises';

export interface ColumnSpec {
  field: string;
  /** The header the template uses. */
  header: string;
  /** Other names offices use, compared after normalising (case, width, spaces, marks). */
  aliases: string[];
  required?: boolean;
  /** What the column takes, for the template's notes sheet. */
  note: string;
}

export const DEPUTY_COLUMNS: ColumnSpec[] = [
  { field: 'name', header: '姓名', required: true, aliases: ['代表姓名', '名字', 'name', 'fullname', 'deputyname'], note: '必填' },
  { field: 'gender', header: '性别', required: true, aliases: ['gender', 'sex'], note: '必填:男 / 女' },
  { field: 'ethnicity', header: '民族', aliases: ['ethnicity', 'ethnicgroup', 'nation', 'nationality'], note: '空白为汉族' },
  { field: 'party', header: '政治面貌', aliases: ['党派', '党派政治面貌', 'party', 'politicalstatus', 'politicalaffiliation'], note: '如 中共党员、群众、民盟盟员' },
  { field: 'birthYear', header: '出生年月', aliases: ['出生年份', '出生日期', '出生年', '出生时间', 'birthyear', 'yearofbirth', 'birthdate', 'dateofbirth', 'dob'], note: '1975、1975.03、1975年3月、1975-03-02 均可,只取年份' },
  { field: 'phone', header: '手机号码', aliases: ['手机', '手机号', '联系电话', '电话', '移动电话', '联系方式', 'phone', 'mobile', 'mobilephone', 'tel', 'telephone'], note: '11 位大陆手机号' },
  { field: 'levels', header: '代表层级', aliases: ['层级', '级别', '代表级别', '人大代表层级', 'level', 'levels'], note: '全国 / 省 / 市 / 县(区) / 乡镇,多个用“、”分隔' },
  { field: 'term', header: '届次', aliases: ['届别', '届', '第几届', 'term', 'terms'], note: '如 第十八届 或 18;多个层级届次不同时按层级顺序用“、”分隔' },
  { field: 'region', header: '所属区划', aliases: ['行政区划代码', '行政区划', '区划', '区划代码', '所在区划', '所属地区', '所在地区', 'region', 'regioncode'], note: '区划代码或名称(如 451103101 或 黄田镇),须在您的管辖范围内;空白为您所在区划' },
  { field: 'constituency', header: '选区', aliases: ['所在选区', '选举单位', 'constituency'], note: '' },
  { field: 'occupation', header: '工作单位及职务', aliases: ['职业', '工作单位', '单位及职务', '单位职务', '职务', 'occupation', 'employer', 'position'], note: '' },
  { field: 'tags', header: '专业领域', aliases: ['标签', '专业', '领域', '专长', 'tags', 'professiontags', 'expertise'], note: '多个用“、”分隔' },
  { field: 'stations', header: '所在联络站', aliases: ['联络站', '进站', '进站联络站', '所属联络站', '联络站点', 'station', 'stations'], note: '联络站全称,多个用“、”分隔,须是您可见的在用站点' },
  { field: 'roles', header: '站内职责', aliases: ['职责', '站内职务', 'role', 'roles', 'stationrole'], note: '站长 / 联络员 / 驻站代表(空白为驻站代表);多个站职责不同时按站点顺序分隔' },
  { field: 'grid', header: '网格', aliases: ['所在网格', '联系网格', 'grid', 'gridcell'], note: '' },
  { field: 'status', header: '代表状态', aliases: ['状态', '是否现届', 'status'], note: '现届 / 往届(空白为现届)' },
];

export const STATION_COLUMNS: ColumnSpec[] = [
  { field: 'name', header: '站点名称', required: true, aliases: ['站名', '名称', '联络站名称', '站点', '联络站', 'name', 'stationname'], note: '必填' },
  { field: 'type', header: '类型', required: true, aliases: ['站点类型', '联络站类型', 'type'], note: '必填:中心站 / 联络站 / 联络点 / 代表之家 / 产业(行业)联系点 / 代表法官(检察官)工作室 / 省际(跨省)联建站' },
  { field: 'tier', header: '层级', required: true, aliases: ['站点层级', '级别', 'tier', 'level'], note: '必填:市级特色站 / 镇(街道)中心站 / 村(社区)联络点' },
  { field: 'parent', header: '上级站点', aliases: ['上级联络站', '上级', '所属中心站', 'parent', 'parentstation'], note: '已有站点的全称,或本文件中排在前面的站点' },
  { field: 'region', header: '所在区划', required: true, aliases: ['区划', '行政区划', '行政区划代码', '区划代码', '所属区划', '所在地区', 'region', 'regioncode', 'homeregion'], note: '必填:区划代码或名称,须在您的管辖范围内' },
  { field: 'address', header: '地址', aliases: ['站点地址', '详细地址', 'address'], note: '' },
  { field: 'phone', header: '电话', aliases: ['联系电话', '站点电话', 'phone', 'tel', 'telephone'], note: '数字、空格和 + - ( )' },
  { field: 'openingHours', header: '开放时间', aliases: ['办公时间', '接待时间', 'openinghours', 'hours'], note: '' },
  { field: 'description', header: '简介', aliases: ['站点简介', '说明', '备注', 'description'], note: '' },
];

/** Member enterprises of an industry contact point (产业联系点); the point is the batch's. */
export const ENTERPRISE_COLUMNS: ColumnSpec[] = [
  { field: 'name', header: '企业名称', required: true, aliases: ['名称', '企业', '单位名称', '合作社名称', '企业(合作社)名称', 'name', 'enterprise', 'company'], note: '必填' },
  { field: 'creditCode', header: '统一社会信用代码', required: true, aliases: ['信用代码', '社会信用代码', '统一代码', 'uscc', 'creditcode'], note: '必填:18 位,末位校验码须正确' },
  { field: 'industry', header: '所属行业', aliases: ['行业', '产业', 'industry'], note: '' },
  { field: 'address', header: '地址', aliases: ['企业地址', '详细地址', '住所', 'address'], note: '' },
  { field: 'contactName', header: '联系人', aliases: ['联系人姓名', '负责人', 'contact', 'contactname'], note: '' },
  { field: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', '手机号码', '联系方式', 'phone', 'tel', 'telephone'], note: '数字、空格和 + - ( )' },
];

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = { deputies: DEPUTY_COLUMNS, stations: STATION_COLUMNS, enterprises: ENTERPRISE_COLUMNS };

/** Full-width to half-width, lower case, without spaces, required-marks and separators. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s*:_\-.·。、/\\]/g, '');
}

/** `出生年月(年份)` → `出生年月`: a bracketed note after the name. */
function withoutNote(normalised: string): string {
  return normalised.replace(/[([【<][^)\]】>]*[)\]】>]/g, '');
}

function aliasTable(specs: ColumnSpec[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const spec of specs) {
    for (const name of [spec.header, ...spec.aliases]) table.set(normaliseHeader(name), spec.field);
  }
  return table;
}

const TABLES: Record<ImportKind, Map<string, string>> = {
  deputies: aliasTable(DEPUTY_COLUMNS),
  stations: aliasTable(STATION_COLUMNS),
  enterprises: aliasTable(ENTERPRISE_COLUMNS),
};

export interface MappedColumn {
  index: number;
  header: string;
  /** The field this column fills; null when the column is ignored. */
  field: string | null;
  /** Why an ignored column is ignored: not a known name, or a second column for the same field. */
  ignored?: 'unknown' | 'duplicate';
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Required fields with no column, by their template header. */
  missing: string[];
}

export function fieldOfHeader(kind: ImportKind, header: string): string | null {
  const n = normaliseHeader(header);
  if (!n) return null;
  const table = TABLES[kind];
  return table.get(n) ?? table.get(withoutNote(n)) ?? null;
}

/** Maps a header row; the first column naming a field wins, later ones are reported as ignored. */
export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMapping {
  const taken = new Set<string>();
  const columns: MappedColumn[] = [];
  headers.forEach((header, index) => {
    if (!header.trim()) return;
    const field = fieldOfHeader(kind, header);
    if (field === null) columns.push({ index, header: header.trim(), field: null, ignored: 'unknown' });
    else if (taken.has(field)) columns.push({ index, header: header.trim(), field: null, ignored: 'duplicate' });
    else {
      taken.add(field);
      columns.push({ index, header: header.trim(), field });
    }
  });
  const missing = COLUMNS[kind].filter((s) => s.required && !taken.has(s.field)).map((s) => s.header);
  return { columns, missing };
}

/**
 * Whether a row is the header row: it names the key field (姓名 / 站点名称) and at least one
 * other. Rosters often open with a title row (`平桂区第十八届人大代表花名册`) above it.
 */
export function isHeaderRow(kind: ImportKind, cells: string[]): boolean {
  const fields = new Set(cells.map((c) => fieldOfHeader(kind, c)).filter((f) => f !== null));
  return fields.has('name') && fields.size >= 2;
}
