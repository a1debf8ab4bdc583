/**
 * Terms (届) of a people's congress: how a term is named, which days of a deputy's work it
 * covers, and how the terms of one congress fit together. Every congress is elected for five
 * years at a time (the NPC and the provincial, city, county and township congresses alike); a
 * term runs from its first session until the next congress's first session, so the terms of
 * one congress follow one another without gaps or overlaps.
 */
import type { DeputyLevel } from '../../../common/enums.js';

/** A term's number and dates (`YYYY-MM-DD`); `endsOn` is null while it is the running term. */
export interface TermDates { number: number; startsOn: string; endsOn: string | null }

export interface Label { zh: string; en: string }

const DIGITS = '〇一二三四五六七八九';

/** 1 … 99 as a congress writes its term: 四, 十二, 二十一 (第十二届). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * The name of a congress's term as it styles itself: 平桂区第四届人民代表大会, 第十四届全国人民代表大会.
 * The National People's Congress has no region.
 */
export function congressTermName(level: DeputyLevel, regionName: string | null, number: number): Label {
  if (level === 'national' || regionName === null) {
    return { zh: `第${chineseNumeral(number)}届全国人民代表大会`, en: `${ordinal(number)} National People's Congress` };
  }
  return { zh: `${regionName}第${chineseNumeral(number)}届人民代表大会`, en: `${ordinal(number)} People's Congress of ${regionName}` };
}

/**
 * The days of a deputy's work a term covers: from its first day to its last, or to today
 * while it runs. A running term registered ahead of its first day covers that day only (an
 * empty archive), never a period that ends before it starts.
 */
export function termPeriod(term: Pick<TermDates, 'startsOn' | 'endsOn'>, today: string): { from: string; to: string } {
  if (term.endsOn !== null) return { from: term.startsOn, to: term.endsOn };
  return { from: term.startsOn, to: today < term.startsOn ? term.startsOn : today };
}

/** Whether the term is running on `today`. */
export function isCurrentTerm(term: Pick<TermDates, 'startsOn' | 'endsOn'>, today: string): boolean {
  return term.startsOn <= today && (term.endsOn === null || term.endsOn >= today);
}

const OPEN_END = '9999-12-31';

export type TermConflict = { kind: 'exists' | 'overlap' | 'order'; other: TermDates };

/**
 * Why a term cannot stand beside the other terms of the same congress, or null when it can:
 * the number is taken (`exists`), the dates share a day with another term (`overlap`; a
 * running term, with no end, overlaps every later one), or the numbers do not follow the
 * dates (`order`: 第十二届 cannot come before 第十一届).
 */
export function termConflict(term: TermDates, others: readonly TermDates[]): TermConflict | null {
  const same = others.find((o) => o.number === term.number);
  if (same) return { kind: 'exists', other: same };
  const end = (t: TermDates) => t.endsOn ?? OPEN_END;
  const overlapping = others.find((o) => o.startsOn <= end(term) && term.startsOn <= end(o));
  if (overlapping) return { kind: 'overlap', other: overlapping };
  const outOfOrder = others.find((o) => (o.number < term.number) !== (o.startsOn < term.startsOn));
  return outOfOrder ? { kind: 'order', other: outOfOrder } : null;
}

/** A term's dates as people read them: `2021-12-28 至 2026-12-27`, `2021-12-28 至今`. */
export function termDatesText(term: Pick<TermDates, 'startsOn' | 'endsOn'>): Label {
  return term.endsOn === null
    ? { zh: `${term.startsOn} 至今`, en: `${term.startsOn} – present` }
    : { zh: `${term.startsOn} 至 ${term.endsOn}`, en: `${term.startsOn} – ${term.endsOn}` };
}
