import { ReloadOutlined, RiseOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, type MouseEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { HotTopicDetail } from './HotTopicDetail.js';
import { Sparkline } from './Sparkline.js';
import type { HotTopicItem, HotTopicList, HotTopicRegions } from './types.js';

/** The windows a run is computed for, in days: four, eight and twelve weeks. */
export const WINDOWS = [28, 56, 84] as const;
export const DEFAULT_WINDOW = 56;

/** Where a topic comes from, in one line: the first stations, and how many more. */
export function stationsLine(t: HotTopicItem, l: (zh: string, en: string) => string, shown = 3): string {
  const names = t.stations.slice(0, shown).map((s) => s.name);
  const more = t.stationCount - names.length;
  return more > 0 ? l(`${names.join('、')} 等 ${t.stationCount} 个联络站`, `${names.join(', ')} and ${more} more`) : names.join(l('、', ', '));
}

/** One rising topic in the list: rank, label, the weeks' bars, the counts and where it comes from. */
function TopicCard({ t, selected, onOpen }: { t: HotTopicItem; selected: boolean; onOpen(e: MouseEvent): void }) {
  const { l, lang } = useI18n();
  return (
    <Card
      size="small" data-testid="hot-topic-card"
      style={selected ? { borderColor: '#b71c1c', boxShadow: '0 0 0 1px #b71c1c inset' } : undefined}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 6 } }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <Typography.Text type="secondary" style={{ flex: 'none' }}>#{t.rank}</Typography.Text>
        <a href={`/hot-topics/${t.id}`} onClick={onOpen} style={{ fontWeight: 600, fontSize: 15, minWidth: 0, overflowWrap: 'anywhere', flex: 1 }}>{t.label}</a>
        {t.rising && <Tag color="red" icon={<RiseOutlined />} style={{ marginInlineEnd: 0, flex: 'none' }}>{l('上升', 'Rising')}</Tag>}
      </div>
      <Sparkline weekly={t.weekly} rising={t.rising} />
      <Space size={[12, 0]} wrap style={{ fontSize: 13 }}>
        <span><strong style={{ fontSize: 16 }}>{t.count}</strong> {l('条意见', 'opinions')}</span>
        <span>{l('近两周', 'last 2 weeks')} <strong>{t.recentCount}</strong></span>
        <span>{l(`${t.stationCount} 个联络站`, `${t.stationCount} stations`)}</span>
        {t.villageCount > 0 && <span>{l(`${t.villageCount} 个村(社区)`, `${t.villageCount} villages`)}</span>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        {t.category && <Tag color="blue" style={{ fontSize: 11 }}>{lang === 'en' ? t.category.nameEn : t.category.name}</Tag>}
        {stationsLine(t, l)}
        {t.villages.length > 0 && l(` · ${t.villages.slice(0, 3).map((v) => v.name).join('、')}`, ` · ${t.villages.slice(0, 3).map((v) => v.name).join(', ')}`)}
      </Typography.Text>
    </Card>
  );
}

/**
 * 热点议题: the opinions of a county grouped by what they are about, across its stations, over
 * the last four, eight or twelve weeks, the rising ones first; each with its weeks, its stations
 * and villages. On a desktop the chosen topic opens beside the list with its representative
 * opinions and what to do with it; on a phone it opens on its own page. Staff recompute on demand.
 */
