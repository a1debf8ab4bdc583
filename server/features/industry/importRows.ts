/**
 * Checking the rows of a member-enterprise list for an industry contact point against the rules
 * of `POST /api/industry/points/:id/enterprises`: a name, a credit code whose check character is
 * right, a telephone of digits and marks. Also what only an import can get wrong: one code twice
 * in the file, or a code already a member of the point.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { MappedColumn } from '../../platform/tables/columns.js';
import { cleanName } from '../../platform/tables/values.js';
import type { SheetRow } from '../../platform/tables/read.js';
import { RowReader, type CheckedRow, type RowChecker } from '../../platform/tables/rows.js';
import { checkCreditCode, normaliseCreditCode } from './uscc.js';

/** A checked row as staged: what the commit writes. */
export interface EnterpriseRowData {
  name: string;
  creditCode: string;
  industry: string;
  address: string;
  contactName: string | null;
  contactPhone: string | null;
}

const TELEPHONE = /^[0-9+\-() ]{3,30}$/;

export class EnterpriseRowChecker implements RowChecker {
  /** Codes seen earlier in the file → the row they were on. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly db: Kysely<DB>, private readonly stationId: number, private readonly columns: MappedColumn[]) {}

  async check(rows: SheetRow[]): Promise<CheckedRow[]> {
    const checked = rows.map((row) => {
      const r = new RowReader('enterprises', this.columns, row.cells);
      return { rowNo: row.row, r, data: this.read(r) };
    });
    const codes = [...new Set(checked.map(({ data }) => data.creditCode).filter((c) => c.length === 18))];
    const existing = new Map<string, { id: number; name: string }>();
    for (let i = 0; i < codes.length; i += 500) {
      const found = await this.db.selectFrom('industry_enterprise').select(['id', 'name', 'credit_code'])
        .where('station_id', '=', this.stationId).where('credit_code', 'in', codes.slice(i, i + 500)).execute();
      for (const e of found) existing.set(e.credit_code, { id: e.id, name: e.name });
    }
    for (const { rowNo, r, data } of checked) {
      if (!data.creditCode || r.errors.some((e) => e.code === 'CREDIT_CODE_INVALID')) continue;
      const earlier = this.seen.get(data.creditCode);
      const registered = existing.get(data.creditCode);
      if (earlier !== undefined) r.fail('creditCode', 'DUPLICATE_IN_FILE', data.creditCode, { row: earlier });
      else if (registered) r.fail('creditCode', 'DUPLICATE_EXISTING', data.creditCode, registered);
      else this.seen.set(data.creditCode, rowNo);
    }
    return checked.map(({ rowNo, r, data }) => ({ rowNo, data: data as unknown as Record<string, unknown>, errors: r.errors }));
  }

  private read(r: RowReader): EnterpriseRowData {
    const name = r.name('name', 100, cleanName);
    const codeText = r.get('creditCode');
    const creditCode = normaliseCreditCode(codeText);
    if (!codeText) r.fail('creditCode', 'REQUIRED');
    else if (checkCreditCode(creditCode) !== null) r.fail('creditCode', 'CREDIT_CODE_INVALID', codeText);
    const phone = r.get('contactPhone');
    if (phone && !TELEPHONE.test(phone)) r.fail('contactPhone', 'TELEPHONE_INVALID', phone);
    return {
      name, creditCode,
      industry: r.text('industry', 50),
      address: r.text('address', 200),
      contactName: r.name('contactName', 50, cleanName, false) || null,
      contactPhone: phone || null,
    };
  }
}
