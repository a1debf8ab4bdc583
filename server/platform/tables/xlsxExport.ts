/**
 * A list written out as an .xlsx while it is read: exceljs's streaming writer commits each
 * row into the zip as it goes, and the list is fetched a page at a time, so an export of the
 * whole audit log holds one page in memory, not the log.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { now as clockNow } from '../clock.js';
import { inertCellText } from '../text/formula.js';

export type CellValue = string | number | Date | null;

export interface ExportColumn<T> {
  header: string;
  width?: number;
  /** `datetime` cells are instants, shown as Asia/Shanghai wall-clock time; `date` cells are civil dates (`YYYY-MM-DD`). */
  kind?: 'text' | 'number' | 'datetime' | 'date';
  value(row: T): CellValue;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Excel dates carry no time zone: exceljs writes a Date's UTC fields. China keeps UTC+8 all
 * year, so shifting the instant by eight hours makes the cell read as Beijing time.
 */
export function shanghaiCell(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** Today in Asia/Shanghai as YYYY-MM-DD, for file names. */
export function shanghaiDate(now = clockNow()): string {
  return shanghaiCell(now).toISOString().slice(0, 10);
}

/** Excel refuses a cell longer than 32 767 characters. */
const MAX_CELL = 32_000;

function cell(value: CellValue, kind: ExportColumn<unknown>['kind']): CellValue {
  if (value === null) return null;
  if (value instanceof Date) return kind === 'datetime' ? shanghaiCell(value) : value;
  // A civil date is written as that day's midnight (Excel dates carry no time zone).
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value === 'string') return inertCellText(value.length > MAX_CELL ? `${value.slice(0, MAX_CELL)}…` : value);
  return value;
}

export async function writeXlsx<T>(out: Writable, sheetName: string, columns: ExportColumn<T>[], pages: AsyncIterable<T[]>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '连心桥 Lianxin';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width ?? 16,
    ...(c.kind === 'datetime' && { style: { numFmt: 'yyyy-mm-dd hh:mm' } }),
    ...(c.kind === 'date' && { style: { numFmt: 'yyyy-mm-dd' } }),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const page of pages) {
    for (const row of page) sheet.addRow(columns.map((c) => cell(c.value(row), c.kind))).commit();
    // A slow download holds the next page back rather than filling memory.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}

/** Every page of a keyset list, fetched one after another. */
export async function* allPages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  first?: { items: T[]; nextCursor: string | null }): AsyncGenerator<T[]> {
  let page = first ?? await fetch(undefined);
  for (;;) {
    yield page.items;
    if (!page.nextCursor) return;
    page = await fetch(page.nextCursor);
  }
}