export function HotTopicsPage() {
  const { l } = useI18n();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const regions = useApiQuery<HotTopicRegions>('/api/hot-topics/regions');
  const regionCode = params.get('region') ?? regions.data?.items[0]?.code ?? null;
  const windowDays = Number(params.get('window')) || DEFAULT_WINDOW;
  const risingOnly = params.get('rising') === '1';
  const selected = Number(params.get('topic')) || null;
  const list = useApiQuery<HotTopicList>(regions.data ? `/api/hot-topics${qs({ regionCode, windowDays, risingOnly: risingOnly || undefined })}` : null, { keepPrevious: true });
  const run = list.data?.run ?? null;
  const items = list.data?.items ?? [];
  const { busy, run: write } = useFormWrite();

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    if (key !== 'topic') next.delete('topic');
    setParams(next, { replace: true });
  };

  // On a desktop the first topic opens beside the list.
  const first = items[0]?.id;
  useEffect(() => {
    if (!narrow && first && (!selected || !items.some((t) => t.id === selected))) {
      const next = new URLSearchParams(params);
      next.set('topic', String(first));
      setParams(next, { replace: true });
    }
  }, [narrow, first, selected, items, params, setParams]);

  function open(e: MouseEvent, id: number) {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    if (narrow) void navigate(`/hot-topics/${id}`); else set('topic', String(id));
  }

  async function refresh() {
    const code = run?.regionCode ?? regionCode;
    if (!code) return;
    await write(() => post('/api/hot-topics/refresh', { regionCode: code, windowDays }), l('已重新计算', 'Recomputed'), () => invalidateApi('/api/hot-topics'));
  }

  const refreshButton = list.data?.canRefresh && (
    <Button icon={<ReloadOutlined />} loading={busy} onClick={() => void refresh()} data-testid="hot-topics-refresh">{l('重新计算', 'Recompute')}</Button>
  );
  const windowLabel = (d: number) => l(`近 ${d / 7} 周`, `${d / 7} weeks`);
  const error = regions.error?.message ?? list.error?.message ?? null;

  return (
    <RequireAbility ability="hotTopic.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('热点议题', 'Hot topics')} extra={refreshButton} />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {l('各联络站收到的群众意见按内容自动归并成议题,结合类别和地点;近两周明显增多的标为“上升”,排在前面。',
            'Opinions from every station are grouped by what they say, with their category and place; topics clearly up in the last two weeks are marked rising and come first.')}
        </Typography.Paragraph>
        <FilterBar>
          {(regions.data?.items.length ?? 0) > 1 && (
            <Select
              aria-label={l('县(区)', 'County')} style={width(200)} value={regionCode}
              onChange={(v) => set('region', v)} options={regions.data!.items.map((r) => ({ value: r.code, label: r.name }))}
            />
          )}
          <Segmented<number>
            aria-label={l('统计期', 'Window')} value={windowDays} onChange={(v) => set('window', v === DEFAULT_WINDOW ? null : String(v))}
            options={WINDOWS.map((d) => ({ value: d, label: windowLabel(d) }))} block={narrow} style={narrow ? { gridColumn: '1 / -1' } : undefined}
          />
          <Space style={narrow ? { gridColumn: '1 / -1' } : undefined}>
            <Switch checked={risingOnly} onChange={(v) => set('rising', v ? '1' : null)} aria-label={l('只看上升的', 'Rising only')} />
            <span>{l('只看上升的', 'Rising only')}</span>
          </Space>
        </FilterBar>
        <LoadError error={error} retry={() => void invalidateApi('/api/hot-topics')} />
        {run && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="hot-topics-run">
            {l(`${run.regionName} · ${formatDate(run.windowStart)} 至 ${formatDate(run.windowEnd)} · ${run.opinionCount} 条意见归并为 ${run.topicCount} 个议题 · 计算于 ${formatDateTime(run.computedAt)}`,
              `${run.regionName} · ${formatDate(run.windowStart)} to ${formatDate(run.windowEnd)} · ${run.opinionCount} opinions in ${run.topicCount} topics · computed ${formatDateTime(run.computedAt)}`)}
          </Typography.Text>
        )}
        {list.data && !run && (
          <Empty description={l('该县(区)在此统计期内尚未计算热点议题', 'No hot topics computed for this county and window yet')}>{refreshButton}</Empty>
        )}
        {regions.data && regions.data.items.length === 0 && (
          <Empty description={l('您所在的区域暂无可查看的热点议题', 'No county in your reach has hot topics')} />
        )}
        {run && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <List<HotTopicItem>
                dataSource={items} loading={list.isFetching} split={false} data-testid="hot-topics-list"
                locale={{ emptyText: l(risingOnly ? '暂无上升中的议题' : '暂无热点议题', risingOnly ? 'No rising topic' : 'No topic') }}
                renderItem={(t) => (
                  <List.Item style={{ padding: '0 0 8px' }}>
                    <div style={{ width: '100%' }}><TopicCard t={t} selected={!narrow && t.id === selected} onOpen={(e) => open(e, t.id)} /></div>
                  </List.Item>
                )}
              />
            </Col>
            {!narrow && (
              <Col xs={24} lg={14}>
                <div style={{ position: 'sticky', top: 16 }}>
                  {selected ? <HotTopicDetail key={selected} id={selected} compact /> : <Card size="small"><Empty description={l('选择左侧的议题查看详情', 'Choose a topic')} /></Card>}
                </div>
              </Col>
            )}
          </Row>
        )}
      </Space>
    </RequireAbility>
  );
}
