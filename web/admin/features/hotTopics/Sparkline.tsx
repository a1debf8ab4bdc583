import { useI18n } from '../../../shared/i18n.js';

/**
 * A topic's opinions week by week as small bars (oldest left), the last two weeks in red when
 * the topic is rising: drawn as SVG, so a list of twenty topics on a phone costs no chart library.
 */
export function Sparkline({ weekly, rising, height = 36 }: { weekly: { weekStart: string; count: number }[]; rising: boolean; height?: number }) {
  const { l } = useI18n();
  const max = Math.max(1, ...weekly.map((w) => w.count));
  const n = Math.max(1, weekly.length);
  const gap = 2;
  const width = n * 10;
  const text = weekly.map((w) => `${w.weekStart.slice(5)}: ${w.count}`).join(l(',', ', '));
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img"
      aria-label={l(`每周意见数:${text}`, `Opinions per week: ${text}`)} data-testid="hot-topic-sparkline"
      style={{ display: 'block' }}
    >
      <title>{text}</title>
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#f0f0f0" strokeWidth={1} />
      {weekly.map((w, i) => {
        const h = w.count === 0 ? 0 : Math.max(2, (w.count / max) * (height - 2));
        const recent = i >= n - 2;
        return (
          <rect
            key={w.weekStart} x={i * 10 + gap / 2} y={height - h} width={10 - gap} height={h} rx={1}
            fill={recent && rising ? '#cf1322' : recent ? '#1677ff' : '#91caff'}
          />
        );
      })}
    </svg>
  );
}
