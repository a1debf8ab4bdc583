import { ErrorBlock, List } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { receptionText } from '../shared/format.js';
import { useApiQuery } from '../shared/query.js';
import { useI18n } from '../shared/i18n.js';
import type { Schemas } from '../shared/api.js';
import { StationCard } from './DirectoryPage.js';
import { GovernanceList } from './GovernanceList.js';

type StationPageData = Schemas['PublicStationPage'];
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2026-12-08` as 12月8日 周二 / Tue 8 Dec 2026 (a calendar date: no time zone involved). */
function dayText(date: string, lang: 'zh' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return lang === 'zh' ? `${y}年${m}月${d}日 ${WEEKDAYS_ZH[weekday]}`
    : `${WEEKDAYS_EN[weekday]} ${d} ${new Date(Date.UTC(y, m - 1, d)).toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${y}`;
}

/**
 * The station on a map (Amap's URI API, which opens the app where it is installed and the web map
 * elsewhere): a marker at its position when the station has one, else a search for its address.
 */
export function mapLink(s: {
  name: string; address: string; region: { fullName: string }; locatedRegion?: { fullName: string } | null; location: { lat: number; lng: number } | null;
}): string {
  if (s.location) {
    return `https://uri.amap.com/marker?position=${s.location.lng},${s.location.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&src=lianxin&callnative=1`;
  }
  // A remote liaison point (异地联络点) stands where it is located, not in its home region.
  const where = s.locatedRegion?.fullName ?? s.region.fullName;
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(`${where}${s.address || s.name}`)}&src=lianxin&callnative=1`;
}

/**
 * One station's public page: its facts, the next reception day with the deputies on duty (from
 * the rota), opening hours, a map link, its deputies (each can be written to), the way to write
 * to it and to find an opinion again.
 */
export function StationPage() {
  const { id } = useParams();
  const { l, lang } = useI18n();
  const query = useApiQuery<StationPageData>(`/api/public/stations/${id}`);
  const s = query.data ?? null;
  const missing = query.isError;
  if (missing) return <ErrorBlock status="empty" title={l('没有这个联络站', 'No such station')} description={<Link to="/">{l('查看全部联络站', 'All stations')}</Link>} />;
  if (!s) return null;
  const next = s.nextReception;
  const schedule = receptionText(s.receptionSchedule, lang);
  return (
    <div style={{ padding: 12 }}>
      <h1 className="lx-title" style={{ padding: '4px 0 12px', border: 0 }}>{s.name}</h1>
      <StationCard s={s} />
      <List header={l('接待安排', 'When to come')} className="lx-next">
        <List.Item
          extra={next ? <span>{dayText(next.date, lang)}{next.hours ? ` ${next.hours}` : ''}</span> : l('暂未安排', 'Not yet set')}
        >
          {l('下次接待日', 'Next reception day')}
        </List.Item>
        {next && next.deputies.length > 0 && (
          <List.Item extra={next.deputies.map((d, i) => <span key={d.id}>{i > 0 && (lang === 'zh' ? '、' : ', ')}<Link to={`/d/${d.id}`}>{d.name}</Link></span>)}>
            {l('值班代表', 'Deputy on duty')}
          </List.Item>
        )}
        {schedule && <List.Item extra={schedule}>{l('接待日', 'Reception days')}</List.Item>}
        {s.openingHours && <List.Item extra={s.openingHours}>{l('开放时间', 'Opening hours')}</List.Item>}
        <List.Item extra={<a href={mapLink(s)} target="_blank" rel="noopener noreferrer">{l('在地图中查看', 'Open in a map')}</a>}>
          {l('位置', 'Location')}
        </List.Item>
      </List>
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
      {s.type === 'cross_province' && <GovernanceList stationId={s.id} />}
      <p className="lx-hint"><Link to="/q">{l('已提交过意见?查询办理进度', 'Sent an opinion already? Find it')}</Link></p>
    </div>
  );
}
