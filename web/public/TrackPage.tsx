import { Button, List, NavBar, Result, Selector, Steps, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, get, post } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';

interface PublicCase {
  trackingCode: string; stateLabel: { zh: string }; station: string; category: string; submittedAt: string;
  timeline: { at: string; label: { zh: string }; note: string | null }[];
  answers: { at: string; text: string }[]; rating: string | null; canRate: boolean; mergedInto: boolean;
}

/** The tracking page: status, public timeline, answers, and the rating within 15 days. */
export function TrackPage() {
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
      else Toast.show({ content: err instanceof Error ? err.message : String(err) });
    }
  }, [code, key]);
  useEffect(() => { void load(); }, [load]);

  async function rate() {
    try {
      setC(await post<PublicCase>(`/api/public/opinions/${encodeURIComponent(code ?? '')}/rating?key=${encodeURIComponent(key)}`, { rating: rating[0], comment: comment || null }));
      Toast.show({ content: '感谢您的评价' });
    } catch (err) {
      Toast.show({ content: err instanceof Error ? err.message : String(err) });
    }
  }

  if (missing) return <Result status="error" title="查询不到该意见" description="请核对受理编号和查询链接" />;
  if (!c) return null;
  return (
    <div>
      <NavBar back={null}>办理进度</NavBar>
      <List header={`受理编号 ${c.trackingCode}`}>
        <List.Item extra={c.stateLabel.zh}>状态</List.Item>
        <List.Item extra={c.station}>联络站</List.Item>
        <List.Item extra={c.category}>类别</List.Item>
        <List.Item extra={formatDateTime(c.submittedAt)}>提交时间</List.Item>
      </List>
      {c.answers.length > 0 && (
        <List header="答复">
          {c.answers.map((a) => <List.Item key={a.at} description={formatDateTime(a.at)}>{a.text}</List.Item>)}
        </List>
      )}
      <Steps direction="vertical" current={c.timeline.length - 1} style={{ padding: 16 }}>
        {c.timeline.map((e) => (
          <Steps.Step key={`${e.at}-${e.label.zh}`} title={e.label.zh} description={[formatDateTime(e.at), e.note].filter(Boolean).join(' · ')} />
        ))}
      </Steps>
      {c.canRate && (
        <div style={{ padding: 16 }}>
          <Selector options={[{ label: '满意', value: 'satisfied' }, { label: '基本满意', value: 'basically_satisfied' }, { label: '不满意', value: 'unsatisfied' }]} value={rating} onChange={setRating} />
          <TextArea placeholder="补充说明(选填)" value={comment} onChange={setComment} rows={3} style={{ marginTop: 12 }} />
          <Button block color="primary" disabled={!rating.length} onClick={() => void rate()} style={{ marginTop: 12 }}>提交评价</Button>
        </div>
      )}
    </div>
  );
}
