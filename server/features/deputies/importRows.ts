/**
 * Checking the rows of a deputy roster (花名册) against the rules a new deputy must meet
 * (the same as `POST /api/deputies`: commands/deputies.ts and the route's body schema), as
 * the importer: regions in their subtree, stations they can see. Also what only an import can
 * get wrong: one person twice in the file, or a person already registered.
 */
import type { Kysely } from 'kysely';
import { DEPUTY_LEVELS, type DeputyLevel, type DeputyStatus, type Gender, type StationMemberRole } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { CONGRESS_REGION_LEVEL } from '../terms/index.js';
import type { MappedColumn } from '../../platform/tables/columns.js';
import {
  cleanName, parseBirthYear, parseEthnicity, parseGender, parseLevels, parseRoles, parseStatus, parseTerms, splitList,
} from '../../platform/tables/values.js';
import { isMainlandMobile, normalisePhone } from '../../platform/text/phone.js';
import { nameToPinyin } from '../../platform/text/pinyin.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyVisible, ref } from '../../platform/access/scope.js';
import { RegionLookup, StationLookup } from '../imports/index.js';
import type { SheetRow } from '../../platform/tables/read.js';
import { RowReader, type CheckedRow, type RowChecker } from '../../platform/tables/rows.js';

/** A checked roster row as staged: everything the commit writes, plus names for the preview. */
export interface DeputyRowData {
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: Gender | null;
  ethnicity: string;
  party: string;
  birthYear: number | null;
  phone: string | null;
  status: DeputyStatus;
  region: { code: string; name: string; path: string } | null;
  constituency: string;
  occupation: string;
  professionTags: string[];
  gridCell: string | null;
  levels: { level: DeputyLevel; term: number; regionCode: string | null }[];
  stations: { id: number; name: string; role: StationMemberRole }[];
  /**
   * In a roster for an election round: the registered person the row is (same name and phone,
   * or same name and year of birth), who is then not created again. Null when none.
   */
  match?: { id: number; name: string; by: 'phone' | 'birthYear' } | null;
}

/** Keys under which two rows are the same person: name + phone, name + year of birth. */
export function personKeys(d: { name: string; phone: string | null; birthYear: number | null }): string[] {
  const keys: string[] = [];
  if (d.phone) keys.push(`${d.name}\u0000p${d.phone}`);
  if (d.birthYear !== null) keys.push(`${d.name}\u0000y${d.birthYear}`);
  return keys;
}

/** Which of `personKeys` a key is: the phone one or the year-of-birth one. */
export function personKeyKind(key: string): 'phone' | 'birthYear' {
  return key.includes('\u0000p') ? 'phone' : 'birthYear';
}

export class DeputyRowChecker implements RowChecker {
  private readonly regions: RegionLookup;
  private readonly stations: StationLookup;
  /** Person keys seen earlier in the file → the row they were on. */
  private readonly seen = new Map<string, number>();

  /**
   * `matchExisting`: a roster for an election round, whose rows may be people already
   * registered (re-elected, or returning); they are matched instead of refused as duplicates.
   */
  constructor(
    private readonly db: Kysely<DB>, private readonly actor: Actor, private readonly columns: MappedColumn[],
    private readonly options: { matchExisting?: boolean } = {},
  ) {
    this.regions = new RegionLookup(db, actor);
    this.stations = new StationLookup(db, actor);
  }

  /** The region a row names, or the importer's own region when the cell (or column) is blank. */
  private regionValue(r: RowReader): string {
    return r.get('region') || this.actor.regionCode || '';
  }

  async check(rows: SheetRow[]): Promise<CheckedRow[]> {
    const readers = rows.map((row) => ({ row, r: new RowReader('deputies', this.columns, row.cells) }));
    await this.regions.prepare(readers.map(({ r }) => this.regionValue(r)));
    await this.stations.prepare(readers.flatMap(({ r }) => splitList(r.get('stations'))));
    const checked = readers.map(({ row, r }) => ({ rowNo: row.row, r, data: this.read(r) }));
    await this.regions.prepareAncestors(checked.flatMap(({ data }) => (data.region ? [data.region.path] : [])));
    for (const { r, data } of checked) this.congresses(r, data);
    await this.duplicates(checked);
    return checked.map(({ rowNo, r, data }) => ({ rowNo, data: data as unknown as Record<string, unknown>, errors: r.errors }));
  }

