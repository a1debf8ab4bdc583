/**
 * An .xlsx is a zip of XML parts, and a few kilobytes of zip can unpack to gigabytes (one cell
 * of fifty million repeated characters compresses to 50 KB). exceljs's streaming reader would
 * unpack every part in full and hold each text node whole before handing it on, so the bounds
 * are set here, on the unpacked bytes of every part as they stream out of the zip, before the
 * XML parser sees them:
 *
 * - all parts together unpack to at most `maxUnpackedBytes`, the shared strings (which are kept
 *   in memory while the sheet is read) to at most `maxSharedStringsBytes`;
 * - between two XML tags there are at most `maxXmlSegmentBytes` (a cell's text, a tag with its
 *   attributes, a CDATA section or a comment), so no single string grows large;
 * - at most `maxEntries` parts.
 *
 * `GuardedWorkbookReader` is exceljs's `WorkbookReader` with its `parse` redone to pass each part
 * through these guards (the rest — rows, styles, shared strings — is exceljs's own), and to keep
 * a worksheet that comes before the shared strings in `tmpDir` (which its caller removes).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

export interface XlsxLimits {
  maxUnpackedBytes: number;
  maxSharedStringsBytes: number;
  maxXmlSegmentBytes: number;
  maxEntries: number;
  /** The characters of a cell, reported in IMPORT_CELL_TOO_LONG. */
  maxCellChars: number;
}

// exceljs's own unzipper and stream helper, as its reader uses them.
const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzip = fromExceljs('unzipper') as { Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream };
const iterateStream = fromExceljs('./lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<Buffer>;

interface ZipEntry extends Readable { path: string }

/** What `parse` uses of exceljs's reader beyond its typed surface. */
interface ReaderInternals {
  input: Readable;
  sharedStrings?: unknown[];
  workbookRels?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
}

function tooComplex(zh: string, en: string): AppError {
  return new AppError('IMPORT_FILE_TOO_COMPLEX', { reason: { zh, en } });
}

const MB = 1024 * 1024;

/** The unpacked bytes of the whole file, shared by its parts. */
class UnpackBudget {
  private total = 0;
  constructor(private readonly limits: XlsxLimits) {}
  take(n: number): void {
    this.total += n;
    if (this.total > this.limits.maxUnpackedBytes) {
      const mb = Math.round(this.limits.maxUnpackedBytes / MB);
      throw tooComplex(`解压后超过 ${mb} MB,可能是压缩炸弹`, `it unpacks to more than ${mb} MB, possibly a zip bomb`);
    }
  }
}

const LT = 0x3c;
const GT = 0x3e;
const BANG = 0x21;
const DASH = 0x2d;
const BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Passes a part's unpacked bytes on, counting them; for XML it also measures every stretch from
 * one `<` to the next (a tag and the text after it; a CDATA section or comment, which may hold
 * `<`, from its start to its end).
 */
class PartGuard extends Transform {
  private size = 0;
  private run = 0;
  /** 0 text or tag, 1 just after `<`, 2 just after `<!`, 3 comment, 4 CDATA, 5 other declaration. */
  private state = 0;
  private tail = 0;

  constructor(
    private readonly budget: UnpackBudget, private readonly maxPartBytes: number, private readonly xml: boolean, private readonly limits: XlsxLimits,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.budget.take(chunk.length);
      this.size += chunk.length;
      if (this.size > this.maxPartBytes) {
        const mb = Math.round(this.maxPartBytes / MB);
        throw tooComplex(`共享字符串解压后超过 ${mb} MB`, `its shared strings unpack to more than ${mb} MB`);
      }
      if (this.xml) this.scan(chunk);
      callback(null, chunk);
    } catch (err) {
      callback(err as Error);
    }
  }

  private tooLong(): AppError {
    return new AppError('IMPORT_CELL_TOO_LONG', { max: this.limits.maxCellChars });
  }

  private scan(buf: Buffer): void {
    const max = this.limits.maxXmlSegmentBytes;
    let i = 0;
    while (i < buf.length) {
      if (this.state === 0) {
        const lt = buf.indexOf(LT, i);
        const end = lt === -1 ? buf.length : lt;
        this.run += end - i;
        if (this.run > max) throw this.tooLong();
        if (lt === -1) return;
        this.run = 0;
        this.state = 1;
        i = lt + 1;
        continue;
      }
      const b = buf[i++]!;
      if (++this.run > max) throw this.tooLong();
      if (this.state === 1) {
        this.state = b === BANG ? 2 : 0;
      } else if (this.state === 2) {
        this.state = b === DASH ? 3 : b === BRACKET ? 4 : 5;
        this.tail = 0;
      } else if (this.state === 5) {
        if (b === GT) this.state = 0;
      } else {
        const closing = this.state === 3 ? DASH : CLOSE_BRACKET;
        if (b === GT && (this.tail & 0xff) === closing && (this.tail >> 8) === closing) this.state = 0;
        this.tail = ((this.tail << 8) | b) & 0xffff;
      }
    }
  }
}

