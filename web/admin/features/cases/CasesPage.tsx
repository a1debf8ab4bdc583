import { FilePdfOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Col, Collapse, DatePicker, Form, Grid, Input, InputNumber, List, Modal, Pagination, Popover, Row, Select,
  Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_CHANNELS, CASE_STATE_LABELS, RATING_LABELS } from '../../../../common/caseVocabulary.js';
import { post, qs, type Answer, type Schemas } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorMessage, invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { downloadFile } from '../../kit/download.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { DeadlineText, RatingTag } from './caseFacts.js';

export type CaseItem = Schemas['CaseListItem'];
type CasePage = Answer<'/api/cases'>;
type BatchResult = Schemas['CaseBatchResult'];
type BatchAction = BatchResult['action'];

/** The filters the queue understands, kept in the address so a filtered queue can be linked and survives going back. */
const FILTERS = [
  'open', 'state', 'overdue', 'keySupervision', 'q', 'stationId', 'unitId', 'categoryId', 'channel', 'from', 'to', 'rating',
  'deputyId', 'awaitingMe', 'todo', 'sort',
] as const;
type FilterName = (typeof FILTERS)[number];
/** Filters of the screen only: the Excel export takes the rest. */
const SCREEN_ONLY: FilterName[] = ['awaitingMe', 'todo'];
const PAGE_SIZES = [10, 20, 50, 100];

/** The table's optional columns, in order; the code, the state and the actions always show. */
const OPTIONAL_COLUMNS = ['content', 'category', 'channel', 'station', 'unit', 'submittedAt', 'deadline', 'rating', 'urgeCount'] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const HIDDEN_BY_DEFAULT: OptionalColumn[] = ['channel', 'urgeCount'];

/** Which optional columns the account chose to see, kept on this device per account. */
function useColumnChoice(accountId: number) {
  const key = `lianxin.cases.columns.${accountId}`;
  const [shown, setShown] = useState<OptionalColumn[]>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
      if (Array.isArray(saved)) return OPTIONAL_COLUMNS.filter((c) => saved.includes(c));
    } catch { /* a damaged entry: the default */ }
    return OPTIONAL_COLUMNS.filter((c) => !HIDDEN_BY_DEFAULT.includes(c));
  });
  const choose = (next: OptionalColumn[]) => {
    setShown(next);
    localStorage.setItem(key, JSON.stringify(next));
  };
  return [shown, choose] as const;
}

function StateTag({ c }: { c: CaseItem }) {
  const { label } = useI18n();
  return <Tag color={c.overdue ? 'red' : c.state === 'closed' || c.state === 'archived' ? 'default' : 'blue'}>{label(c.stateLabel)}</Tag>;
}

/** The printable handling form (办理单), downloaded through fetch so a refusal shows as a message. */
function FormButton({ c, onError }: { c: CaseItem; onError: (message: string) => void }) {
  const { l } = useI18n();
  return (
    <Tooltip title={l('打印办理单(PDF)', 'Print the handling form (PDF)')}>
      <Button
        size="small" type="link" icon={<FilePdfOutlined />} aria-label={l(`打印办理单 ${c.trackingCode}`, `Handling form ${c.trackingCode}`)}
        onClick={() => downloadFile(`/api/cases/${c.id}/form.pdf`, `case-${c.trackingCode}.pdf`).catch((e: unknown) => onError(errorMessage(e)))}
      >{l('办理单', 'Form')}</Button>
    </Tooltip>
  );
}

