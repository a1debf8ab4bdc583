import { Button, Card, Col, Empty, Form, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { DISPUTE_TYPES, MEDIATION_OUTCOMES } from '../../../../common/mediation.js';
import { put, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { MediationStatistics } from './types.js';

interface Figures { constituentsReceived: number; opinionsCollected: number }

/** The figures a room keeps by hand (constituents received and visited, opinions collected), entered by those who run it. */
function FiguresForm({ s }: { s: MediationStatistics }) {
  const { l } = useI18n();
  const [form] = Form.useForm<Figures>();
  const { busy, run } = useFormWrite(form);
  const submit = (v: Figures) => run(
    () => put('/api/mediation/figures', { stationId: s.station.id, year: s.year, ...v }),
    l('已保存', 'Saved'),
    () => invalidateApi('/api/mediation/statistics'),
  );
  return (
    <Form<Figures>
      form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}
      initialValues={{ constituentsReceived: s.constituentsReceived ?? 0, opinionsCollected: s.opinionsCollected ?? 0 }}
    >
      <Form.Item name="constituentsReceived" label={l('接待选民和走访群众(人次)', 'Constituents received and visited')} rules={[{ required: true }]}>
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      <Form.Item name="opinionsCollected" label={l('收集意见建议(条)', 'Opinions collected')} rules={[{ required: true }]}>
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      <Form.Item><Button htmlType="submit" loading={busy}>{l('保存', 'Save')}</Button></Form.Item>
    </Form>
  );
}

/**
 * 调解室年度统计: a room's year — disputes received and resolved, by type and by outcome — and
 * the figures it keeps by hand, as its annual report gives them (公会 in 2024: 8 disputes
 * resolved, 36 constituents received, 9 opinions collected).
 */
export function StatisticsPage() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const width = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const stationId = Number(params.get('station')) || null;
  const year = Number(params.get('year')) || dayjs().year();
  const stats = useApiQuery<MediationStatistics>(stationId ? `/api/mediation/statistics${qs({ stationId, year })}` : null);
  const s = stats.data;
  const set = (key: string, value: number | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, String(value)); else next.delete(key);
    setParams(next, { replace: true });
  };
  const byType = s ? DISPUTE_TYPES.keys.map((k) => ({ key: k, name: label(DISPUTE_TYPES.labels[k]), received: s.receivedByType[k], resolved: s.resolvedByType[k] })) : [];
  const byOutcome = s ? MEDIATION_OUTCOMES.keys.map((k) => ({ key: k, name: label(MEDIATION_OUTCOMES.labels[k]), count: s.byOutcome[k] })) : [];

  return (
    <RequireAbility ability="mediation.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('调解室年度统计', 'Mediation room statistics')} />
        <FilterBar>
          <RecordSelect<number>
            source="stations" value={stationId} onChange={(v) => set('station', v)} style={width(280, true)} allowClear={false}
            aria-label={l('调解室(联络站)', 'Mediation room (station)')} placeholder={l('选择调解室(联络站)', 'Choose the room (station)')}
          />
          <Select<number>
            aria-label={l('年度', 'Year')} style={width(120)} value={year} onChange={(v) => set('year', v)}
            options={Array.from({ length: 6 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: l(`${y} 年`, String(y)) }))}
          />
        </FilterBar>
        <LoadError error={stats.error?.message ?? null} retry={() => void invalidateApi('/api/mediation/statistics')} />
        {!stationId && <Empty description={l('选择一个调解室(联络站)查看其年度统计', 'Choose a room (station) to see its year')} />}
        {s && (
          <>
            <Row gutter={[16, 16]} data-testid="mediation-statistics">
              <Col xs={12} md={6}><Card size="small"><Statistic title={l('受理纠纷', 'Disputes received')} value={s.received} /></Card></Col>
              <Col xs={12} md={6}><Card size="small"><Statistic title={l('调解成功', 'Resolved')} value={s.resolved} /></Card></Col>
              <Col xs={12} md={6}><Card size="small"><Statistic title={l('接待选民和走访群众', 'Constituents received')} value={s.constituentsReceived ?? '—'} /></Card></Col>
              <Col xs={12} md={6}><Card size="small"><Statistic title={l('收集意见建议', 'Opinions collected')} value={s.opinionsCollected ?? '—'} /></Card></Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={14}>
                <Card size="small" title={l('按纠纷类型', 'By type')}>
                  <Table
                    rowKey="key" size="small" pagination={false} dataSource={byType}
                    columns={[
                      { title: l('类型', 'Type'), dataIndex: 'name' },
                      { title: l('受理', 'Received'), dataIndex: 'received', align: 'right' },
                      { title: l('调解成功', 'Resolved'), dataIndex: 'resolved', align: 'right' },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} md={10}>
                <Card size="small" title={l(`按调解结果(已结案 ${s.closed} 件)`, `By outcome (${s.closed} closed)`)}>
                  <Table
                    rowKey="key" size="small" pagination={false} dataSource={byOutcome}
                    columns={[{ title: l('结果', 'Outcome'), dataIndex: 'name' }, { title: l('件数', 'Count'), dataIndex: 'count', align: 'right' }]}
                  />
                </Card>
              </Col>
            </Row>
            {can('mediation.manage') && (
              <Card size="small" title={l(`登记 ${s.year} 年接待数`, `Figures for ${s.year}`)}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {l('接待和走访人数、收集的意见不逐条登记为调解记录,由调解室按年填报。', 'Constituents received and opinions collected are not kept as records; the room enters them for the year.')}
                </Typography.Paragraph>
                <FiguresForm key={`${s.station.id}-${s.year}`} s={s} />
              </Card>
            )}
          </>
        )}
      </Space>
    </RequireAbility>
  );
}
