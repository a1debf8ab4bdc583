import { Button, Card, DotLoading, ErrorBlock, List, SearchBar, Space, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, qs } from '../shared/api.js';
import { receptionText } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import type { Schemas } from '../shared/api.js';
import { failureText, showFailure } from './feedback.js';

export type PublicStation = Schemas['PublicStation'];
interface RegionStep { code: string; name: string; stations: number }

/** One station as a card in the directory: where, when, who, and the way to write to it. */
export function StationCard({ s }: { s: PublicStation }) {
  const { l, label, lang } = useI18n();
  const schedule = receptionText(s.receptionSchedule, lang);
  return (
    <Card title={<Link to={`/s/${s.id}`}>{s.name}</Link>} extra={<Tag color="primary" fill="outline">{label(s.typeLabel)}</Tag>} style={{ marginBottom: 12 }}>
      {s.locatedRegion ? (
        <>
          <div>{l('异地联络点,设在', 'Remote liaison point in ')}{s.locatedRegion.fullName}{s.address ? ` · ${s.address}` : ''}</div>
          <div>{l('所属', 'Run by ')}{s.region.fullName}</div>
        </>
      ) : <div>{s.region.fullName}{s.address ? ` · ${s.address}` : ''}</div>}
      {(schedule || s.openingHours) && <div>{l('接待时间', 'Reception')}:{schedule || s.openingHours}</div>}
      {s.phone && <div>{l('电话', 'Phone')}:<a href={`tel:${s.phone}`}>{s.phone}</a></div>}
      {s.deputies.length > 0 && <div>{l('进站代表', 'Deputies')}:{s.deputies.map((d) => d.name).join(lang === 'zh' ? '、' : ', ')}</div>}
      <Link to={`/submit?station=${s.id}`}><Button color="primary" size="small" style={{ marginTop: 8 }}>{l('向该站反映意见', 'Write to this station')}</Button></Link>
    </Card>
  );
}

/**
 * The station directory: pick a province, city, county and town (only places with stations are
 * offered), or search by name; the stations of the chosen place are listed below.
 */
export function DirectoryPage() {
  const { l } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const q = params.get('q') ?? '';
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const [children, setChildren] = useState<RegionStep[] | null>(null);
  const [stations, setStations] = useState<{ items: PublicStation[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setChildren(null);
    get<{ trail: { code: string; name: string }[]; regions: RegionStep[] }>(`/api/public/stations/regions${qs({ parent: region })}`)
      .then((r) => { setTrail(r.trail); setChildren(r.regions); }, (e: unknown) => setError(failureText(e, l)));
  }, [region]);

  useEffect(() => {
    setStations(null);
    if (!region && !q) return;
    get<{ items: PublicStation[]; nextCursor: string | null }>(`/api/public/stations${qs({ regionCode: region, q, limit: 30 })}`)
      .then(setStations, (e: unknown) => setError(failureText(e, l)));
  }, [region, q]);

  async function more() {
    try {
      const next = await get<{ items: PublicStation[]; nextCursor: string | null }>(`/api/public/stations${qs({ regionCode: region, q, limit: 30, cursor: stations!.nextCursor })}`);
      setStations({ items: [...stations!.items, ...next.items], nextCursor: next.nextCursor });
    } catch (err) {
      showFailure(err, l);
    }
  }

  /** Down to a child region (`step`), or back up to the first `depth` steps of the trail. */
  const go = (step: { code: string } | null, depth: number) => {
    const kept = trail.slice(0, depth);
    setParams(step ? { region: step.code } : kept.length ? { region: kept.at(-1)!.code } : {});
  };

  if (error) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={error} />;
  return (
    <div>
      <div style={{ padding: 12 }}>
        <h1 style={{ fontSize: '1.25em', margin: '4px 0 12px' }}>{l('人大代表联络站', "Deputies' liaison stations")}</h1>
        <SearchBar
          placeholder={l('搜索联络站名称', 'Search stations by name')} defaultValue={q}
          onSearch={(v) => setParams(v ? { q: v } : region ? { region } : {})} onClear={() => setParams(region ? { region } : {})}
          aria-label={l('搜索联络站名称', 'Search stations by name')}
        />
        <div style={{ marginTop: 8 }}><Link to="/q">{l('已提交过意见?查询办理进度', 'Sent an opinion already? Find it')}</Link></div>
        <div style={{ marginTop: 8 }}><Link to={region ? `/suggestions?region=${region}` : '/suggestions'}>{l('代表建议及办理答复公开', 'Deputies’ suggestions and their answers')}</Link></div>
        <div style={{ marginTop: 8 }}><Link to={region ? `/projects?region=${region}` : '/projects'}>{l('民生实事项目', 'Livelihood projects')}</Link></div>
        <div style={{ marginTop: 8 }}><Link to="/deliberations">{l('逢四议事结果公开', 'Deliberation-day results')}</Link></div>
      </div>
      {!q && (
        <>
          <Space wrap style={{ padding: '0 12px', '--gap': '4px' }} aria-label={l('所在地区', 'Region')}>
            <a onClick={() => go(null, 0)} role="button">{l('全国', 'All')}</a>
            {trail.map((t, i) => <span key={t.code}>› <a role="button" onClick={() => go(null, i + 1)}>{t.name}</a></span>)}
          </Space>
          {children === null ? <DotLoading /> : children.length > 0 && (
            <List header={l('选择地区', 'Choose a place')}>
              {children.map((c) => (
                <List.Item key={c.code} onClick={() => go({ code: c.code }, trail.length)} extra={l(`${c.stations} 个站点`, `${c.stations} stations`)} arrowIcon>
                  {c.name}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
      {stations && (
        <div style={{ padding: 12 }}>
          <h2 style={{ fontSize: '1.1em' }}>{q ? l(`“${q}”的搜索结果`, `Results for “${q}”`) : l('本地联络站', 'Stations here')}</h2>
          {stations.items.length === 0 && <ErrorBlock status="empty" title={l('没有找到联络站', 'No stations found')} description="" />}
          {stations.items.map((s) => <StationCard key={s.id} s={s} />)}
          {stations.nextCursor && <Button block onClick={() => void more()}>{l('加载更多', 'More')}</Button>}
        </div>
      )}
    </div>
  );
}
