/**
 * Checking the rows of a station list against the rules of `POST /api/stations` as the
 * importer: the home region in their subtree, a parent they can see. A parent may also be a
 * station earlier in the same file (a town's central station above its village points).
 */
import type { Kysely } from 'kysely';
import type { StationTier, StationType } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { MappedColumn } from '../../platform/tables/columns.js';
import { parseStationTier, parseStationType } from '../../platform/tables/values.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { RegionLookup, StationLookup } from '../imports/index.js';
import type { SheetRow } from '../../platform/tables/read.js';
import { RowReader, type CheckedRow, type RowChecker } from '../../platform/tables/rows.js';

export interface StationRowData {
  name: string;
  type: StationType | null;
  tier: StationTier | null;
  /** An existing station (`id`) or a row earlier in the file (`row`). */
  parent: { id: number | null; row: number | null; name: string } | null;
  region: { code: string; name: string; path: string } | null;
  address: string;
  phone: string | null;
  openingHours: string;
  description: string;
}

export class StationRowChecker implements RowChecker {
  private readonly regions: RegionLookup;
  private readonly stations: StationLookup;
  /** Station names earlier in the file → their row. */
  private readonly names = new Map<string, number>();
  /** name + home region earlier in the file → their row. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly db: Kysely<DB>, private readonly actor: Actor, private readonly columns: MappedColumn[]) {
    this.regions = new RegionLookup(db, actor);
    this.stations = new StationLookup(db, actor);
  }

  async check(rows: SheetRow[]): Promise<CheckedRow[]> {
    const readers = rows.map((row) => ({ rowNo: row.row, r: new RowReader('stations', this.columns, row.cells) }));
    await this.regions.prepare(readers.map(({ r }) => r.get('region')));
    await this.stations.prepare(readers.map(({ r }) => r.get('parent')));
    const checked = readers.map(({ rowNo, r }) => ({ rowNo, r, data: this.read(rowNo, r) }));
    await this.duplicates(checked);
    return checked.map(({ rowNo, r, data }) => ({ rowNo, data: data as unknown as Record<string, unknown>, errors: r.errors }));
  }

  private read(rowNo: number, r: RowReader): StationRowData {
    const name = r.name('name', 100, (text) => text.replace(/\s+/g, ' '));

    const typeText = r.get('type');
    const type = typeText ? parseStationType(typeText) : null;
    if (!typeText) r.fail('type', 'REQUIRED');
    else if (!type) r.fail('type', 'TYPE_UNKNOWN', typeText);

    const tierText = r.get('tier');
    const tier = tierText ? parseStationTier(tierText) : null;
    if (!tierText) r.fail('tier', 'REQUIRED');
    else if (!tier) r.fail('tier', 'TIER_UNKNOWN', tierText);

    const regionText = r.get('region');
    let region: StationRowData['region'] = null;
    if (!regionText) r.fail('region', 'REQUIRED');
    else {
      const found = this.regions.get(regionText);
      if ('ok' in found) region = { code: found.ok.code, name: found.ok.name, path: found.ok.path };
      else r.fail('region', found.error === 'AMBIGUOUS' ? 'REGION_AMBIGUOUS' : 'REGION_UNKNOWN', regionText);
    }

    const parentText = r.get('parent');
    let parent: StationRowData['parent'] = null;
    if (parentText) {
      const earlier = this.names.get(parentText);
      const found = this.stations.get(parentText);
      if (earlier !== undefined) parent = { id: null, row: earlier, name: parentText };
      else if ('ok' in found) parent = { id: found.ok.id, row: null, name: found.ok.name };
      else r.fail('parent', found.error === 'AMBIGUOUS' ? 'STATION_AMBIGUOUS' : 'PARENT_UNKNOWN', parentText);
    }
    if (name && !this.names.has(name)) this.names.set(name, rowNo);

    const phone = r.text('phone', 30);
    return {
      name, type, tier, parent, region,
      address: r.text('address', 200),
      phone: phone || null,
      openingHours: r.text('openingHours', 200),
      description: r.text('description', 2000),
    };
  }

  /** The same station (name and home region) earlier in the file, or already there for the importer to see. */
  private async duplicates(rows: { rowNo: number; r: RowReader; data: StationRowData }[]): Promise<void> {
    const names = [...new Set(rows.filter(({ data }) => data.name && data.region).map(({ data }) => data.name))];
    const existing = new Map<string, number>();
    for (let i = 0; i < names.length; i += 500) {
      const found = await this.db.selectFrom('station as s').select(['s.id', 's.name', 's.home_region_code'])
        .where('s.name', 'in', names.slice(i, i + 500))
        .where(stationVisible(this.actor, ref('s.id')))
        .execute();
      for (const s of found) existing.set(`${s.name}\u0000${s.home_region_code}`, s.id);
    }
    for (const { rowNo, r, data } of rows) {
      if (!data.name || !data.region) continue;
      const key = `${data.name}\u0000${data.region.code}`;
      const earlier = this.seen.get(key);
      const id = existing.get(key);
      if (earlier !== undefined) r.fail('name', 'DUPLICATE_IN_FILE', data.name, { row: earlier });
      else if (id !== undefined) r.fail('name', 'DUPLICATE_EXISTING', data.name, { id, name: data.name });
      else this.seen.set(key, rowNo);
    }
  }
}
