import { Button, Result, Space } from 'antd-mobile';
import { Link } from 'react-router';
import { useI18n } from '../shared/i18n.js';
import { showDone, showNote } from './feedback.js';
import { trackPath, type Receipt } from './drafts.js';

/** Copies text: the clipboard API where the page may use it (https), else the old selection copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

/**
 * The receipt after a submission: the tracking code and the query PIN, large and spaced so
 * they can be written down or read out, with buttons that copy the code and the tracking link,
 * and the way back in through the 查询 page.
 */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { l } = useI18n();
  const path = trackPath(receipt);
  const link = `${window.location.origin}/m${path}`;
  async function copy(text: string, what: string) {
    if (await copyText(text)) showDone(l(`已复制${what}`, `Copied: ${what.toLowerCase()}`));
    else showNote(l('无法自动复制,请长按后手动复制', 'Cannot copy here; press and hold to copy by hand'));
  }
  return (
    <div>
      <Result status="success" title={l('已收到您的意见', 'Your opinion has been received')} />
      <section className="lx-receipt" aria-label={l('回执', 'Receipt')}>
        <div className="lx-receipt-label">{l('受理编号', 'Tracking code')}</div>
        <div className="lx-code" data-testid="tracking-code">{receipt.trackingCode}</div>
        {receipt.pin && (
          <>
            <div className="lx-receipt-label">{l('查询码', 'Query PIN')}</div>
            <div className="lx-pin" data-testid="query-pin">{receipt.pin}</div>
          </>
        )}
        <p>
          {receipt.pin
            ? l('请记下受理编号和查询码,或截图保存此页。关闭本页后,在“查询办理进度”中输入编号和查询码(或您留的手机号后四位),即可查看进度并评价。',
              'Write down the tracking code and the PIN, or save a screenshot. Once this page is closed, enter the code and the PIN (or the last four digits of the phone you gave) under “Find my opinion” to follow it and rate the answer.')
            : l('请记下受理编号,复制查询链接或截图保存此页,凭链接查看办理进度并评价。',
              'Write down the tracking code and copy the tracking link or save a screenshot: the link shows the progress and lets you rate the answer.')}
        </p>
        <Space wrap>
          <Button size="small" onClick={() => void copy(receipt.trackingCode, l('受理编号', 'The tracking code'))}>{l('复制编号', 'Copy the code')}</Button>
          <Button size="small" color="primary" onClick={() => void copy(link, l('查询链接', 'The link'))}>{l('复制查询链接', 'Copy the link')}</Button>
        </Space>
        <div className="lx-receipt-links">
          <Link to={path}>{l('查看办理进度', 'Follow the progress')}</Link>
          <Link to="/q">{l('查询办理进度', 'Find my opinion')}</Link>
        </div>
      </section>
    </div>
  );
}
