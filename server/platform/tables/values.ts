/**
 * Reading the values offices write in rosters and station lists: 男/女, 县(区)人大代表,
 * 第十八届, 1975年3月, 站长 … Each reader answers the coded value, or null when it does not
 * recognise the text (the caller reports the cell).
 */
import type { DeputyLevel, DeputyStatus, Gender, StationMemberRole, StationTier, StationType } from '../../../common/enums.js';
import { today } from '../clock.js';

/** Half-width, no spaces, no brackets: `县(区)人大代表` → `县区人大代表`. */
function squeeze(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s()[\]【】<>《》"'“”‘’]/g, '');
}

/** A list cell: `黄田镇联络站、公和村联络点`; also `,`, `;`, `/`, line breaks (and spaces when `spaces`). */
export function splitList(text: string, spaces = false): string[] {
  const separators = spaces ? /[、,,;;/|\n\s]+/ : /[、,,;;/|\n]+/;
  return text.split(separators).map((s) => s.trim()).filter(Boolean);
}

const HAN = /^[\p{Script=Han}·•]+$/u;

/**
 * A person's name as typed in a roster: two-character names are often padded to line up with
 * three-character ones (`王  芳`), so spaces inside an all-Chinese name are dropped.
 */
export function cleanName(text: string): string {
  const trimmed = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  const joined = trimmed.replace(/\s/g, '');
  return HAN.test(joined) ? joined : trimmed;
}

export function parseGender(text: string): Gender | null {
  const t = squeeze(text);
  if (['男', '男性', 'm', 'male', '男士'].includes(t)) return 'male';
  if (['女', '女性', 'f', 'female', '女士'].includes(t)) return 'female';
  return null;
}

/** `汉` → `汉族`; other text as it is. */
export function parseEthnicity(text: string): string {
  const t = text.normalize('NFKC').trim();
  if (!t) return '汉族';
  return /^[\p{Script=Han}]{1,4}$/u.test(t) && !t.endsWith('族') ? `${t}族` : t;
}

const LEVEL_WORDS: Record<string, DeputyLevel> = {
  全国: 'national', 国家: 'national', national: 'national', npc: 'national',
  省: 'provincial', 省级: 'provincial', 自治区: 'provincial', 直辖市: 'provincial', 省自治区直辖市: 'provincial', 省区市: 'provincial',
  provincial: 'provincial', province: 'provincial',
  市: 'city', 市级: 'city', 地级: 'city', 地市: 'city', 州: 'city', 自治州: 'city', 盟: 'city', 设区的市: 'city', 设区市: 'city', 地级市: 'city', 市州: 'city',
  city: 'city', prefecture: 'city',
  县: 'county', 县级: 'county', 区: 'county', 县区: 'county', 县市区: 'county', 县市: 'county', 旗: 'county', 县级市: 'county', 市辖区: 'county',
  county: 'county', district: 'county',
  乡: 'township', 镇: 'township', 乡镇: 'township', 乡级: 'township', 镇级: 'township', 民族乡: 'township', 苏木: 'township',
  township: 'township', town: 'township',
};

/**
 * One level as written: `全国`, `省`, `县(区)人大代表`, `乡镇人大代表`, `county` … The words
 * 人大代表 / 人大 / 代表 / 级 around the level are optional. `市` is the city (地级) congress;
 * a county-level city's deputies are written 县级市 or 县(市、区).
 */
export function parseLevel(text: string): DeputyLevel | null {
  let t = squeeze(text).replace(/[、,]/g, '');
  t = t.replace(/(人民代表大会代表|人大代表|人大|代表|deputy|deputies)$/, '');
  if (t in LEVEL_WORDS) return LEVEL_WORDS[t]!;
  const withoutJi = t.replace(/级$/, '');
  return LEVEL_WORDS[withoutJi] ?? null;
}

