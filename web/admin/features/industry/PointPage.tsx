import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { del, post, put, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { ImportDrawer } from '../imports/ImportDrawer.js';
import type { CampaignSummary, Enterprise, Member, Point } from './types.js';

/** A contact point: its 1+2+5+N organisation, member enterprises and outreach campaigns. */
export function PointPage() {
  const { l } = useI18n();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const url = `/api/industry/points/${id}`;
  const point = useApiQuery<Point>(url);
  const tab = params.get('tab') ?? 'organisation';
  return (
    <RequireAbility ability="industry.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={point.data?.name ?? l('产业联系点', 'Industry contact point')} />
        <LoadError error={point.error?.message ?? null} retry={() => void invalidateApi(url)} />
        {point.data && (
          <>
            <Typography.Text type="secondary">{point.data.regionName}{point.data.address ? ` · ${point.data.address}` : ''}</Typography.Text>
            <Tabs
              activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })}
              items={[
                { key: 'organisation', label: l('组织架构', 'Organisation'), children: <Organisation point={point.data} /> },
                { key: 'enterprises', label: l('成员企业', 'Enterprises'), children: <Enterprises point={point.data} /> },
                { key: 'campaigns', label: l('联系计划', 'Campaigns'), children: <Campaigns point={point.data} /> },
              ]}
            />
          </>
        )}
      </Space>
    </RequireAbility>
  );
}

function people(list: Member[], withProfession = false) {
  return list.map((m, i) => (
    <Tag key={`${m.deputyId ?? m.name}-${i}`} style={{ marginBottom: 4 }}>
      {m.name}{m.title ? `(${m.title})` : ''}{withProfession && m.profession ? ` · ${m.profession}` : ''}
    </Tag>
  ));
}

/** The "1+2+5+N" structure, flagged while it lacks a lead, two conveners or five resident deputies. */
function Organisation({ point }: { point: Point }) {
  const { l } = useI18n();
  const [editing, setEditing] = useState(false);
  const o = point.organisation;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {o.complete
        ? <Alert type="success" showIcon title={l('“1+2+5+N”组织架构完整', 'The 1+2+5+N organisation is complete')} />
        : <Alert type="warning" showIcon title={l('组织架构不完整', 'The organisation is incomplete')} description={o.gaps.map((g) => l(g.label.zh, g.label.en)).join(l(';', '; '))} />}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={l('1 名牵头领导', '1 lead official')}>{people(o.lead)}</Descriptions.Item>
        <Descriptions.Item label={l(`2 名召集人(现 ${o.conveners.length} 名)`, `2 conveners (now ${o.conveners.length})`)}>{people(o.conveners)}</Descriptions.Item>
        <Descriptions.Item label={l(`5 名以上驻点代表(现 ${o.residents.length} 名)`, `5+ resident deputies (now ${o.residents.length})`)}>{people(o.residents, true)}</Descriptions.Item>
        <Descriptions.Item label={l(`N 名参与代表(${o.participants.length} 名)`, `N participating deputies (${o.participants.length})`)}>{people(o.participants)}</Descriptions.Item>
      </Descriptions>
      {point.canManage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{l('调整组织架构', 'Change the organisation')}</Button>}
      {editing && <OrganisationDialog point={point} onClose={() => setEditing(false)} />}
    </Space>
  );
}

interface PersonValue { deputyId?: number | null; name?: string; title?: string }
interface OrganisationValues { lead: PersonValue; conveners: PersonValue[]; residents: { deputyId: number; profession: string }[]; participants: number[] }

