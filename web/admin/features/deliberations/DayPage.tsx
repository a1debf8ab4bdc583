import { Alert, App, Breadcrumb, Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, invalidateApi, queryClient, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { RatingTag } from '../cases/caseFacts.js';
import { DayDate, DayStateTag } from './DeliberationsPage.js';
import { AddItemDialog, CancelDayDialog, ChooseTopicsDialog, EditDayDialog, PublishDialog, RecordDialog } from './DayDialogs.js';
import { DueText, ItemStateTag } from './ItemsList.js';
import { ATTENDANCE } from './labels.js';
import { ScoresText, TopicStateTag } from './TopicPool.js';
import type { Day, DayAction, Feedback, ItemSummary, Rule } from './types.js';

type Dialog = 'choose' | 'edit' | 'record' | 'add_item' | 'publish' | 'cancel';

/** 群众评价: the public's feedback on the published result; an unsatisfied one may send its item back to the unit. */
function FeedbackCard({ day }: { day: Day }) {
  const { l, label } = useI18n();
  const query = useApiQuery<{ items: Feedback[]; counts: Record<string, number> }>(`/api/deliberations/days/${day.id}/feedback`);
  const [deciding, setDeciding] = useState<{ f: Feedback; decision: 'reopen' | 'dismiss' } | null>(null);
  const [form] = Form.useForm<{ comment: string; itemId?: number }>();
  const { busy, run } = useFormWrite(form);
  const items = query.data?.items ?? [];
  const decide = (v: { comment: string; itemId?: number }) => run(
    () => post(`/api/deliberations/feedback/${deciding!.f.id}/decide`, { decision: deciding!.decision, comment: v.comment.trim(), ...(v.itemId && { itemId: v.itemId }) }),
    deciding!.decision === 'reopen' ? l('事项已退回责任单位重新办理', 'The item goes back to its unit') : l('已处理', 'Done'),
    async () => { setDeciding(null); form.resetFields(); await invalidateApi('/api/deliberations', '/api/todo'); },
  );
  const c = day.feedbackCounts;
  return (
    <Card size="small" title={l('群众评价', 'Public feedback')} data-testid="day-feedback"
      extra={<Typography.Text type="secondary">{l(`满意 ${c.satisfied} · 基本满意 ${c.basically_satisfied} · 不满意 ${c.unsatisfied}`, `${c.satisfied} satisfied · ${c.basically_satisfied} fairly · ${c.unsatisfied} unsatisfied`)}</Typography.Text>}>
      <List<Feedback>
        size="small" dataSource={items} loading={query.isLoading} locale={{ emptyText: l('暂无评价', 'No feedback yet') }}
        renderItem={(f) => (
          <List.Item style={{ display: 'block' }}>
            <Space wrap size={[8, 4]}>
              <RatingTag rating={f.rating} />
              {f.itemTitle && <Typography.Text type="secondary">{l('针对:', 'On: ')}{f.itemTitle}</Typography.Text>}
              <Typography.Text type="secondary">{formatDateTime(f.createdAt)}</Typography.Text>
              {f.decision && <Tag>{f.decision === 'reopen' ? l('已退回重办', 'Item reopened') : l('已阅处', 'Dismissed')}</Tag>}
              {f.decisionNote && <Typography.Text type="secondary">{f.decisionNote}</Typography.Text>}
            </Space>
            {f.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{f.comment}</div>}
            {!f.decision && f.rating === 'unsatisfied' && (
              <Space style={{ marginTop: 4 }}>
                <Button size="small" danger onClick={() => setDeciding({ f, decision: 'reopen' })}>{l('退回事项重新办理', 'Send the item back')}</Button>
                <Button size="small" onClick={() => setDeciding({ f, decision: 'dismiss' })}>{l('阅处,不退回', 'Dismiss')}</Button>
              </Space>
            )}
          </List.Item>
        )}
      />
      <Modal open={deciding !== null} title={deciding?.decision === 'reopen' ? l('退回事项重新办理', 'Send the item back') : l('阅处', 'Dismiss')}
        onCancel={() => setDeciding(null)} onOk={() => form.submit()} confirmLoading={busy} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void decide(v)} initialValues={{ itemId: deciding?.f.itemId ?? undefined }}>
          {deciding?.decision === 'reopen' && !deciding.f.itemId && (
            <Form.Item name="itemId" label={l('退回的事项', 'The item')} rules={[{ required: true, message: l('请选择事项', 'Choose the item') }]}>
              <Select aria-label={l('退回的事项', 'The item')} options={day.items.filter((i) => i.state === 'approved').map((i) => ({ value: i.id, label: `${i.title}(${i.unitName})` }))} />
            </Form.Item>
          )}
          <Form.Item name="comment" label={l('说明', 'Note')} rules={[{ required: true, whitespace: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label({ zh: '不满意的评价由街道人大工委决定是否退回事项重新办理。', en: "The street's office decides whether unsatisfied feedback sends an item back." })}</Typography.Text>
    </Card>
  );
}

/**
 * One deliberation day: its date by the rule (and the holiday it was moved over), the notice,
 * the topics chosen by their scores, the meeting record (attendance, departments present,
 * minutes, decisions), the action plan with each item's unit, deadline and state, and after
 * publication the public's feedback. The office takes each step from here; deputies read it on
 * their phones.
 */
export function DayPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const session = useSession();
  const showError = useWriteErrors();
  const query = useApiQuery<Day>(`/api/deliberations/days/${id}`);
  const day = query.data ?? null;
  const rule = useApiQuery<Rule>(day ? `/api/deliberations/rules/${day.regionCode}` : null).data;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to={`/deliberations${day ? `?region=${day.regionCode}` : ''}`}>{l('逢四议事', 'Deliberation days')}</Link> },
      { title: day ? `${day.regionName} ${formatDate(day.heldOn)}` : l('议事日', 'Day') },
    ]} />
  );
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!day) return crumbs;
  const can = (a: DayAction) => day.actions.includes(a);

  function notice() {
    modal.confirm({
      title: l('发送议事通知', 'Send the notice'), okText: l('发送', 'Send'), cancelText: l('取消', 'Cancel'),
      content: l('本街道代表和邀请的职能部门将收到通知和议题材料(群众意见中的个人信息已遮挡)。', "The street's deputies and the invited departments receive the notice with the topics' dossier (constituents' personal data masked)."),
      onOk: async () => {
        try {
          const next = await post<Day>(`/api/deliberations/days/${day!.id}/notice`);
          queryClient.setQueryData(apiKey(`/api/deliberations/days/${day!.id}`), next);
          message.success(l('通知已发送', 'The notice is sent'));
          await invalidateApi('/api/deliberations', '/api/notifications');
        } catch (err) {
          showError(err, message, undefined, () => void query.refetch());
        }
      },
    });
  }

  const size = narrow ? 'large' : 'middle';
  const buttons = [
    can('choose') && <Button key="choose" type="primary" size={size} onClick={() => setDialog('choose')}>{day.topics.length ? l('调整议题', 'Change the topics') : l('选定议题', 'Choose the topics')}</Button>,
    can('notice') && <Button key="notice" size={size} onClick={notice}>{l('发送通知', 'Send the notice')}</Button>,
    can('record') && <Button key="record" type="primary" size={size} onClick={() => setDialog('record')}>{l('录入会议记录', 'Record the meeting')}</Button>,
    can('add_item') && <Button key="item" size={size} onClick={() => setDialog('add_item')}>{l('添加行动事项', 'Add an action item')}</Button>,
    can('publish') && <Button key="publish" type="primary" size={size} onClick={() => setDialog('publish')}>{l('公布结果', 'Publish')}</Button>,
    can('edit') && <Button key="edit" size={size} onClick={() => setDialog('edit')}>{l('会议安排', 'Arrangements')}</Button>,
    can('cancel') && <Button key="cancel" danger size={size} onClick={() => setDialog('cancel')}>{l('取消议事', 'Cancel')}</Button>,
  ].filter(Boolean);

  const noticeText = day.noticedAt
    ? l(`已于 ${formatDateTime(day.noticedAt)} 通知`, `Sent ${formatDateTime(day.noticedAt)}`)
    : day.state === 'cancelled' ? '—' : l(`将于 ${formatDate(day.noticeOn)} 自动通知(需已选定议题)`, `Goes out on ${formatDate(day.noticeOn)} (once topics are chosen)`);

  const itemColumns = [
    { title: l('事项', 'Item'), key: 'title', render: (_: unknown, i: ItemSummary) => <Link to={`/deliberations/items/${i.id}`}>{i.title}</Link> },
    { title: l('责任单位', 'Unit'), dataIndex: 'unitName', width: 140 },
    { title: l('办理期限', 'Due'), key: 'due', width: 170, render: (_: unknown, i: ItemSummary) => <DueText i={i} /> },
    { title: l('状态', 'State'), key: 'state', width: 150, render: (_: unknown, i: ItemSummary) => <ItemStateTag i={i} /> },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header data-testid="day-header" style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{l(`${day.regionName}逢四议事`, `${day.regionName} deliberation day`)}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <DayStateTag d={day} />
          <Typography.Text><DayDate d={day} /> {day.startTime}</Typography.Text>
          <Typography.Text type="secondary">{day.place}</Typography.Text>
        </Space>
        {buttons.length > 0 && <Space wrap size={[8, 8]}>{buttons}</Space>}
      </header>

      <Card size="small" title={l('议事通知', 'Notice')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'notice', label: l('通知', 'Notice'), children: <span data-testid="notice-status">{noticeText}</span> },
          { key: 'units', label: l('邀请列席部门', 'Departments invited'), children: day.invitedUnits.map((u) => u.name).join(l('、', ', ')) || '—' },
        ]} />
      </Card>

      <Card size="small" title={l('本次议题', 'Topics of the day')} data-testid="day-topics">
        <List
          size="small" dataSource={day.topics} locale={{ emptyText: l('尚未选定议题', 'No topic chosen yet') }}
          renderItem={(t) => (
            <List.Item style={{ display: 'block' }}>
              <Space wrap size={[8, 0]}>
                <Link to={`/deliberations/topics/${t.id}`}><strong>{t.title}</strong></Link>
                <TopicStateTag t={t} />
                <Typography.Text type="secondary">{l('加权得分', 'Score')} {t.score?.toFixed(2) ?? '—'}</Typography.Text>
              </Space>
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}><ScoresText t={t} /> · {label(t.sourceLabel)} · {t.proposer}</Typography.Text></div>
            </List.Item>
          )}
        />
      </Card>

      {day.record && (
        <Card size="small" title={l('会议记录', 'Meeting record')} data-testid="day-record"
          extra={<Link to={`/activities/${day.record.activityId}`}>{l('履职活动', 'The activity')}</Link>}>
          <Descriptions column={1} size="small" items={[
            { key: 'time', label: l('时间地点', 'When and where'), children: `${formatDateTime(day.record.startsAt)}${day.record.endsAt ? ` – ${formatDateTime(day.record.endsAt).slice(-5)}` : ''} · ${day.record.place}` },
            {
              key: 'att', label: l('代表出席', 'Deputies'), children: (
                <span data-testid="record-attendance">
                  {(['present', 'leave', 'absent'] as const).map((a) => {
                    const names = day.record!.participants.filter((p) => p.attendance === a).map((p) => p.name);
                    return names.length ? <div key={a}>{label(ATTENDANCE[a])}{l(`(${names.length}):`, ` (${names.length}): `)}{names.join(l('、', ', '))}</div> : null;
                  })}
                </span>
              ),
            },
            { key: 'units', label: l('列席部门', 'Departments present'), children: day.record.unitsPresent.map((u) => u.name).join(l('、', ', ')) || '—' },
            { key: 'minutes', label: l('会议纪要', 'Minutes'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{day.record.minutes}</Typography.Paragraph> },
            { key: 'decisions', label: l('议定事项', 'Decisions'), children: <ol style={{ paddingLeft: 20, margin: 0 }} data-testid="record-decisions">{day.record.decisions.map((d, i) => <li key={i}>{d}</li>)}</ol> },
          ]} />
        </Card>
      )}

      {(day.record || day.items.length > 0) && (
        <Card size="small" title={l('行动方案', 'Action plan')} data-testid="day-items">
          {narrow ? (
            <List<ItemSummary> dataSource={day.items} locale={{ emptyText: l('尚未添加行动事项', 'No action item yet') }} renderItem={(i) => (
              <List.Item style={{ display: 'block' }}>
                <Link to={`/deliberations/items/${i.id}`}><strong>{i.title}</strong></Link>
                <div><ItemStateTag i={i} /> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.unitName} · <DueText i={i} /></Typography.Text></div>
              </List.Item>
            )} />
          ) : (
            <Table<ItemSummary> rowKey="id" size="small" pagination={false} dataSource={day.items} columns={itemColumns} locale={{ emptyText: l('尚未添加行动事项', 'No action item yet') }} />
          )}
        </Card>
      )}

      {day.publishedAt && (
        <Card size="small" title={l('公布的结果', 'Published result')} data-testid="day-published">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{day.summary}</Typography.Paragraph>
          <Typography.Text type="secondary">{l(`公布于 ${formatDateTime(day.publishedAt)}`, `Published ${formatDateTime(day.publishedAt)}`)} · <a href={`/m/deliberations/${day.id}`} target="_blank" rel="noreferrer">{l('群众查看页面', 'Public page')}</a></Typography.Text>
        </Card>
      )}
      {day.publishedAt && session.can('deliberation.manage') && <FeedbackCard day={day} />}

      <ChooseTopicsDialog day={day} rule={rule} open={dialog === 'choose'} onClose={() => setDialog(null)} />
      <EditDayDialog day={day} open={dialog === 'edit'} onClose={() => setDialog(null)} />
      <RecordDialog day={day} open={dialog === 'record'} onClose={() => setDialog(null)} />
      <AddItemDialog day={day} rule={rule} open={dialog === 'add_item'} onClose={() => setDialog(null)} />
      <PublishDialog day={day} open={dialog === 'publish'} onClose={() => setDialog(null)} />
      <CancelDayDialog day={day} open={dialog === 'cancel'} onClose={() => setDialog(null)} />
    </div>
  );
}
