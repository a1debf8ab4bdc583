import { Card, Descriptions, Tag } from 'antd';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import type { Schemas } from '../../../shared/api.js';

type Clocks = Schemas['CaseClocks'];

/** Hours and minutes of a duration in minutes: 1 小时 5 分 / 1 h 5 min. */
function duration(minutes: number, l: (zh: string, en: string) => string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? l(`${h} 小时 ${m} 分`, `${h} h ${m} min`) : l(`${m} 分钟`, `${m} min`);
}

/**
 * The case's clocks (普宁 上码说 立马办): the station's transfer time from acceptance to the first
 * assignment (within 24 hours or not), the unit's sign-for limit and whether it was kept, and the
 * deadline rule the case follows. Shown once the case has been assigned.
 */
export function CaseClocks({ clocks }: { clocks: Clocks }) {
  const { l } = useI18n();
  if (clocks.transferMinutes === null && clocks.signDueDate === null) return null;
  return (
    <Card size="small" title={l('办理时限', 'Clocks')}>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={l('转办用时(受理→交办)', 'Transfer (accepted → assigned)')}>
          {clocks.transferMinutes === null ? '—' : (
            <>
              {duration(clocks.transferMinutes, l)}{' '}
              {clocks.transferredWithin24h ? <Tag color="green">{l('24 小时内', 'Within 24 h')}</Tag> : <Tag color="orange">{l('超过 24 小时', 'Over 24 h')}</Tag>}
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={l('签收时限', 'Sign for by')}>
          {clocks.signDueDate ? `${formatDate(clocks.signDueDate)} 24:00` : '—'}{' '}
          {clocks.signOverdue && <Tag color="red">{l('超期未签收', 'Not signed, overdue')}</Tag>}
          {clocks.signedOnTime === true && <Tag color="green">{l('按时签收', 'Signed on time')}</Tag>}
          {clocks.signedOnTime === false && <Tag color="orange">{l('逾期签收', 'Signed late')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={l('签收时间', 'Signed')}>{clocks.signedAt ? formatDateTime(clocks.signedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label={l('时限规则', 'Rule')} span={3}>
          {l(
            `办理 ${clocks.rule.deadlineDays} 个工作日,最长 ${clocks.rule.maxDays} 个工作日,签收 ${clocks.rule.signDays} 个工作日${clocks.rule.fromRegion ? '(本地区规则)' : ''}`,
            `${clocks.rule.deadlineDays} working days, at most ${clocks.rule.maxDays}, sign within ${clocks.rule.signDays}${clocks.rule.fromRegion ? ' (regional rule)' : ''}`,
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
