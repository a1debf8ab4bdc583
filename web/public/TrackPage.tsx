import { Button, List, Result, Selector, Steps, TextArea } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RATING_LABELS } from '../../common/caseVocabulary.js';
import { ApiError, get, post } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import type { Schemas } from '../shared/api.js';
import { showDone, showFailure } from './feedback.js';
import { SuggestionNote } from './SuggestionNote.js';
import { FeatureNotes } from './FeatureNotes.js';

/** The unit's reply as the constituent sees it: its result and its public attachments (absent from servers that do not send them). */
interface ReplyParts {
  replyResult?: { code: string; label: { zh: string; en: string } } | null;
  attachments?: { id: number; name: string; mime: string; size: number; url: string }[];
}
type PublicCase = Schemas['PublicCase'] & ReplyParts;

/** An attachment's address with the query key, so the phone's browser can download it. */
function withKey(url: string, key: string): string {
  if (/[?&]key=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The tracking page: status, public timeline, answers, and the rating within 15 days. */
export function TrackPage() {
  const { l, label } = useI18n();
  const { code } = useParams();
  const [params] = useSearchParams();
  const key = params.get('key') ?? '';
  const [c, setC] = useState<PublicCase | null>(null);
  const [missing, setMissing] = useState(false);
  const [rating, setRating] = useState<string[]>([]);
  const [comment, setComment] = useState('');

  const load = useCallback(async () => {
    try {
      setC(await get<PublicCase>(`/api/public/opinions/${encodeURIComponent(code ?? '')}?key=${encodeURIComponent(key)}`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else showFailure(err, l);
    }
  }, [code, key, l]);
  useEffect(() => { void load(); }, [load]);

  async function rate() {
    try {
      setC(await post<PublicCase>(`/api/public/opinions/${encodeURIComponent(code ?? '')}/rating?key=${encodeURIComponent(key)}`, { rating: rating[0], comment: comment || null }));
      showDone(l('感谢您的评价', 'Thank you for your rating'));
    } catch (err) {
      showFailure(err, l);
    }
  }

  if (missing) {
    return <Result status="error" title={l('查询不到该意见', 'No such opinion')} description={<>{l('请核对受理编号和查询链接', 'Check the tracking code and the link')}<br /><Link to={`/q?code=${encodeURIComponent(code ?? '')}`}>{l('凭编号和查询码查询', 'Find it with the code and PIN')}</Link><br /><Link to="/">{l('联络站名录', 'Station directory')}</Link></>} />;
  }
  if (!c) return null;
  return (
    <div>
      <h1 className="lx-title">{l('办理进度', 'Progress')}</h1>
      <List header={<>{l('受理编号', 'Tracking code')} <span className="lx-code">{c.trackingCode}</span></>}>
        <List.Item extra={label(c.stateLabel)}>{l('状态', 'State')}</List.Item>
        <List.Item extra={c.station}>{l('联络站', 'Station')}</List.Item>
        <List.Item extra={c.category}>{l('类别', 'Category')}</List.Item>
        <List.Item extra={formatDateTime(c.submittedAt)}>{l('提交时间', 'Submitted')}</List.Item>
        {c.rating && <List.Item extra={label(RATING_LABELS.labels[c.rating])}>{l('您的评价', 'Your rating')}</List.Item>}
      </List>
      <SuggestionNote notes={c.timeline} />
      <FeatureNotes notes={c.timeline} />
      {c.mergedInto && <div style={{ padding: '8px 16px' }}>{l('此意见与同一事项的意见合并办理,答复相同。', 'This opinion is handled together with another on the same matter; the answers are shared.')}</div>}
      {c.replyResult && (
        <List header={l('办理结果', 'Outcome')}>
          <List.Item extra={<strong className="lx-result">{label(c.replyResult.label)}</strong>}>{l('办复结果', 'Result')}</List.Item>
        </List>
      )}
      {c.attachments && c.attachments.length > 0 && (
        <List header={l('答复附件', 'Attachments to the reply')}>
          {c.attachments.map((a) => (
            <List.Item key={a.id} description={sizeText(a.size)} arrowIcon={false}>
              <a href={withKey(a.url, key)} target="_blank" rel="noopener noreferrer">{a.name}</a>
            </List.Item>
          ))}
        </List>
      )}
      {c.answers.length > 0 && (
        <List header={l('答复', 'Answers')}>
          {c.answers.map((a) => <List.Item key={a.at} description={formatDateTime(a.at)}>{a.text}</List.Item>)}
        </List>
      )}
      <Steps direction="vertical" current={c.timeline.length - 1} style={{ padding: 16 }}>
        {c.timeline.map((e) => (
          <Steps.Step key={`${e.at}-${e.label.zh}`} title={label(e.label)} description={[formatDateTime(e.at), e.note].filter(Boolean).join(' · ')} />
        ))}
      </Steps>
      {c.canRate && (
        <section style={{ padding: 16 }} aria-label={l('评价答复', 'Rate the answer')}>
          <h2 style={{ fontSize: '1.1em', marginTop: 0 }}>{l('您对答复满意吗?', 'Are you satisfied with the answer?')}</h2>
          <Selector options={RATING_LABELS.keys.map((r) => ({ label: label(RATING_LABELS.labels[r]), value: r }))} value={rating} onChange={setRating} />
          <TextArea placeholder={l('补充说明(选填)', 'Anything to add (optional)')} value={comment} onChange={setComment} rows={3} style={{ marginTop: 12 }} aria-label={l('补充说明', 'Comment')} />
          <Button block color="primary" disabled={!rating.length} onClick={() => void rate()} style={{ marginTop: 12 }}>{l('提交评价', 'Submit the rating')}</Button>
        </section>
      )}
    </div>
  );
}
