/**
 * A register as a document: a title, the place and period it covers, and one or more tables of
 * ready-formatted cells. Every register and the performance archive is built into this shape
 * from the database, and the Excel and PDF writers know nothing else, so both formats always
 * carry exactly the same rows.
 */
import { addDays, endOfShanghaiDay, shanghaiDate } from '../calendar/workingDays.js';

export type Cell = string | number;

export interface RegisterColumn {
  header: string;
  /** Relative width, roughly in Chinese characters at body size; the writers scale it to the page. */
  width: number;
  align?: 'left' | 'center';
}

export interface RegisterSection {
  /** Shown above the table (and names the worksheet); a register of one table needs none. */
  heading?: string;
  columns: RegisterColumn[];
  rows: Cell[][];
  /** Said in place of the rows when there are none. */
  empty?: string;
}

export interface RegisterDocument {
  /** 接待选民登记簿, 人大代表履职档案 … */
  title: string;
  /** The station's or region's name (or the deputy's, for an archive). */
  place: string;
  /** `2026-01-01 至 2026-12-31`, or `截至 2026-11-30` for a register without a period. */
  period: string;
  generatedAt: Date;
  sections: RegisterSection[];
  /** Lines printed under the tables: how personal data was masked, what was left out. */
  notes?: string[];
}

/** An inclusive civil period in Asia/Shanghai. `from` null: from the first record. */
export interface Period { from: string | null; to: string }

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The instants a period spans: from the start of its first day to the end of its last, Beijing time. */
export function periodBounds(p: Period): { from: Date | null; to: Date } {
  return { from: p.from ? endOfShanghaiDay(addDays(p.from, -1)) : null, to: endOfShanghaiDay(p.to) };
}

/** The current calendar year in Asia/Shanghai: what a register covers when no period is given. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const year = shanghaiDate(now).slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** `2026-11-10` in Asia/Shanghai. */
export const dateText = (instant: Date): string => shanghaiDate(instant);

/** `2026-11-10 09:00` in Asia/Shanghai. */
export function dateTimeText(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function periodText(p: Period): string {
  return p.from ? `${p.from} 至 ${p.to}` : `截至 ${p.to}`;
}

/** A name list as Chinese writes it: 梁俊华、韦秀兰. */
export const names = (list: readonly string[]): string => list.join('、');

/** 2 of 3 → `2/3(67%)`; nothing expected → `—`. */
export function ratio(part: number, whole: number): string {
  return whole === 0 ? '—' : `${part}/${whole}(${Math.round((part / whole) * 100)}%)`;
}

/** The register's rows are numbered from 1, as on paper. */
export const numbered = (rows: Cell[][]): Cell[][] => rows.map((r, i) => [i + 1, ...r]);

export const SERIAL: RegisterColumn = { header: '序号', width: 3, align: 'center' };

/** A file name safe on every system, keeping the Chinese: `平桂区黄田镇人大代表联络站-接待选民登记簿-2026-01-01至2026-12-31`. */
export function documentFileName(doc: Pick<RegisterDocument, 'title' | 'place' | 'period'>): string {
  const period = doc.period.replace(/\s*至\s*/, '至').replace(/^截至\s*/, '截至');
  return `${doc.place}-${doc.title}-${period}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
