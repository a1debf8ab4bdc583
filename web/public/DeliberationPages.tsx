import { Button, DotLoading, ErrorBlock, Form, List, Result, Selector, Tag, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, post, type Answer, type Schemas } from '../shared/api.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { showFailure, showNote } from './feedback.js';

type Label = { zh: string; en: string };
type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** A published deliberation day as the public list shows it, and a published result with its action items' handling. */
type PublicDayItem = Answer<'/api/public/deliberations'>['items'][number];
type PublicDay = Schemas['PublicDeliberationDay'];

const RATINGS: [Rating, Label][] = [
  ['satisfied', { zh: '满意', en: 'Satisfied' }],
  ['basically_satisfied', { zh: '基本满意', en: 'Fairly satisfied' }],
  ['unsatisfied', { zh: '不满意', en: 'Unsatisfied' }],
];

const Loading = () => <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;

/** 逢四议事: the results the streets' congress offices published, newest first. */
export function DeliberationListPage() {
  const { l } = useI18n();
  const query = useApiQuery<{ items: PublicDayItem[] }>('/api/public/deliberations');
  if (query.error) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={query.error.message} />;
  const items = query.data?.items ?? [];
  return (
    <div>
      <h1 className="lx-title">{l('逢四议事', 'Deliberation days')}</h1>
      <p className="lx-hint">{l('每月第四个星期四,街道人大代表和职能部门共同商议群众关心的问题。以下是议事结果和行动事项的办理情况。', 'On the fourth Thursday of each month the deputies and the departments deliberate what concerns the people. Here are the results and how the action items are handled.')}</p>
      {!query.data ? <Loading /> : (
        <List header={l('议事结果', 'Results')}>
          {items.map((d) => (
            <Link key={d.id} to={`/deliberations/${d.id}`} data-testid="public-day">
              <List.Item arrowIcon description={<>{d.regionName} · {formatDate(d.heldOn)}<br />{l(`行动事项 ${d.itemCount} 项,已办结 ${d.approvedCount} 项`, `${d.itemCount} action items, ${d.approvedCount} done`)}</>}>
                {d.topics.join(l(';', '; '))}
              </List.Item>
            </Link>
          ))}
        </List>
      )}
      {query.data && items.length === 0 && <ErrorBlock status="empty" title={l('暂无公布的议事结果', 'No result published yet')} description="" />}
    </div>
  );
}

interface FeedbackValues { rating?: Rating[]; itemId?: number[]; comment?: string }

/** The public's feedback on a result: a rating and a comment (asked when unsatisfied), on the whole or on one action item. */
function FeedbackForm({ day }: { day: PublicDay }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<FeedbackValues>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const rating = Form.useWatch('rating', form)?.[0];
  if (sent) return <Result status="success" title={l('感谢您的评价', 'Thank you for your feedback')} description={l('不满意的评价会由街道人大工委核实,必要时督促责任单位重新办理。', "Unsatisfied feedback is checked by the street's congress office, which may have the unit handle the item again.")} />;
  async function submit(v: FeedbackValues) {
    const r = v.rating?.[0];
    if (!r) { showNote(l('请选择评价', 'Choose a rating')); return; }
    setBusy(true);
    try {
      await post(`/api/public/deliberations/${day.id}/feedback`, { rating: r, comment: v.comment?.trim() ?? '', ...(v.itemId?.[0] && { itemId: v.itemId[0] }) });
      setSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) form.setFields(err.fields.map((f) => ({ name: f.path.replace(/^body\./, ''), errors: [f.message] })) as never);
      showFailure(err, l);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
      footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交评价', 'Send')}</Button>}>
      <Form.Item name="rating" label={l('您对办理情况的评价', 'How satisfied are you with the handling?')} rules={[{ required: true, message: l('请选择评价', 'Choose a rating') }]}>
        <Selector columns={3} options={RATINGS.map(([value, name]) => ({ value, label: label(name) }))} />
      </Form.Item>
      {day.items.length > 0 && (
        <Form.Item name="itemId" label={l('针对的行动事项(选填)', 'Which action item (optional)')}>
          <Selector columns={1} options={day.items.map((i) => ({ value: i.id, label: `${i.title}(${i.unitName})` }))} />
        </Form.Item>
      )}
      <Form.Item name="comment" label={rating === 'unsatisfied' ? l('不满意的原因', 'Why you are not satisfied') : l('意见(选填)', 'Comment (optional)')}
        rules={rating === 'unsatisfied' ? [{ required: true, whitespace: true, message: l('请说明不满意的原因', 'Say why') }] : []}>
        <TextArea rows={3} maxLength={500} showCount placeholder={l('请勿填写姓名、电话等个人信息', 'Please leave out your name and phone number')} />
      </Form.Item>
    </Form>
  );
}

