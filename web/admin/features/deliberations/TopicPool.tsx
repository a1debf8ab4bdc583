import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, useFilterStyle, useNarrow } from '../../kit/common.js';
import { CRITERIA, TOPIC_COLORS } from './labels.js';
import { ProposeTopicDialog, ScoreDialog } from './TopicDialogs.js';
import type { Rule, TopicItem, Weights } from './types.js';

export function TopicStateTag({ t }: { t: Pick<TopicItem, 'state' | 'stateLabel'> }) {
  const { label } = useI18n();
  return <Tag color={TOPIC_COLORS[t.state]}>{label(t.stateLabel)}</Tag>;
}

/** The three scores in a row: 重要 4 · 紧迫 5 · 影响 3. */
export function ScoresText({ t }: { t: Pick<TopicItem, 'scores'> }) {
  const { l, label } = useI18n();
  if (!t.scores) return <Typography.Text type="secondary">{l('未评分', 'Not scored')}</Typography.Text>;
  return <span>{CRITERIA.map(([key, name]) => `${label(name)} ${t.scores![key]}`).join(' · ')}</span>;
}

export const weightsText = (w: Weights, l: (zh: string, en: string) => string) =>
  l(`权重:重要性 ${w.importance}、紧迫性 ${w.urgency}、社会影响 ${w.impact}`, `Weights: importance ${w.importance}, urgency ${w.urgency}, impact ${w.impact}`);

/**
 * 议题库: the street's topics ranked by their weighted score (importance, urgency, social impact
 * by the street's weights), unscored ones last. The first proposed ones, as many as a day takes,
 * are marked as the ones to choose. Staff score; deputies and staff propose, from scratch or
 * from opinions (`/deliberations?tab=topics&caseIds=1,2` opens the proposal with them).
 */
export function TopicPool({ regionCode, rule, caseIds }: { regionCode: string; rule: Rule | undefined; caseIds?: number[] }) {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const [state, setState] = useState('proposed');
  const [q, setQ] = useState('');
  // `?caseIds=1,2` (from opinions): the proposal opens with them.
  const [proposing, setProposing] = useState(Boolean(caseIds?.length));
  const [scoring, setScoring] = useState<TopicItem | null>(null);
  const topics = useApiQuery<{ items: TopicItem[]; weights: Weights }>(`/api/deliberations/topics${qs({ regionCode, state, q })}`);
  const items = topics.data?.items ?? [];
  const manages = can('deliberation.manage');
  // The ones a day would take: the best-ranked scored topics still proposed.
  const suggested = new Set(items.filter((t) => t.state === 'proposed' && t.score !== null).slice(0, rule?.topicsMax ?? 2).map((t) => t.id));

  const columns: TableColumnsType<TopicItem> = [
    { title: l('排名', 'Rank'), key: 'rank', width: 70, align: 'center', render: (_: unknown, t) => t.rank ?? '—' },
    {
      title: l('议题', 'Topic'), key: 'title', render: (_: unknown, t) => (
        <Space size={4} wrap>
          <Link to={`/deliberations/topics/${t.id}`}>{t.title}</Link>
          {suggested.has(t.id) && <Tag color="red" data-testid="suggested">{l('建议选定', 'To choose')}</Tag>}
        </Space>
      ),
    },
    { title: l('来源', 'Source'), key: 'source', width: 130, render: (_: unknown, t) => <>{label(t.sourceLabel)}{t.caseCount > 0 && <Typography.Text type="secondary">{l(`(${t.caseCount} 条意见)`, ` (${t.caseCount})`)}</Typography.Text>}</> },
    { title: l('提出人', 'Proposer'), dataIndex: 'proposer', width: 110 },
    ...CRITERIA.map(([key, name]) => ({ title: label(name), key, width: 80, align: 'center' as const, render: (_: unknown, t: TopicItem) => t.scores?.[key] ?? '—' })),
    { title: l('加权得分', 'Score'), key: 'score', width: 90, align: 'right', render: (_: unknown, t) => <strong>{t.score === null ? '—' : t.score.toFixed(2)}</strong> },
    { title: l('状态', 'State'), key: 'state', width: 150, render: (_: unknown, t) => <Space size={2} wrap><TopicStateTag t={t} />{t.heldOn && <Typography.Text type="secondary">{formatDate(t.heldOn)}</Typography.Text>}</Space> },
    ...(manages ? [{
      title: l('操作', 'Actions'), key: 'actions', width: 90,
      render: (_: unknown, t: TopicItem) => t.state === 'proposed' && <Button size="small" onClick={() => setScoring(t)} aria-label={l(`为「${t.title}」评分`, `Score ${t.title}`)}>{l('评分', 'Score')}</Button>,
    }] : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" data-testid="weights">{topics.data && weightsText(topics.data.weights, l)}</Typography.Text>
        {can('deliberation.propose') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{l('提出议题', 'Propose a topic')}</Button>}
      </Space>
      <FilterBar>
        <Input.Search allowClear placeholder={l('议题名称', 'Topic title')} aria-label={l('搜索议题', 'Search topics')} onSearch={(v) => setQ(v.trim())} style={filterStyle(220)} />
        <Select value={state} aria-label={l('议题状态', 'Topic state')} onChange={setState} style={filterStyle(140)} options={[
          { value: 'proposed', label: l('待选议题', 'Proposed') }, { value: 'chosen', label: l('已选定', 'Chosen') },
          { value: 'deliberated', label: l('已议', 'Deliberated') }, { value: 'withdrawn', label: l('已撤回', 'Withdrawn') }, { value: '', label: l('全部', 'All') },
        ]} />
      </FilterBar>
      <LoadError error={topics.error?.message ?? null} retry={() => void topics.refetch()} />
      {narrow ? (
        <List<TopicItem>
          loading={topics.isLoading} dataSource={items} locale={{ emptyText: l('暂无议题', 'No topics') }}
          renderItem={(t) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="topic-card"
              title={<Space size={4}>{t.rank !== null && <Tag>{l(`第 ${t.rank} 名`, `#${t.rank}`)}</Tag>}<TopicStateTag t={t} /></Space>}
              extra={<strong>{t.score === null ? '—' : t.score.toFixed(2)}</strong>}>
              <Link to={`/deliberations/topics/${t.id}`}><Typography.Paragraph strong style={{ marginBottom: 4 }}>{t.title}</Typography.Paragraph></Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}><ScoresText t={t} /> · {label(t.sourceLabel)} · {t.proposer}</Typography.Text>
              {suggested.has(t.id) && <div><Tag color="red">{l('建议选定', 'To choose')}</Tag></div>}
            </Card>
          )}
        />
      ) : (
        <Table<TopicItem>
          rowKey="id" size="middle" loading={topics.isLoading} dataSource={items} columns={columns} pagination={false} data-testid="topic-ranking"
          scroll={{ x: 'max-content' }} locale={{ emptyText: l('暂无议题', 'No topics') }}
        />
      )}
      <ProposeTopicDialog regionCode={regionCode} regionName={rule?.regionName} open={proposing} onClose={() => setProposing(false)} caseIds={caseIds} />
      <ScoreDialog topic={scoring} rule={rule} onClose={() => setScoring(null)} />
    </Space>
  );
}
