import { Select, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../shared/i18n.js';

/** This year in Beijing time. */
export function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

/** A year to count: this year and the nine before (points start from zero each year). */
export function YearSelect({ value, onChange, style }: { value: number; onChange(year: number): void; style?: CSSProperties }) {
  const { l } = useI18n();
  const now = thisYear();
  return (
    <Select<number>
      value={value} onChange={onChange} style={style ?? { width: 120 }} aria-label={l('年度', 'Year')}
      options={Array.from({ length: 10 }, (_, i) => now - i).map((y) => ({ value: y, label: l(`${y} 年度`, `${y}`) }))}
    />
  );
}

/** Points with their sign, deductions in red: +2, −1.5, 0. */
export function PointsText({ points, strong }: { points: number; strong?: boolean }) {
  const text = points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0';
  return <Typography.Text strong={strong} type={points < 0 ? 'danger' : undefined}>{text}</Typography.Text>;
}

const GRADE_COLOURS: Record<string, string> = { first: 'red', second: 'orange', third: 'default' };

/** 一类 / 二类 / 三类 as a tag. */
export function GradeTag({ grade, label }: { grade: string | null; label: { zh: string; en: string } | null }) {
  const { label: text } = useI18n();
  if (!grade || !label) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={GRADE_COLOURS[grade]}>{text(label)}</Tag>;
}

/** A rank, the first three marked like medals. */
export function RankBadge({ rank }: { rank: number }) {
  const colours = ['#d4a017', '#9e9e9e', '#b87333'];
  const colour = colours[rank - 1];
  return (
    <span
      aria-label={`${rank}`}
      style={{
        display: 'inline-block', minWidth: 26, textAlign: 'center', borderRadius: 13, padding: '0 6px', lineHeight: '26px',
        fontWeight: 600, background: colour ?? '#f5f5f5', color: colour ? '#fff' : 'inherit',
      }}
    >
      {rank}
    </span>
  );
}
