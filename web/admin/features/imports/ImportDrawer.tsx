import { DownloadOutlined, InboxOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Progress, Result, Space, Spin, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, post, requestHeaders, toApiError } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useNarrow } from '../../kit/common.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import type { Answer, Schemas } from '../../../shared/api.js';

export type ImportKind = 'deputies' | 'stations' | 'enterprises';

export type Batch = Schemas['ImportBatch'];
type Row = Page['items'][number];
type Page = Answer<'/api/imports/deputies/{id}/rows'>;

type Phase =
  | { step: 'choose' }
  | { step: 'checking'; file: File; sent: number; batchId: number | null; rows: number }
  | { step: 'preview'; batch: Batch }
  | { step: 'done'; batch: Batch };

const MAX_MB = 50;

/**
 * Sends the file as the raw request body with XMLHttpRequest, whose upload events give the
 * progress of the bytes (fetch gives none). The answer comes once the server has checked it.
 */
function sendFile(url: string, file: File, onSent: (loaded: number) => void, onStarted: (xhr: XMLHttpRequest) => void): Promise<Batch> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    onStarted(xhr);
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [name, value] of Object.entries(requestHeaders('PUT'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      let data: unknown = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as Batch);
      else reject(toApiError(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'IMPORT_CANCELLED', 'cancelled'));
    xhr.send(file);
  });
}

const FIELD_LABELS: Record<ImportKind, Record<string, [string, string]>> = {
  deputies: {
    name: ['姓名', 'Name'], gender: ['性别', 'Gender'], ethnicity: ['民族', 'Ethnicity'], party: ['政治面貌', 'Party'],
    birthYear: ['出生年份', 'Year of birth'], phone: ['手机', 'Mobile'], levels: ['代表层级', 'Levels'], term: ['届次', 'Term'],
    region: ['所属区划', 'Region'], constituency: ['选区', 'Constituency'], occupation: ['工作单位及职务', 'Occupation'],
    tags: ['专业领域', 'Fields'], stations: ['联络站', 'Stations'], roles: ['站内职责', 'Station roles'], grid: ['网格', 'Grid'], status: ['代表状态', 'Status'],
  },
  stations: {
    name: ['站点名称', 'Name'], type: ['类型', 'Type'], tier: ['层级', 'Tier'], parent: ['上级站点', 'Parent'], region: ['所在区划', 'Region'],
    address: ['地址', 'Address'], phone: ['电话', 'Phone'], openingHours: ['开放时间', 'Opening hours'], description: ['简介', 'Description'],
  },
  enterprises: {
    name: ['企业名称', 'Name'], creditCode: ['统一社会信用代码', 'Credit code'], industry: ['所属行业', 'Industry'], address: ['地址', 'Address'],
    contactName: ['联系人', 'Contact'], contactPhone: ['联系电话', 'Phone'],
  },
};

interface Props {
  kind: ImportKind;
  open: boolean;
  onClose(): void;
  /** After a commit, so the list behind can reload. */
  onImported(): void;
  /**
   * A roster for an election round (换届) of this term: the batch is created for the term and is
   * not committed here; the round commits it. `onUse` takes the checked batch instead.
   */
  termId?: number;
  onUse?(batch: Batch): void;
  /** Member enterprises: the industry contact point they join. */
  stationId?: number;
}

/**
 * 导入花名册 / 导入站点: choose a file (with the template to start from), watch it upload and be
 * checked, read the rows with problems (row, column, message), then commit all rows at once —
 * or correct the file and choose it again. Nothing is written before the commit.
 */
