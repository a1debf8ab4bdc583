import { Button, Form, Input, NavBar, Result, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, formFieldErrors, get, post } from '../shared/api.js';
import { compressPhoto } from './compress.js';

interface Category { id: number; name: string; nameEn: string }

/** A constituent's submission, pre-addressed by the QR link (`?station=` or `?deputy=`). */
export function SubmitPage() {
  const [params] = useSearchParams();
  const station = Number(params.get('station')) || undefined;
  const deputy = Number(params.get('deputy')) || undefined;
  const [categories, setCategories] = useState<Category[]>([]);
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ trackingCode: string; queryKey: string } | null>(null);
  const [form] = Form.useForm();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  useEffect(() => { void get<Category[]>('/api/case-categories').then(setCategories); }, []);

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const added = await Promise.all([...files].slice(0, 5 - photos.length).map((f) => compressPhoto(f)));
    setPhotos([...photos, ...added]);
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

  if (!station && !deputy) return <Result status="warning" title="请扫描联络站或代表的二维码" description="Scan a station's or a deputy's QR code" />;
  if (receipt) {
    const link = `/m/t/${receipt.trackingCode}?key=${receipt.queryKey}`;
    return (
      <Result
        status="success" title="已收到您的意见"
        description={<div>受理编号 <strong style={{ fontSize: 20 }}>{receipt.trackingCode}</strong><br />请截图保存此页,凭编号查询办理进度。<br /><a href={link}>查看办理进度</a></div>}
      />
    );
  }
  return (
    <div>
      <NavBar back={null}>群众意见建议</NavBar>
      <Form form={form} layout="vertical" onFinish={submit} footer={<Button block type="submit" color="primary" size="large" loading={busy}>提交</Button>}>
        <Form.Item name="categoryId" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Selector columns={2} options={categories.map((c) => ({ label: c.name, value: c.id }))} />
        </Form.Item>
        <Form.Item name="content" label="您的意见或诉求" rules={[{ required: true, message: '请填写内容' }]}>
          <TextArea rows={5} maxLength={2000} showCount placeholder="例如:我们屯还没有通自来水" />
        </Form.Item>
        <Form.Item name="place" label="地点(选填)"><Input placeholder="村、组、街道" /></Form.Item>
        <Form.Item name="name" label="姓名(选填)"><Input /></Form.Item>
        <Form.Item name="phone" label="手机号(选填,仅办理人员可见)"><Input type="tel" /></Form.Item>
        <Form.Item label={`照片(选填,最多 5 张,已选 ${photos.length} 张)`}>
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => void addPhotos(e.target.files)} aria-label="选择照片" />
        </Form.Item>
      </Form>
    </div>
  );
}
