import { Button, DatePicker, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { ISSUE_CATEGORIES, ISSUE_STATUSES } from './labels.js';
import type { Issue, IssueItem, Overview } from './types.js';

function StatusTag({ status }: { status: IssueItem['status'] }) {
  const { label } = useI18n();
  return <Tag color={ISSUE_STATUSES[status].color} data-testid="cp-issue-status">{label(ISSUE_STATUSES[status])}</Tag>;
}

/** The joint governance list: every side reads it; the host and this quarter's chair side add items and record progress. */
export function IssuesTab({ overview }: { overview: Overview }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const url = `/api/cross-province/stations/${overview.id}/issues`;
  const list = useApiQuery<{ items: IssueItem[]; canEdit: boolean }>(url);
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<IssueItem> = [
    { title: l('事项', 'Item'), key: 'title', render: (_: unknown, i) => <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(i.id)}>{i.title}</Button> },
    { title: l('类别', 'Category'), key: 'category', width: 110, render: (_: unknown, i) => label(ISSUE_CATEGORIES[i.category]) },
    { title: l('责任方', 'Responsible sides'), key: 'sides', responsive: ['md'], render: (_: unknown, i) => i.sides.map((s) => s.name).join('、') },
    { title: l('状态', 'Status'), key: 'status', width: 100, render: (_: unknown, i) => <StatusTag status={i.status} /> },
    { title: l('期限', 'Deadline'), key: 'deadline', width: 120, responsive: ['sm'], render: (_: unknown, i) => (i.deadline ? <span style={{ color: i.overdue ? '#cf1322' : undefined }}>{formatDate(i.deadline)}</span> : '—') },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <LoadError error={list.error?.message ?? null} />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          {l('由本季度轮值方牵头维护,各方共享;公开页面同步公布(不含个人信息)。', 'Kept by this quarter’s chair side, shared by all sides, and published without personal data.')}
        </Typography.Text>
        {list.data?.canEdit && <Button type="primary" onClick={() => setAdding(true)}>{l('新增事项', 'Add an item')}</Button>}
      </Space>
      <Table rowKey="id" size={narrow ? 'small' : 'middle'} columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} data-testid="cp-issues" />
      {open !== null && <IssueDrawer id={open} onClose={() => setOpen(null)} listUrl={url} />}
      {adding && <NewIssue overview={overview} onClose={() => setAdding(false)} listUrl={url} />}
    </Space>
  );
}

function IssueDrawer({ id, onClose, listUrl }: { id: number; onClose(): void; listUrl: string }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const issue = useApiQuery<Issue>(`/api/cross-province/issues/${id}`);
  const [form] = Form.useForm<{ body: string; status: IssueItem['status'] | null }>();
  const { busy, run } = useFormWrite(form);
  const i = issue.data;
  const save = (values: { body: string; status: IssueItem['status'] | null }) => run(
    () => post(`/api/cross-province/issues/${id}/notes`, { body: values.body, status: values.status ?? null, version: i!.version }),
    l('进展已记录', 'Progress recorded'),
    async () => { form.resetFields(); await invalidateApi(`/api/cross-province/issues/${id}`, listUrl); },
  );
  return (
    <Drawer open onClose={onClose} size={narrow ? '100%' : 560} title={i?.title ?? l('清单事项', 'Governance item')}>
      <LoadError error={issue.error?.message ?? null} />
      {i && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <StatusTag status={i.status} />
            <Tag>{label(ISSUE_CATEGORIES[i.category])}</Tag>
            {i.deadline && <Tag color={i.overdue ? 'red' : undefined}>{l(`期限 ${formatDate(i.deadline)}`, `Due ${formatDate(i.deadline)}`)}</Tag>}
          </Space>
          <Typography.Paragraph>{i.description}</Typography.Paragraph>
          <Typography.Text>{l('责任方:', 'Responsible: ')}{i.sides.map((s) => s.name).join('、')}</Typography.Text>
          {i.links.length > 0 && (
            <Typography.Text>{l('关联:', 'Linked: ')}{i.links.map((k) => `${k.kind === 'case' ? l('群众意见', 'Case') : l('代表建议', 'Suggestion')} ${k.label}`).join(';')}</Typography.Text>
          )}
          <Typography.Title level={5}>{l('进展', 'Progress')}</Typography.Title>
          <Timeline data-testid="cp-issue-notes" items={i.notes.map((n) => ({
            key: n.id,
            children: (
              <div>
                <Typography.Text type="secondary">{formatDateTime(n.at)} · {n.author}</Typography.Text>
                {n.statusTo && <Tag style={{ marginInlineStart: 6 }}>{label(ISSUE_STATUSES[n.statusTo as IssueItem['status']])}</Tag>}
                <div>{n.body}</div>
              </div>
            ),
          }))} />
          {i.canEdit && (
            <Form form={form} layout="vertical" onFinish={save} initialValues={{ status: null }}>
              <Form.Item name="status" label={l('状态改为', 'New status')}>
                <Select allowClear aria-label={l('状态改为', 'New status')} data-testid="cp-note-status"
                  options={Object.entries(ISSUE_STATUSES).map(([value, s]) => ({ value, label: label(s) }))} />
              </Form.Item>
              <Form.Item name="body" label={l('进展情况', 'Progress note')} rules={[{ required: true, message: l('请填写进展情况', 'Write the progress') }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="cp-note-body" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>{l('记录进展', 'Record progress')}</Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}

interface NewIssueValues { title: string; category: string; description: string; sides: string[]; deadline: dayjs.Dayjs | null }

function NewIssue({ overview, onClose, listUrl }: { overview: Overview; onClose(): void; listUrl: string }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<NewIssueValues>();
  const { busy, run } = useFormWrite(form);
  const save = (v: NewIssueValues) => run(
    () => post(`/api/cross-province/stations/${overview.id}/issues`, {
      title: v.title, category: v.category, description: v.description ?? '', sides: v.sides, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    }),
    l('已加入清单', 'Added to the list'),
    async () => { await invalidateApi(listUrl); onClose(); },
  );
  return (
    <Modal open title={l('新增协同治理事项', 'New governance item')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ category: 'other', sides: [] }}>
        <Form.Item name="title" label={l('事项', 'Item')} rules={[{ required: true, message: l('请填写事项', 'Name the item') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="category" label={l('类别', 'Category')}>
          <Select options={Object.entries(ISSUE_CATEGORIES).map(([value, c]) => ({ value, label: label(c) }))} />
        </Form.Item>
        <Form.Item name="sides" label={l('责任方', 'Responsible sides')} rules={[{ required: true, message: l('请选择责任方', 'Choose the sides') }]}>
          <Select mode="multiple" options={overview.sides.map((s) => ({ value: s.regionCode, label: s.fullName }))} />
        </Form.Item>
        <Form.Item name="deadline" label={l('期限', 'Deadline')}><DatePicker /></Form.Item>
        <Form.Item name="description" label={l('情况说明', 'Description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
