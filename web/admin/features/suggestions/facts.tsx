import { Tag, Tooltip } from 'antd';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { ANSWER_CATEGORIES } from './labels.js';
import type { AnswerCategory } from './types.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 14 → 十四, 23 → 二十三: a term's or session's number as congresses write it (1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? DIGITS[tens] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** A suggestion's statutory deadline: its last day (Beijing time), red once passed. */
export function SuggestionDeadline({ date, overdue }: { date: string | null; overdue?: boolean }) {
  const { l } = useI18n();
  if (!date) return <>—</>;
  return (
    <Tooltip title={l(`截至 ${formatDate(date)} 当日 24:00(北京时间)`, `Due by the end of ${formatDate(date)}, Beijing time`)}>
      <span style={{ color: overdue ? '#cf1322' : undefined }}>{formatDate(date)}</span>
      {overdue && <Tag color="red" style={{ marginInlineStart: 4 }}>{l('已超期', 'Overdue')}</Tag>}
    </Tooltip>
  );
}

/** The answer letter's category: A 类 (已解决或基本解决) …; `short` leaves the meaning to the tooltip. */
export function AnswerCategoryTag({ category, short }: { category: AnswerCategory | null; short?: boolean }) {
  const { label } = useI18n();
  if (!category) return null;
  const c = ANSWER_CATEGORIES[category];
  const text = short ? label(c.short) : `${label(c.short)}(${label(c.meaning)})`;
  return <Tooltip title={short ? label(c.meaning) : undefined}><Tag color={c.color}>{text}</Tag></Tooltip>;
}
