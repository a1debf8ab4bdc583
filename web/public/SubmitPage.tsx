import { Button, Form, Input, Result, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, formFieldErrors, get, post } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { compressPhoto } from '../shared/compress.js';
import type { Answer } from '../shared/api.js';

type Category = Answer<'/api/case-categories'>[number];
interface Target { station: { id: number; name: string; address: string } | null; deputy: { name: string; levels: { label: { zh: string; en: string } }[] } | null }

/** Whom the QR link addresses: the station, or the deputy (and the station they were reached through). */
function useTarget(station: number | undefined, deputy: number | undefined) {
  const [target, setTarget] = useState<Target | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!station && !deputy) return;
    Promise.all([
      station ? get<Target['station']>(`/api/public/stations/${station}`) : null,
      deputy ? get<Target['deputy']>(`/api/public/deputies/${deputy}`) : null,
    ]).then(([s, d]) => setTarget({ station: s, deputy: d }), () => setMissing(true));
  }, [station, deputy]);
  return { target, missing };
}

/** A constituent's submission, pre-addressed by the QR link (`?station=` or `?deputy=`). */
export function SubmitPage() {
  const { l, label, lang } = useI18n();
  const [params] = useSearchParams();
  const station = Number(params.get('station')) || undefined;
  const deputy = Number(params.get('deputy')) || undefined;
  const { target, missing } = useTarget(station, deputy);
  const categories = useApiQuery<Category[]>('/api/case-categories').data ?? [];
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ trackingCode: string; queryKey: string } | null>(null);
  const [form] = Form.useForm();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);


  async function addPhotos(files: FileList | null) {
    if (!files) return;
    try {
      const added = await Promise.all([...files].slice(0, 5 - photos.length).map((f) => compressPhoto(f)));
      setPhotos([...photos, ...added]);
    } catch {
      Toast.show({ content: l('无法读取这张照片,请换一张', 'This photo cannot be read; please choose another') });
    }
  }

  async function submit(values: { categoryId: number[]; content: string; place?: string; name?: string; phone?: string }) {
    setBusy(true);
    try {
      setReceipt(await post('/api/public/opinions', {
        stationId: station, deputyId: deputy, categoryId: values.categoryId[0], content: values.content,
        place: values.place ?? '', name: values.name || null, phone: values.phone || null, channel: 'qr',
        photos: photos.map((data) => ({ data })),
      }, { 'idempotency-key': idempotencyKey }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(formFieldErrors(err));
      } else {
        Toast.show({ content: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  if ((!station && !deputy) || missing) {
    return (
      <Result
        status="warning" title={missing ? l('二维码已失效', 'This QR code is no longer valid') : l('请扫描联络站或代表的二维码', "Scan a station's or a deputy's QR code")}
        description={<Link to="/">{l('或在联络站名录中选择', 'or choose from the station directory')}</Link>}
      />
    );
  }
  if (receipt) {
    const link = `/t/${receipt.trackingCode}?key=${receipt.queryKey}`;
    return (
      <Result
        status="success" title={l('已收到您的意见', 'Your opinion has been received')}
        description={(
          <div>
            {l('受理编号', 'Tracking code')}<br /><span className="lx-code">{receipt.trackingCode}</span><br />
            {l('请截图保存此页,凭链接查询办理进度并评价。', 'Save a screenshot of this page; the link shows the progress and lets you rate the answer.')}<br />
            <Link to={link}>{l('查看办理进度', 'Follow the progress')}</Link>
          </div>
        )}
      />
    );
  }
  const deputyLine = target?.deputy
    ? `${target.deputy.name}${target.deputy.levels.length ? `(${target.deputy.levels.map((v) => label(v.label)).join(lang === 'zh' ? '、' : ', ')})` : ''}`
    : null;
  return (
    <div>
      <h1 className="lx-title">{l('群众意见建议', 'Tell your deputies')}</h1>
      <div className="lx-target" aria-live="polite">
        {deputyLine && <div>{l('致人大代表', 'To deputy')}:<strong>{deputyLine}</strong> <Link to={`/d/${deputy}`}>{l('履职公示', 'Record')}</Link></div>}
        {target?.station && <div>{l('联络站', 'Station')}:<strong>{target.station.name}</strong></div>}
      </div>
      <Form form={form} layout="vertical" onFinish={submit} footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交', 'Submit')}</Button>}>
        <Form.Item name="categoryId" label={l('类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose a category') }]}>
          <Selector columns={2} options={categories.map((c) => ({ label: lang === 'en' ? c.nameEn : c.name, value: c.id }))} />
        </Form.Item>
        <Form.Item name="content" label={l('您的意见或诉求', 'Your opinion or request')} rules={[{ required: true, message: l('请填写内容', 'Please write something') }]}>
          <TextArea rows={5} maxLength={2000} showCount placeholder={l('例如:我们屯还没有通自来水', 'e.g. our village still has no tap water')} />
        </Form.Item>
        <Form.Item name="place" label={l('地点(选填)', 'Place (optional)')}><Input placeholder={l('村、组、街道', 'Village, group or street')} /></Form.Item>
        <Form.Item name="name" label={l('姓名(选填)', 'Name (optional)')}><Input /></Form.Item>
        <Form.Item name="phone" label={l('手机号(选填,仅办理人员可见)', 'Mobile (optional, seen only by those handling it)')}><Input type="tel" /></Form.Item>
        <Form.Item label={l(`照片(选填,最多 5 张,已选 ${photos.length} 张)`, `Photos (optional, up to 5; ${photos.length} chosen)`)}>
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => void addPhotos(e.target.files)} aria-label={l('选择照片', 'Choose photos')} />
        </Form.Item>
      </Form>
    </div>
  );
}
