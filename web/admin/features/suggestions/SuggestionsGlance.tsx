import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { qs, type Answer } from '../../../shared/api.js';
import { percent, shanghaiMonth } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';

type Statistics = Answer<'/api/suggestions/statistics'>;

/**
 * The year's deputies' suggestions at a glance on the staff's home screen: how many came in, were
 * answered, on time, met face to face (面商率), satisfied the deputies, and how many are overdue now.
 */
export function SuggestionsGlance() {
  const { l } = useI18n();
  const year = shanghaiMonth().slice(0, 4);
  const query = useApiQuery<Statistics>(`/api/suggestions/statistics${qs({ groupBy: 'congress', from: `${year}-01-01T00:00:00+08:00` })}`);
  const t = query.data?.totals ?? null;
  const figures = [
    { title: l('本年代表建议', 'Suggestions this year'), value: t?.total },
    { title: l('已答复', 'Answered'), value: t?.answered },
    { title: l('按期答复率', 'Answered on time'), value: percent(t?.onTimeRate) },
    { title: l('面商率', 'Met face to face'), value: percent(t?.faceToFaceRate) },
    { title: l('代表满意率', 'Deputies satisfied'), value: percent(t?.satisfactionRate) },
    { title: l('逾期未答复', 'Overdue'), value: t?.overdue },
  ];
  return (
    <Card size="small" title={l('代表建议办理', 'Deputies’ suggestions')} extra={<Link to="/suggestions/statistics">{l('统计', 'Statistics')}</Link>}>
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.title} xs={12} sm={8} lg={4}><Statistic title={f.title} value={f.value ?? '—'} loading={query.isPending} /></Col>
        ))}
      </Row>
    </Card>
  );
}
