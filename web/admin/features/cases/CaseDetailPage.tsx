import { DownOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Dropdown, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ANSWER_MODES } from '../../../../common/caseVocabulary.js';
import { ApiError, formFieldErrors, post, type Answer } from '../../../shared/api.js';
import { bodyLimits } from '../../../shared/api-types.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, queryClient, useApiMutation, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useNarrow } from '../../kit/common.js';
import { ProvisionalTag } from '../calendar/calendarNotice.js';
import { DeadlineText, RatingTag } from './caseFacts.js';
import { CaseReplyCard, CaseReplyDialog, ContactReveal } from './CaseReply.js';
import { CaseClocks } from './CaseClocks.js';
import { LookupUnlock } from './LookupUnlock.js';
import { IndustryOrigin } from '../industry/IndustryOrigin.js';
import type { Schemas } from '../../../shared/api.js';

type CaseDetail = Schemas['CaseDetail'];

/** The fields an action asks for besides its comment (which the server says it needs). */
const FIELDS: Record<string, ('unit' | 'days' | 'mode' | 'into')[]> = {
  assign: ['unit', 'days'], request_extension: ['days'], grant_extension: ['days'], answer: ['mode'], merge: ['into'],
};
/** The working days an action may take, as the server's schema sets them (an assignment: also its category's maximum). */
const ACTION_LIMITS = bodyLimits['POST /api/cases/{id}/actions/{action}'];
const fieldsOf = (a: { action: string; needsComment: boolean }) => [...(FIELDS[a.action] ?? []), ...(a.needsComment ? ['comment' as const] : [])];
/** On a phone, the actions shown as buttons; the rest sit in a "more" menu, so the header keeps its height. */
const PHONE_BUTTONS = 2;

/** The last day a number of working days from today reaches, by the server's calendar (the assign dialog's proposal). */
function DueDateHint({ days }: { days: number | null | undefined }) {
  const { l } = useI18n();
  const valid = typeof days === 'number' && Number.isInteger(days) && days > 0;
  const due = useApiQuery<Answer<'/api/calendar/add-working-days'>>(valid ? `/api/calendar/add-working-days?days=${days}` : null);
  if (!valid || !due.data) return null;
  return (
    <Typography.Text type="secondary" data-testid="due-date-hint">
      {l(`自今日(${formatDate(due.data.from)})起 ${days} 个工作日,期限至 ${formatDate(due.data.date)} 当日止`,
        `${days} working days from today (${formatDate(due.data.from)}): due by the end of ${formatDate(due.data.date)}`)}
      <ProvisionalTag show={due.data.provisional} />
    </Typography.Text>
  );
}


