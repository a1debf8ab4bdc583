/**
 * Reads the rows of an uploaded .xlsx or .csv as it streams in, without holding the file:
 * exceljs's streaming reader for workbooks (each zip part through the guards of xlsxGuard.ts),
 * csv-parse for text. CSV files from Chinese offices come in UTF-8 (with or without a BOM),
 * GB18030/GBK (Excel's "CSV" on a Chinese Windows) or UTF-16 (Excel's "Unicode text",
 * tab-separated); the encoding and the separator are sniffed.
 *
 * The parsing runs in a worker thread (sheetWorker.ts), with bounds on everything a hostile
 * file could make large: a cell, a CSV record, the unpacked parts of a workbook, blank rows.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../errors.js';
import type { XlsxLimits } from './xlsxGuard.js';

export interface SheetRow {
  /** The row number as a spreadsheet shows it (1 = the first line). */
  row: number;
  cells: string[];
}

export interface ReadOptions {
  maxBytes: number;
  /** Called as bytes arrive, with the total so far. */
  onBytes?: (total: number) => void;
}

/** The bounds of parsing (see IMPORT_LIMITS in stage.ts), and where a workbook may keep a sheet on disk. */
export interface ParseLimits {
  /** A cell's characters (Excel's own limit is 32 767). */
  maxCellChars: number;
  /** A CSV record's characters, all its fields together. */
  maxRecordChars: number;
  /** Blank rows in the file, wherever they are. */
  maxBlankRows: number;
  xlsx: XlsxLimits;
  tmpDir: string;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * The upload's bytes, counted; more than `maxBytes` stops it with 413. When reading stops early
 * (too large, a bad file) the rest of the upload is drained, not destroyed: destroying an HTTP
 * request closes its connection before the error answer can be sent.
 */
export async function* counted(input: AsyncIterable<Buffer | string>, { maxBytes, onBytes }: ReadOptions): AsyncGenerator<Buffer> {
  const stream = input instanceof Readable ? input : null;
  const chunks = stream ? stream.iterator({ destroyOnReturn: false }) : input;
  let total = 0;
  let ended = false;
  try {
    for await (const chunk of chunks) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
      onBytes?.(total);
      yield buf;
    }
    ended = true;
  } finally {
    if (stream && !ended) stream.resume();
  }
}

/** Takes the first bytes off a stream for sniffing, and gives back a stream of all of it. */
async function peek(source: AsyncGenerator<Buffer>, size: number): Promise<{ head: Buffer; all: AsyncGenerator<Buffer> }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await source.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* all() {
    if (head.length) yield head;
    yield* source;
  }
  return { head, all: all() };
}

/** The file cannot be read: `reason` says why, in both languages (the error's message shows it). */
function unreadable(cause: 'xls' | string): AppError {
  const reason = cause === 'xls'
    ? { zh: '这是旧版 .xls 文件,请在 Excel 中另存为 .xlsx', en: 'an old .xls workbook; save it as .xlsx in Excel' }
    : { zh: `文件已损坏或不是表格:${cause}`, en: `damaged, or not a spreadsheet: ${cause}` };
  return new AppError('IMPORT_FILE_UNREADABLE', { reason });
}

/** A cell as text, whatever exceljs made of it (rich text, formula result, hyperlink, date). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
  }
  return String(value);
}

/**
 * exceljs pipes the upload into its unzipper, and a pipe does not pass on the source's error
 * (a file over the size limit, a dropped connection): without this the reader would wait for
 * the rest of the file for ever. Each wait subscribes to the failure and unsubscribes after, so
 * nothing piles up on a long file (racing every row against one pending promise would keep
 * every row reachable from it).
 */
class SourceFailure {
  error: unknown = null;
  private readonly waiting = new Set<(err: unknown) => void>();

  fail(err: unknown): void {
    this.error ??= err;
    for (const reject of this.waiting) reject(err);
    this.waiting.clear();
  }

  async next<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
    if (this.error) throw this.error;
    let reject!: (err: unknown) => void;
    const failed = new Promise<never>((_, r) => { reject = r; });
    this.waiting.add(reject);
    try {
      return await Promise.race([it.next(), failed]);
    } finally {
      this.waiting.delete(reject);
    }
  }
}

