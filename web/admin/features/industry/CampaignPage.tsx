import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../shared/api.js';
import { post, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { Chart } from '../../kit/Chart.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { VISIT_KINDS } from './labels.js';
import { ProgressBars } from './PointPage.js';
import type { Campaign, Enterprise, Point, Visit } from './types.js';

/**
 * A campaign (百日联系计划): progress against the target and the period, the burn-down against
 * the ideal line, and the visits with what they found, each linked to the case or suggestion it
 * became. Deputies of the point log their visits here on their phones.
 */
export function CampaignPage() {
  const { l } = useI18n();
  const id = Number(useParams().id);
  const url = `/api/industry/campaigns/${id}`;
  const campaign = useApiQuery<Campaign>(url);
  const [logging, setLogging] = useState(false);
  const c = campaign.data;
  return (
    <RequireAbility ability="industry.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle
          title={c?.title ?? l('联系计划', 'Outreach campaign')}
          extra={c?.canVisit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)}>{l('登记走访', 'Log a visit')}</Button>}
        />
        <LoadError error={campaign.error?.message ?? null} retry={() => void invalidateApi(url)} />
        {c && (
          <>
            <Typography.Text type="secondary">
              <Link to={`/industry/points/${c.stationId}?tab=campaigns`}>{c.stationName}</Link> · {formatDate(c.startsOn)} — {formatDate(c.endsOn)}
            </Typography.Text>
            {c.description && <Typography.Paragraph style={{ margin: 0 }}>{c.description}</Typography.Paragraph>}
            <Card size="small" title={l('进度', 'Progress')}><ProgressBars p={c.progress} /></Card>
            <Card size="small" title={l('燃尽图:剩余未联系企业', 'Burn-down: enterprises still to visit')}><BurnDown c={c} /></Card>
            <Card size="small" title={l(`走访记录(${c.visits.length} 次)`, `Visits (${c.visits.length})`)}>
              <List<Visit>
                dataSource={c.visits} locale={{ emptyText: <Empty description={l('尚未登记走访', 'No visit logged yet')} /> }}
                renderItem={(v) => <VisitItem v={v} campaign={c} />}
              />
            </Card>
          </>
        )}
        {logging && c && <VisitDialog campaign={c} onClose={() => setLogging(false)} />}
      </Space>
    </RequireAbility>
  );
}

function BurnDown({ c }: { c: Campaign }) {
  const { l } = useI18n();
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [l('剩余企业', 'Remaining'), l('理想进度', 'Ideal')] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: c.burnDown.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value', min: 0 },
    series: [
      { name: l('剩余企业', 'Remaining'), type: 'line', step: 'end', data: c.burnDown.map((d) => d.remaining), showSymbol: false, lineStyle: { width: 3 }, color: '#b71c1c' },
      { name: l('理想进度', 'Ideal'), type: 'line', data: c.burnDown.map((d) => d.ideal), showSymbol: false, lineStyle: { type: 'dashed' }, color: '#8c8c8c' },
    ],
  }), [c.burnDown, l]);
  return <Chart option={option} height={260} label={l(`剩余 ${c.progress.target - c.progress.visited} 家未联系,理想进度线为每天等量减少`, `${c.progress.target - c.progress.visited} enterprises still to visit against the ideal line`)} />;
}

function VisitItem({ v, campaign }: { v: Visit; campaign: Campaign }) {
  const { l } = useI18n();
  const { me } = useSession();
  const [making, setMaking] = useState<'case' | 'suggestion' | null>(null);
  const kind = VISIT_KINDS[v.kind];
  return (
    <List.Item>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={[8, 4]}>
          <strong>{formatDate(v.visitedOn)}</strong>
          {kind && <Tag color="blue">{l(kind.zh, kind.en)}</Tag>}
          <Link to={`/activities/${v.activityId}`}>{v.title}</Link>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {l('企业:', 'Enterprises: ')}{v.enterprises.map((e) => e.name).join('、')}
          {v.deputies.length > 0 && ` · ${l('代表:', 'Deputies: ')}${v.deputies.map((d) => d.name).join('、')}`}
        </Typography.Text>
        {v.summary && <span>{v.summary}</span>}
        {v.issues.map((i) => (
          <div key={i.id}>
            <Tag color="orange">{l('发现问题', 'Issue')}</Tag>{i.summary} →{' '}
            {i.caseId !== null
              ? <Link to={`/cases/${i.caseId}`}>{l(`群众意见 ${i.trackingCode}`, `Case ${i.trackingCode}`)}</Link>
              : <Link to={`/suggestions/${i.suggestionId}`}>{l(`代表建议:${i.suggestionTitle}`, `Suggestion: ${i.suggestionTitle}`)}</Link>}
          </div>
        ))}
        {campaign.canVisit && (
          <Space wrap>
            <Button size="small" onClick={() => setMaking('case')}>{l('问题转群众意见', 'Make it a case')}</Button>
            {me?.role === 'deputy' && <Button size="small" onClick={() => setMaking('suggestion')}>{l('问题转代表建议', 'Make it a suggestion')}</Button>}
          </Space>
        )}
      </Space>
      {making && <IssueDialog visit={v} campaign={campaign} as={making} onClose={() => setMaking(null)} />}
    </List.Item>
  );
}