/** 批量交办 / 批量催办: the dialog asks what the action takes, sends the chosen cases, and reports each one that did not go through. */
function BatchDialog({ action, cases, onClose }: { action: BatchAction | null; cases: CaseItem[]; onClose: (done: boolean) => void }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ unitId?: number; coUnitIds?: number[]; deadlineDays?: number; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const eligible = cases.filter((c) => action && c.abilities.includes(action));
  const skipped = cases.length - eligible.length;
  const title = action === 'assign' ? l('批量交办', 'Assign in a batch') : l('批量催办', 'Urge in a batch');

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const answer = await post<BatchResult>(`/api/cases/batch/${action}`, { ids: eligible.map((c) => c.id), ...values });
      const codes = new Map(eligible.map((c) => [c.id, c.trackingCode]));
      if (answer.failed === 0) message.success(l(`已${action === 'assign' ? '交办' : '催办'} ${answer.succeeded} 件`, `${answer.succeeded} done`));
      else {
        modal.warning({
          title: l(`${answer.succeeded} 件成功,${answer.failed} 件未办成`, `${answer.succeeded} done, ${answer.failed} not`),
          content: (
            <List size="small" dataSource={answer.results.filter((r) => !r.ok)} renderItem={(r) => (
              <List.Item>{codes.get(r.id)}:{r.error?.message}</List.Item>
            )} />
          ),
        });
      }
      await invalidateApi('/api/cases', '/api/todo');
      form.resetFields();
      onClose(true);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    // A click beside the dialog (or on a dropdown as it closes) does not throw away the chosen cases and the form.
    <Modal open={action !== null} title={title} onCancel={() => onClose(false)} onOk={() => void submit()} confirmLoading={busy} maskClosable={false}
      okButtonProps={{ disabled: eligible.length === 0 }} okText={l(`${action === 'assign' ? '交办' : '催办'} ${eligible.length} 件`, `Apply to ${eligible.length}`)} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{l(`已选 ${cases.length} 件,可${action === 'assign' ? '交办' : '催办'} ${eligible.length} 件。`, `${cases.length} chosen, ${eligible.length} can take it.`)}</Typography.Text>
        {skipped > 0 && <Alert type="info" showIcon message={l(`${skipped} 件当前状态不能${action === 'assign' ? '交办' : '催办'},将跳过`, `${skipped} cannot take this action now and are left out`)} />}
        <Form form={form} layout="vertical">
          {action === 'assign' ? (
            <>
              <Form.Item name="unitId" label={l('承办单位', 'Unit')} rules={[{ required: true, message: l('请选择承办单位', 'Choose the unit') }]}>
                <RecordSelect<number> source="units" />
              </Form.Item>
              <Form.Item name="coUnitIds" label={l('会办单位', 'Co-units')}><RecordSelect<number[]> source="units" multiple /></Form.Item>
              <Form.Item name="deadlineDays" label={l('办理期限(工作日,不填按各件类别)', 'Working days (blank: each case\'s category)')}>
                <InputNumber min={1} max={60} style={{ width: 160 }} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="comment" label={l('催办意见', 'Why')} rules={[{ required: true, whitespace: true, message: l('请填写催办意见', 'Say why') }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Space>
    </Modal>
  );
}

/**
 * The case queue at county scale: a search form over every filter the server takes (kept in the
 * address), the total with numbered pages of a chosen size, readable text, an actions column and
 * the columns one chose (kept per account on this device), batch assign and urge, and the
 * handling form (办理单) as a PDF. On a phone the filters fold away and cases are cards.
 */
export function CasesPage() {
  const { l, label } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<FilterName, string | undefined>;
  if (!params.has('open') && !params.has('state')) filters.open = 'true';
  const page = Number(params.get('page') ?? 1) || 1;
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const query = useApiQuery<CasePage>(`/api/cases${qs({ ...filters, count: true, page, limit: size })}`, { keepPrevious: true });
  const categories = useApiQuery<Answer<'/api/case-categories'>>('/api/case-categories');
  const todo = useApiQuery<Answer<'/api/todo'>>(filters.todo ? '/api/todo' : null);
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const [shown, setShown] = useColumnChoice(me!.id);
  const [selected, setSelected] = useState<CaseItem[]>([]);
  const [batch, setBatch] = useState<BatchAction | null>(null);

  /** Changing a filter starts again from the first page and forgets the choice of cases. */
  const setFilters = (changes: Partial<Record<FilterName, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete('page');
    setParams(next);
    setSelected([]);
  };
  const setFilter = (name: FilterName, value: string | number | null | undefined) => setFilters({ [name]: value === null || value === undefined ? undefined : String(value) });
  /** 办理中 and 全部 are the `open` filter; any other choice is one state. An empty `open` means all. */
  const setStateFilter = (value: string) => {
    const next = new URLSearchParams(params);
    next.delete('state');
    next.delete('open');
    next.delete('page');
    if (value === '') next.set('open', '');
    else if (value !== 'true') next.set('state', value);
    setParams(next);
    setSelected([]);
  };
  const setPage = (p: number, s: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    if (s !== 20) next.set('size', String(s));
    else next.delete('size');
    setParams(next);
  };

  const todoLabel = filters.todo ? todo.data?.items.find((i) => i.key === filters.todo)?.label : undefined;
  const exportFilters = Object.fromEntries(Object.entries(filters).filter(([k]) => !SCREEN_ONLY.includes(k as FilterName)));
  const width = (w: number) => ({ width: narrow ? '100%' : w });

  // The search stays in sight on a phone, above the folded filters: it is what a clerk reaches for first.
  const search = (
    <Input.Search
      key={filters.q ?? ''} defaultValue={filters.q} placeholder={l('受理编号或内容', 'Tracking code or words')} allowClear
      onSearch={(q) => setFilter('q', q || undefined)} aria-label={l('搜索', 'Search')}
    />
  );
  const form = (
    <Row gutter={[8, 8]}>
      {!narrow && <Col xs={24} sm={12} lg={6}>{search}</Col>}
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.state ?? filters.open ?? ''} style={{ width: '100%' }} aria-label={l('状态', 'State')} onChange={setStateFilter}
          options={[
            { value: 'true', label: l('办理中', 'Open') },
            { value: '', label: l('全部状态', 'Any state') },
            ...CASE_STATE_LABELS.keys.map((s) => ({ value: s, label: label(CASE_STATE_LABELS.labels[s]) })),
          ]}
        />
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.categoryId ? Number(filters.categoryId) : ''} style={{ width: '100%' }} aria-label={l('类别', 'Category')}
          onChange={(v) => setFilter('categoryId', v || undefined)}
          options={[{ value: '', label: l('全部类别', 'Any category') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: l(c.name, c.nameEn) }))]}
        />
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.channel ?? ''} style={{ width: '100%' }} aria-label={l('渠道', 'Channel')} onChange={(v) => setFilter('channel', v || undefined)}
          options={[{ value: '', label: l('全部渠道', 'Any channel') }, ...CASE_CHANNELS.keys.map((c) => ({ value: c, label: label(CASE_CHANNELS.labels[c]) }))]}
        />
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.rating ?? ''} style={{ width: '100%' }} aria-label={l('群众评价', 'Rating')} onChange={(v) => setFilter('rating', v || undefined)}
          options={[
            { value: '', label: l('全部评价', 'Any rating') },
            ...RATING_LABELS.keys.map((r) => ({ value: r, label: label(RATING_LABELS.labels[r]) })),
            { value: 'none', label: l('未评价', 'Not rated') },
          ]}
        />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <DatePicker.RangePicker
          style={{ width: '100%' }} aria-label={l('提交日期', 'Submitted between')} placeholder={[l('提交起始日', 'From'), l('提交截止日', 'To')]}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(range) => setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Col>
      {me!.role !== 'unit' && (
        <Col xs={24} sm={12} lg={6}>
          <RecordSelect<number>
            source="stations" value={filters.stationId ? Number(filters.stationId) : null} onChange={(v) => setFilter('stationId', v)}
            placeholder={l('联络站', 'Station')} aria-label={l('联络站', 'Station')} style={{ width: '100%' }}
          />
        </Col>
      )}
      {me!.role !== 'unit' && (
        <Col xs={24} sm={12} lg={6}>
          <RecordSelect<number>
            source="units" value={filters.unitId ? Number(filters.unitId) : null} onChange={(v) => setFilter('unitId', v)}
            placeholder={l('承办单位', 'Unit')} aria-label={l('承办单位', 'Unit')} style={{ width: '100%' }}
          />
        </Col>
      )}
      <Col xs={24} lg={12}>
        <Space wrap>
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}>{l('已超期', 'Overdue')}</Checkbox>
          <Checkbox checked={filters.keySupervision === 'true'} onChange={(e) => setFilter('keySupervision', e.target.checked ? 'true' : undefined)}>{l('重点督办', 'Key supervision')}</Checkbox>
          <Space size={4}>
            <Switch size="small" checked={filters.awaitingMe === 'true'} onChange={(on) => setFilter('awaitingMe', on ? 'true' : undefined)} aria-label={l('待我办理', 'Awaiting me')} />
            {l('待我办理', 'Awaiting me')}
          </Space>
          <Select
            value={filters.sort ?? 'newest'} style={width(150)} aria-label={l('排序', 'Order')}
            onChange={(v) => setFilter('sort', v === 'newest' ? undefined : v)}
            options={[{ value: 'newest', label: l('最新提交在前', 'Newest first') }, { value: 'deadline', label: l('期限最近在前', 'Nearest deadline first') }]}
          />
          <Button onClick={() => { setParams(new URLSearchParams()); setSelected([]); }}>{l('重置', 'Reset')}</Button>
        </Space>
      </Col>
    </Row>
  );

  const canBatch = (action: BatchAction) => selected.some((c) => c.abilities.includes(action));
  const offersBatch = me!.role === 'admin' || me!.role === 'staff' || me!.role === 'officer';
  // A deputy chooses cases to take up together in one suggestion (联名 or alone).
  const offersSuggestion = can('suggestion.draft');
  const toSuggestion = () => void navigate(`/my-suggestions/new?caseIds=${selected.map((c) => c.id).join(',')}`);
  const toolbar = (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Space wrap>
        <Typography.Text>{l(`共 ${total} 件`, `${total} cases`)}</Typography.Text>
        {filters.todo && (
          <Tag closable color="red" onClose={() => setFilter('todo', undefined)}>{l('待办', 'To-do')}:{todoLabel ? label(todoLabel) : filters.todo}</Tag>
        )}
        {offersBatch && selected.length > 0 && (
          <>
            <Typography.Text type="secondary">{l(`已选 ${selected.length} 件`, `${selected.length} chosen`)}</Typography.Text>
            <Button type="primary" disabled={!canBatch('assign')} onClick={() => setBatch('assign')}>{l('批量交办', 'Assign chosen')}</Button>
            <Button disabled={!canBatch('urge')} onClick={() => setBatch('urge')}>{l('批量催办', 'Urge chosen')}</Button>
            <Button type="link" onClick={() => setSelected([])}>{l('取消选择', 'Clear')}</Button>
          </>
        )}
        {offersSuggestion && selected.length > 0 && (
          <>
            <Typography.Text type="secondary">{l(`已选 ${selected.length} 件`, `${selected.length} chosen`)}</Typography.Text>
            <Button type="primary" onClick={toSuggestion}>{l('转为代表建议', 'Make them a suggestion')}</Button>
            <Button type="link" onClick={() => setSelected([])}>{l('取消选择', 'Clear')}</Button>
          </>
        )}
      </Space>
      <Space wrap>
        {!narrow && (
          <Popover
            trigger="click" placement="bottomRight" title={l('显示的列', 'Columns shown')}
            content={(
              <Checkbox.Group
                value={shown} onChange={(v) => setShown(OPTIONAL_COLUMNS.filter((c) => (v as string[]).includes(c)))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={OPTIONAL_COLUMNS.map((c) => ({ value: c, label: columnTitle(c) }))}
              />
            )}
          >
            <Button icon={<SettingOutlined />}>{l('列设置', 'Columns')}</Button>
          </Popover>
        )}
        <ExportButton href={`/api/cases.xlsx${qs(exportFilters)}`} />
      </Space>
    </Space>
  );

  function columnTitle(c: OptionalColumn): string {
    return {
      content: l('内容', 'Text'), category: l('类别', 'Category'), channel: l('渠道', 'Channel'), station: l('联络站', 'Station'),
      unit: l('承办单位', 'Unit'), submittedAt: l('提交时间', 'Submitted'), deadline: l('办理期限', 'Deadline'), rating: l('群众评价', 'Rating'),
      urgeCount: l('催办次数', 'Urged'),
    }[c];
  }

  const optional: Record<OptionalColumn, TableColumnsType<CaseItem>[number]> = {
    content: {
      title: columnTitle('content'), dataIndex: 'content', width: 320,
      render: (text: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>{text}</Typography.Paragraph>,
    },
    category: { title: columnTitle('category'), dataIndex: 'category', width: 110 },
    channel: { title: columnTitle('channel'), dataIndex: 'channel', width: 100, render: (c: CaseItem['channel']) => label(CASE_CHANNELS.labels[c]) },
    station: { title: columnTitle('station'), dataIndex: 'station', width: 180 },
    unit: { title: columnTitle('unit'), dataIndex: 'unit', width: 160, render: (u: string | null) => u ?? '—' },
    submittedAt: { title: columnTitle('submittedAt'), dataIndex: 'submittedAt', width: 140, render: formatDateTime },
    deadline: {
      title: columnTitle('deadline'), dataIndex: 'deadlineDate', width: 170,
      render: (d: string | null, c) => <DeadlineText date={d} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} />,
    },
    rating: { title: columnTitle('rating'), dataIndex: 'rating', width: 100, render: (r: CaseItem['rating']) => <RatingTag rating={r} /> },
    urgeCount: { title: columnTitle('urgeCount'), dataIndex: 'urgeCount', width: 80 },
  };
  const columns: TableColumnsType<CaseItem> = [
    { title: l('受理编号', 'Code'), dataIndex: 'trackingCode', width: 120, fixed: 'left', render: (code: string, c) => <Link to={`/cases/${c.id}`}>{code}</Link> },
    {
      title: l('状态', 'State'), dataIndex: 'state', width: 130,
      render: (_: unknown, c) => <Space size={4} wrap><StateTag c={c} />{c.keySupervision && <Tag color="gold">{l('重点', 'Key')}</Tag>}</Space>,
    },
    ...shown.map((c) => optional[c]),
    {
      title: l('操作', 'Actions'), key: 'actions', width: 150, fixed: 'right',
      render: (_: unknown, c) => (
        <Space size={0}>
          <Link to={`/cases/${c.id}`} aria-label={l(`办理 ${c.trackingCode}`, `Open ${c.trackingCode}`)}>
            {c.abilities.length > 0 ? l('办理', 'Handle') : l('查看', 'View')}
          </Link>
          <FormButton c={c} onError={(m) => void message.error(m)} />
        </Space>
      ),
    },
  ];

  const pager = (
    <Pagination
      current={page} pageSize={size} total={total} onChange={setPage} showSizeChanger={!narrow} showQuickJumper={!narrow}
      pageSizeOptions={PAGE_SIZES} simple={narrow} showTotal={narrow ? undefined : (n) => l(`共 ${n} 件`, `${n} cases`)} style={{ textAlign: 'right' }}
    />
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {narrow
        ? <>{search}<Collapse size="small" items={[{ key: 'f', label: l('筛选条件', 'Filters'), children: form }]} /></>
        : <Card size="small">{form}</Card>}
      {query.error && <Alert type="error" showIcon message={query.error.message} />}
      {toolbar}
      {narrow ? (
        <List<CaseItem>
          loading={query.isFetching} dataSource={items} locale={{ emptyText: l('没有符合条件的意见', 'No cases match') }}
          renderItem={(c) => (
            <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
              {offersSuggestion && (
                <Checkbox
                  style={{ padding: '12px 4px' }} checked={selected.some((x) => x.id === c.id)} aria-label={l(`选择 ${c.trackingCode}`, `Choose ${c.trackingCode}`)}
                  onChange={(e) => setSelected(e.target.checked ? [...selected, c] : selected.filter((x) => x.id !== c.id))}
                />
              )}
              <Link to={`/cases/${c.id}`} style={{ display: 'block', marginBottom: 8, flex: 1, minWidth: 0 }}>
                <Card size="small" title={<Space size={4}><StateTag c={c} />{c.keySupervision && <Tag color="gold">{l('督', 'Key')}</Tag>}</Space>} extra={<Typography.Text type="secondary">{c.trackingCode}</Typography.Text>}>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 4 }}>{c.content}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.station} · {c.unit ?? l('未交办', 'Not assigned')} · {l('期限', 'Due')} <DeadlineText date={c.deadlineDate} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} />
                    {c.rating && <> · <RatingTag rating={c.rating} /></>}
                  </Typography.Text>
                </Card>
              </Link>
            </div>
          )}
        />
      ) : (
        <Table<CaseItem>
          rowKey="id" loading={query.isFetching} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} size="middle"
          locale={{ emptyText: l('没有符合条件的意见', 'No cases match') }} columns={columns}
          rowSelection={offersBatch || offersSuggestion ? {
            selectedRowKeys: selected.map((c) => c.id),
            preserveSelectedRowKeys: true,
            onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
            getCheckboxProps: (c) => ({ 'aria-label': l(`选择 ${c.trackingCode}`, `Choose ${c.trackingCode}`) }),
          } : undefined}
        />
      )}
      {pager}
      <BatchDialog action={batch} cases={selected} onClose={(done) => { setBatch(null); if (done) setSelected([]); }} />
    </Space>
  );
}
