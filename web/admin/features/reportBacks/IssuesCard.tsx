import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { ISSUE_COLORS } from './labels.js';
import type { EvaluationRow, Issue, ReportBack } from './types.js';

type Step = { issue: Issue; action: 'close' | 'hand_case' | 'hand_suggestion' };

const refresh = (rb: ReportBack) => invalidateApi(`/api/report-backs/${rb.id}`, '/api/report-backs', '/api/todo', '/api/notifications');

/** 列入问题清单: an issue raised, typed in or taken from a constituent's comment, with the day it is to be settled by. */
export function AddIssueDialog({ rb, from, open, onClose }: { rb: ReportBack; from: EvaluationRow | null; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ text: string; dueOn?: Dayjs }>();
  const { busy, run } = useFormWrite(form);
  const save = (v: { text: string; dueOn?: Dayjs }) => run(async () => {
    await post(`/api/report-backs/${rb.id}/issues`, { text: v.text.trim(), dueOn: v.dueOn?.format('YYYY-MM-DD'), ...(from && { evaluationId: from.id }) });
    onClose();
    await refresh(rb);
  }, l('已列入问题清单', 'Put on the issue list'));
  return (
    <Modal open={open} title={l('列入问题清单', 'Add to the issue list')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void save(v)} initialValues={{ text: from?.comment ?? '' }}>
        <Form.Item name="text" label={l('问题', 'Issue')} rules={[{ required: true, whitespace: true, message: l('请填写问题', 'Write the issue') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} aria-label={l('问题', 'Issue')} />
        </Form.Item>
        <Form.Item name="dueOn" label={l('办结期限(选填,默认述职后 30 天)', 'Due (optional; default 30 days after the meeting)')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Closing an item with the deputy's note, or handing it on as a case or as a draft suggestion. */
function StepDialog({ rb, step, onClose }: { rb: ReportBack; step: Step | null; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ note?: string; title?: string }>();
  const { busy, run } = useFormWrite(form);
  if (!step) return null;
  const { issue, action } = step;
  const titles = {
    close: l('办结问题', 'Close the issue'),
    hand_case: l('转为群众意见办理', 'Hand on as a case'),
    hand_suggestion: l('转为代表建议', 'Hand on as a suggestion'),
  };
  const save = (v: { note?: string; title?: string }) => run(async () => {
    if (action === 'close') await post(`/api/report-backs/issues/${issue.id}/close`, { note: v.note!.trim() });
    else if (action === 'hand_case') await post(`/api/report-backs/issues/${issue.id}/hand-on-case`, {});
    else await post(`/api/report-backs/issues/${issue.id}/hand-on-suggestion`, { title: v.title?.trim() || undefined });
    onClose();
    await refresh(rb);
  }, titles[action]);
  return (
    <Modal open title={titles[action]} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{issue.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void save(v)}>
        {action === 'close' && (
          <Form.Item name="note" label={l('办理情况', 'What was done')} rules={[{ required: true, whitespace: true, message: l('请说明办理情况', 'Say what was done') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} aria-label={l('办理情况', 'What was done')} />
          </Form.Item>
        )}
        {action === 'hand_case' && (
          <Typography.Paragraph type="secondary">
            {l('在述职所在联络站登记为群众意见(走访渠道,致该代表),按意见办理流程转交承办单位;问题清单记下意见编号。', "Registered as a case at the report-back's station (visit channel, addressed to the deputy), handled through the cases' workflow; the item keeps its tracking code.")}
          </Typography.Paragraph>
        )}
        {action === 'hand_suggestion' && (
          <Form.Item name="title" label={l('建议标题(选填)', 'Suggestion title (optional)')} extra={l('生成代表本人的建议草稿,可在"我的建议"中继续修改后提交', "A draft suggestion of the deputy's, to finish and submit under 我的建议")}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 问题清单: the issues the evaluation raised, each followed to closure — closed by the deputy
 * with a note, or handed on as a case (its tracking code kept) or as the deputy's draft
 * suggestion. Items past their due day show as overdue.
 */
export function IssuesCard({ rb, adding, setAdding }: { rb: ReportBack; adding: EvaluationRow | null | false; setAdding(v: EvaluationRow | null | false): void }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const query = useApiQuery<{ items: Issue[] }>(`/api/report-backs/${rb.id}/issues`);
  const [step, setStep] = useState<Step | null>(null);
  const items = query.data?.items ?? [];
  const c = rb.issueCounts;
  return (
    <Card
      size="small" data-testid="issues"
      title={l(`问题清单(${items.length})`, `Issue list (${items.length})`)}
      extra={rb.actions.includes('add_issue') && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(null)}>{l('添加问题', 'Add an issue')}</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {l(`未办结 ${c.open}(逾期 ${c.overdue}) · 已办结 ${c.closed} · 转意见办理 ${c.handed_case} · 转代表建议 ${c.handed_suggestion}`,
          `Open ${c.open} (${c.overdue} overdue) · closed ${c.closed} · handed on as cases ${c.handed_case} · as suggestions ${c.handed_suggestion}`)}
      </Typography.Paragraph>
      <List<Issue>
        size="small" loading={query.isLoading} dataSource={items} locale={{ emptyText: l('问题清单为空', 'No issues') }}
        renderItem={(i) => (
          <List.Item style={{ display: 'block' }} data-testid="issue">
            <Space size={[8, 4]} wrap>
              <Tag color={ISSUE_COLORS[i.state]}>{label(i.stateLabel)}</Tag>
              {i.overdue && <Tag color="red">{l('逾期', 'Overdue')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(i.sourceLabel)}{i.dueOn ? l(` · 期限 ${formatDate(i.dueOn)}`, ` · due ${formatDate(i.dueOn)}`) : ''}</Typography.Text>
            </Space>
            <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Paragraph>
            {i.closingNote && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {l('办理情况:', 'Done: ')}{i.closingNote}{i.closedAt && ` (${i.closedByName ?? ''} ${formatDateTime(i.closedAt)})`}
              </Typography.Paragraph>
            )}
            {i.case && <div><Link to={`/cases/${i.case.id}`}>{l(`群众意见 ${i.case.trackingCode}`, `Case ${i.case.trackingCode}`)}</Link></div>}
            {i.suggestion && <div><Link to={`/suggestions/${i.suggestion.id}`}>{l(`代表建议:${i.suggestion.title}`, `Suggestion: ${i.suggestion.title}`)}</Link></div>}
            {i.actions.length > 0 && (
              <Space wrap size={[8, 8]} style={{ marginTop: 4 }}>
                {i.actions.includes('close') && <Button size={narrow ? 'middle' : 'small'} type="primary" onClick={() => setStep({ issue: i, action: 'close' })}>{l('办结', 'Close')}</Button>}
                {i.actions.includes('hand_case') && <Button size={narrow ? 'middle' : 'small'} onClick={() => setStep({ issue: i, action: 'hand_case' })}>{l('转意见办理', 'Hand on as a case')}</Button>}
                {i.actions.includes('hand_suggestion') && <Button size={narrow ? 'middle' : 'small'} onClick={() => setStep({ issue: i, action: 'hand_suggestion' })}>{l('转代表建议', 'Hand on as a suggestion')}</Button>}
              </Space>
            )}
          </List.Item>
        )}
      />
      <StepDialog rb={rb} step={step} onClose={() => setStep(null)} />
      <AddIssueDialog rb={rb} from={adding || null} open={adding !== false} onClose={() => setAdding(false)} />
    </Card>
  );
}
