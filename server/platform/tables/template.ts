/**
 * The import templates: the headers on the first sheet (required ones in red), and on a second
 * sheet what each column takes with an example. Only the first sheet is ever imported, so the
 * example cannot be imported by mistake.
 */
import { COLUMNS, type ImportKind } from './columns.js';

const EXAMPLES: Record<ImportKind, Record<string, string>> = {
  deputies: {
    name: '张晓明', gender: '男', ethnicity: '汉族', party: '中共党员', birthYear: '1975.03', phone: '13800001234',
    levels: '县(区)、乡镇', term: '第十八届', region: '黄田镇', constituency: '第三选区', occupation: '黄田镇中心小学校长',
    tags: '教育、乡村振兴', stations: '平桂区黄田镇人大代表联络站', roles: '驻站代表', grid: '黄田村第一网格', status: '现届',
  },
  stations: {
    name: '平桂区黄田镇人大代表联络站', type: '联络站', tier: '镇(街道)中心站', parent: '', region: '451103101',
    address: '黄田镇人民政府一楼', phone: '0774-8880001', openingHours: '工作日 9:00-17:00', description: '',
  },
  enterprises: {
    name: '连平县上坪镇鹰嘴蜜桃专业合作社', creditCode: '93441623MA4W00001M', industry: '鹰嘴蜜桃种植', address: '连平县上坪镇',
    contactName: '曾桃生', contactPhone: '13800001234',
  },
};

export const TEMPLATE_NAMES: Record<ImportKind, { sheet: string; file: string; ascii: string }> = {
  deputies: { sheet: '花名册', file: '人大代表花名册导入模板.xlsx', ascii: 'deputy-roster-template.xlsx' },
  stations: { sheet: '联络站', file: '联络站名单导入模板.xlsx', ascii: 'station-list-template.xlsx' },
  enterprises: { sheet: '成员企业', file: '联系点成员企业导入模板.xlsx', ascii: 'industry-enterprises-template.xlsx' },
};

export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心桥 Lianxin';
  const specs = COLUMNS[kind];
  const data = workbook.addWorksheet(TEMPLATE_NAMES[kind].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = specs.map((s) => ({ header: s.header, width: Math.max(10, s.header.length * 2 + 4) }));
  data.getRow(1).eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: specs[col - 1]!.required ? 'FFC00000' : 'FF000000' } };
  });
  // Phone numbers and codes stay text, so Excel neither drops leading zeros nor writes 1.38E+10.
  for (const field of ['phone', 'region', 'contactPhone', 'creditCode']) {
    const index = specs.findIndex((s) => s.field === field);
    if (index >= 0) data.getColumn(index + 1).numFmt = '@';
  }

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ header: '列名', width: 16 }, { header: '必填', width: 6 }, { header: '说明', width: 70 }, { header: '示例', width: 30 }];
  notes.getRow(1).font = { bold: true };
  for (const s of specs) notes.addRow([s.header, s.required ? '是' : '', s.note, EXAMPLES[kind][s.field] ?? '']);
  notes.addRow([]);
  notes.addRow(['', '', '表头可使用常见的其他名称(如“代表姓名”“联系电话”),列的顺序不限;不认识的列会被忽略。只导入第一个工作表。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
