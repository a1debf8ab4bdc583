import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DISPUTE_TYPES, MEDIATION_OUTCOMES, MEDIATION_STATES } from '../../../../common/mediation.js';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { NewMediationDialog } from './MediationDialogs.js';
import { OUTCOME_COLORS, STATE_COLORS } from './labels.js';
import type { MediationItem, MediationOutcome } from './types.js';

type DisputeType = MediationItem['disputeType'];

/** The years offered in the filter: this one and the five before it. */
const years = () => Array.from({ length: 6 }, (_, i) => dayjs().year() - i);

/** The state, or the outcome once closed, as a tag. */
export function StateTag({ m }: { m: Pick<MediationItem, 'state' | 'outcome' | 'outcomeLabel'> }) {
  const { label } = useI18n();
  if (m.outcome) return <Tag color={OUTCOME_COLORS[m.outcome]}>{label(m.outcomeLabel)}</Tag>;
  return <Tag color={STATE_COLORS[m.state]}>{label(MEDIATION_STATES.labels[m.state])}</Tag>;
}

/**
 * 矛盾纠纷调解: the disputes received at the mediation rooms in reach, latest first, by station,
 * type, outcome and year; parties' names in the titles masked for a reader not handling them.
 * Staff and officers record a new one here.
 */
export function MediationsPage() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const stationId = Number(params.get('station')) || null;
  const disputeType = (params.get('type') as DisputeType | null) ?? null;
  const outcome = (params.get('outcome') as MediationOutcome | null) ?? null;
  const year = Number(params.get('year')) || null;
  const list = useKeysetQuery<MediationItem>(`/api/mediation${qs({ stationId, disputeType, outcome, year })}`);

  const set = (key: string, value: string | number | null) => {
    const next = new URLSearchParams(params);
    if (value !== null && value !== '') next.set(key, String(value)); else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (e: MouseEvent, id: number) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    void navigate(`/mediation/${id}`);
  };
  const statisticsLink = `/mediation/statistics${qs({ station: stationId, year: year ?? dayjs().year() })}`;

  return (
    <RequireAbility ability="mediation.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle
          title={l('矛盾纠纷调解', 'Mediations')}
          extra={(
            <>
              <Link to={statisticsLink}><Button icon={<BarChartOutlined />}>{l('年度统计', 'Yearly statistics')}</Button></Link>
              {can('mediation.manage') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('受理调解', 'Record a mediation')}</Button>
              )}
            </>
          )}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {l('代表法庭联络室、代表法官(检察官)工作室和“人大代表+调解员”受理的矛盾纠纷:当事人、调解会、调解结果和调解协议书。结案后记入联络站的矛盾纠纷调解登记簿。',
            'Disputes received by the deputy–court rooms and the deputy–judge offices: parties, sessions, outcome and agreement. Closed ones go into the station\'s mediation register.')}
        </Typography.Paragraph>
        <FilterBar>
          <RecordSelect<number>
            source="stations" value={stationId} onChange={(v) => set('station', v)} style={width(240, true)}
            aria-label={l('联络站', 'Station')} placeholder={l('全部联络站', 'All stations')}
          />
          <Select<DisputeType>
            allowClear aria-label={l('纠纷类型', 'Dispute type')} placeholder={l('全部类型', 'All types')} style={width(140)} value={disputeType ?? undefined}
            onChange={(v) => set('type', v ?? null)} options={DISPUTE_TYPES.keys.map((k) => ({ value: k, label: label(DISPUTE_TYPES.labels[k]) }))}
          />
          <Select<MediationOutcome>
            allowClear aria-label={l('调解结果', 'Outcome')} placeholder={l('全部结果', 'Any outcome')} style={width(140)} value={outcome ?? undefined}
            onChange={(v) => set('outcome', v ?? null)} options={MEDIATION_OUTCOMES.keys.map((k) => ({ value: k, label: label(MEDIATION_OUTCOMES.labels[k]) }))}
          />
          <Select<number>
            allowClear aria-label={l('受理年度', 'Year received')} placeholder={l('全部年度', 'Any year')} style={width(120)} value={year ?? undefined}
            onChange={(v) => set('year', v ?? null)} options={years().map((y) => ({ value: y, label: l(`${y} 年`, String(y)) }))}
          />
        </FilterBar>
        <LoadError error={list.error} retry={() => void list.reload()} />
        {narrow ? (
          <List<MediationItem>
            dataSource={list.items} loading={list.loading} data-testid="mediation-list"
            locale={{ emptyText: l('没有符合条件的调解记录', 'No mediation matches') }}
            renderItem={(m) => (
              <List.Item>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <a href={`/mediation/${m.id}`} onClick={(e) => open(e, m.id)} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{m.title}</a>
                  <Space size={[8, 4]} wrap>
                    <Tag>{label(m.disputeTypeLabel)}</Tag>
                    <StateTag m={m} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDate(m.receivedOn)}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.station.name}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MediationItem>
            rowKey="id" dataSource={list.items} loading={list.loading} pagination={false} data-testid="mediation-list"
            locale={{ emptyText: l('没有符合条件的调解记录', 'No mediation matches') }}
            columns={[
              { title: l('受理日期', 'Received'), dataIndex: 'receivedOn', width: 120, render: (d: string) => formatDate(d) },
              { title: l('纠纷', 'Dispute'), dataIndex: 'title', render: (t: string, m) => <a href={`/mediation/${m.id}`} onClick={(e) => open(e, m.id)}>{t}</a> },
              { title: l('类型', 'Type'), dataIndex: 'disputeType', width: 110, render: (_: unknown, m) => label(m.disputeTypeLabel) },
              { title: l('联络站', 'Station'), dataIndex: ['station', 'name'], width: 240 },
              { title: l('调解会', 'Sessions'), dataIndex: 'sessions', width: 80, align: 'right' },
              { title: l('状态', 'State'), key: 'state', width: 120, render: (_: unknown, m) => <StateTag m={m} /> },
              { title: l('结案日期', 'Closed'), dataIndex: 'closedOn', width: 120, render: (d: string | null) => formatDate(d) },
            ]}
          />
        )}
        {list.pager}
      </Space>
      <NewMediationDialog open={creating} stationId={stationId} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/mediation/${id}`)} />
    </RequireAbility>
  );
}