export function CaseDetailPage() {
  const { id } = useParams();
  const { lang, l, label } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const url = `/api/cases/${id}`;
  const caseQuery = useApiQuery<CaseDetail>(url);
  // The deadline an assignment may set is the case category's own maximum.
  const categories = useApiQuery<Answer<'/api/case-categories'>>('/api/case-categories');
  // Set when an action took the case out of this account's reach (a unit returning it).
  const [goneId, setGoneId] = useState<string | null>(null);
  const gone = goneId === id;
  const [action, setAction] = useState<CaseDetail['actions'][number] | null>(null);
  const [form] = Form.useForm();
  const narrow = useNarrow();
  const proposedDays = Form.useWatch('deadlineDays', form) as number | null | undefined;
  const c = gone ? null : caseQuery.data ?? null;
  const error = gone ? l('该件已不在您的办理范围内', 'This case is no longer in your reach') : caseQuery.error?.message ?? null;
  const category = categories.data?.find((k) => k.id === c?.category.id);

  type Action = CaseDetail['actions'][number];
  const take = useApiMutation(
    ({ a, values }: { a: Action; values: Record<string, unknown> }) => post<Answer<'/api/cases/{id}/actions/{action}', 'post'>>(`${url}/actions/${a.action}`, values),
    // The queue, the dashboard's figures and the notifications change with the case.
    ['/api/cases', '/api/statistics', '/api/notifications'],
  );

  async function open(next: Action) {
    form.resetFields();
    if (fieldsOf(next).length) setAction(next);
    else await send(next, {});
  }

  async function send(a: Action, values: Record<string, unknown>) {
    try {
      const result = await take.mutateAsync({ a, values });
      setAction(null);
      message.success(l(`已${label(a.label)}`, `Done: ${label(a.label)}`));
      if (result.case) queryClient.setQueryData(apiKey(url), result.case);
      else setGoneId(id ?? null);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(formFieldErrors(err));
      } else {
        message.error(err instanceof Error ? err.message : String(err));
      }
    }
  }

  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/cases">{l('意见办理', 'Cases')}</Link> },
      { title: c?.trackingCode ?? l('工单', 'Case') },
    ]}
    />
  );
  if (error) return <Space direction="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon message={error} /></Space>;
  if (!c) return crumbs;
  const needs = action ? fieldsOf(action) : [];
  // On a phone a few actions are buttons and the rest sit in a menu; on a wider screen all wrap below the title.
  const buttons = narrow ? c.actions.slice(0, PHONE_BUTTONS) : c.actions;
  const more = narrow ? c.actions.slice(PHONE_BUTTONS) : [];
  return (
    // A plain column, not a Space: a sticky header sticks only within its parent, which must be the page's column.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, width: '100%' }}>
      {crumbs}
      {/* The code and the state stay in view while the page scrolls, whatever the number of actions. */}
      <header
        data-testid="case-header"
        style={{
          position: 'sticky', top: 0, zIndex: 10, background: '#fff', padding: narrow ? '8px 12px' : '12px 16px',
          border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8,
        }}
      >
        <Space wrap size={[8, 4]}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 18 : 20 }}>{c.trackingCode}</Typography.Title>
          <Tag color={c.overdue ? 'red' : 'blue'} data-testid="case-state">{c.stateLabel[lang]}</Tag>
          {c.keySupervision && <Tag color="volcano">{l('重点督办', 'Key supervision')}</Tag>}
          {c.rating && <RatingTag rating={c.rating} />}
          {/* A deputy takes the opinion further as a suggestion to the congress. */}
          {can('suggestion.draft') && <Link to={`/my-suggestions/new?caseIds=${c.id}`}><Button size="small" type="primary" ghost>{l('转为代表建议', 'Make it a suggestion')}</Button></Link>}
        </Space>
        {c.actions.length > 0 && (
          <Space wrap size={[8, 8]}>
            {buttons.map((a) => <Button key={a.action} onClick={() => void open(a)}>{label(a.label)}</Button>)}
            {more.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{ items: more.map((a) => ({ key: a.action, label: label(a.label) })), onClick: ({ key }) => { const a = more.find((m) => m.action === key); if (a) void open(a); } }}
              >
                <Button>{l('更多操作', 'More actions')} <DownOutlined /></Button>
              </Dropdown>
            )}
          </Space>
        )}
      </header>
      <IndustryOrigin caseId={Number(id)} />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={l('内容', 'Content')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.content}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={l('类别', 'Category')}>{c.category.name}</Descriptions.Item>
          <Descriptions.Item label={l('地点', 'Place')}>{[c.placeRegion?.fullName, c.place].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          {c.side && (
            <Descriptions.Item label={l('属地', 'Side')}>
              {c.side.name}{c.side.home ? l('(本站所在地)', ' (home side)') : l('(成员地区)', ' (member side)')}
              {!c.side.canAct && <Typography.Text type="secondary">{l(',由该方办理和督办,本方只读', '; handled and supervised by that side, read only for you')}</Typography.Text>}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={l('联络站', 'Station')}>{c.station.name}</Descriptions.Item>
          <Descriptions.Item label={l('代表', 'Deputy')}>{c.deputy?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={l('提交人', 'Submitter')}>{c.submitter.name ?? (l('匿名', 'Anonymous'))}</Descriptions.Item>
          <Descriptions.Item label={l('联系电话', 'Phone')}>{c.submitter.phone ?? '—'}{c.contactRevealable && <ContactReveal caseId={c.id} />}</Descriptions.Item>
          <Descriptions.Item label={l('承办单位', 'Unit')}>{c.unit?.name ?? '—'}{c.coUnits.length ? ` (+${c.coUnits.map((u) => u.name).join('、')})` : ''}</Descriptions.Item>
          <Descriptions.Item label={l('办理期限', 'Deadline')}>
            <DeadlineText date={c.deadlineDate} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} />
          </Descriptions.Item>
          <Descriptions.Item label={l('群众评价', 'Rating')}><RatingTag rating={c.rating} /></Descriptions.Item>
          <Descriptions.Item label={l('提交时间', 'Submitted')}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={l('办理轮次', 'Round')}>{c.round}</Descriptions.Item>
        </Descriptions>
        {c.photos.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            {c.photos.map((p, i) => <a key={p.id} href={p.url} target="_blank" rel="noreferrer"><img src={p.url} alt={l(`照片 ${i + 1}`, `Photo ${i + 1}`)} style={{ height: 96, borderRadius: 4 }} /></a>)}
          </Space>
        )}
      </Card>
      <LookupUnlock caseId={c.id} />
      <CaseClocks clocks={c.clocks} />
      <CaseReplyCard reply={c.reply} />
      <Card title={l('办理记录', 'Timeline')}>
        <Timeline items={c.timeline.map((e) => ({
          children: (
            <div>
              <Typography.Text strong>{e.label[lang]}</Typography.Text>{' '}
              <Typography.Text type="secondary">{e.actorName} · {formatDateTime(e.at)}</Typography.Text>
              {(e.unit || e.deadlineDate || e.deadlineDays) && (
                <div>
                  {e.unit && <Typography.Text>{l('承办单位', 'Unit')}:{e.unit.name} </Typography.Text>}
                  {e.deadlineDate
                    ? <Typography.Text>{l(`期限至 ${formatDate(e.deadlineDate)} 当日止`, `Due by the end of ${formatDate(e.deadlineDate)}`)}</Typography.Text>
                    : e.deadlineDays && <Typography.Text>{l(`期限 ${e.deadlineDays} 个工作日`, `${e.deadlineDays} working days`)}</Typography.Text>}
                </div>
              )}
              {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
            </div>
          ),
        }))}
        />
      </Card>
      <Modal
        open={action !== null && action.action !== 'reply'} title={action ? label(action.label) : ''} onCancel={() => setAction(null)}
        onOk={() => form.submit()} destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void send(action!, v)}>
          {needs.includes('unit') && (
            <>
              <Form.Item name="unitId" label={l('承办单位', 'Unit')} rules={[{ required: true }]}><RecordSelect<number> source="units" /></Form.Item>
              <Form.Item name="coUnitIds" label={l('会办单位', 'Co-units')}><RecordSelect<number[]> source="units" multiple /></Form.Item>
            </>
          )}
          {needs.includes('days') && (
            <Form.Item
              name={action?.action === 'assign' ? 'deadlineDays' : 'days'} label={l('工作日', 'Working days')}
              rules={[{ required: action?.action !== 'assign' && action?.action !== 'grant_extension' }]}
              initialValue={action?.action === 'assign' ? category?.deadlineDays : undefined}
              extra={action?.action === 'assign'
                ? <>{category && <div>{l(`该类别规定 ${category.deadlineDays} 个工作日,最长 ${category.maxDays} 个工作日`, `This category: ${category.deadlineDays} working days, at most ${category.maxDays}`)}</div>}<DueDateHint days={proposedDays} /></>
                : undefined}
            >
              <InputNumber
                min={action?.action === 'assign' ? ACTION_LIMITS.deadlineDays.minimum : ACTION_LIMITS.days.minimum}
                max={action?.action === 'assign' ? Math.min(category?.maxDays ?? Infinity, ACTION_LIMITS.deadlineDays.maximum) : ACTION_LIMITS.days.maximum}
              />
            </Form.Item>
          )}
          {needs.includes('mode') && (
            <Form.Item name="mode" label={l('反馈方式', 'How')} initialValue={c.round > 1 ? 'after_rehandling' : 'agreed_time'}>
              <Select options={ANSWER_MODES.keys.map((m) => ({ value: m, label: label(ANSWER_MODES.labels[m]) }))} />
            </Form.Item>
          )}
          {needs.includes('into') && (
            <Form.Item name="intoCode" label={l('并入工单的跟踪码', 'Tracking code of the case to merge into')} rules={[{ required: true }]}>
              <Input maxLength={40} placeholder={l('如 7KM-4QX-2HB', 'e.g. 7KM-4QX-2HB')} autoComplete="off" />
            </Form.Item>
          )}
          {needs.includes('comment') && (
            <Form.Item name="comment" label={l('说明', 'Note')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
          )}
        </Form>
      </Modal>
      <CaseReplyDialog caseId={c.id} open={action?.action === 'reply'} onClose={() => setAction(null)} />
    </div>
  );
}
