import { Breadcrumb, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { RequireAbility } from '../../kit/common.js';
import { HotTopicDetail } from './HotTopicDetail.js';

/** One hot topic on its own page: where a phone opens it from the list, and where links to it lead. */
export function HotTopicPage() {
  const { id } = useParams();
  const { l } = useI18n();
  return (
    <RequireAbility ability="hotTopic.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Breadcrumb items={[{ title: <Link to="/hot-topics">{l('热点议题', 'Hot topics')}</Link> }, { title: l('议题详情', 'Topic') }]} />
        <HotTopicDetail key={id} id={Number(id)} />
      </Space>
    </RequireAbility>
  );
}
