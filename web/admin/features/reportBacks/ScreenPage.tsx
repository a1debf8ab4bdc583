import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { get, type ApiError } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, useApiQuery } from '../../../shared/query.js';
import { RATINGS } from './labels.js';
import type { Live, ReportBack } from './types.js';

const POLL_MS = 3000;

/**
 * The screen for the projector at the meeting: the deputy and the report-back, the QR code
 * large enough to scan from the back rows, the address in words for those who type it, and the
 * count of evaluations rising as the phones send them (read every 3 seconds). It covers the
 * back office's navigation; Esc or 退出投屏 goes back.
 */
export function ScreenPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const detail = useApiQuery<ReportBack>(`/api/report-backs/${id}`);
  const liveUrl = `/api/report-backs/${id}/live`;
  const live = useQuery<Live, ApiError>({ queryKey: apiKey(liveUrl), queryFn: () => get<Live>(liveUrl), refetchInterval: POLL_MS });
  const rb = detail.data;
  const v = live.data;

  useEffect(() => {
    const back = (e: KeyboardEvent) => { if (e.key === 'Escape') history.back(); };
    window.addEventListener('keydown', back);
    return () => window.removeEventListener('keydown', back);
  }, []);

  const url = rb?.evaluation.publicUrl ?? null;
  return (
    <div
      data-testid="qr-screen"
      style={{ position: 'fixed', inset: 0, zIndex: 1000, background: '#fff', overflow: 'auto', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '2vh 3vw', gap: '1.5vh' }}
    >
      <div style={{ alignSelf: 'flex-end' }}><Link to={`/report-backs/${id}`}><Button>{l('退出投屏', 'Leave the screen')}</Button></Link></div>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 'clamp(22px, 4vw, 44px)', color: '#b71c1c', textAlign: 'center' }}>
        {rb ? l(`${rb.deputy.name} 代表述职 · 群众评议`, `${rb.deputy.name}: report-back evaluation`) : '…'}
      </Typography.Title>
      {rb && <Typography.Text style={{ fontSize: 'clamp(14px, 2vw, 24px)' }}>{rb.activity.place ?? ''} {rb.title}</Typography.Text>}
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'center', alignItems: 'center', gap: '2vh 5vw', width: '100%' }}>
        {url ? (
          <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '1vh', maxWidth: '90vw' }}>
            <img src={`/api/report-backs/${id}/qr.svg`} alt={l('评议二维码', 'Evaluation QR code')} style={{ width: 'min(62vh, 80vw)', height: 'min(62vh, 80vw)' }} />
            <Typography.Text copyable style={{ fontSize: 'clamp(12px, 1.4vw, 18px)', wordBreak: 'break-all', textAlign: 'center' }}>{url}</Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 24 }}>{l('评议尚未开始,开启评议后显示二维码', 'The code shows once the evaluation is open')}</Typography.Text>
        )}
        {v && (
          <div data-testid="screen-counts" style={{ display: 'flex', flexDirection: 'column', gap: '1.5vh', fontSize: 'clamp(18px, 2.6vw, 34px)', minWidth: 220 }}>
            <div>{l('已评议', 'Evaluated')}</div>
            <div><strong style={{ color: '#b71c1c', fontSize: '2.6em', lineHeight: 1 }} data-testid="screen-total">{v.counts.total}</strong>{v.headcount ? <span style={{ color: '#595959' }}> / {v.headcount}</span> : ''}</div>
            {RATINGS.map(([key, name]) => <div key={key}>{label(name)} <strong>{v.counts[key]}</strong></div>)}
            {!v.open && <div style={{ color: '#595959' }}>{v.state === 'scheduled' ? l('评议未开始', 'Not open yet') : l('评议已结束', 'Closed')}</div>}
          </div>
        )}
      </div>
      {url && <Typography.Text style={{ fontSize: 'clamp(16px, 2.2vw, 28px)', textAlign: 'center' }}>{l('请用手机扫码,对代表述职作出评价(每部手机一次)', 'Scan with your phone to rate the report (once per phone)')}</Typography.Text>}
    </div>
  );
}
