import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, qs } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';

interface CaseItem {
  id: number; trackingCode: string; state: string; stateLabel: { zh: string; en: string }; summary: string; category: string;
  station: string; unit: string | null; submittedAt: string; deadlineAt: string | null; overdue: boolean; keySupervision: boolean;
}

/** The case queue: the cases the account reaches, newest first, filtered on the server, paged by key. */
export function CasesPage() {
  const { lang } = useI18n();
  const [filters, setFilters] = useState<{ open?: string; overdue?: string; q?: string }>({ open: 'true' });
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [data, setData] = useState<{ items: CaseItem[]; nextCursor: string | null }>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(false);
  const cursor = pages.at(-1) ?? null;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await get(`/api/cases${qs({ ...filters, limit: 20, cursor })}`));
    } finally {
      setLoading(false);
    }
  }, [filters, cursor]);
  useEffect(() => { void load(); }, [load]);

  const zh = lang === 'zh';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          value={filters.open ?? ''} style={{ width: 140 }} aria-label={zh ? '范围' : 'Scope'}
          onChange={(v) => { setFilters({ ...filters, open: v || undefined }); setPages([null]); }}
          options={[{ value: 'true', label: zh ? '办理中' : 'Open' }, { value: '', label: zh ? '全部' : 'All' }]}
        />
        <Select
          value={filters.overdue ?? ''} style={{ width: 140 }} aria-label={zh ? '期限' : 'Deadline'}
          onChange={(v) => { setFilters({ ...filters, overdue: v || undefined }); setPages([null]); }}
          options={[{ value: '', label: zh ? '不限期限' : 'Any deadline' }, { value: 'true', label: zh ? '已超期' : 'Overdue' }]}
        />
        <Input.Search
          placeholder={zh ? '受理编号或内容' : 'Tracking code or words'} allowClear style={{ width: 260 }}
          onSearch={(q) => { setFilters({ ...filters, q: q || undefined }); setPages([null]); }}
        />
      </Space>
      <Table<CaseItem>
        rowKey="id" loading={loading} dataSource={data.items} pagination={false} scroll={{ x: 900 }}
        columns={[
          { title: zh ? '受理编号' : 'Code', dataIndex: 'trackingCode', render: (code, c) => <Link to={`/cases/${c.id}`}>{code}</Link> },
          { title: zh ? '状态' : 'State', dataIndex: 'state', render: (_, c) => <Tag color={c.overdue ? 'red' : 'blue'}>{c.stateLabel[lang]}</Tag> },
          { title: zh ? '内容' : 'Summary', dataIndex: 'summary', ellipsis: true },
          { title: zh ? '类别' : 'Category', dataIndex: 'category' },
          { title: zh ? '联络站' : 'Station', dataIndex: 'station' },
          { title: zh ? '承办单位' : 'Unit', dataIndex: 'unit', render: (u) => u ?? '—' },
          { title: zh ? '提交时间' : 'Submitted', dataIndex: 'submittedAt', render: formatDateTime },
          { title: zh ? '办理期限' : 'Deadline', dataIndex: 'deadlineAt', render: (d, c) => <span style={{ color: c.overdue ? '#cf1322' : undefined }}>{formatDateTime(d)}</span> },
        ]}
      />
      <Space>
        <Button disabled={pages.length <= 1} onClick={() => setPages(pages.slice(0, -1))}>{zh ? '上一页' : 'Previous'}</Button>
        <Button disabled={!data.nextCursor} onClick={() => setPages([...pages, data.nextCursor])}>{zh ? '下一页' : 'Next'}</Button>
      </Space>
    </Space>
  );
}
