import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { DAY_COLORS, ruleText } from './labels.js';
import { ItemsList } from './ItemsList.js';
import { RuleCard } from './RuleCard.js';
import { TopicPool } from './TopicPool.js';
import type { DayItem, RegionEntry, Rule } from './types.js';

/** A day's state, and the rule day it was moved from when that fell on a holiday. */
export function DayStateTag({ d }: { d: Pick<DayItem, 'state' | 'stateLabel'> }) {
  const { label } = useI18n();
  return <Tag color={DAY_COLORS[d.state]} data-testid="day-state">{label(d.stateLabel)}</Tag>;
}

export function DayDate({ d }: { d: Pick<DayItem, 'heldOn' | 'movedFrom' | 'weekdayLabel'> }) {
  const { l, label } = useI18n();
  return (
    <span>
      {formatDate(d.heldOn)} {label(d.weekdayLabel)}
      {d.movedFrom && <Tag color="orange" style={{ marginInlineStart: 6 }}>{l(`由 ${formatDate(d.movedFrom)} 顺延(节假日)`, `Moved from ${formatDate(d.movedFrom)} (holiday)`)}</Tag>}
    </span>
  );
}

/** The calendar of a region's days: each month's day by the rule, its state, topics and action items; staff generate the coming months. */
function DaysCalendar({ regionCode, rule }: { regionCode: string; rule: Rule | undefined }) {
  const { l } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const days = useApiQuery<{ items: DayItem[] }>(`/api/deliberations/days${qs({ regionCode })}`);
  const { busy, run } = useFormWrite();
  const items = days.data?.items ?? [];
  const generate = () => run(
    () => post(`/api/deliberations/days/generate`, { regionCode, months: 3 }),
    l('已按规则排定议事日', 'The days are set by the rule'),
    () => invalidateApi('/api/deliberations'),
  );
  const columns: TableColumnsType<DayItem> = [
    { title: l('议事日', 'Day'), key: 'day', render: (_: unknown, d) => <Link to={`/deliberations/days/${d.id}`}><DayDate d={d} /></Link> },
    { title: l('状态', 'State'), key: 'state', width: 110, render: (_: unknown, d) => <DayStateTag d={d} /> },
    { title: l('通知日', 'Notice on'), key: 'notice', width: 120, render: (_: unknown, d) => formatDate(d.noticeOn) },
    { title: l('议题', 'Topics'), dataIndex: 'topicCount', width: 80, align: 'right' },
    { title: l('行动事项', 'Action items'), dataIndex: 'itemCount', width: 100, align: 'right' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          <CalendarOutlined /> {rule ? l(`${ruleText(rule, l)}为议事日,提前 ${rule.noticeDays} 天通知;遇节假日顺延至下一个工作日。`, `${ruleText(rule, l)}; notice ${rule.noticeDays} days ahead; a holiday moves it to the next working day.`) : ''}
        </Typography.Text>
        {can('deliberation.manage') && <Button onClick={() => void generate()} loading={busy}>{l('排定今后三个月议事日', 'Set the next three months')}</Button>}
      </Space>
      <LoadError error={days.error?.message ?? null} retry={() => void days.refetch()} />
      {narrow ? (
        <List<DayItem>
          loading={days.isLoading} dataSource={items} locale={{ emptyText: l('尚未排定议事日', 'No day set yet') }}
          renderItem={(d) => (
            <Link to={`/deliberations/days/${d.id}`} style={{ display: 'block', marginBottom: 8 }} data-testid="day-card">
              <Card size="small" title={<DayDate d={d} />} extra={<DayStateTag d={d} />}>
                <Typography.Text type="secondary">{l(`议题 ${d.topicCount} 个 · 行动事项 ${d.itemCount} 项`, `${d.topicCount} topics · ${d.itemCount} action items`)}</Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<DayItem> rowKey="id" size="middle" loading={days.isLoading} dataSource={items} columns={columns} pagination={false} data-testid="days-table"
          locale={{ emptyText: l('尚未排定议事日', 'No day set yet') }} />
      )}
    </Space>
  );
}

/**
 * 逢四议事: a street's or town's deliberation days. Staff of the street's congress office keep the
 * rule, the calendar of days, the topic pool with its scores and ranking, and the action plans;
 * deputies (on their phones) read the days and propose topics; a unit's clerk finds the action
 * items of their unit to sign for and answer.
 */
export function DeliberationsPage() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const unit = me?.role === 'unit';
  const manages = can('deliberation.manage');
  const regions = useApiQuery<{ items: RegionEntry[] }>(unit ? null : '/api/deliberations/regions');
  const list = regions.data?.items ?? [];
  const regionCode = params.get('region') ?? list[0]?.regionCode ?? '';
  const rule = useApiQuery<Rule>(regionCode ? `/api/deliberations/rules/${regionCode}` : null);
  const ruleError = rule.error?.message ?? null;
  const caseIds = useMemo(() => (params.get('caseIds') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0), [params]);
  const tab = params.get('tab') ?? (unit || params.get('todo') ? 'items' : 'days');
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    next.delete('todo');
    setParams(next, { replace: true });
  };

  if (unit) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <PageTitle title={l('逢四议事 · 行动事项', 'Deliberation days · action items')} />
        <ItemsList />
      </Space>
    );
  }

  const tabs = [
    { key: 'days', label: l('议事日历', 'Calendar'), children: regionCode && <DaysCalendar regionCode={regionCode} rule={rule.data} /> },
    { key: 'topics', label: l('议题库', 'Topic pool'), children: regionCode && <TopicPool regionCode={regionCode} rule={rule.data} caseIds={caseIds} /> },
    { key: 'items', label: l('行动方案', 'Action plans'), children: <ItemsList /> },
    ...(manages ? [{ key: 'rule', label: l('议事规则', 'Rule'), children: rule.data && <RuleCard key={`${rule.data.regionCode}-${rule.data.version}-${rule.data.stored}`} rule={rule.data} /> }] : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle title={l('逢四议事', 'Deliberation days')} />
      {(list.length > 1 || manages) && (
        <FilterBar>
          <Select
            value={regionCode || null} aria-label={l('街道(乡镇)', 'Street or town')} onChange={(v) => set('region', v)} style={filterStyle(260)}
            placeholder={l('街道(乡镇)', 'Street or town')}
            options={[
              ...list.map((r) => ({ value: r.regionCode, label: r.name })),
              ...(regionCode && !list.some((r) => r.regionCode === regionCode) ? [{ value: regionCode, label: rule.data?.regionName ?? regionCode }] : []),
            ]}
          />
          {manages && (
            <RegionPicker
              value={null} onChange={(code) => { if (code) set('region', code); }} style={filterStyle(260)} compact
              placeholder={l('其他街道(乡镇):设置规则', 'Another street or town: set its rule')} aria-label={l('其他街道(乡镇)', 'Another street or town')}
            />
          )}
        </FilterBar>
      )}
      {regions.error && <Alert type="error" showIcon title={regions.error.message} />}
      {ruleError && <Alert type="error" showIcon title={ruleError} />}
      {regions.data && !list.length && !regionCode && <Empty description={l('您所在的地区尚无逢四议事', 'No deliberation days in your area yet')} />}
      {(regionCode || tab === 'items') && (
        <Tabs activeKey={tab} onChange={(k) => set('tab', k)} items={tabs} size={narrow ? 'small' : 'middle'} />
      )}
    </Space>
  );
}