export function ImportDrawer({ kind, open, onClose, onImported, termId, onUse, stationId }: Props) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const upload = useRef<XMLHttpRequest | null>(null);
  const cancelled = useRef(false);
  const [cancelling, setCancelling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/imports/${kind}`;
  const what = kind === 'deputies' ? l('花名册', 'roster') : kind === 'enterprises' ? l('成员企业', 'member enterprise') : l('站点名单', 'station list');

  const stopPolling = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  };
  useEffect(() => stopPolling, []);
  useEffect(() => {
    if (open) return;
    stopPolling();
    setPhase({ step: 'choose' });
    setError(null);
    setNotice(null);
  }, [open]);

  async function start(file: File) {
    setError(null);
    setNotice(null);
    cancelled.current = false;
    if (file.size > MAX_MB * 1024 * 1024) {
      setError(l(`文件超过 ${MAX_MB} MB,请拆分后分批导入`, `The file is larger than ${MAX_MB} MB; split it`));
      return;
    }
    setPhase({ step: 'checking', file, sent: 0, batchId: null, rows: 0 });
    try {
      const created = await post<Batch>(base, { filename: file.name, ...(termId !== undefined && { termId }), ...(stationId !== undefined && { stationId }) });
      setPhase((p) => (p.step === 'checking' ? { ...p, batchId: created.id } : p));
      // While the server checks, the batch's row count grows: ask for it now and then.
      poll.current = setInterval(() => {
        void get<Batch>(`${base}/${created.id}`).then((b) => {
          setPhase((p) => (p.step === 'checking' ? { ...p, rows: b.totalRows } : p));
        }).catch(() => {});
      }, 700);
      const batch = await sendFile(`${base}/${created.id}/file`, file, (sent) => {
        setPhase((p) => (p.step === 'checking' ? { ...p, sent } : p));
      }, (xhr) => { upload.current = xhr; });
      stopPolling();
      setPhase({ step: 'preview', batch });
    } catch (err) {
      stopPolling();
      setPhase({ step: 'choose' });
      if (!cancelled.current) setError(err instanceof Error ? err.message : String(err));
    } finally {
      upload.current = null;
    }
  }

  /** Stops the check on the server (its worker is ended), then the upload of the rest of the file. */
  async function cancel(batchId: number | null) {
    cancelled.current = true;
    setCancelling(true);
    try {
      if (batchId !== null) await post<Batch>(`${base}/${batchId}/cancel`).catch(() => undefined);
      upload.current?.abort();
      stopPolling();
      setPhase({ step: 'choose' });
      setError(null);
      setNotice(l('已取消导入,未写入任何数据。可以重新选择文件。', 'The import was cancelled; nothing was written. You may choose a file again.'));
    } finally {
      setCancelling(false);
    }
  }

  async function commit(batch: Batch) {
    setCommitting(true);
    setError(null);
    try {
      const done = await post<Batch>(`${base}/${batch.id}/commit`);
      setPhase({ step: 'done', batch: done });
      onImported();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      // Rows that went stale now carry their errors: show them.
      if (err instanceof ApiError && err.code === 'IMPORT_STALE') setPhase({ step: 'preview', batch: await get<Batch>(`${base}/${batch.id}`) });
    } finally {
      setCommitting(false);
    }
  }

  const current = { choose: 0, checking: 1, preview: 2, done: 3 }[phase.step];
  const footer = phase.step === 'preview' ? (
    <Space style={{ justifyContent: 'flex-end', width: '100%' }} wrap>
      <Button icon={<ReloadOutlined />} onClick={() => { setError(null); setPhase({ step: 'choose' }); }}>{l('重新选择文件', 'Choose another file')}</Button>
      {onUse ? (
        <Button type="primary" disabled={phase.batch.errorRows > 0 || phase.batch.status !== 'ready'} onClick={() => onUse(phase.batch)}>
          {l(`用于本次换届(${phase.batch.totalRows} 行)`, `Use for this round (${phase.batch.totalRows} rows)`)}
        </Button>
      ) : (
        <Button
          type="primary" loading={committing} disabled={phase.batch.errorRows > 0 || phase.batch.status !== 'ready'}
          onClick={() => void commit(phase.batch)}
        >
          {l(`确认导入 ${phase.batch.totalRows} 行`, `Import ${phase.batch.totalRows} rows`)}
        </Button>
      )}
    </Space>
  ) : phase.step === 'done' ? (
    <Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button type="primary" onClick={onClose}>{l('完成', 'Done')}</Button></Space>
  ) : null;

  return (
    <Drawer
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 880} footer={footer}
      title={termId !== undefined ? l('上传新一届代表花名册', 'Upload the new term\'s roster')
        : kind === 'deputies' ? l('导入花名册', 'Import a deputy roster') : kind === 'enterprises' ? l('导入成员企业', 'Import member enterprises') : l('导入站点', 'Import stations')}
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Steps
          size="small" current={current} status={phase.step === 'done' ? 'finish' : 'process'}
          items={[{ title: l('选择文件', 'Choose') }, { title: l('上传检查', 'Check') }, { title: l('预览', 'Preview') }, { title: l('完成', 'Done') }]}
        />
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        {notice && <Alert type="info" showIcon role="status" title={notice} />}
        {phase.step === 'choose' && (
          <>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {l(
                `上传 Excel(.xlsx)或 CSV 文件(UTF-8 或 GBK 编码),最大 ${MAX_MB} MB。表头可用常见名称、顺序不限;系统先逐行检查并列出问题,确认无误后一次性全部导入,有任何问题都不会写入。`,
                `Upload an Excel (.xlsx) or CSV file (UTF-8 or GBK), at most ${MAX_MB} MB. Columns may use the usual names, in any order. Every row is checked first; the import then writes all rows at once, or none.`,
              )}
            </Typography.Paragraph>
            {termId !== undefined && (
              <Alert
                type="info" showIcon
                title={l(
                  '换届花名册:已登记的人员按“姓名+手机”或“姓名+出生年份”匹配,不会重复建档;“代表层级”“届次”两列可留空。检查通过后回到换届页面,随换届一并写入。',
                  'A roster for the round: people already registered are matched by name and mobile, or name and year of birth, not duplicated; the level and term columns may be left blank. Once checked, it is written together with the round.',
                )}
              />
            )}
            <a href={`${base}/template.xlsx`} download><DownloadOutlined /> {l(`下载${what}导入模板`, `Download the ${what} template`)}</a>
            <Upload.Dragger
              accept=".xlsx,.csv,.txt" multiple={false} showUploadList={false}
              beforeUpload={(file) => { void start(file); return false; }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{l('点击或拖动文件到此处', 'Click or drop a file here')}</p>
              <p className="ant-upload-hint">.xlsx / .csv</p>
            </Upload.Dragger>
          </>
        )}
        {phase.step === 'checking' && <Checking phase={phase} cancelling={cancelling} onCancel={() => void cancel(phase.batchId)} />}
        {phase.step === 'preview' && <Preview kind={kind} batch={phase.batch} />}
        {phase.step === 'done' && (
          <Result
            status="success"
            title={kind === 'deputies'
              ? l(`已导入 ${phase.batch.createdCount} 位代表`, `${phase.batch.createdCount} deputies imported`)
              : kind === 'enterprises' ? l(`已导入 ${phase.batch.createdCount} 家企业`, `${phase.batch.createdCount} enterprises imported`)
                : l(`已导入 ${phase.batch.createdCount} 个站点`, `${phase.batch.createdCount} stations imported`)}
            subTitle={phase.batch.filename}
          />
        )}
      </Space>
    </Drawer>
  );
}

function Checking({ phase, cancelling, onCancel }: { phase: Extract<Phase, { step: 'checking' }>; cancelling: boolean; onCancel(): void }) {
  const { l } = useI18n();
  const sentPercent = phase.file.size ? Math.min(100, Math.round((phase.sent / phase.file.size) * 100)) : 0;
  // How many rows a file holds is known only at its end: the check shows its count, not a percentage.
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{phase.file.name}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{l('上传', 'Upload')}</Typography.Text>
        <Progress percent={sentPercent} aria-label={l('上传进度', 'Upload progress')} />
      </div>
      <Space>
        <Spin size="small" />
        <Typography.Text role="status">
          {l(`正在逐行检查:已检查 ${phase.rows.toLocaleString()} 行`, `Checking row by row: ${phase.rows.toLocaleString()} rows checked`)}
        </Typography.Text>
      </Space>
      <Button danger icon={<StopOutlined />} loading={cancelling} disabled={phase.batchId === null} onClick={onCancel}>{l('取消导入', 'Cancel the import')}</Button>
    </Space>
  );
}

function Preview({ kind, batch }: { kind: ImportKind; batch: Batch }) {
  const { l, lang } = useI18n();
  const labels = FIELD_LABELS[kind];
  const fieldLabel = (f: string) => (labels[f] ? labels[f]![lang === 'en' ? 1 : 0] : f);
  const mapped = batch.columns.filter((c) => c.field);
  const ignored = batch.columns.filter((c) => !c.field);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={l('文件', 'File')}>{batch.filename}</Descriptions.Item>
        <Descriptions.Item label={l('数据行', 'Rows')}>{batch.totalRows}</Descriptions.Item>
        <Descriptions.Item label={l('有问题的行', 'Rows with problems')}>
          <Typography.Text type={batch.errorRows ? 'danger' : 'success'}>{batch.errorRows}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={l('问题总数', 'Problems')}>{batch.errorCount}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Text type="secondary">{l('识别的列:', 'Columns found: ')}</Typography.Text>
        <Space size={[4, 4]} wrap>
          {mapped.map((c) => <Tag key={c.header} color="green">{c.header === fieldLabel(c.field!) ? c.header : `${c.header} → ${fieldLabel(c.field!)}`}</Tag>)}
          {ignored.map((c) => (
            <Tag key={c.header}>{c.ignored === 'duplicate' ? l(`${c.header}(重复,已忽略)`, `${c.header} (repeated, ignored)`) : l(`${c.header}(已忽略)`, `${c.header} (ignored)`)}</Tag>
          ))}
        </Space>
      </div>
      {batch.errorRows > 0
        ? <Alert type="warning" showIcon title={l(`有 ${batch.errorRows} 行存在问题,请在文件中改正后重新上传。尚未写入任何数据。`, `${batch.errorRows} rows have problems: correct the file and upload it again. Nothing has been written.`)} />
        : <Alert type="success" showIcon title={l('全部行检查通过,可以导入。', 'Every row passed; ready to import.')} />}
      <Tabs
        items={[
          ...(batch.errorRows ? [{ key: 'errors', label: l(`问题 (${batch.errorCount})`, `Problems (${batch.errorCount})`), children: <ErrorTable kind={kind} batch={batch} /> }] : []),
          { key: 'rows', label: l('全部行', 'All rows'), children: <RowTable kind={kind} batch={batch} /> },
        ]}
      />
    </Space>
  );
}

/** A batch's rows page by page (by key), with a button for more. */
function useRows(kind: ImportKind, batch: Batch, errorsOnly: boolean) {
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    try {
      const page = await get<Page>(`/api/imports/${kind}/${batch.id}/rows?limit=100${errorsOnly ? '&errors=true' : ''}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`);
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }, [kind, batch.id, errorsOnly]);
  useEffect(() => { void load(null); }, [load, batch.errorCount]);
  return { rows, loading, more: cursor ? () => void load(cursor) : null };
}

function ErrorTable({ kind, batch }: { kind: ImportKind; batch: Batch }) {
  const { l } = useI18n();
  const { rows, loading, more } = useRows(kind, batch, true);
  const flat = rows.flatMap((r) => r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, ...e })));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small" rowKey="key" loading={loading} dataSource={flat} pagination={false} scroll={{ x: 560 }}
        columns={[
          { title: l('行号', 'Row'), dataIndex: 'row', width: 70 },
          { title: l('列', 'Column'), dataIndex: 'column', width: 130 },
          { title: l('问题', 'Problem'), dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
        ]}
      />
      {more && <Button onClick={more} loading={loading}>{l('加载更多', 'More')}</Button>}
    </Space>
  );
}

function RowTable({ kind, batch }: { kind: ImportKind; batch: Batch }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const { rows, loading, more } = useRows(kind, batch, false);
  const region = (d: Record<string, unknown>) => (d.region as { name?: string } | null)?.name ?? '—';
  const ok = (r: Row) => (r.errors.length ? <Tag color="red">{l(`${r.errors.length} 个问题`, `${r.errors.length} problems`)}</Tag> : <Tag color="green">{l('通过', 'OK')}</Tag>);
  const columns = kind === 'deputies' ? [
    { title: l('行号', 'Row'), dataIndex: 'row', width: 64 },
    { title: l('姓名', 'Name'), width: 110, render: (_: unknown, r: Row) => String(r.data.name ?? '') },
    { title: l('性别', 'Gender'), width: 64, render: (_: unknown, r: Row) => vocabulary.text('genders', r.data.gender as string) },
    { title: l('所属区划', 'Region'), width: 110, render: (_: unknown, r: Row) => region(r.data) },
    { title: l('代表层级', 'Levels'), width: 170, render: (_: unknown, r: Row) => (r.data.levels as { level: string }[]).map((x) => vocabulary.text('deputyLevels', x.level)).join('、') || '—' },
    { title: l('手机', 'Mobile'), width: 120, render: (_: unknown, r: Row) => String(r.data.phone ?? '—') },
    { title: l('联络站', 'Stations'), ellipsis: true, render: (_: unknown, r: Row) => (r.data.stations as { name: string }[]).map((s) => s.name).join('、') || '—' },
    // A roster for an election round: the registered person a row is, or a new deputy.
    ...(rows.some((r) => 'match' in r.data) ? [{
      title: l('匹配', 'Match'), width: 150,
      render: (_: unknown, r: Row) => {
        const match = r.data.match as { name: string } | null | undefined;
        if (match === undefined) return '—';
        return match ? <Tag color="blue">{l(`已登记:${match.name}`, `Registered: ${match.name}`)}</Tag> : <Tag color="green">{l('新代表', 'New deputy')}</Tag>;
      },
    }] : []),
    { title: l('检查', 'Check'), width: 96, render: (_: unknown, r: Row) => ok(r) },
  ] : kind === 'enterprises' ? [
    { title: l('行号', 'Row'), dataIndex: 'row', width: 64 },
    { title: l('企业名称', 'Name'), width: 220, render: (_: unknown, r: Row) => String(r.data.name ?? '') },
    { title: l('统一社会信用代码', 'Credit code'), width: 190, render: (_: unknown, r: Row) => String(r.data.creditCode ?? '') },
    { title: l('所属行业', 'Industry'), width: 120, render: (_: unknown, r: Row) => String(r.data.industry ?? '') || '—' },
    { title: l('联系人', 'Contact'), ellipsis: true, render: (_: unknown, r: Row) => String(r.data.contactName ?? '—') },
    { title: l('检查', 'Check'), width: 96, render: (_: unknown, r: Row) => ok(r) },
  ] : [
    { title: l('行号', 'Row'), dataIndex: 'row', width: 64 },
    { title: l('站点名称', 'Name'), width: 200, render: (_: unknown, r: Row) => String(r.data.name ?? '') },
    { title: l('类型', 'Type'), width: 120, render: (_: unknown, r: Row) => vocabulary.text('stationTypes', r.data.type as string) },
    { title: l('层级', 'Tier'), width: 150, render: (_: unknown, r: Row) => vocabulary.text('stationTiers', r.data.tier as string) },
    { title: l('所在区划', 'Region'), width: 110, render: (_: unknown, r: Row) => region(r.data) },
    { title: l('上级站点', 'Parent'), ellipsis: true, render: (_: unknown, r: Row) => (r.data.parent as { name: string } | null)?.name ?? '—' },
    { title: l('检查', 'Check'), width: 96, render: (_: unknown, r: Row) => ok(r) },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Row> size="small" rowKey="row" loading={loading} dataSource={rows} pagination={false} scroll={{ x: 860 }} columns={columns} />
      {more && <Button onClick={more} loading={loading}>{l('加载更多', 'More')}</Button>}
    </Space>
  );
}
