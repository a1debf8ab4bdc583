/**
 * The statutory public holidays of 《全国年节及纪念日放假办法》 (2024 revision, in force from
 * 1 January 2025; every earlier year has its official schedule shipped), from which the
 * server builds a **provisional** calendar for a year whose State Council schedule
 * (国务院办公厅部分节假日安排) has not been entered yet:
 *
 * | holiday | days | date |
 * |---|---|---|
 * | 元旦 | 1 | 1 January |
 * | 春节 | 4 | 除夕 (the last day of the lunar year, the 29th or 30th of the 12th month) and lunar 1-1 to 1-3 |
 * | 清明节 | 1 | the day of the solar term 清明 |
 * | 劳动节 | 2 | 1–2 May |
 * | 端午节 | 1 | lunar 5-5 |
 * | 中秋节 | 1 | lunar 8-15 |
 * | 国庆节 | 3 | 1–3 October |
 *
 * Only these statutory rest days are provisional rest days. The yearly schedule also moves
 * weekends around them (调休: a holiday falling on a weekend is made up on a working day, and
 * bridging days are taken off against makeup Saturdays and Sundays); those choices are the State
 * Council's and cannot be predicted, so the provisional calendar adds no makeup working day and
 * does not move a holiday that falls on a weekend. Lunar dates and the solar term come from the
 * `tyme4ts` package, not from a table typed here.
 */
import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';

export const STATUTORY_SOURCE = '《全国年节及纪念日放假办法》(2024年修订) 法定假日,暂定';

export interface StatutoryDay {
  date: string;
  kind: 'rest';
  name: string;
}

function iso(d: SolarDay): string {
  return `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
}

/** The statutory rest days of a Gregorian year, in date order. */
export function statutoryRestDays(year: number): StatutoryDay[] {
  const springFestival = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, kind: 'rest', name: '元旦' },
    // 除夕 is the day before lunar 1-1, whether the 12th month ended on its 29th or its 30th.
    ...[-1, 0, 1, 2].map((n) => ({ date: iso(springFestival.next(n)), kind: 'rest' as const, name: '春节' })),
    { date: iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()), kind: 'rest', name: '清明节' },
    { date: `${year}-05-01`, kind: 'rest', name: '劳动节' },
    { date: `${year}-05-02`, kind: 'rest', name: '劳动节' },
    { date: iso(LunarDay.fromYmd(year, 5, 5).getSolarDay()), kind: 'rest', name: '端午节' },
    { date: iso(LunarDay.fromYmd(year, 8, 15).getSolarDay()), kind: 'rest', name: '中秋节' },
    ...[1, 2, 3].map((d) => ({ date: `${year}-10-0${d}`, kind: 'rest' as const, name: '国庆节' })),
  ];
  // 中秋 may fall on 1–3 October (as in 2028 on 10-03): one rest day, both names.
  const byDate = new Map<string, StatutoryDay>();
  for (const d of days) {
    const seen = byDate.get(d.date);
    byDate.set(d.date, seen ? { ...seen, name: `${seen.name}、${d.name}` } : d);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
