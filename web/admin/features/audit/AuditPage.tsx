import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import type { Answer, Schemas } from '../../../shared/api.js';

type AuditEntry = Schemas['AuditEntry'];
type Verdict = Answer<'/api/audit/verify'>;

/** An exported list is named by what it held (人大代表花名册), recorded with the download. */
function recordName(e: AuditEntry): string | null {
  const after = e.after && typeof e.after === 'object' ? (e.after as Record<string, unknown>) : {};
  if (e.entityType === 'export' && typeof after.name === 'string') return after.name;
  if (e.action === 'register.download' && typeof after.place === 'string') return after.place;
  return null;
}

/** Fields that differ between the before and after images of a change. */
function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** The audit log, newest first, with what each change altered and a check of the hash chain. */
export function AuditPage() {
  const { l } = useI18n();
  // What actions and record types are called, as the features declare them (/api/meta/vocabulary).
  const vocabulary = useVocabulary();
  const [filters, setFilters] = useState<{ entityType?: string; entityId?: string; action?: string; from?: string; to?: string }>({});
  const list = useKeysetQuery<AuditEntry>(`/api/audit${qs(filters)}`, 30);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);

  async function verify() {
    setVerifying(true);
    try { setVerdict(await get<Verdict>('/api/audit/verify')); } finally { setVerifying(false); }
  }

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => setFilters({
    ...filters,
    from: range?.[0] ? `${range[0].format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: range?.[1] ? `${range[1].add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{l('审计日志', 'Audit log')}</Typography.Title>
        <Space wrap>
          <ExportButton href={`/api/audit.xlsx${qs(filters)}`} />
          <Button onClick={() => void verify()} loading={verifying}>{l('校验审计链', 'Verify the chain')}</Button>
        </Space>
      </Space>
      {verdict && (verdict.ok
        ? <Alert type="success" showIcon message={l(`审计链完整:已校验 ${verdict.checked} 条记录`, `The chain is intact: ${verdict.checked} records checked`)} />
        : <Alert type="error" showIcon message={l(`审计链在第 ${verdict.broken!.id} 条记录处断开(${verdict.broken!.reason})`, `The chain breaks at record ${verdict.broken!.id} (${verdict.broken!.reason})`)} />)}
      <Space wrap>
        <Select
          allowClear placeholder={l('对象类型', 'Record type')} style={{ width: 140 }} aria-label={l('对象类型', 'Record type')}
          value={filters.entityType} onChange={(v) => setFilters({ ...filters, entityType: v })}
          options={vocabulary.options('auditEntityTypes')}
        />
        <Input.Search
          allowClear placeholder={l('对象编号', 'Record id')} style={{ width: 140 }} aria-label={l('对象编号', 'Record id')}
          onSearch={(v) => setFilters({ ...filters, entityId: v || undefined })}
        />
        <Input.Search
          allowClear placeholder={l('操作,如 account. 或 auth.login', 'Action, e.g. account. or auth.login')} style={{ width: 240 }}
          aria-label={l('操作', 'Action')} onSearch={(v) => setFilters({ ...filters, action: v || undefined })}
        />
        <DatePicker.RangePicker onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} aria-label={l('时间范围', 'Period')} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<AuditEntry>
        rowKey="id" size="small" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (e) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Table
                size="small" pagination={false} rowKey="field" dataSource={changedFields(e.before, e.after)}
                locale={{ emptyText: l('没有字段变化', 'No field changed') }}
                columns={[
                  { title: l('字段', 'Field'), dataIndex: 'field', width: 180 },
                  { title: l('修改前', 'Before'), dataIndex: 'before', render: show },
                  { title: l('修改后', 'After'), dataIndex: 'after', render: show },
                ]}
              />
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>hash {e.hash}</Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: l('时间', 'Time'), dataIndex: 'at', render: formatDateTime, width: 150 },
          { title: l('操作人', 'Actor'), dataIndex: 'actorName' },
          {
            title: l('操作', 'Action'), dataIndex: 'action',
            render: (a: string) => <Tag title={a}>{vocabulary.text('auditActions', a)}</Tag>,
          },
          {
            title: l('对象', 'Record'),
            render: (_, e) => `${vocabulary.text('auditEntityTypes', e.entityType)} ${recordName(e) ?? e.entityId ?? ''}`,
          },
          { title: 'IP', dataIndex: 'ip', render: (ip) => ip ?? '—' },
        ]}
      />
      {list.pager}
    </Space>
  );
}
