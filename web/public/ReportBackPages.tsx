import { Button, DotLoading, ErrorBlock, Form, Input, Result, Selector, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, formFieldErrors, post, type Schemas } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { showDone, showFailure } from './feedback.js';

/** The report-back a QR code opens, as the public route presents it (no personal data). */
type EvaluationTarget = Schemas['PublicReportBackEvaluation'];

type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

const RATINGS: { value: Rating; zh: string; en: string }[] = [
  { value: 'satisfied', zh: '满意', en: 'Satisfied' },
  { value: 'basically_satisfied', zh: '基本满意', en: 'Mostly satisfied' },
  { value: 'unsatisfied', zh: '不满意', en: 'Unsatisfied' },
];

/** The refusals that end the evaluation on this phone: said in words, the form is not offered again. */
const CLOSED = new Set(['REPORT_BACK_EVALUATION_CLOSED']);
const DUPLICATE = new Set(['REPORT_BACK_ALREADY_EVALUATED']);

interface Values { rating?: Rating[]; comment?: string; phone?: string }

/**
 * 述职评议: a constituent at the meeting scans the QR code on the screen and rates the deputy's
 * report-back on her phone — 满意 / 基本满意 / 不满意 and, if she likes, what the deputy should
 * do. No account; one evaluation per phone; only while the staff keep the evaluation open. A
 * second try from the same phone, or a try after the close, is told so in plain words.
 */
export function ReportBackEvaluatePage() {
  const { key } = useParams();
  const { l } = useI18n();
  const url = `/api/public/report-backs/evaluate/${encodeURIComponent(key ?? '')}`;
  const query = useApiQuery<EvaluationTarget>(url);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'done' | 'duplicate' | 'closed' | null>(null);
  const t = query.data;

  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <ErrorBlock
        status={missing ? 'empty' : 'default'}
        title={missing ? l('没有这场述职评议', 'No such report-back evaluation') : l('暂时无法加载', 'Cannot load now')}
        description={missing ? l('请重新扫描会场上的二维码', 'Scan the code shown at the meeting again') : query.error.message}
      />
    );
  }
  if (!t) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;

  async function submit(v: Values) {
    const rating = v.rating?.[0];
    if (!rating) { form.setFields([{ name: 'rating', errors: [l('请选择评价', 'Choose a rating')] }]); return; }
    setBusy(true);
    try {
      await post(url, { rating, comment: v.comment?.trim() || undefined, phone: v.phone?.trim() ?? '' });
      setOutcome('done');
      showDone(l('评议已提交', 'Evaluation sent'));
    } catch (err) {
      if (err instanceof ApiError && DUPLICATE.has(err.code)) setOutcome('duplicate');
      else if (err instanceof ApiError && CLOSED.has(err.code)) setOutcome('closed');
      else {
        if (err instanceof ApiError && err.fields.length) form.setFields(formFieldErrors(err).filter((f) => f.name === 'phone' || f.name === 'comment') as never);
        showFailure(err, l);
      }
    } finally {
      setBusy(false);
    }
  }

  const header = (
    <>
      <h1 className="lx-title">{l('人大代表述职评议', 'Evaluate a deputy\'s report-back')}</h1>
      <div className="lx-target">
        <div style={{ fontSize: '1.2em', fontWeight: 700 }} data-testid="evaluate-deputy">{t.deputyName}</div>
        <div>{t.congressName}</div>
        <div>{t.title}</div>
        {(t.place || t.startsAt) && <div>{[t.startsAt && formatDateTime(t.startsAt), t.stationName, t.place].filter(Boolean).join(' · ')}</div>}
      </div>
    </>
  );

  const said = outcome ?? (t.alreadyEvaluated ? 'duplicate' : t.state === 'closed' ? 'closed' : t.state === 'not_open' ? 'not_open' : null);
  if (said) {
    const words = {
      done: [l('感谢您的评议', 'Thank you for your evaluation'), l('您的评价和意见已送达,问题清单的办理情况将在代表履职公示中反映。', 'Your rating and comments are in; what is done about the issues raised shows on the deputy\'s public record.')],
      duplicate: [l('这部手机已经评议过了', 'This phone has already evaluated'), l('每部手机对每场述职只能评议一次,感谢您的参与。', 'Each phone evaluates a report-back once. Thank you for taking part.')],
      closed: [l('评议已经结束', 'The evaluation is closed'), l('本场述职的评议已由工作人员结束,不再接收评价。', 'The staff have closed the evaluation of this report-back; no more ratings are taken.')],
      not_open: [l('评议还没有开始', 'The evaluation has not started'), l('请在代表述职后,等工作人员宣布开始评议再扫码。', 'Wait until the staff open the evaluation after the report, then scan again.')],
    } as const;
    const [title, text] = words[said];
    return (
      <div>
        {header}
        <Result status={said === 'done' ? 'success' : said === 'duplicate' ? 'info' : 'waiting'} title={<span data-testid="evaluate-outcome">{title}</span>} description={text} />
      </div>
    );
  }

  return (
    <div>
      {header}
      {t.reportSummary && (
        <>
          <h2 className="lx-section">{l('述职报告摘要', 'The report in brief')}</h2>
          <div className="lx-text" data-testid="evaluate-summary">{t.reportSummary}</div>
        </>
      )}
      <h2 className="lx-section">{l('参加评议', 'Evaluate')}</h2>
      <p className="lx-hint">
        {l('无需登录。手机号只用于确认每人评议一次,不公开、不显示给代表。', 'No sign-in. Your number only makes sure each person evaluates once; it is not published nor shown to the deputy.')}
        {t.closesAt && l(` 评议于 ${formatDateTime(t.closesAt)} 截止。`, ` Closes at ${formatDateTime(t.closesAt)}.`)}
      </p>
      <Form
        form={form} layout="vertical" onFinish={(v) => void submit(v)}
        footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交评议', 'Send')}</Button>}
      >
        <Form.Item name="rating" label={l('您对代表履职的评价', 'Your rating')} rules={[{ required: true, message: l('请选择评价', 'Choose a rating') }]}>
          <Selector columns={3} aria-label={l('评价', 'Rating')} options={RATINGS.map((r) => ({ value: r.value, label: l(r.zh, r.en) }))} />
        </Form.Item>
        <Form.Item name="comment" label={l('意见和建议(选填)', 'Comments and issues (optional)')}>
          <TextArea rows={4} maxLength={500} showCount placeholder={l('希望代表关注和推动解决的问题', 'What you want the deputy to take up')} />
        </Form.Item>
        <Form.Item name="phone" label={l('手机号', 'Mobile number')} rules={[{ required: true, pattern: /^1\d{10}$/, message: l('请填写 11 位手机号', 'Enter an 11-digit mobile number') }]}>
          <Input type="tel" inputMode="numeric" maxLength={11} placeholder={l('仅用于防止重复评议', 'Only to prevent evaluating twice')} />
        </Form.Item>
      </Form>
      <p className="lx-hint">{l('意见会列入代表的问题清单跟踪办理;请不要填写个人信息。', 'Comments go into the deputy\'s issue list and are followed up; please leave out personal details.')}</p>
    </div>
  );
}
