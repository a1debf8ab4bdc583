/**
 * Spreadsheets for the import tests and the benchmark: small ones in memory, large rosters
 * streamed to disk with exceljs's streaming writer (so a 100 000-row file is never in memory),
 * and the upload a browser would make.
 */
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Client } from './harness.js';

export type Rows = (string | number | Date | null)[][];

export async function xlsxBuffer(rows: Rows, sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(v: string | number | Date | null): string {
  const text = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV as offices save it: UTF-8 with a BOM (Excel's “CSV UTF-8”), plain UTF-8, or GB18030 (Excel's “CSV” on Chinese Windows). */
export function csvBuffer(rows: Rows, encoding: 'utf8-bom' | 'utf8' | 'gb18030' = 'utf8-bom', delimiter = ','): Buffer {
  const text = rows.map((r) => r.map(csvCell).join(delimiter)).join('\r\n') + '\r\n';
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Writes rows to an .xlsx on disk as they come, with the streaming writer. */
export async function writeXlsxFile(path: string, rows: Iterable<Rows[number]>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('花名册');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

export const ROSTER_HEADER = ['姓名', '性别', '民族', '政治面貌', '出生年月', '手机号码', '代表层级', '届次', '所属区划', '选区', '工作单位及职务', '专业领域', '所在联络站', '站内职责'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

const SURNAME_CHARS = [...new Set(SURNAMES)];
const GIVEN_CHARS = [...new Set(GIVEN)];

/**
 * Row `i` of a generated county roster in 平桂区: distinct people (the phone number carries `i`),
 * towns of the county, two or three levels, the demo stations of 黄田镇.
 */
export function rosterRow(i: number): Rows[number] {
  // Distinct names for the first million rows: surname, then two given characters by place value.
  const s = SURNAME_CHARS[i % SURNAME_CHARS.length]!;
  const g1 = GIVEN_CHARS[Math.floor(i / SURNAME_CHARS.length) % GIVEN_CHARS.length]!;
  const g2 = GIVEN_CHARS[Math.floor(i / SURNAME_CHARS.length / GIVEN_CHARS.length) % GIVEN_CHARS.length]!;
  const towns = ['黄田镇', '公会镇', '沙田镇', '西湾街道'];
  const stations = ['平桂区黄田镇人大代表联络站', '平桂区黄田镇公和村人大代表联络点'];
  return [
    `${s}${g1}${g2}`,
    i % 2 ? '女' : '男',
    i % 5 ? '汉族' : '壮族',
    i % 3 ? '中共党员' : '群众',
    `${1950 + (i % 50)}.${String((i % 12) + 1).padStart(2, '0')}`,
    `139${String(10_000_000 + i).padStart(8, '0')}`,
    i % 4 ? '乡镇' : '县(区)、乡镇',
    i % 4 ? '第十二届' : '第四届、第十二届',
    towns[i % towns.length]!,
    `第${(i % 9) + 1}选区`,
    '平桂区某单位职员',
    i % 3 ? '农业' : '教育、医疗',
    i % 4 === 0 ? stations[i % 2]! : '',
    i % 4 === 0 ? '驻站代表' : '',
  ];
}

/** Every generated row: the header, then `count` people (the towns' deputies sit in their town). */
export function* roster(count: number): Generator<Rows[number]> {
  yield ROSTER_HEADER;
  for (let i = 0; i < count; i++) {
    const row = rosterRow(i);
    // Only 黄田镇's deputies join the 黄田镇 stations.
    if (row[8] !== '黄田镇') { row[12] = ''; row[13] = ''; }
    yield row;
  }
}

/** Creates a batch and uploads a file into it, as the back office does. */
export async function uploadImport(client: Client, kind: 'deputies' | 'stations', file: Buffer | Readable, filename = 'roster.xlsx') {
  const created = await client.post(`/api/imports/${kind}`, { filename });
  if (created.statusCode !== 201) throw new Error(`create import: ${created.statusCode} ${created.body}`);
  const id = created.json<{ id: number }>().id;
  const res = await client.app.inject({
    method: 'PUT',
    url: `/api/imports/${kind}/${id}/file`,
    payload: file,
    remoteAddress: client.remoteAddress,
    headers: {
      cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/octet-stream',
      'accept-language': client.lang === 'en' ? 'en' : 'zh-CN',
    },
  });
  return { id, res };
}
