import { Button, DotLoading, ErrorBlock, Form, Input, List, Result, Selector, Tag, TextArea } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, formFieldErrors, post, type Answer, type Schemas } from '../shared/api.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { showDone, showFailure, showNote } from './feedback.js';

type PublicTopicItem = Answer<'/api/public/consultations'>['items'][number];
type PublicTopic = Schemas['PublicConsultation'];
type PublicReceipt = Schemas['ConsultationReceiptPage'];
type Feedback = NonNullable<PublicTopic['opinion']>;

const RECEIPTS = 'lianxin.consultationReceipts';

/** The receipt codes of the answers sent from this phone, newest first (at most 20), so the feedback page can offer them again. */
function savedCodes(): { code: string; title: string }[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECEIPTS) ?? '[]') as unknown;
    return Array.isArray(list) ? list as { code: string; title: string }[] : [];
  } catch {
    return [];
  }
}

function keepCode(code: string, title: string): void {
  try {
    localStorage.setItem(RECEIPTS, JSON.stringify([{ code, title }, ...savedCodes().filter((r) => r.code !== code)].slice(0, 20)));
  } catch { /* storage full or refused: the code on screen is still there */ }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const windowText = (t: { opensOn: string; closesOn: string }) => `${formatDate(t.opensOn)} – ${formatDate(t.closesOn)}`;

/** The committee's opinion and the government's handling report, as they come back to the public. */
function FeedbackSections({ opinion, handlingReport }: { opinion: Feedback | null; handlingReport: Feedback | null }) {
  const { l } = useI18n();
  return (
    <>
      {opinion && (
        <section aria-label={l('常委会审议意见', "The committee's opinion")} data-testid="public-opinion">
          <h2 className="lx-section">{l('常委会审议意见', "The committee's opinion")}</h2>
          <div className="lx-text">{opinion.text}</div>
          <div className="lx-hint">{formatDateTime(opinion.at)}</div>
        </section>
      )}
      {handlingReport && (
        <section aria-label={l('政府处理情况', 'How the government handles it')} data-testid="public-handling">
          <h2 className="lx-section">{l('政府处理情况', 'How the government handles it')}</h2>
          <div className="lx-text">{handlingReport.text}</div>
          <div className="lx-hint">{formatDateTime(handlingReport.at)}</div>
        </section>
      )}
    </>
  );
}

/** 议题征询: the topics the standing committees consult the public on, newest first, each open for answers within its window. */
export function ConsultationListPage() {
  const { l } = useI18n();
  const query = useApiQuery<{ items: PublicTopicItem[] }>('/api/public/consultations');
  if (query.error) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={query.error.message} />;
  const items = query.data?.items ?? [];
  return (
    <div>
      <h1 className="lx-title">{l('人大常委会议题征询', 'Standing-committee consultations')}</h1>
      <p className="lx-hint">{l('常委会审议这些议题前,听取您的意见。', 'The standing committee wants your views before it deliberates these topics.')}</p>
      {!query.data ? <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div> : (
        <List header={l('征询议题', 'Topics')}>
          {items.map((t) => (
            <Link key={t.id} to={`/consultations/${t.id}`}>
              <List.Item arrowIcon description={<>{t.congressName}<br />{l('征询期', 'Window')} {windowText(t)}</>}
                extra={<Tag color={t.windowOpen ? 'primary' : 'default'} fill="outline">{t.windowOpen ? l('征询中', 'Open') : l('已截止', 'Closed')}</Tag>}>
                {t.title}
              </List.Item>
            </Link>
          ))}
        </List>
      )}
      {query.data && items.length === 0 && <ErrorBlock status="empty" title={l('暂无征询议题', 'No topic open for views')} description="" />}
      <p className="lx-hint"><Link to="/consultations/feedback">{l('凭回执码查看反馈', 'Read the feedback with your receipt code')}</Link></p>
    </div>
  );
}

interface AnswerValues { answers?: Record<string, string>; general?: string; name?: string; phone?: string; station?: number[] }

/**
 * One topic, opened from the station's QR poster (`?station=`): what the committee will
 * deliberate, its documents and questions, and the form to answer them (name and phone
 * optional); the receipt code that comes back opens the feedback later. After the window the
 * page shows what came of it.
 */
export function ConsultationPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const [params] = useSearchParams();
  const fromQr = Number(params.get('station')) || null;
  const query = useApiQuery<PublicTopic>(`/api/public/consultations/${id}`);
  const [form] = Form.useForm<AnswerValues>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const t = query.data;
  const station = useMemo(() => (fromQr && t?.stations.find((s) => s.id === fromQr)) || null, [fromQr, t]);

  if (query.isError) {
    return <ErrorBlock status="empty" title={l('没有这个征询议题', 'No such consultation')} description={<Link to="/consultations">{l('全部征询议题', 'All consultations')}</Link>} />;
  }
  if (!t) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  if (receipt) return <ConsultationReceipt code={receipt} />;
  const answering = t.state === 'open' && t.windowOpen;

  async function submit(v: AnswerValues) {
    const answers = [
      ...t!.questions.map((q) => ({ questionId: q.id, text: (v.answers?.[q.id] ?? '').trim() })),
      { questionId: null, text: (v.general ?? '').trim() },
    ].filter((a) => a.text);
    if (!answers.length) { showNote(l('请至少回答一个问题', 'Answer at least one question')); return; }
    const stationId = station?.id ?? v.station?.[0] ?? (t!.stations.length === 1 ? t!.stations[0]!.id : null);
    if (!stationId) { showNote(l('请选择您所在的联络站', 'Choose your station')); return; }
    setBusy(true);
    try {
      const answer = await post<{ receiptCode: string }>(`/api/public/consultations/${t!.id}/views`, {
        stationId, answers, name: v.name?.trim() || null, phone: v.phone?.trim() || null,
      });
      keepCode(answer.receiptCode, t!.title);
      setReceipt(answer.receiptCode);
      showDone(l('意见已提交', 'Your views are sent'));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(formFieldErrors(err).filter((f) => f.name === 'name' || f.name === 'phone') as never);
      }
      showFailure(err, l);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="lx-title">{t.title}</h1>
      <div className="lx-target">
        <div>{t.congressName}</div>
        <div>{l('征询期', 'Window')}:{windowText(t)} <Tag color={answering ? 'primary' : 'default'} fill="outline">{label(t.stateLabel)}</Tag></div>
        {station && <div>{l('联络站', 'Station')}:<strong>{station.name}</strong></div>}
      </div>
      <h2 className="lx-section">{l('议题背景', 'Background')}</h2>
      <div className="lx-text">{t.background}</div>
      {t.documents.length > 0 && (
        <List header={l('背景材料', 'Documents')}>
          {t.documents.map((d) => (
            <List.Item key={d.id} description={sizeText(d.size)} arrowIcon={false}>
              <a href={d.url} target="_blank" rel="noopener noreferrer">{d.name}</a>
            </List.Item>
          ))}
        </List>
      )}
      <FeedbackSections opinion={t.opinion} handlingReport={t.handlingReport} />
      {answering ? (
        <>
          <h2 className="lx-section">{l('请谈谈您的意见', 'Your views')}</h2>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
            footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交意见', 'Send my views')}</Button>}>
            {!station && t.stations.length > 1 && (
              <Form.Item name="station" label={l('您所在的联络站', 'Your station')} rules={[{ required: true, message: l('请选择联络站', 'Choose your station') }]}>
                <Selector columns={1} options={t.stations.map((s) => ({ label: s.name, value: s.id }))} />
              </Form.Item>
            )}
            {t.questions.map((q) => (
              <Form.Item key={q.id} name={['answers', String(q.id)]} label={`${q.position}. ${q.text}`}>
                <TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            ))}
            <Form.Item name="general" label={l('其他意见(选填)', 'Anything else (optional)')}>
              <TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="name" label={l('姓名(选填)', 'Name (optional)')}><Input maxLength={50} /></Form.Item>
            <Form.Item name="phone" label={l('手机号(选填,仅工作人员可见)', 'Mobile (optional, seen only by the staff)')}><Input type="tel" maxLength={20} /></Form.Item>
          </Form>
          <p className="lx-hint">{l('姓名和手机号只有人大工作人员和联络站工作人员能看到,汇总材料中遮挡显示,不会公开。',
            'Your name and number are seen only by the congress staff and the station officers; the compilation masks them and nothing is published.')}</p>
        </>
      ) : (
        <p className="lx-hint">{t.state === 'open' ? l('不在征询期内,暂不能提交意见。', 'Outside the consultation window: views cannot be sent now.') : l('征询已结束,感谢关注。', 'The consultation is over. Thank you.')}</p>
      )}
      <p className="lx-hint">
        <Link to="/consultations">{l('全部征询议题', 'All consultations')}</Link>{' · '}
        <Link to="/consultations/feedback">{l('凭回执码查看反馈', 'Read the feedback with your receipt code')}</Link>
      </p>
    </div>
  );
}

