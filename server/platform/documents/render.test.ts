/**
 * A register of 1 000 rows written both ways, timed, and read back: every PDF page carries the
 * title or running head, the header row and its number; the workbook holds every row. Needs
 * pdftotext and the CJK font (scripts/install-system-deps.sh); fails without them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { loadConfig } from '../config.js';
import type { PosterFont } from './font.js';
import type { RegisterDocument } from './model.js';
import { registerFont } from './pdf.js';
import { renderRegister } from './renderWorker.js';

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is not installed: run scripts/install-system-deps.sh`);
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

const ROWS = 1000;
const doc: RegisterDocument = {
  title: '意见建议登记簿', place: '平桂区黄田镇人大代表联络站', period: '2026-01-01 至 2026-12-31', generatedAt: new Date('2026-12-31T08:00:00Z'),
  sections: [{
    columns: [
      { header: '序号', width: 3, align: 'center' }, { header: '编号', width: 6.5 }, { header: '登记日期', width: 5.5 }, { header: '反映人', width: 4 },
      { header: '联系电话', width: 6.5 }, { header: '意见内容', width: 24 }, { header: '承办单位', width: 9 }, { header: '答复情况', width: 16 },
    ],
    rows: Array.from({ length: ROWS }, (_, i) => [
      i + 1, `AB${String(i).padStart(3, '0')}-XYZ-8HY`, '2026-03-04', '梁**', '139****0000',
      `公和村水并片区尚未通自来水,群众需要额外承担管网的水损费、管护费,希望尽快解决(第 ${i + 1} 件)`,
      '贺州市平桂区水利局', i % 3 ? '已安排施工,下周通水。' : '经现场核实,已纳入明年人饮工程计划,届时统一接入城市供水管网。',
    ]),
  }],
};

describe('a register of 1 000 rows', () => {
  let dir: string;
  let font: PosterFont;
  before(() => {
    run('pdftotext', ['-v']);
    font = registerFont(loadConfig({}).posterFont);
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-render-'));
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('prints as PDF with the header row and the page number on every page', async (t) => {
    let started = performance.now();
    const pdf = await renderRegister(doc, 'pdf', font);
    t.diagnostic(`PDF: ${ROWS} rows in ${Math.round(performance.now() - started)} ms with the worker starting, ${Math.round(pdf.length / 1024)} KiB`);
    started = performance.now();
    await renderRegister(doc, 'pdf', font);
    t.diagnostic(`PDF: ${ROWS} rows in ${Math.round(performance.now() - started)} ms with the worker running`);
    const file = path.join(dir, 'opinions.pdf');
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
    t.diagnostic(`PDF: ${pages} pages`);
    assert.ok(pages > 20);
    const text = run('pdftotext', ['-layout', file, '-']).replace(/[ \t]+/g, '').split('\f').filter((p) => p.trim());
    assert.equal(text.length, pages);
    text.forEach((page, i) => {
      assert.ok(page.includes('意见内容') && page.includes('答复情况'), `header row on page ${i + 1}`);
      assert.ok(page.includes(`第${i + 1}页/共${pages}页`), `number on page ${i + 1}`);
      assert.ok(page.includes(i === 0 ? '意见建议登记簿' : '意见建议登记簿·平桂区黄田镇人大代表联络站'), `title on page ${i + 1}`);
    });
    const all = text.join('');
    for (const n of [1, 500, ROWS]) assert.ok(all.includes(`(第${n}件)`), `row ${n}`);
  });

  it('writes the workbook with every row', async (t) => {
    const started = performance.now();
    const xlsx = await renderRegister(doc, 'xlsx');
    const ms = Math.round(performance.now() - started);
    t.diagnostic(`Excel: ${ROWS} rows in ${ms} ms, ${Math.round(xlsx.length / 1024)} KiB`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.actualRowCount, ROWS + 3);
    assert.equal(sheet.getCell(ROWS + 3, 6).value, doc.sections[0]!.rows[ROWS - 1]![5]);
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    assert.equal(sheet.pageSetup.printTitlesRow, '3:3');
  });
});
