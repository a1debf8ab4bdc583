import { RiseOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { Chart } from '../../kit/Chart.js';
import { LoadError } from '../../kit/common.js';
import { TopicActions } from './TopicActions.js';
import type { HotTopic, HotTopicItem, HotTopicOpinion, HotTopicOpinionPage } from './types.js';

/** A topic's keywords, category and whether it is rising. */
export function TopicTags({ t }: { t: HotTopicItem }) {
  const { l, lang } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {t.rising && <Tag color="red" icon={<RiseOutlined />} data-testid="hot-topic-rising">{l('上升', 'Rising')}</Tag>}
      {t.category && <Tag color="blue">{lang === 'en' ? t.category.nameEn : t.category.name}</Tag>}
      {t.keywords.map((k) => <Tag key={k}>{k}</Tag>)}
    </Space>
  );
}

/** One opinion of a topic, masked by the server: text, station, village, day and its state. */
function OpinionRow({ o }: { o: HotTopicOpinion }) {
  const { label } = useI18n();
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }}>
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '…' }} style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{o.content}</Typography.Paragraph>
      <Space size={[8, 0]} wrap style={{ fontSize: 12 }}>
        <Link to={`/cases/${o.caseId}`}>{o.trackingCode}</Link>
        <Typography.Text type="secondary">{o.stationName}</Typography.Text>
        {o.village && <Typography.Text type="secondary">{o.village}</Typography.Text>}
        <Typography.Text type="secondary">{formatDate(o.submittedAt)}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{label(o.stateLabel)}</Tag>
      </Space>
    </List.Item>
  );
}

/** Every opinion of the topic the reader may open, page by page, most similar first. */
function AllOpinions({ topicId }: { topicId: number }) {
  const { l } = useI18n();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const query = useApiQuery<HotTopicOpinionPage>(`/api/hot-topics/${topicId}/opinions${qs({ cursor, limit: 20 })}`, { keepPrevious: true });
  const page = query.data;
  return (
    <>
      <LoadError error={query.error?.message ?? null} retry={() => void query.refetch()} />
      <List<HotTopicOpinion> size="small" dataSource={page?.items ?? []} loading={query.isFetching} renderItem={(o) => <OpinionRow key={o.caseId} o={o} />} data-testid="hot-topic-all-opinions" />
      {(cursors.length > 1 || page?.nextCursor) && (
        <Space>
          <Button size="small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>{l('上一页', 'Previous')}</Button>
          <Button size="small" disabled={!page?.nextCursor || query.isPlaceholderData} onClick={() => setCursors([...cursors, page!.nextCursor])}>{l('下一页', 'Next')}</Button>
        </Space>
      )}
    </>
  );
}

/**
 * One hot topic: what it is about, how it grew week by week, the stations and villages it comes
 * from, its representative opinions (masked: no names, phone numbers blotted out of the text), all
 * its opinions the reader may open, what it has already become, and what the reader may do with it.
 */