  private read(r: RowReader): DeputyRowData {
    const name = r.name('name', 50, cleanName);

    const genderText = r.get('gender');
    const gender = genderText ? parseGender(genderText) : null;
    if (!genderText) r.fail('gender', 'REQUIRED');
    else if (!gender) r.fail('gender', 'GENDER_INVALID', genderText);

    const ethnicity = parseEthnicity(r.get('ethnicity'));
    if ([...ethnicity].length > 20) r.fail('ethnicity', 'TOO_LONG', ethnicity, { max: 20 });
    const party = r.text('party', 30);

    const birthText = r.get('birthYear');
    const birthYear = birthText ? parseBirthYear(birthText) : null;
    if (birthText && birthYear === null) r.fail('birthYear', 'BIRTH_YEAR_INVALID', birthText);

    const phoneText = r.get('phone');
    let phone: string | null = null;
    if (phoneText) {
      if (isMainlandMobile(phoneText)) phone = normalisePhone(phoneText);
      else r.fail('phone', 'PHONE_INVALID', phoneText);
    }

    const statusText = r.get('status');
    const status = parseStatus(statusText);
    if (status === null) r.fail('status', 'STATUS_UNKNOWN', statusText);

    let region: DeputyRowData['region'] = null;
    const regionText = this.regionValue(r);
    if (!regionText) r.fail('region', 'REQUIRED');
    else {
      const found = this.regions.get(regionText);
      if ('ok' in found) region = { code: found.ok.code, name: found.ok.name, path: found.ok.path };
      else r.fail('region', found.error === 'AMBIGUOUS' ? 'REGION_AMBIGUOUS' : 'REGION_UNKNOWN', regionText);
    }

    const levelText = r.get('levels');
    const { levels, unknown } = parseLevels(levelText);
    for (const u of unknown) r.fail('levels', 'LEVEL_UNKNOWN', u);
    let terms: number[] = [];
    if (levels.length) {
      const termText = r.get('term');
      const parsed = termText ? parseTerms(termText, levels.length) : null;
      if (!termText) r.fail('term', 'REQUIRED');
      else if (!parsed) r.fail('term', 'TERM_INVALID', termText);
      terms = parsed ?? [];
    }

    const tags = [...new Set(splitList(r.get('tags'), true))];
    if (tags.length > 20) r.fail('tags', 'TOO_MANY', r.get('tags'), { max: 20 });
    for (const t of tags) if ([...t].length > 20) r.fail('tags', 'TOO_LONG', t, { max: 20 });

    const stationNames = [...new Set(splitList(r.get('stations')))];
    if (stationNames.length > 20) r.fail('stations', 'TOO_MANY', r.get('stations'), { max: 20 });
    const roleText = r.get('roles');
    const roles = parseRoles(roleText, stationNames.length);
    if (!roles) r.fail('roles', 'ROLE_UNKNOWN', roleText);
    const stations: DeputyRowData['stations'] = [];
    stationNames.forEach((stationName, i) => {
      const found = this.stations.get(stationName);
      if (!('ok' in found)) r.fail('stations', found.error === 'AMBIGUOUS' ? 'STATION_AMBIGUOUS' : 'STATION_UNKNOWN', stationName);
      else if (!found.ok.active) r.fail('stations', 'STATION_INACTIVE', stationName);
      else if (!stations.some((s) => s.id === found.ok.id)) stations.push({ id: found.ok.id, name: found.ok.name, role: roles?.[i] ?? 'resident' });
    });

    const py = name ? nameToPinyin(name) : { pinyin: '', initials: '' };
    return {
      name, namePinyin: py.pinyin, nameInitials: py.initials, gender, ethnicity, party, birthYear, phone,
      status: status ?? 'current', region,
      constituency: r.text('constituency', 100),
      occupation: r.text('occupation', 100),
      professionTags: tags,
      gridCell: r.text('grid', 100) || null,
      levels: levels.map((level, i) => ({ level, term: terms[i] ?? 0, regionCode: null })),
      stations,
    };
  }

  /**
   * Each level's congress is the region of that level at or above the deputy's own region
   * (their lowest congress): a county deputy registered in 黄田镇 sits in 平桂区's congress.
   */
  private congresses(r: RowReader, data: DeputyRowData): void {
    if (!data.region) return;
    for (const l of data.levels) {
      const level = CONGRESS_REGION_LEVEL[l.level];
      if (level === null) continue;
      const congress = this.regions.ancestor(data.region.path, level);
      if (congress) l.regionCode = congress.code;
      else r.fail('levels', 'LEVEL_REGION_MISMATCH', data.region.name, { level: DEPUTY_LEVELS.labels[l.level] });
    }
  }

  /** The same person earlier in the file, or already registered where the importer can see. */
  private async duplicates(rows: { rowNo: number; r: RowReader; data: DeputyRowData }[]): Promise<void> {
    const names = [...new Set(rows.filter(({ data }) => data.name && (data.phone || data.birthYear !== null)).map(({ data }) => data.name))];
    const existing = new Map<string, { id: number; name: string }>();
    for (let i = 0; i < names.length; i += 500) {
      const found = await this.db.selectFrom('deputy as d').select(['d.id', 'd.name', 'd.phone', 'd.birth_year'])
        .where('d.name', 'in', names.slice(i, i + 500))
        .where(deputyVisible(this.actor, ref('d.id'), ref('d.region_path')))
        .execute();
      for (const d of found) {
        for (const key of personKeys({ name: d.name, phone: d.phone, birthYear: d.birth_year })) existing.set(key, { id: d.id, name: d.name });
      }
    }
    for (const { rowNo, r, data } of rows) {
      if (!data.name) continue;
      const keys = personKeys(data);
      const earlier = keys.map((k) => this.seen.get(k)).find((n) => n !== undefined);
      const matchKey = keys.find((k) => existing.has(k));
      const registered = matchKey === undefined ? undefined : existing.get(matchKey);
      if (earlier !== undefined) r.fail('name', 'DUPLICATE_IN_FILE', data.name, { row: earlier });
      else if (registered && this.options.matchExisting) data.match = { id: registered.id, name: registered.name, by: personKeyKind(matchKey!) };
      else if (registered) r.fail('name', 'DUPLICATE_EXISTING', data.name, { id: registered.id, name: registered.name });
      if (this.options.matchExisting && data.match === undefined) data.match = null;
      for (const k of keys) if (!this.seen.has(k)) this.seen.set(k, rowNo);
    }
  }
}