/** Every level of a cell; `unknown` lists the parts that are not a level. Repeats are dropped. */
export function parseLevels(text: string): { levels: DeputyLevel[]; unknown: string[] } {
  const levels: DeputyLevel[] = [];
  const unknown: string[] = [];
  for (const part of splitList(text)) {
    const level = parseLevel(part);
    if (level === null) unknown.push(part);
    else if (!levels.includes(level)) levels.push(level);
  }
  return { levels, unknown };
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 written in Chinese numerals (十七, 二十, 二十一, 一十八). */
export function chineseNumber(text: string): number | null {
  if (!text) return null;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 && text in DIGITS ? DIGITS[text]! : null;
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const before = text.slice(0, ten);
  const after = text.slice(ten + 1);
  const tens = before === '' ? 1 : before.length === 1 && before in DIGITS ? DIGITS[before]! : null;
  const ones = after === '' ? 0 : after.length === 1 && after in DIGITS ? DIGITS[after]! : null;
  return tens === null || ones === null ? null : tens * 10 + ones;
}

/** A congress's term: `第十八届`, `十八`, `18`, `18届`; 1–30. */
export function parseTerm(text: string): number | null {
  const t = squeeze(text).replace(/^第/, '').replace(/(届|term)$/, '');
  const n = /^\d{1,2}$/.test(t) ? Number(t) : chineseNumber(t);
  return n !== null && n >= 1 && n <= 30 ? n : null;
}

/**
 * The terms for a deputy's levels: one term for all of them, or one per level in the order the
 * levels were written. Null when the cell does not fit.
 */
export function parseTerms(text: string, levelCount: number): number[] | null {
  const parts = splitList(text);
  const terms = parts.map(parseTerm);
  if (terms.some((t) => t === null) || terms.length === 0) return null;
  if (terms.length === 1) return Array.from({ length: levelCount }, () => terms[0]!);
  return terms.length === levelCount ? (terms as number[]) : null;
}

/** The Excel day number of 1900-01-01 is 1 (with the 1900 leap-year bug, day 60 does not exist). */
function excelSerialYear(serial: number): number {
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  return new Date(ms).getUTCFullYear();
}

/**
 * The year of birth, from how rosters write it: `1975`, `1975.03`, `1975年3月`, `1975-03-02`,
 * `197503`, `19750302`, or an Excel day number (`27456`) when a date cell lost its format.
 */
export function parseBirthYear(text: string, thisYear = Number(today().slice(0, 4))): number | null {
  const t = text.normalize('NFKC').trim();
  let year: number | null = null;
  const lead = /^(\d{4})(?:$|[年./-]|\d{2}$|\d{4}$|\d{2}[./-]?\d{2}$)/.exec(t);
  if (lead) year = Number(lead[1]);
  else if (/^\d{5}(\.\d+)?$/.test(t)) year = excelSerialYear(Math.floor(Number(t)));
  else {
    const cn = /^(?:公元)?([〇零一二三四五六七八九]{4})年/.exec(t);
    if (cn) year = Number([...cn[1]!].map((c) => DIGITS[c]).join(''));
  }
  return year !== null && year >= 1900 && year <= thisYear ? year : null;
}

export function parseRole(text: string): StationMemberRole | null {
  const t = squeeze(text);
  if (['站长', '负责人', '召集人', 'head', 'stationhead'].includes(t)) return 'head';
  if (['联络员', '联系人', 'liaison', 'liaisonofficer'].includes(t)) return 'liaison';
  if (['驻站代表', '进站代表', '代表', '成员', 'resident', 'member', 'residentdeputy'].includes(t)) return 'resident';
  return null;
}

/** Roles for a deputy's stations: one for all, or one per station in order; blank is 驻站代表. */
export function parseRoles(text: string, stationCount: number): StationMemberRole[] | null {
  const parts = splitList(text);
  if (parts.length === 0) return Array.from({ length: stationCount }, () => 'resident');
  const roles = parts.map(parseRole);
  if (roles.some((r) => r === null)) return null;
  if (roles.length === 1) return Array.from({ length: stationCount }, () => roles[0]!);
  return roles.length === stationCount ? (roles as StationMemberRole[]) : null;
}

export function parseStatus(text: string): DeputyStatus | null {
  const t = squeeze(text);
  if (['', '现届', '现届代表', '现任', '在任', 'current'].includes(t)) return 'current';
  if (['往届', '往届代表', '原代表', '前任', 'former'].includes(t)) return 'former';
  return null;
}

const STATION_TYPE_WORDS: Record<string, StationType> = {
  中心站: 'center', 代表中心站: 'center', 联络中心站: 'center', center: 'center',
  联络站: 'station', 代表联络站: 'station', 人大代表联络站: 'station', station: 'station',
  联络点: 'point', 代表联络点: 'point', 人大代表联络点: 'point', point: 'point',
  代表之家: 'home', 人大代表之家: 'home', home: 'home',
  产业行业联系点: 'industry', 产业联系点: 'industry', 行业联系点: 'industry', industry: 'industry',
  代表法官检察官工作室: 'judicial', 代表法官工作室: 'judicial', 代表检察官工作室: 'judicial', 法官工作室: 'judicial', 检察官工作室: 'judicial', judicial: 'judicial',
  省际跨省联建站: 'cross_province', 省际联建站: 'cross_province', 跨省联建站: 'cross_province', 联建站: 'cross_province', crossprovince: 'cross_province', cross_province: 'cross_province',
};

export function parseStationType(text: string): StationType | null {
  return STATION_TYPE_WORDS[squeeze(text)] ?? null;
}

const STATION_TIER_WORDS: Record<string, StationTier> = {
  市级特色站: 'city_featured', 特色站: 'city_featured', 市级: 'city_featured', city_featured: 'city_featured', cityfeatured: 'city_featured',
  镇街道中心站: 'town_center', 镇中心站: 'town_center', 街道中心站: 'town_center', 乡镇中心站: 'town_center', 镇级: 'town_center', 乡镇: 'town_center', 镇街道: 'town_center', town_center: 'town_center', towncenter: 'town_center',
  村社区联络点: 'village_point', 村联络点: 'village_point', 社区联络点: 'village_point', 村级: 'village_point', 村社区: 'village_point', 村: 'village_point', 社区: 'village_point', village_point: 'village_point', villagepoint: 'village_point',
};

export function parseStationTier(text: string): StationTier | null {
  return STATION_TIER_WORDS[squeeze(text)] ?? null;
}