export function HotTopicDetail({ id, compact = false }: { id: number; compact?: boolean }) {
  const { l, label } = useI18n();
  const query = useApiQuery<HotTopic>(`/api/hot-topics/${id}`);
  const t = query.data ?? null;
  const [all, setAll] = useState(false);

  const trendOption = useMemo(() => t && ({
    tooltip: { trigger: 'axis' },
    grid: { left: 32, right: 8, top: 12, bottom: 24 },
    xAxis: { type: 'category', data: t.weekly.map((w) => w.weekStart.slice(5).replace('-', '/')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      name: l('意见数', 'Opinions'), type: 'bar',
      data: t.weekly.map((w, i) => ({ value: w.count, itemStyle: { color: i >= t.weekly.length - 2 ? (t.rising ? '#cf1322' : '#1677ff') : '#91caff' } })),
    }],
  }), [t, l]);

  if (query.error) return <LoadError error={query.error.message} retry={() => void query.refetch()} />;
  if (!t) return <Card size="small" loading />;
  const maxStation = Math.max(1, ...t.stations.map((s) => s.count));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hot-topic-detail">
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Title level={compact ? 3 : 2} style={{ margin: 0, fontSize: compact ? 17 : 20 }}>
            {compact ? <Link to={`/hot-topics/${t.id}`}>{t.label}</Link> : t.label}
          </Typography.Title>
          <TopicTags t={t} />
          <Row gutter={[8, 8]}>
            <Col xs={12} sm={6}><Statistic title={l('意见数', 'Opinions')} value={t.count} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('近两周', 'Last 2 weeks')} value={t.recentCount} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('联络站', 'Stations')} value={t.stationCount} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('村(社区)', 'Villages')} value={t.villageCount} /></Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l(`${t.run.regionName} · ${formatDate(t.firstAt)} 至 ${formatDate(t.lastAt)} · 计算于 ${formatDateTime(t.run.computedAt)}`,
              `${t.run.regionName} · ${formatDate(t.firstAt)} to ${formatDate(t.lastAt)} · computed ${formatDateTime(t.run.computedAt)}`)}
          </Typography.Text>
          <TopicActions topic={t} />
        </Space>
      </Card>

      <Card size="small" title={l('每周趋势', 'Week by week')}>
        {trendOption && <Chart option={trendOption} height={compact ? 180 : 220} label={l('该议题每周的意见数', 'Opinions on this topic per week')} />}
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} md={compact ? 24 : 12}>
          <Card size="small" title={l('来自联络站', 'Stations')} data-testid="hot-topic-stations">
            <List size="small" dataSource={t.stations} renderItem={(s) => (
              <List.Item style={{ display: 'block', paddingInline: 0 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{s.name}</span><strong>{s.count}</strong>
                </div>
                <Progress percent={(s.count / maxStation) * 100} showInfo={false} size="small" strokeColor="#b71c1c" aria-label={`${s.name} ${s.count}`} />
              </List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} md={compact ? 24 : 12}>
          <Card size="small" title={l('涉及村(社区)', 'Villages')} data-testid="hot-topic-villages">
            {t.villages.length === 0
              ? <Typography.Text type="secondary">{l('意见未写明村(社区)', 'No village named')}</Typography.Text>
              : <Space size={[4, 4]} wrap>{t.villages.map((v) => <Tag key={v.name}>{v.name} <strong>{v.count}</strong></Tag>)}</Space>}
          </Card>
        </Col>
      </Row>

      <Card
        size="small" title={l('代表性意见', 'Representative opinions')} data-testid="hot-topic-opinions"
        extra={t.visibleCount > t.opinions.length && (
          <Button size="small" type="link" onClick={() => setAll(!all)}>{all ? l('收起', 'Fewer') : l(`查看全部 ${t.visibleCount} 条`, `All ${t.visibleCount}`)}</Button>
        )}
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {l('群众姓名、电话不显示,意见中的电话号码、身份证号已遮盖。', 'Names and phones are not shown; phone and ID numbers in the text are masked.')}
          {t.visibleCount < t.count && l(`您可查看其中 ${t.visibleCount} 条。`, ` You may open ${t.visibleCount} of them.`)}
        </Typography.Paragraph>
        {all
          ? <AllOpinions topicId={t.id} />
          : <List<HotTopicOpinion> size="small" dataSource={t.opinions} renderItem={(o) => <OpinionRow key={o.caseId} o={o} />}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('没有您可查看的意见', 'No opinion you may open')} /> }} />}
      </Card>

      {t.actionsTaken.length > 0 && (
        <Card size="small" title={l('办理去向', 'What it became')} data-testid="hot-topic-taken">
          <List size="small" dataSource={t.actionsTaken} renderItem={(a) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <Space size={[8, 0]} wrap>
                <Tag color="purple">{label(a.kindLabel)}</Tag>
                {a.targetUrl ? <Link to={a.targetUrl}>{a.targetTitle ?? l('查看', 'Open')}</Link> : <span>{a.targetTitle ?? ''}</span>}
                <Typography.Text type="secondary">{l(`${a.caseCount} 条意见`, `${a.caseCount} opinions`)}</Typography.Text>
                <Typography.Text type="secondary">{a.by} · {formatDateTime(a.at)}</Typography.Text>
              </Space>
            </List.Item>
          )} />
        </Card>
      )}
    </Space>
  );
}
