import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import type { Answer, Schemas } from '../../../shared/api.js';

type AuditEntry = Schemas['AuditEntry'];
type Verdict = Answer<'/api/audit/verify'>;
type Sealed = Answer<'/api/audit/checkpoints', 'post'>;

const BREAKS: Record<NonNullable<Verdict['broken']>['reason'], [string, string]> = {
  missing: ['记录被删除', 'a record was removed'],
  prev_hash_mismatch: ['链接与前一条记录不符', 'its link does not match the record before'],
  hash_mismatch: ['内容与哈希不符(被改动)', 'its content does not match its hash (changed)'],
  beyond_head: ['位于链头之后', 'it lies past its chain\'s head'],
  head_mismatch: ['链头与记录末尾不符', 'the chain\'s head is not where its records end'],
  checkpoint_mismatch: ['与签名检查点不符(链被重建)', 'it differs from a signed checkpoint (the chain was rebuilt)'],
  checkpoint_cut: ['链尾被截断(签名检查点封存的记录已不在)', 'the chain\'s end was cut off (records a signed checkpoint sealed are gone)'],
};
const PROBLEMS: Record<NonNullable<Verdict['checkpoints']>['problems'][number]['reason'], [string, string]> = {
  signature_invalid: ['签名无效(伪造)', 'signature does not verify (forged)'],
  unreadable: ['无法读取', 'unreadable'],
  link_broken: ['与上一行不衔接(之前的行被删除或替换)', 'does not link to the line before (a line was removed or replaced)'],
};

/** The verification's verdict: the chains, and their comparison with the signed checkpoints. */
function VerdictView({ verdict }: { verdict: Verdict }) {
  const { l } = useI18n();
  const b = verdict.broken;
  const cp = verdict.checkpoints;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {b
        ? <Alert type="error" showIcon message={l(
          `审计链 ${b.chain} 在记录 ${b.id} 处出错:${BREAKS[b.reason][0]}${b.gap ? `(记录 ${b.gap.afterId ?? '链首'} 之后至 ${b.gap.throughId}${b.gap.count ? `,缺 ${b.gap.count} 条` : ''})` : ''}`,
          `Chain ${b.chain} is bad at record ${b.id}: ${BREAKS[b.reason][1]}${b.gap ? ` (after record ${b.gap.afterId ?? 'the start'} through ${b.gap.throughId}${b.gap.count ? `, ${b.gap.count} missing` : ''})` : ''}`,
        )} />
        : <Alert type="success" showIcon message={l(`审计链完整:已校验 ${verdict.checked} 条记录`, `The chain is intact: ${verdict.checked} records checked`)} />}
      {cp === null
        ? <Alert type="warning" showIcon message={l('尚无签名检查点:截断或重建的链无法被发现', 'No signed checkpoint yet: a chain cut or rebuilt cannot be found')} />
        : <Alert
          type={cp.problems.length ? 'error' : 'info'} showIcon
          message={cp.last
            ? l(`已比对 ${cp.lines} 个签名检查点;最近一个为第 ${cp.last.seq} 个(${formatDateTime(cp.last.at)})${cp.last.root === verdict.root ? ',与当前日志一致' : ''}`,
              `Compared with ${cp.lines} signed checkpoints; the last is no. ${cp.last.seq} (${formatDateTime(cp.last.at)})${cp.last.root === verdict.root ? ', the log is as it sealed' : ''}`)
            : l('检查点文件中没有有效的签名行', 'The checkpoint file has no line with a valid signature')}
          description={cp.problems.length > 0 && (
            <ul style={{ margin: 0 }}>
              {cp.problems.map((p) => <li key={p.line}>{l(`第 ${p.line} 行:${PROBLEMS[p.reason][0]}`, `Line ${p.line}: ${PROBLEMS[p.reason][1]}`)}</li>)}
            </ul>
          )}
        />}
    </Space>
  );
}

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

  const [sealed, setSealed] = useState<Sealed | null>(null);

  async function verify() {
    setVerifying(true);
    try { setVerdict(await get<Verdict>('/api/audit/verify')); } finally { setVerifying(false); }
  }

  async function seal() {
    setVerifying(true);
    try { setSealed(await post<Sealed>('/api/audit/checkpoints')); } finally { setVerifying(false); }
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
          <Button onClick={() => void seal()} loading={verifying}>{l('写入检查点', 'Seal a checkpoint')}</Button>
          <Button onClick={() => void verify()} loading={verifying}>{l('校验审计链', 'Verify the chain')}</Button>
        </Space>
      </Space>
      {sealed && (
        <Alert type="info" showIcon closable onClose={() => setSealed(null)} message={sealed.written
          ? l(`已写入第 ${sealed.seq} 个签名检查点`, `Signed checkpoint no. ${sealed.seq} written`)
          : l(`日志自第 ${sealed.seq} 个检查点以来未变,未写入新行`, `Nothing changed since checkpoint no. ${sealed.seq}; no new line`)} />
      )}
      {verdict && <VerdictView verdict={verdict} />}
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