/** Reads a part to its end (or its guard's error). */
async function drain(part: Readable): Promise<void> {
  if (part.readableEnded || part.destroyed) return;
  for await (const _ of part) { /* counted and checked by its guard */ }
}

export class GuardedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>, private readonly limits: XlsxLimits, private readonly tmpDir: string,
  ) {
    super(input, options);
  }

  // A copy of exceljs 4.4's `WorkbookReader.parse`, each part read through its guard.
  override async *parse(): AsyncGenerator<unknown> {
    const self = this as unknown as ReaderInternals;
    const zip = unzip.Parse({ forceStream: true });
    self.input.pipe(zip);
    const budget = new UnpackBudget(this.limits);
    const waiting: { sheetNo: string; file: string }[] = [];
    let entries = 0;
    for await (const raw of iterateStream(zip as unknown as Readable)) {
      const entry = raw as unknown as ZipEntry;
      if (++entries > this.limits.maxEntries) {
        throw tooComplex(`压缩包内超过 ${this.limits.maxEntries} 个文件`, `its zip holds more than ${this.limits.maxEntries} parts`);
      }
      const xml = /\.(xml|rels)$/i.test(entry.path);
      const maxPart = entry.path === 'xl/sharedStrings.xml' ? this.limits.maxSharedStringsBytes : Infinity;
      const part = entry.pipe(new PartGuard(budget, maxPart, xml, this.limits));
      entry.once('error', (err) => part.destroy(err));
      const sheet = /^xl\/worksheets\/sheet(\d+)[.]xml$/.exec(entry.path);
      const links = /^xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels$/.exec(entry.path);
      if (entry.path === 'xl/_rels/workbook.xml.rels') await self._parseRels(part);
      else if (entry.path === 'xl/workbook.xml') await self._parseWorkbook(part);
      else if (entry.path === 'xl/sharedStrings.xml') yield* self._parseSharedStrings(part);
      else if (entry.path === 'xl/styles.xml') await self._parseStyles(part);
      else if (sheet) {
        if (self.sharedStrings && self.workbookRels) {
          yield* self._parseWorksheet(iterateStream(part), sheet[1]!);
        } else {
          // Its strings come later in the zip: kept on disk until they are read.
          const file = path.join(this.tmpDir, `sheet-${entries}.xml`);
          await pipeline(part, createWriteStream(file));
          waiting.push({ sheetNo: sheet[1]!, file });
        }
      } else if (links) {
        yield* self._parseHyperlinks(iterateStream(part), links[1]!);
      }
      await drain(part);
    }
    for (const { sheetNo, file } of waiting) {
      yield* self._parseWorksheet(iterateStream(createReadStream(file)), sheetNo);
      await rm(file, { force: true });
    }
  }
}
