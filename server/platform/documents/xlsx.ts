/**
 * A register as an .xlsx workbook: one worksheet per table, each opening with the register's
 * name and the place and period it covers, then the Chinese header row, frozen on screen and
 * repeated on every printed page (A4 landscape, as wide as the page, page numbers below).
 * Registers are bounded (see MAX_REGISTER_ROWS), so the workbook is built in memory.
 */
import type ExcelJS from 'exceljs';
import { estimateWidth, wrapText } from './layout.js';
import type { Cell, RegisterDocument, RegisterSection } from './model.js';
import { inertCellText } from '../text/formula.js';

/** Excel refuses a cell longer than 32 767 characters. */
const MAX_CELL = 32_000;
/** Worksheet names: at most 31 characters, none of \ / ? * [ ] : */
const sheetName = (name: string, taken: Set<string>) => {
  const base = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 28) || '登记簿';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}${i}`;
  taken.add(candidate);
  return candidate;
};

/** Spreadsheet width units given per Chinese character of a column's width (a unit is about one digit wide). */
const UNITS_PER_CHARACTER = 2.2;
/** What a Chinese character takes in the spreadsheets' default fonts (LibreOffice, Excel): a little under two units. */
const UNITS_PER_GLYPH = 1.8;
const LINE_HEIGHT = 15;

/**
 * The height a row needs for its wrapped text. Spreadsheets do not grow a row to fit wrapped
 * text they did not lay out themselves (LibreOffice keeps one line, and prints it cut off), so
 * the lines are counted here with the PDF's wrapping rule and an estimate of the glyph widths.
 */
function rowHeight(values: Cell[], widths: number[]): number {
  const lines = values.map((v, i) => wrapText(typeof v === 'number' ? String(v) : v, widths[i]! / UNITS_PER_GLYPH - 1, 1, estimateWidth).length);
  return Math.max(1, ...lines) * LINE_HEIGHT + 3;
}

const thin = { style: 'thin' as const, color: { argb: 'FF888888' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function addSheet(workbook: ExcelJS.Workbook, register: RegisterDocument, section: RegisterSection, name: string) {
  const columns = section.columns.length;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: '3:3', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 / 共 &N 页' },
  });
  // Widths are given in Chinese characters; a spreadsheet column unit is about half of one.
  const widths = section.columns.map((c) => Math.max(6, Math.round(c.width * UNITS_PER_CHARACTER)));
  sheet.columns = widths.map((width) => ({ width }));

  sheet.addRow([inertCellText(register.title)]);
  sheet.mergeCells(1, 1, 1, columns);
  Object.assign(sheet.getCell(1, 1), { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } });
  sheet.getRow(1).height = 28;
  // A register of several tables names the table too: the sheet's name does not print.
  const part = register.sections.length > 1 && section.heading ? `    ${section.heading}` : '';
  sheet.addRow([inertCellText(`${register.place}    ${register.period}${part}`)]);
  sheet.mergeCells(2, 1, 2, columns);
  Object.assign(sheet.getCell(2, 1), { alignment: { horizontal: 'center' } });

  const header = sheet.addRow(section.columns.map((c) => c.header));
  header.height = rowHeight(section.columns.map((c) => c.header), widths);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });

  if (section.rows.length === 0) {
    const row = sheet.addRow([section.empty ?? '本期无记录']);
    sheet.mergeCells(row.number, 1, row.number, columns);
  }
  // One style object per column, shared by its cells: the writer recognises a style it has seen
  // by the object, so a style per cell made it serialise and look up every cell's style anew.
  const styles: Partial<ExcelJS.Style>[] = section.columns.map((c) => ({
    alignment: { vertical: 'top', wrapText: true, horizontal: c.align === 'center' ? 'center' : 'left' },
    border: BORDER,
  }));
  for (const values of section.rows) {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? inertCellText(v.length > MAX_CELL ? `${v.slice(0, MAX_CELL)}…` : v) : v)));
    // Excel caps a row at 409 points; a longer text still wraps, and scrolls within the cell.
    row.height = Math.min(409, rowHeight(values, widths));
    for (let i = 1; i <= columns; i++) row.getCell(i).style = styles[i - 1]!;
  }
  for (const note of register.notes ?? []) {
    const row = sheet.addRow([inertCellText(note)]);
    sheet.mergeCells(row.number, 1, row.number, columns);
    row.getCell(1).font = { size: 9, color: { argb: 'FF666666' } };
  }
}

export async function registerXlsx(register: RegisterDocument): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = '连心桥 Lianxin';
  workbook.created = register.generatedAt;
  workbook.title = `${register.title} ${register.place}`;
  const taken = new Set<string>();
  for (const section of register.sections) addSheet(workbook, register, section, sheetName(section.heading ?? register.title, taken));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
