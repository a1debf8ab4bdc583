import { DatePicker, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';
import { useI18n } from '../../shared/i18n.js';

/** A period as the registers take it: civil dates, both inclusive; `from` null = from the first record. */
export interface Period { from: string | null; to: string }

const DAY = 'YYYY-MM-DD';
const fmt = (d: Dayjs) => d.format(DAY);

/** The periods registers are usually kept for: this month, last month, this quarter, this year, last year. */
export function periodPresets(today = dayjs()) {
  const quarterStart = today.startOf('month').subtract(today.month() % 3, 'month');
  return {
    month: { from: fmt(today.startOf('month')), to: fmt(today.endOf('month')) },
    lastMonth: { from: fmt(today.subtract(1, 'month').startOf('month')), to: fmt(today.subtract(1, 'month').endOf('month')) },
    quarter: { from: fmt(quarterStart), to: fmt(quarterStart.add(2, 'month').endOf('month')) },
    year: { from: fmt(today.startOf('year')), to: fmt(today.endOf('year')) },
    lastYear: { from: fmt(today.subtract(1, 'year').startOf('year')), to: fmt(today.subtract(1, 'year').endOf('year')) },
  };
}

interface Props {
  value: Period;
  onChange(p: Period): void;
  /** Offer "everything recorded" (the archive's default), where `from` is null. */
  allowAll?: boolean;
  style?: (width: number, wholeRow?: boolean) => CSSProperties;
}

/**
 * A preset (本月, 本年 …) or two dates. Two plain date fields rather than a range picker: on a
 * phone a range picker's two calendars do not fit.
 */
export function PeriodPicker({ value, onChange, allowAll, style = (w) => ({ width: w }) }: Props) {
  const { l } = useI18n();
  const presets = periodPresets();
  const today = fmt(dayjs());
  const options = [
    ...(allowAll ? [{ value: 'all', label: l('全部记录', 'Everything recorded') }] : []),
    { value: 'month', label: l('本月', 'This month') },
    { value: 'lastMonth', label: l('上月', 'Last month') },
    { value: 'quarter', label: l('本季度', 'This quarter') },
    { value: 'year', label: l('本年度', 'This year') },
    { value: 'lastYear', label: l('上年度', 'Last year') },
  ];
  const chosen = value.from === null ? 'all'
    : Object.entries(presets).find(([, p]) => p.from === value.from && p.to === value.to)?.[0];
  return (
    <>
      <Select
        aria-label={l('时间段', 'Period')} style={style(120)} value={chosen ?? null} placeholder={l('自定义', 'Custom')} options={options}
        onChange={(key: string) => onChange(key === 'all' ? { from: null, to: today } : presets[key as keyof typeof presets])}
      />
      <DatePicker
        aria-label={l('开始日期', 'From')} placeholder={l('开始日期', 'From')} style={style(140)} allowClear={allowAll}
        value={value.from ? dayjs(value.from) : null}
        onChange={(d) => onChange({ from: d ? fmt(d) : null, to: value.to })}
      />
      <DatePicker
        aria-label={l('结束日期', 'To')} placeholder={l('结束日期', 'To')} style={style(140)} allowClear={false}
        value={dayjs(value.to)} onChange={(d) => d && onChange({ from: value.from, to: fmt(d) })}
      />
    </>
  );
}