/** One published result: the topics, the decisions, who took part, each action item with its unit, deadline and answer, and the feedback form. */
export function DeliberationPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const query = useApiQuery<PublicDay>(`/api/public/deliberations/${id}`);
  const d = query.data;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return <ErrorBlock status="empty" title={missing ? l('没有这个议事结果', 'No such result') : l('暂时无法加载', 'Cannot load now')} description={<Link to="/deliberations">{l('全部议事结果', 'All results')}</Link>} />;
  }
  if (!d) return <Loading />;
  const c = d.feedbackCounts;
  return (
    <div>
      <h1 className="lx-title">{l(`${d.regionName}逢四议事`, `${d.regionName} deliberation day`)}</h1>
      <div className="lx-target">
        <div>{l('议事日期', 'Held on')}:{formatDate(d.heldOn)}</div>
        <div>{l('地点', 'Place')}:{d.place}</div>
        <div>{l(`出席代表 ${d.attendance.present} 人(应到 ${d.attendance.total} 人)`, `${d.attendance.present} of ${d.attendance.total} deputies present`)}</div>
        {d.unitsPresent.length > 0 && <div>{l('列席部门', 'Departments present')}:{d.unitsPresent.join(l('、', ', '))}</div>}
      </div>
      <h2 className="lx-section">{l('议题', 'Topics')}</h2>
      {d.topics.map((t, i) => (
        <div key={i} style={{ marginBottom: 8 }}>
          <strong>{t.title}</strong>
          <div className="lx-text">{t.description}</div>
        </div>
      ))}
      {d.summary && (<><h2 className="lx-section">{l('议事结果', 'Result')}</h2><div className="lx-text">{d.summary}</div></>)}
      {d.decisions.length > 0 && (
        <>
          <h2 className="lx-section">{l('议定事项', 'Decisions')}</h2>
          <ol style={{ paddingLeft: 20 }}>{d.decisions.map((x, i) => <li key={i} className="lx-text">{x}</li>)}</ol>
        </>
      )}
      <List header={l('行动事项办理情况', 'How the action items are handled')} data-testid="public-items">
        {d.items.map((i) => (
          <List.Item key={i.id} extra={<Tag color={i.state === 'approved' ? 'default' : 'primary'} fill="outline">{label(i.stateLabel)}</Tag>}
            description={(
              <>
                <div>{l('责任单位', 'Unit')}:{i.unitName}{i.dueOn && ` · ${l('期限', 'Due')} ${formatDate(i.dueOn)}`}</div>
                {i.answer && <div className="lx-text" style={{ marginTop: 4 }}>{i.answer}{i.answeredAt && <div className="lx-hint">{formatDateTime(i.answeredAt)}</div>}</div>}
              </>
            )}>
            {i.title}
          </List.Item>
        ))}
      </List>
      <h2 className="lx-section">{l('群众评价', 'Feedback')}</h2>
      <p className="lx-hint">{l(`满意 ${c.satisfied} · 基本满意 ${c.basically_satisfied} · 不满意 ${c.unsatisfied}`, `${c.satisfied} satisfied · ${c.basically_satisfied} fairly · ${c.unsatisfied} unsatisfied`)}</p>
      <FeedbackForm day={d} />
      <p className="lx-hint"><Link to="/deliberations">{l('全部议事结果', 'All results')}</Link></p>
    </div>
  );
}
