import { Card, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { FilterBar, LoadError, useFilterStyle, useNarrow } from '../../kit/common.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { OverdueTag } from '../cases/caseFacts.js';
import { ITEM_COLORS } from './labels.js';
import type { ItemState, ItemSummary } from './types.js';

export function ItemStateTag({ i }: { i: Pick<ItemSummary, 'state' | 'stateLabel' | 'reopenCount'> }) {
  const { l, label } = useI18n();
  return (
    <Space size={2} wrap>
      <Tag color={ITEM_COLORS[i.state]} data-testid="item-state">{label(i.stateLabel)}</Tag>
      {i.reopenCount > 0 && <Tag color="volcano">{l(`重办 ${i.reopenCount} 次`, `Reopened ${i.reopenCount}×`)}</Tag>}
    </Space>
  );
}

export function DueText({ i }: { i: Pick<ItemSummary, 'dueOn' | 'overdue'> }) {
  const { l } = useI18n();
  if (!i.dueOn) return <Typography.Text type="secondary">{l('签收后起算', 'From signing')}</Typography.Text>;
  return <span style={{ color: i.overdue ? '#cf1322' : undefined }}>{formatDate(i.dueOn)}{i.overdue && <OverdueTag workingDays={null} />}</span>;
}

const STATES: [ItemState | '', { zh: string; en: string }][] = [
  ['', { zh: '全部状态', en: 'Any state' }], ['assigned', { zh: '待签收', en: 'To sign for' }], ['signed', { zh: '办理中', en: 'In hand' }],
  ['answered', { zh: '待审核', en: 'To review' }], ['approved', { zh: '已办结', en: 'Approved' }],
];

/**
 * 行动方案: the action items in reach — a unit's clerk those of their unit, the street's office
 * all of its days' — with the responsible unit, the deadline and where each stands.
 */
export function ItemsList({ dayId }: { dayId?: number }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const [state, setState] = useState<string>('');
  const list = useKeysetQuery<ItemSummary>(`/api/deliberations/items${qs({ state, dayId })}`);
  const columns: TableColumnsType<ItemSummary> = [
    { title: l('事项', 'Item'), key: 'title', render: (_: unknown, i) => <Link to={`/deliberations/items/${i.id}`}>{i.title}</Link> },
    { title: l('议事日', 'Day'), key: 'day', width: 200, render: (_: unknown, i) => <Link to={`/deliberations/days/${i.dayId}`}>{i.regionName} {formatDate(i.heldOn)}</Link> },
    { title: l('责任单位', 'Unit'), dataIndex: 'unitName', width: 140 },
    { title: l('办理期限', 'Due'), key: 'due', width: 170, render: (_: unknown, i) => <DueText i={i} /> },
    { title: l('状态', 'State'), key: 'state', width: 150, render: (_: unknown, i) => <ItemStateTag i={i} /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <FilterBar>
        <Select value={state} aria-label={l('事项状态', 'Item state')} onChange={setState} style={filterStyle(140)}
          options={STATES.map(([value, name]) => ({ value, label: label(name) }))} />
      </FilterBar>
      <LoadError error={list.error} retry={list.reload} />
      {narrow ? (
        <List<ItemSummary>
          loading={list.loading} dataSource={list.items} locale={{ emptyText: l('暂无行动事项', 'No action items') }}
          renderItem={(i) => (
            <Link to={`/deliberations/items/${i.id}`} style={{ display: 'block', marginBottom: 8 }} data-testid="item-card">
              <Card size="small" title={<ItemStateTag i={i} />} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.unitName}</Typography.Text>}>
                <Typography.Paragraph strong style={{ marginBottom: 4 }}>{i.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.regionName} {formatDate(i.heldOn)} · {l('期限', 'Due')} <DueText i={i} /></Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<ItemSummary> rowKey="id" size="middle" loading={list.loading} dataSource={list.items} columns={columns} pagination={false}
          scroll={{ x: 'max-content' }} locale={{ emptyText: l('暂无行动事项', 'No action items') }} />
      )}
      {list.pager}
    </Space>
  );
}