/** The receipt after answering: the code, large, to be written down; it opens the feedback later. */
function ConsultationReceipt({ code }: { code: string }) {
  const { l } = useI18n();
  return (
    <div>
      <Result status="success" title={l('感谢您提出意见', 'Thank you for your views')} />
      <section className="lx-receipt" aria-label={l('回执', 'Receipt')}>
        <div className="lx-receipt-label">{l('回执码', 'Receipt code')}</div>
        <div className="lx-code" data-testid="receipt-code">{code}</div>
        <p>{l('请记下回执码或截图保存此页。常委会审议后,凭回执码可以查看审议意见和政府处理情况。',
          'Write down the receipt code or save a screenshot. Once the committee has deliberated, the code shows its opinion and how the government handles it.')}</p>
        <div className="lx-receipt-links">
          <Link to={`/consultations/feedback/${encodeURIComponent(code)}`}>{l('查看反馈', 'Read the feedback')}</Link>
        </div>
      </section>
    </div>
  );
}

/**
 * 查看反馈: with the receipt code, the topic the constituent answered, what she said, and what
 * came of it — the committee's opinion and the government's handling report once recorded.
 */
export function ConsultationFeedbackPage() {
  const { code } = useParams();
  const { l, label } = useI18n();
  const navigate = useNavigate();
  const query = useApiQuery<PublicReceipt>(code ? `/api/public/consultations/receipts/${encodeURIComponent(code)}` : null);
  const r = query.data;
  const saved = savedCodes();
  const open = (c: string) => void navigate(`/consultations/feedback/${encodeURIComponent(c.trim().toUpperCase())}`);

  const lookup = (
    <div className="lx-pad">
      <Form layout="vertical" onFinish={(v: { code: string }) => open(v.code)}
        footer={<Button block type="submit" color="primary">{l('查看反馈', 'Read the feedback')}</Button>}>
        <Form.Item name="code" label={l('回执码', 'Receipt code')} rules={[{ required: true, whitespace: true, message: l('请输入回执码', 'Enter the receipt code') }]}>
          <Input placeholder={l('如 K7M2-9QXH-4RBT', 'e.g. K7M2-9QXH-4RBT')} clearable />
        </Form.Item>
      </Form>
      {saved.length > 0 && (
        <List header={l('本机提交过的意见', 'Sent from this phone')}>
          {saved.map((s) => <List.Item key={s.code} onClick={() => open(s.code)} description={s.code}>{s.title}</List.Item>)}
        </List>
      )}
    </div>
  );

  if (!code) {
    return <div><h1 className="lx-title">{l('查看议题征询反馈', 'Consultation feedback')}</h1>{lookup}</div>;
  }
  if (query.isError) {
    const unknown = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div>
        <h1 className="lx-title">{l('查看议题征询反馈', 'Consultation feedback')}</h1>
        <ErrorBlock status="empty" title={unknown ? l('没有找到这个回执码', 'No such receipt code') : l('暂时无法查询', 'Cannot look it up now')} description={unknown ? l('请核对后重新输入', 'Check it and try again') : query.error.message} />
        {lookup}
      </div>
    );
  }
  if (!r) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  const waiting = !r.opinion && !r.handlingReport;
  return (
    <div>
      <h1 className="lx-title">{r.title}</h1>
      <List>
        <List.Item extra={<span data-testid="receipt-state">{label(r.stateLabel)}</span>}>{l('状态', 'State')}</List.Item>
        <List.Item extra={r.stationName}>{l('联络站', 'Station')}</List.Item>
        <List.Item extra={formatDateTime(r.submittedAt)}>{l('提交时间', 'Sent')}</List.Item>
      </List>
      <h2 className="lx-section">{l('您的意见', 'Your views')}</h2>
      {r.answers.map((a, i) => (
        <div key={i} style={{ marginBottom: 8 }}>
          {a.question && <div className="lx-hint">{a.question}</div>}
          <div className="lx-text">{a.text}</div>
        </div>
      ))}
      <FeedbackSections opinion={r.opinion} handlingReport={r.handlingReport} />
      {waiting && <p className="lx-hint">{l('常委会尚未作出审议意见,审议后会在这里反馈。', 'The committee has not deliberated yet; its opinion will show here.')}</p>}
      <p className="lx-hint"><Link to={`/consultations/${r.topicId}`}>{l('查看议题', 'The topic')}</Link></p>
    </div>
  );
}
