import { StarFilled } from '@ant-design/icons';
import { Select, Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../../shared/i18n.js';
import type { Ledger } from './types.js';

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

/** The 履职之星 a deputy was named for the year, one tag per awarding region, with the rank then. */
export function StarTags({ year, stars }: { year: number; stars: Ledger['stars'] | undefined }) {
  const { l } = useI18n();
  if (!stars?.length) return null;
  return (
    <div style={{ margin: '4px 0' }}>
      <Space size={[4, 4]} wrap>
        {stars.map((s) => (
          <Tag key={s.region.code} color="gold" icon={<StarFilled />} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
            {l(`${year} 年度履职之星 · ${s.region.fullName} 第 ${s.rank} 名`, `${year} star deputy · ${s.region.fullName}, rank ${s.rank}`)}
          </Tag>
        ))}
      </Space>
    </div>
  );
}
