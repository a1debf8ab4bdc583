import { ErrorBlock, List } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../shared/query.js';
import { useI18n } from '../shared/i18n.js';
import { StationCard, type PublicStation } from './DirectoryPage.js';

/** One station's public page: its facts, its deputies (each can be written to), the way to write to it. */
export function StationPage() {
  const { id } = useParams();
  const { l } = useI18n();
  const query = useApiQuery<PublicStation>(`/api/public/stations/${id}`);
  const s = query.data ?? null;
  const missing = query.isError;
  if (missing) return <ErrorBlock status="empty" title={l('没有这个联络站', 'No such station')} description={<Link to="/">{l('查看全部联络站', 'All stations')}</Link>} />;
  if (!s) return null;
  return (
    <div style={{ padding: 12 }}>
      <StationCard s={s} />
      {s.deputies.length > 0 && (
        <List header={l('向进站代表反映', 'Write to a deputy of this station')}>
          {s.deputies.map((d) => (
            <List.Item
              key={d.id} arrowIcon={false}
              extra={<Link to={`/d/${d.id}`}>{l('履职公示', 'Record')}</Link>}
            >
              <Link to={`/submit?deputy=${d.id}&station=${s.id}`} style={{ display: 'block' }}>{d.name}</Link>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
