import { Button, Form, Input, List, Selector } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, post, type Schemas } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { savedReceipts, trackPath } from './drafts.js';
import { failureText, showFailure } from './feedback.js';

type Secret = 'pin' | 'phone';
interface Values { code: string; secret: string }
type Found = Schemas['LookupResult'];

/**
 * 查询办理进度: the way back to a case once the receipt is closed. The tracking code with the
 * query PIN from the receipt, or with the last four digits of the phone she gave, answers the
 * key of the tracking page, which then opens. The server limits the attempts and answers a
 * wrong PIN like an unknown code; its message is shown as it says it.
 */
export function LookupPage() {
  const { l } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [by, setBy] = useState<Secret>('pin');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const kept = savedReceipts();

  async function find(values: Values) {
    setBusy(true);
    setError(null);
    const secret = values.secret.replace(/\s+/g, '');
    try {
      const found = await post<Found>('/api/public/opinions/lookup', {
        code: values.code.replace(/\s+/g, '').toUpperCase(),
        ...(by === 'pin' ? { pin: secret } : { phoneLast4: secret }),
      });
      void navigate(trackPath({ trackingCode: found.trackingCode, queryKey: found.key }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(err.fields.map((f) => ({
          name: /\.code$|^code$/.test(f.path.replace(/^body\./, '')) ? 'code' : 'secret', errors: [f.message],
        })));
      }
      setError(failureText(err, l));
      showFailure(err, l);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="lx-title">{l('查询办理进度', 'Find my opinion')}</h1>
      <p className="lx-hint">{l('输入回执上的受理编号,以及查询码或您留的手机号后四位。', 'Enter the tracking code from your receipt, with the query PIN or the last four digits of the phone you gave.')}</p>
      <Form
        form={form} layout="vertical" initialValues={{ code: params.get('code') ?? '', secret: '' }} onFinish={(v) => void find(v)}
        footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('查询', 'Find')}</Button>}
      >
        <Form.Item name="code" label={l('受理编号', 'Tracking code')} rules={[{ required: true, message: l('请输入受理编号', 'Enter the tracking code') }]}>
          <Input placeholder={l('例如 ABC-DEF-GHJ', 'e.g. ABC-DEF-GHJ')} autoComplete="off" autoCapitalize="characters" />
        </Form.Item>
        <Form.Item label={l('凭什么查询', 'Find it with')}>
          <Selector
            columns={2} value={[by]} onChange={(v) => { if (v[0]) { setBy(v[0]); form.setFieldValue('secret', ''); } }}
            options={[{ label: l('查询码', 'Query PIN'), value: 'pin' as Secret }, { label: l('手机号后四位', 'Phone, last 4 digits'), value: 'phone' as Secret }]}
          />
        </Form.Item>
        <Form.Item
          name="secret" label={by === 'pin' ? l('查询码', 'Query PIN') : l('手机号后四位', 'Last four digits of your phone')}
          rules={[by === 'pin'
            ? { required: true, pattern: /^[\d\s-]{6,12}$/, message: l('请输入回执上的 6 位查询码', 'Enter the 6-digit PIN from your receipt') }
            : { required: true, pattern: /^\s*\d{4}\s*$/, message: l('请输入手机号的后四位数字', 'Enter the last four digits of your phone') }]}
        >
          <Input inputMode="numeric" maxLength={by === 'phone' ? 4 : 12} autoComplete="off" />
        </Form.Item>
      </Form>
      {error && <div className="lx-error lx-pad" role="alert">{error}</div>}
      {kept.length > 0 && (
        <List header={l('本机提交过的意见', 'Sent from this phone')}>
          {kept.map((r) => (
            <List.Item key={r.trackingCode} description={formatDateTime(r.at)} arrowIcon={false}>
              <Link to={trackPath(r)}>{r.trackingCode}</Link>
            </List.Item>
          ))}
        </List>
      )}
      <p className="lx-hint"><Link to="/">{l('联络站名录', 'Station directory')}</Link></p>
    </div>
  );
}
