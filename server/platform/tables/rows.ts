import type { ImportRowError } from '../db/schemaImports.js';
import { COLUMNS, type ImportKind, type MappedColumn } from './columns.js';
import type { ImportRowErrorCode } from './rowErrors.js';
import type { SheetRow } from './read.js';
import { looksLikeFormula } from '../text/formula.js';

/** A data row after checking: what will be written, and what is wrong with it. */
export interface CheckedRow<D = Record<string, unknown>> {
  rowNo: number;
  data: D;
  errors: ImportRowError[];
}

/** Checks rows a chunk at a time (lookups are made once per chunk, not once per row). */
export interface RowChecker {
  check(rows: SheetRow[]): Promise<CheckedRow[]>;
}

/** One row's cells by field, and the errors found in it, each naming the column as the file does. */
export class RowReader {
  readonly errors: ImportRowError[] = [];
  private readonly byField = new Map<string, MappedColumn>();

  constructor(private readonly kind: ImportKind, columns: MappedColumn[], private readonly cells: string[]) {
    for (const c of columns) if (c.field) this.byField.set(c.field, c);
  }

  has(field: string): boolean {
    return this.byField.has(field);
  }

  get(field: string): string {
    const column = this.byField.get(field);
    return column ? (this.cells[column.index] ?? '').trim() : '';
  }

  /** The file's own header for a field, or the template's when the file has no such column. */
  header(field: string): string {
    return this.byField.get(field)?.header ?? COLUMNS[this.kind].find((s) => s.field === field)?.header ?? field;
  }

  fail(field: string, code: ImportRowErrorCode, value?: string, details?: Record<string, unknown>): void {
    this.errors.push({ column: this.header(field), code, ...(value !== undefined && { value }), ...(details && { details }) });
  }

  /**
   * A name (of a person, a station, an enterprise, a contact) as `clean` tidies it: required unless
   * told otherwise, at most `max` characters, and never text a spreadsheet would run as a formula
   * (`=HYPERLINK(…)`: `FORMULA_TEXT`). '' when blank.
   */
  name(field: string, max: number, clean: (text: string) => string, required = true): string {
    const value = clean(this.get(field));
    if (!value) {
      if (required) this.fail(field, 'REQUIRED');
    } else if ([...value].length > max) this.fail(field, 'TOO_LONG', value, { max });
    else if (looksLikeFormula(value)) this.fail(field, 'FORMULA_TEXT', value);
    return value;
  }

  /** A text cell of at most `max` characters ('' when blank). */
  text(field: string, max: number): string {
    const value = this.get(field);
    if ([...value].length > max) {
      this.fail(field, 'TOO_LONG', value, { max });
      return [...value].slice(0, max).join('');
    }
    return value;
  }
}
