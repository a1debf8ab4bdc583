import { Alert, App, Button, Card, DatePicker, InputNumber, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import type { Evaluation, Round } from './types.js';

type Label = { zh: string; en: string };
export const RATINGS: Record<string, Label & { color: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied', color: 'green' },
  basically_satisfied: { zh: '基本满意', en: 'Mostly satisfied', color: 'blue' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied', color: 'red' },
};

/** A deputy's 满意度测评 of one project: three choices, sent once. */
export function RateButtons({ projectId, onDone }: { projectId: number; onDone?(): void }) {
  const { l, label } = useI18n();
  const [rating, setRating] = useState<string | null>(null);
  const { busy, run } = useFormWrite();
  async function send() {
    await run(() => post(`/api/livelihood/projects/${projectId}/rating`, { rating }), l('测评已提交', 'Rating sent'), async () => {
      await invalidateApi('/api/livelihood', '/api/todo');
      onDone?.();
    });
  }
  return (
    <Space wrap>
      <Radio.Group
        value={rating} onChange={(e) => setRating(e.target.value as string)} optionType="button"
        options={Object.entries(RATINGS).map(([value, name]) => ({ value, label: label(name) }))}
      />
      <Button type="primary" disabled={!rating} loading={busy} onClick={() => void send()}>{l('提交测评', 'Send')}</Button>
    </Space>
  );
}

/**
 * 年终满意度测评: staff open it with a threshold (percent satisfied or basically satisfied) and a
 * closing day; deputies of the congress rate each project once; at the close a project below the
 * threshold gets a rectification item. Each project's figures as they stand.
 */
export function EvaluationCard({ round }: { round: Round }) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const url = `/api/livelihood/rounds/${round.id}/evaluation`;
  const query = useApiQuery<Evaluation>(url);
  const [threshold, setThreshold] = useState<number | null>(80);
  const [closesOn, setClosesOn] = useState<Dayjs | null>(dayjs().add(14, 'day'));
  const e = query.data;
  const manage = e?.canManage ?? false;
  const deputy = e?.canRate ?? false;

  async function openIt() {
    try {
      await post(url, { thresholdPercent: threshold, closesOn: closesOn?.format('YYYY-MM-DD') });
      await invalidateApi('/api/livelihood');
    } catch (err) { showError(err, message); }
  }
  async function closeIt() {
    try {
      await post(`${url}/close`);
      message.success(l('测评已结束', 'Evaluation closed'));
      await invalidateApi('/api/livelihood');
    } catch (err) { showError(err, message); }
  }

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!e) return null;
  const started = e.openedAt !== null;
  const columns: TableColumnsType<Evaluation['projects'][number]> = [
    { title: l('项目', 'Project'), dataIndex: 'title', render: (t: string, p) => <Link to={`/livelihood/projects/${p.projectId}`}>{t}</Link> },
    { title: l('测评人数', 'Ratings'), dataIndex: 'ratingCount', width: 90, align: 'right' },
    { title: l('满意率', 'Satisfied'), dataIndex: 'satisfiedPercent', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
    {
      title: l('结果', 'Outcome'), key: 'below', width: 120,
      render: (_: unknown, p) => (p.belowThreshold === null ? '—' : <Tag color={p.belowThreshold ? 'orange' : 'green'}>{p.belowThreshold ? l('需整改', 'To rectify') : l('达标', 'Met')}</Tag>),
    },
    ...(deputy ? [{
      title: l('我的测评', 'My rating'), key: 'mine',
      render: (_: unknown, p: Evaluation['projects'][number]) => (p.myRating
        ? <Tag color={RATINGS[p.myRating]?.color}>{label(RATINGS[p.myRating]!)}</Tag>
        : e.open && p.ratable ? <RateButtons projectId={p.projectId} /> : '—'),
    }] : []),
  ];
  return (
    <Card size="small" title={l('年终满意度测评', 'Year-end evaluation')} data-testid="evaluation">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {started ? (
          <Typography.Text type="secondary">
            {l(`满意(含基本满意)率达到 ${e.thresholdPercent}% 为达标;测评截止 ${formatDate(e.closesOn)}`, `Met at ${e.thresholdPercent}% satisfied or mostly satisfied; closes ${formatDate(e.closesOn)}`)}
            {e.closedAt && l(',已结束', ', closed')}
          </Typography.Text>
        ) : manage ? (
          <Space wrap>
            <Typography.Text>{l('达标满意率', 'Threshold')}</Typography.Text>
            <InputNumber min={1} max={100} value={threshold} onChange={setThreshold} suffix="%" aria-label={l('达标满意率', 'Threshold')} />
            <Typography.Text>{l('截止日期', 'Closes on')}</Typography.Text>
            <DatePicker value={closesOn} onChange={setClosesOn} aria-label={l('截止日期', 'Closes on')} />
            <Button type="primary" disabled={!threshold || !closesOn} onClick={() => void openIt()}>{l('开始测评', 'Open the evaluation')}</Button>
          </Space>
        ) : <Typography.Text type="secondary">{l('尚未开始测评', 'Not open yet')}</Typography.Text>}
        {started && e.open && manage && <Button onClick={() => void closeIt()}>{l('结束测评', 'Close the evaluation')}</Button>}
        {started && (narrow && deputy ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {e.projects.map((p) => (
              <Card key={p.projectId} size="small">
                <Link to={`/livelihood/projects/${p.projectId}`}>{p.title}</Link>
                <div style={{ marginTop: 8 }}>
                  {p.myRating ? <Tag color={RATINGS[p.myRating]?.color}>{l('我的测评:', 'My rating: ')}{label(RATINGS[p.myRating]!)}</Tag> : e.open && p.ratable && <RateButtons projectId={p.projectId} />}
                </div>
              </Card>
            ))}
          </Space>
        ) : <Table rowKey="projectId" size="small" dataSource={e.projects} columns={columns} pagination={false} scroll={{ x: 'max-content' }} />)}
      </Space>
    </Card>
  );
}
