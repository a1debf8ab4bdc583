import { Tag, Tooltip } from 'antd';
import { RATING_LABELS, type Rating } from '../../../../common/caseVocabulary.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { ProvisionalTag } from '../calendar/calendarNotice.js';

/**
 * A case's deadline as every screen shows it: its last day (the case is due by the end of that
 * day, Beijing time), and when it has passed, by how many working days.
 */
export function DeadlineText({ date, provisional, overdue, overdueWorkingDays }: {
  date: string | null;
  provisional?: boolean;
  overdue?: boolean;
  overdueWorkingDays?: number | null;
}) {
  const { l } = useI18n();
  if (!date) return <>—</>;
  return (
    <span>
      <Tooltip title={l(`截至 ${formatDate(date)} 当日 24:00(北京时间)`, `Due by the end of ${formatDate(date)}, Beijing time`)}>
        <span style={{ color: overdue ? '#cf1322' : undefined }}>{formatDate(date)}</span>
      </Tooltip>
      {overdue && <OverdueTag workingDays={overdueWorkingDays ?? null} />}
      <ProvisionalTag show={provisional} />
    </span>
  );
}

/** 已超期 N 个工作日 (N counted on the server from the holiday calendar); just 已超期 before a working day has passed. */
export function OverdueTag({ workingDays }: { workingDays: number | null }) {
  const { l } = useI18n();
  const text = workingDays
    ? l(`已超期 ${workingDays} 个工作日`, `Overdue by ${workingDays} working day${workingDays === 1 ? '' : 's'}`)
    : l('已超期', 'Overdue');
  return <Tag color="red" style={{ marginInlineStart: 4 }}>{text}</Tag>;
}

const RATING_COLORS: Record<Rating, string> = { satisfied: 'green', basically_satisfied: 'blue', unsatisfied: 'red' };

/** The constituent's rating: 满意 / 基本满意 / 不满意; a dash before she rates. */
export function RatingTag({ rating }: { rating: Rating | null | undefined }) {
  const { label } = useI18n();
  if (!rating) return <>—</>;
  return <Tag color={RATING_COLORS[rating]}>{label(RATING_LABELS.labels[rating])}</Tag>;
}