async function* untilFailed<T>(items: AsyncIterable<T>, failure: SourceFailure): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await failure.next(it);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    void it.return?.();
  }
}

async function* xlsxRows(all: AsyncGenerator<Buffer>, limits: ParseLimits): AsyncGenerator<SheetRow> {
  const source = Readable.from(all);
  const failure = new SourceFailure();
  source.once('error', (err) => failure.fail(err));
  // Styles are read so that date cells come back as dates (出生年月), not day numbers.
  // exceljs (through the guards) loads with the first workbook, not when the server starts.
  const { GuardedWorkbookReader } = await import('./xlsxGuard.js');
  const reader: ExcelJS.stream.xlsx.WorkbookReader = new GuardedWorkbookReader(source, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  }, limits.xlsx, limits.tmpDir);
  let first = true;
  try {
    for await (const sheet of untilFailed(reader, failure)) {
      // Only the first sheet is data; a template's notes sheet and any others are passed over.
      for await (const row of untilFailed(sheet, failure)) {
        if (!first) continue;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        yield { row: row.number, cells };
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
}

type Encoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

/** BOMs first; otherwise UTF-8 if the first bytes decode as UTF-8, else GB18030 (a superset of GBK). */
export function sniffEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  try {
    // `stream: true` lets a character cut at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/**
 * The separator: whichever of tab, comma and semicolon the first lines hold most of on one line
 * (the header may sit below a title line that has none).
 */
export function sniffDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 20);
  const most = (d: string) => Math.max(0, ...lines.map((l) => l.split(d).length - 1));
  const counts = ['\t', ',', ';'].map((d) => ({ d, n: most(d) })).sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/**
 * The bytes in slices of at most 16 KB: csv-parse turns a whole chunk into records before any is
 * read, so one megabyte of line breaks would become a million records before the blank-row limit
 * could stop it.
 */
async function* sliced(all: AsyncGenerator<Buffer>, size = 16 * 1024): AsyncGenerator<Buffer> {
  for await (const buf of all) for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function* csvRows(head: Buffer, all: AsyncGenerator<Buffer>, limits: ParseLimits): AsyncGenerator<SheetRow> {
  const encoding = sniffEncoding(head);
  const sample = iconv.decode(head, encoding);
  const delimiter = sniffDelimiter(sample.replace(/^\ufeff/, ''));
  const source = Readable.from(sliced(all));
  const text = source.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const parser = text.pipe(parse({
    delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false,
    // A field never closed, or one of millions of characters, stops here instead of filling memory.
    max_record_size: limits.maxRecordChars,
  }));
  // Pipes do not pass errors on: the size limit or a dropped upload must reach the reader.
  source.once('error', (err) => parser.destroy(err));
  text.once('error', (err) => parser.destroy(err));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map((c) => c.trim()) };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new AppError('IMPORT_CELL_TOO_LONG', { max: limits.maxCellChars, row: row + 1 });
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
}

async function* bytes(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * The rows of an uploaded sheet, in order, as text cells; blank rows are passed over (and
 * counted against `maxBlankRows`). A .xlsx is known by its zip signature; an old binary .xls is
 * refused (save it as .xlsx); anything else is read as CSV. Runs in the sheet worker.
 */
export async function* parseSheet(input: AsyncIterable<Buffer | string>, limits: ParseLimits): AsyncGenerator<SheetRow> {
  const { head, all } = await peek(bytes(input), SNIFF_BYTES);
  if (head.length === 0) throw new AppError('IMPORT_FILE_EMPTY');
  let rows: AsyncGenerator<SheetRow>;
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    rows = xlsxRows(all, limits);
  } else if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw unreadable('xls');
  } else {
    rows = csvRows(head, all, limits);
  }
  let blank = 0;
  for await (const row of rows) {
    if (row.cells.every((c) => !c)) {
      if (++blank > limits.maxBlankRows) throw new AppError('IMPORT_TOO_MANY_BLANK_ROWS', { max: limits.maxBlankRows });
      continue;
    }
    if (row.cells.some((c) => c.length > limits.maxCellChars)) throw new AppError('IMPORT_CELL_TOO_LONG', { max: limits.maxCellChars, row: row.row });
    yield row;
  }
}