interface VisitValues { kind: 'visit' | 'research'; visitedOn: string; enterpriseIds: number[]; deputyIds: number[]; place: string; summary: string }

function VisitDialog({ campaign, onClose }: { campaign: Campaign; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<VisitValues>();
  const { busy, run } = useFormWrite(form);
  const point = useApiQuery<Point>(`/api/industry/points/${campaign.stationId}`);
  const enterprises = useApiQuery<{ items: Enterprise[] }>(`/api/industry/points/${campaign.stationId}/enterprises${qs({ limit: 200 })}`);
  return (
    <Modal open title={l('登记走访', 'Log a visit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('登记', 'Log')}>
      <Form<VisitValues>
        form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'visit', deputyIds: [], place: '', summary: '' }}
        onFinish={(v) => void run(() => post(`/api/industry/campaigns/${campaign.id}/visits`, v), l('已登记走访', 'Visit logged'), async () => { await invalidateApi('/api/industry'); onClose(); })}
      >
        <Form.Item name="kind" label={l('方式', 'Kind')}>
          <Radio.Group optionType="button" options={[{ value: 'visit', label: l('走访', 'Visit') }, { value: 'research', label: l('调研', 'Research') }]} />
        </Form.Item>
        <Form.Item name="visitedOn" label={l('走访日期', 'Date')} rules={[{ required: true }]} extra={l(`计划期 ${campaign.startsOn} 至 ${campaign.endsOn}`, `Campaign ${campaign.startsOn} to ${campaign.endsOn}`)}>
          <Input type="date" min={campaign.startsOn} max={campaign.endsOn} />
        </Form.Item>
        <Form.Item name="enterpriseIds" label={l('走访企业', 'Enterprises')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" optionFilterProp="label" loading={enterprises.isFetching} aria-label={l('走访企业', 'Enterprises')}
            options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.visitCount ? e.name : `${e.name}${l('(未走访)', ' (not yet visited)')}` }))} />
        </Form.Item>
        <Form.Item name="deputyIds" label={l('参加代表', 'Deputies')}>
          <Select mode="multiple" optionFilterProp="label" aria-label={l('参加代表', 'Deputies')} options={(point.data?.deputies ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="place" label={l('地点', 'Place')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="summary" label={l('走访情况', 'What was found')} rules={[{ max: 5000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface IssueValues { summary: string; categoryId: number; content: string; place: string; title: string; reasons: string; proposals: string }

function IssueDialog({ visit, campaign, as, onClose }: { visit: Visit; campaign: Campaign; as: 'case' | 'suggestion'; onClose(): void }) {
  const { l, lang } = useI18n();
  const [form] = Form.useForm<IssueValues>();
  const { busy, run } = useFormWrite(form);
  const categories = useApiQuery<Answer<'/api/case-categories'>>('/api/case-categories');
  const submit = (v: IssueValues) => run(
    () => (as === 'case'
      ? post(`/api/industry/visits/${visit.id}/case`, { summary: v.summary, categoryId: v.categoryId, content: v.content, place: v.place ?? '' })
      : post(`/api/industry/visits/${visit.id}/suggestion`, { summary: v.summary, categoryId: v.categoryId, title: v.title, reasons: v.reasons, proposals: v.proposals })),
    as === 'case' ? l('已登记为群众意见', 'Registered as a case') : l('已起草代表建议', 'Draft suggestion started'),
    async () => { await invalidateApi(`/api/industry/campaigns/${campaign.id}`); onClose(); },
  );
  return (
    <Modal open title={as === 'case' ? l('问题转群众意见', 'Make the issue a case') : l('问题转代表建议', 'Make the issue a suggestion')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('提交', 'Submit')}>
      <Form<IssueValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ place: visit.enterprises[0]?.name ?? '' }}>
        <Form.Item name="summary" label={l('问题摘要', 'Issue in a line')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="categoryId" label={l('类别', 'Category')} rules={[{ required: true }]}>
          <Select aria-label={l('类别', 'Category')} options={(categories.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.name }))} />
        </Form.Item>
        {as === 'case' ? (
          <>
            <Form.Item name="content" label={l('意见内容', 'What the enterprise reported')} rules={[{ required: true, whitespace: true, max: 5000 }]}><Input.TextArea rows={4} /></Form.Item>
            <Form.Item name="place" label={l('地点', 'Place')} rules={[{ max: 200 }]}><Input /></Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="title" label={l('建议标题', 'Title')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
            <Form.Item name="reasons" label={l('案由', 'Reasons')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="proposals" label={l('建议', 'Proposals')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