function OrganisationDialog({ point, onClose }: { point: Point; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<OrganisationValues>();
  const { busy, run } = useFormWrite(form);
  const o = point.organisation;
  const deputies = point.deputies.map((d) => ({ value: d.id, label: `${d.name}${d.occupation ? `(${d.occupation})` : ''}` }));
  const person = (m: Member | undefined): PersonValue => ({ deputyId: m?.deputyId ?? null, name: m?.deputyId === null ? m.name : '', title: m?.title ?? '' });
  const clean = (p: PersonValue) => ({ deputyId: p.deputyId ?? null, name: p.deputyId ? '' : (p.name ?? '').trim(), title: (p.title ?? '').trim() });
  const filled = (p: PersonValue) => Boolean(p.deputyId) || Boolean(p.name?.trim());
  async function submit(v: OrganisationValues) {
    await run(() => put(`/api/industry/points/${point.id}/organisation`, {
      lead: [v.lead].filter(filled).map(clean), conveners: v.conveners.filter(filled).map(clean),
      residents: (v.residents ?? []).filter((r) => r?.deputyId), participants: (v.participants ?? []).map((deputyId) => ({ deputyId })),
    }), l('已保存组织架构', 'Organisation saved'), async () => { await invalidateApi('/api/industry/points'); onClose(); });
  }
  const personFields = (name: (string | number)[], label: string) => (
    <Space.Compact block>
      <Form.Item name={[...name, 'deputyId']} noStyle><Select allowClear placeholder={l('驻站代表', 'A deputy')} aria-label={`${label} ${l('代表', 'deputy')}`} options={deputies} style={{ width: '40%' }} /></Form.Item>
      <Form.Item name={[...name, 'name']} noStyle><Input placeholder={l('或填写姓名', 'or a name')} aria-label={`${label} ${l('姓名', 'name')}`} style={{ width: '25%' }} /></Form.Item>
      <Form.Item name={[...name, 'title']} noStyle><Input placeholder={l('职务', 'Title')} aria-label={`${label} ${l('职务', 'title')}`} style={{ width: '35%' }} /></Form.Item>
    </Space.Compact>
  );
  return (
    <Modal open title={l('调整“1+2+5+N”组织架构', 'The 1+2+5+N organisation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} width={720} okText={l('保存', 'Save')}>
      <Form<OrganisationValues>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={{
          lead: person(o.lead[0]), conveners: [person(o.conveners[0]), person(o.conveners[1])],
          residents: o.residents.map((r) => ({ deputyId: r.deputyId!, profession: r.profession })), participants: o.participants.map((p) => p.deputyId!),
        }}
      >
        <Form.Item label={l('牵头领导', 'Lead official')}>{personFields(['lead'], l('牵头领导', 'Lead official'))}</Form.Item>
        <Form.Item label={l('召集人一', 'Convener 1')}>{personFields(['conveners', 0], l('召集人一', 'Convener 1'))}</Form.Item>
        <Form.Item label={l('召集人二', 'Convener 2')}>{personFields(['conveners', 1], l('召集人二', 'Convener 2'))}</Form.Item>
        <Typography.Text strong>{l('驻点代表(按专业,5 名以上)', 'Resident deputies by profession (5 or more)')}</Typography.Text>
        <Form.List name="residents">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
              {fields.map((f) => (
                <Space.Compact key={f.key} block>
                  <Form.Item name={[f.name, 'deputyId']} noStyle rules={[{ required: true }]}><Select options={deputies} aria-label={l('驻点代表', 'Resident deputy')} style={{ width: '50%' }} /></Form.Item>
                  <Form.Item name={[f.name, 'profession']} noStyle rules={[{ required: true, whitespace: true, max: 50 }]}><Input placeholder={l('专业', 'Profession')} aria-label={l('专业', 'Profession')} style={{ width: '40%' }} /></Form.Item>
                  <Button aria-label={l('移除', 'Remove')} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space.Compact>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ profession: '' })}>{l('添加驻点代表', 'Add a resident deputy')}</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="participants" label={l('参与代表(N 名)', 'Participating deputies')} style={{ marginTop: 16 }}>
          <Select mode="multiple" options={deputies} aria-label={l('参与代表', 'Participating deputies')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Member enterprises: search, add and change, import from Excel, export, and the audited reveal of a masked contact. */
function Enterprises({ point }: { point: Point }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<Enterprise | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [revealed, setRevealed] = useState<Record<number, { contactName: string | null; contactPhone: string | null }>>({});
  const listUrl = `/api/industry/points/${point.id}/enterprises${qs({ q: q || undefined, limit: 50, cursor })}`;
  const list = useApiQuery<{ items: Enterprise[]; nextCursor: string | null }>(listUrl, { keepPrevious: true });
  const refresh = () => invalidateApi(`/api/industry/points/${point.id}`, '/api/industry/points');

  async function reveal(e: Enterprise) {
    try {
      const shown = await post<{ contactName: string | null; contactPhone: string | null }>(`/api/industry/enterprises/${e.id}/contact`);
      setRevealed((r) => ({ ...r, [e.id]: shown }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  }
  async function remove(e: Enterprise) {
    try {
      await del(`/api/industry/enterprises/${e.id}`);
      message.success(l('已移除', 'Removed'));
      await refresh();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <FilterBar>
        <Input.Search allowClear placeholder={l('企业名称、信用代码或行业', 'Name, credit code or industry')} aria-label={l('搜索企业', 'Search enterprises')} onSearch={(v) => { setCursor(undefined); setQ(v.trim()); }} style={{ maxWidth: 320 }} />
        <Space wrap>
          {point.canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('新增企业', 'Add')}</Button>}
          {point.canManage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{l('从 Excel 导入', 'Import')}</Button>}
          <ExportButton href={`/api/industry/enterprises.xlsx${qs({ stationId: point.id, q: q || undefined })}`} />
        </Space>
      </FilterBar>
      <LoadError error={list.error?.message ?? null} retry={() => void refresh()} />
      <Table<Enterprise>
        size="small" rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} scroll={{ x: narrow ? 640 : undefined }}
        locale={{ emptyText: <Empty description={l('暂无成员企业', 'No member enterprise yet')} /> }}
        columns={[
          { title: l('企业名称', 'Name'), dataIndex: 'name', render: (n: string, e) => <><div>{n}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.industry}</Typography.Text></> },
          { title: l('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 190, render: (c: string) => <Typography.Text code copyable>{c}</Typography.Text> },
          {
            title: l('联系人', 'Contact'), width: 200,
            render: (_: unknown, e) => {
              const shown = revealed[e.id] ?? e;
              return (
                <Space size={4} wrap>
                  <span>{shown.contactName ?? '—'} {shown.contactPhone ?? ''}</span>
                  {e.contactRevealable && !revealed[e.id] && (
                    <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => void reveal(e)}>{l('查看', 'Reveal')}</Button>
                  )}
                </Space>
              );
            },
          },
          { title: l('走访', 'Visits'), width: 110, render: (_: unknown, e) => (e.visitCount ? l(`${e.visitCount} 次 · ${formatDate(e.lastVisitedOn)}`, `${e.visitCount} · ${formatDate(e.lastVisitedOn)}`) : <Tag>{l('未走访', 'Not yet')}</Tag>) },
          ...(point.canManage ? [{
            title: l('操作', 'Actions'), width: 130,
            render: (_: unknown, e: Enterprise) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(e)}>{l('修改', 'Edit')}</Button>
                <Popconfirm title={l('移除该企业?', 'Remove this enterprise?')} onConfirm={() => void remove(e)}><Button type="link" size="small" danger>{l('移除', 'Remove')}</Button></Popconfirm>
              </Space>
            ),
          }] : []),
        ]}
      />
      {list.data?.nextCursor && <Button onClick={() => setCursor(list.data!.nextCursor!)}>{l('下一页', 'Next page')}</Button>}
      {editing && <EnterpriseDialog point={point} enterprise={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      <ImportDrawer kind="enterprises" stationId={point.id} open={importing} onClose={() => setImporting(false)} onImported={() => void refresh()} />
    </Space>
  );
}

interface EnterpriseValues { name: string; creditCode: string; industry: string; address: string; contactName: string; contactPhone: string }

function EnterpriseDialog({ point, enterprise, onClose, onSaved }: { point: Point; enterprise: Enterprise | null; onClose(): void; onSaved(): Promise<void> }) {
  const { l } = useI18n();
  const [form] = Form.useForm<EnterpriseValues>();
  const { busy, run } = useFormWrite(form);
  async function submit(v: EnterpriseValues) {
    const body = { ...v, contactName: v.contactName?.trim() || null, contactPhone: v.contactPhone?.trim() || null };
    await run(
      () => (enterprise ? put(`/api/industry/enterprises/${enterprise.id}`, { ...body, version: enterprise.version }) : post(`/api/industry/points/${point.id}/enterprises`, body)),
      l('已保存', 'Saved'), async () => { await onSaved(); onClose(); },
    );
  }
  return (
    <Modal open title={enterprise ? l('修改成员企业', 'Change the enterprise') : l('新增成员企业', 'Add a member enterprise')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form<EnterpriseValues>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={enterprise ? { ...enterprise, contactName: enterprise.contactName ?? '', contactPhone: enterprise.contactPhone ?? '' } : {}}
      >
        <Form.Item name="name" label={l('企业(合作社)名称', 'Name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item
          name="creditCode" label={l('统一社会信用代码', 'Unified social credit code')}
          extra={l('18 位,系统按 GB 32100-2015 核验末位校验码', '18 characters; the check character is verified (GB 32100-2015)')}
          rules={[{ required: true, whitespace: true }, { len: 18, message: l('应为 18 位', '18 characters') }]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="industry" label={l('所属行业', 'Industry')} rules={[{ max: 50 }]}><Input /></Form.Item>
        <Form.Item name="address" label={l('地址', 'Address')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Space.Compact block>
          <Form.Item name="contactName" label={l('联系人', 'Contact')} style={{ width: '45%' }} rules={[{ max: 50 }]}><Input /></Form.Item>
          <Form.Item name="contactPhone" label={l('联系电话', 'Phone')} style={{ width: '55%' }} rules={[{ max: 30 }]}><Input inputMode="tel" /></Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

/** The point's campaigns with their progress; those who run the point start a new one. */
function Campaigns({ point }: { point: Point }) {
  const { l } = useI18n();
  const url = `/api/industry/points/${point.id}/campaigns`;
  const campaigns = useApiQuery<{ items: CampaignSummary[] }>(url);
  const [creating, setCreating] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {point.canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ alignSelf: 'flex-start' }}>{l('新建联系计划', 'New campaign')}</Button>}
      <LoadError error={campaigns.error?.message ?? null} retry={() => void invalidateApi(url)} />
      {campaigns.data?.items.length === 0 && <Empty description={l('暂无联系计划', 'No campaign yet')} />}
      {campaigns.data?.items.map((c) => <CampaignCard key={c.id} c={c} />)}
      {creating && <CampaignDialog point={point} onClose={() => setCreating(false)} />}
    </Space>
  );
}

export function ProgressBars({ p }: { p: CampaignSummary['progress'] }) {
  const { l } = useI18n();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(90px, auto) 1fr', columnGap: 12, alignItems: 'center' }}>
      <span>{l(`已联系 ${p.visited}/${p.target} 家`, `${p.visited}/${p.target} visited`)}</span>
      <Progress percent={p.visitedPercent} status={p.onTrack ? 'success' : 'active'} aria-label={l('已联系企业占目标', 'Enterprises visited of the target')} />
      <span>{l(`第 ${p.daysElapsed}/${p.periodDays} 天`, `Day ${p.daysElapsed}/${p.periodDays}`)}</span>
      <Progress percent={p.elapsedPercent} strokeColor="#8c8c8c" aria-label={l('已过天数占计划期', 'Days elapsed of the period')} />
    </div>
  );
}

function CampaignCard({ c }: { c: CampaignSummary }) {
  const { l } = useI18n();
  return (
    <Card size="small" title={<Link to={`/industry/campaigns/${c.id}`}>{c.title}</Link>} extra={c.progress.onTrack ? <Tag color="green">{l('进度正常', 'On track')}</Tag> : <Tag color="orange">{l('进度落后', 'Behind')}</Tag>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{formatDate(c.startsOn)} — {formatDate(c.endsOn)}</Typography.Paragraph>
      <ProgressBars p={c.progress} />
    </Card>
  );
}

interface CampaignValues { title: string; description: string; target: number; startsOn: string; endsOn: string }

function CampaignDialog({ point, onClose }: { point: Point; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<CampaignValues>();
  const { busy, run } = useFormWrite(form);
  return (
    <Modal open title={l('新建联系计划', 'New outreach campaign')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('创建', 'Create')}>
      <Form<CampaignValues>
        form={form} layout="vertical" requiredMark={false} initialValues={{ title: l('百日联系计划', '100 days, 100 enterprises'), target: 100 }}
        onFinish={(v) => void run(() => post(`/api/industry/points/${point.id}/campaigns`, v), l('已创建', 'Created'), async () => { await invalidateApi(`/api/industry/points/${point.id}`, '/api/industry/points'); onClose(); })}
      >
        <Form.Item name="title" label={l('名称', 'Title')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="target" label={l('目标企业数', 'Target number of enterprises')} rules={[{ required: true }]}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item>
        <Space.Compact block>
          <Form.Item name="startsOn" label={l('开始日期', 'Starts on')} rules={[{ required: true }]} style={{ width: '50%' }}><Input type="date" /></Form.Item>
          <Form.Item name="endsOn" label={l('结束日期', 'Ends on')} rules={[{ required: true }]} style={{ width: '50%' }}><Input type="date" /></Form.Item>
        </Space.Compact>
        <Form.Item name="description" label={l('说明', 'Description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
