import { Button, DotLoading, Form, Input, Result, Selector, TextArea } from 'antd-mobile';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, formFieldErrors, get } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { compressPhoto } from '../shared/compress.js';
import type { Answer } from '../shared/api.js';
import { failureText, isOffline, showDone, showFailure, showNote } from './feedback.js';
import { keepReceipt, pendingDrafts, removeDraft, saveDraft, sendDraft, type Draft, type Receipt, type SubmitBody } from './drafts.js';
import { ReceiptView } from './Receipt.js';

type Category = Answer<'/api/case-categories'>[number];
interface Target { station: { id: number; name: string; address: string } | null; deputy: { name: string; levels: { label: { zh: string; en: string } }[] } | null }
interface Values { categoryId: number[]; content: string; place?: string; name?: string; phone?: string }
const MAX_PHOTOS = 5;
/** How often a waiting draft is tried again while the phone believes it is online (the `online` event also triggers a try). */
const RETRY_MS = 10_000;

/** Whom the QR link addresses: the station, or the deputy (and the station they were reached through). */
function useTarget(station: number | undefined, deputy: number | undefined) {
  const [target, setTarget] = useState<Target | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!station && !deputy) return;
    Promise.all([
      station ? get<Target['station']>(`/api/public/stations/${station}`) : null,
      deputy ? get<Target['deputy']>(`/api/public/deputies/${deputy}`) : null,
    ]).then(([s, d]) => setTarget({ station: s, deputy: d }), (err: unknown) => { if (!isOffline(err)) setMissing(true); });
  }, [station, deputy]);
  return { target, missing };
}

/**
 * A submission kept on the phone until the network lets it through: tried at once, again when
 * the phone reports it is back online, and every few seconds meanwhile. `onSent` gets the
 * receipt; `onRefused` the server's refusal (the draft is dropped and the form shows it again).
 */
function useWaitingDraft(onSent: (r: Receipt) => void, onRefused: (draft: Draft, err: unknown) => void) {
  const [waiting, setWaiting] = useState<Draft | null>(null);
  const sending = useRef(false);
  const attempt = useCallback(async (draft: Draft) => {
    if (sending.current) return;
    sending.current = true;
    try {
      const receipt = await sendDraft(draft);
      await removeDraft(draft.id);
      setWaiting(null);
      onSent(receipt);
    } catch (err) {
      if (!isOffline(err)) {
        await removeDraft(draft.id);
        setWaiting(null);
        onRefused(draft, err);
      }
    } finally {
      sending.current = false;
    }
  }, [onSent, onRefused]);

  // A draft left from an earlier visit is picked up and sent.
  useEffect(() => {
    pendingDrafts().then((drafts) => { if (drafts[0]) setWaiting(drafts[0]); }, () => undefined);
  }, []);
  useEffect(() => {
    if (!waiting) return;
    const retry = () => { if (navigator.onLine) void attempt(waiting); };
    retry();
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => { window.removeEventListener('online', retry); window.clearInterval(timer); };
  }, [waiting, attempt]);
  return { waiting, setWaiting };
}

/** A constituent's submission, pre-addressed by the QR link (`?station=` or `?deputy=`). */
export function SubmitPage() {
  const { l, label, lang } = useI18n();
  const [params] = useSearchParams();
  const station = Number(params.get('station')) || undefined;
  const deputy = Number(params.get('deputy')) || undefined;
  const { target, missing } = useTarget(station, deputy);
  const categories = useApiQuery<Category[]>(`/api/case-categories${station ? `?stationId=${station}` : ''}`).data ?? [];
  const [photos, setPhotos] = useState<string[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [form] = Form.useForm<Values>();
  const categoryId = Form.useWatch('categoryId', form) as number[] | undefined;
  const category = categories.find((c) => c.id === categoryId?.[0]);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const showRefusal = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.fields.length) {
      const fields = formFieldErrors(err);
      form.setFields(fields.filter((f) => f.name !== 'photos' && f.name !== 'stationId' && f.name !== 'deputyId') as never);
      const photoField = fields.find((f) => f.name === 'photos');
      setPhotoError(photoField ? photoField.errors[0]! : null);
      showFailure(new ApiError(err.status, err.code, fields[0]!.errors[0] ?? err.message), l);
    } else {
      showFailure(err, l);
    }
  }, [form, l]);
  const sent = useCallback((r: Receipt) => {
    keepReceipt(r);
    setReceipt(r);
    showDone(l('意见已发送', 'Your opinion has been sent'));
  }, [l]);
  const refused = useCallback((draft: Draft, err: unknown) => {
    const { categoryId: c, content, place, name, phone, photos: kept } = draft.body;
    form.setFieldsValue({ categoryId: [c], content, place, name: name ?? '', phone: phone ?? '' });
    setPhotos(kept.map((p) => p.data));
    showRefusal(err);
  }, [form, showRefusal]);
  const { waiting, setWaiting } = useWaitingDraft(sent, refused);

  async function addPhotos(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo may be chosen again after being removed
    if (!files.length) return;
    if (photos.length + files.length > MAX_PHOTOS) showNote(l(`最多 ${MAX_PHOTOS} 张照片`, `At most ${MAX_PHOTOS} photos`));
    const added: string[] = [];
    let unreadable = 0;
    for (const file of files.slice(0, MAX_PHOTOS - photos.length)) {
      try { added.push(await compressPhoto(file)); } catch { unreadable++; }
    }
    if (unreadable) showNote(l(`有 ${unreadable} 张照片无法读取,请换一张`, `${unreadable} photo(s) cannot be read; please choose another`), 4000);
    setPhotoError(null);
    setPhotos((now) => [...now, ...added].slice(0, MAX_PHOTOS));
  }

  async function submit(values: Values) {
    const body: SubmitBody = {
      stationId: station, deputyId: deputy, categoryId: values.categoryId[0]!, content: values.content,
      place: values.place ?? '', name: values.name || null, phone: values.phone || null, channel: 'qr',
      photos: photos.map((data) => ({ data })),
    };
    const draft: Draft = { id: idempotencyKey, body, savedAt: new Date().toISOString() };
    setBusy(true);
    try {
      sent(await sendDraft(draft));
    } catch (err) {
      if (isOffline(err)) {
        try {
          await saveDraft(draft);
          setWaiting(draft);
          showNote(l('网络不通,意见已保存在本机,联网后自动发送', 'No network: your opinion is kept on this phone and will be sent when the network returns'), 4000);
        } catch {
          showNote(failureText(err, l), 4000);
        }
      } else {
        showRefusal(err);
      }
    } finally {
      setBusy(false);
    }
  }

  if (receipt) return <ReceiptView receipt={receipt} />;
  if (waiting) {
    return (
      <Result
        status="waiting" title={l('等待网络,联网后自动发送', 'Waiting for the network')}
        description={(
          <div role="status">
            <DotLoading /><br />
            {l('您的意见已保存在本手机上。有信号后会自动发送,发送成功后这里会显示受理编号和查询码。请不要清除浏览器数据。',
              'Your opinion is kept on this phone. It is sent by itself once there is signal, and the tracking code and PIN then appear here. Please do not clear the browser data.')}
          </div>
        )}
      />
    );
  }
  if ((!station && !deputy) || missing) {
    return (
      <Result
        status="warning" title={missing ? l('二维码已失效', 'This QR code is no longer valid') : l('请扫描联络站或代表的二维码', "Scan a station's or a deputy's QR code")}
        description={<><Link to="/">{l('或在联络站名录中选择', 'or choose from the station directory')}</Link><br /><Link to="/q">{l('查询办理进度', 'Find my opinion')}</Link></>}
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
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交', 'Submit')}</Button>}>
        <Form.Item
          name="categoryId" label={l('类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose a category') }]}
          description={category && (
            <span className="lx-expect" aria-live="polite">
              {l(`预计答复时间:受理后交办承办单位,单位 ${category.signDays} 个工作日内签收,签收后一般 ${category.deadlineDays} 个工作日内办复(最长 ${category.maxDays} 个工作日),之后由代表或联络站答复您。`,
                `Expected answer: once accepted, it goes to a handling unit, which signs for it within ${category.signDays} working day(s) and normally replies within ${category.deadlineDays} working days after that (at most ${category.maxDays}); your deputy or the station then answers you.`)}
            </span>
          )}
        >
          <Selector columns={2} options={categories.map((c) => ({ label: lang === 'en' ? c.nameEn : c.name, value: c.id }))} />
        </Form.Item>
        <Form.Item name="content" label={l('您的意见或诉求', 'Your opinion or request')} rules={[{ required: true, message: l('请填写内容', 'Please write something') }]}>
          <TextArea rows={5} maxLength={2000} showCount placeholder={l('例如:我们屯还没有通自来水', 'e.g. our village still has no tap water')} />
        </Form.Item>
        <Form.Item name="place" label={l('地点(选填)', 'Place (optional)')}><Input placeholder={l('村、组、街道', 'Village, group or street')} /></Form.Item>
        <Form.Item name="name" label={l('姓名(选填)', 'Name (optional)')}><Input /></Form.Item>
        <Form.Item name="phone" label={l('手机号(选填,仅办理人员可见)', 'Mobile (optional, seen only by those handling it)')}><Input type="tel" /></Form.Item>
        <Form.Item label={l(`照片(选填,最多 ${MAX_PHOTOS} 张,已选 ${photos.length} 张)`, `Photos (optional, up to ${MAX_PHOTOS}; ${photos.length} chosen)`)}>
          {photos.length > 0 && (
            <ul className="lx-thumbs">
              {photos.map((p, i) => (
                <li key={`${i}-${p.length}`}>
                  <img src={`data:image/jpeg;base64,${p}`} alt={l(`第 ${i + 1} 张照片`, `Photo ${i + 1}`)} />
                  <button type="button" onClick={() => setPhotos(photos.filter((_, j) => j !== i))} aria-label={l(`删除第 ${i + 1} 张照片`, `Remove photo ${i + 1}`)}>×</button>
                </li>
              ))}
            </ul>
          )}
          {photos.length < MAX_PHOTOS && (
            <input type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => void addPhotos(e.currentTarget)} aria-label={l('选择照片', 'Choose photos')} />
          )}
          {photoError && <div className="lx-error" role="alert">{photoError}</div>}
        </Form.Item>
      </Form>
      <PrivacyNotice />
    </div>
  );
}

/** What happens to what she writes: what is kept, who sees it, for how long (docs/CASES.md, Privacy). */
function PrivacyNotice() {
  const { l } = useI18n();
  return (
    <section className="lx-privacy" aria-labelledby="lx-privacy-title">
      <h2 id="lx-privacy-title">{l('个人信息说明', 'Your personal data')}</h2>
      <ul>
        <li>{l('保存什么:您写的内容、地点、照片(上传前已在手机上缩小),以及您选填的姓名和手机号。',
          'What is kept: what you write, the place, the photos (made smaller on your phone before upload), and the name and mobile number if you give them.')}</li>
        <li>{l('谁能看到:姓名和手机号只有办理此事的人员能看到(本辖区人大工作人员、联络站工作人员、您找的代表、承办单位),协办单位和其他代表只看到遮挡后的信息;查询页面和公开数据不显示您的姓名、手机号和所写内容。',
          'Who sees it: your name and number reach only those handling the matter (the congress staff of the area, the station\'s officers, the deputy you wrote to, the handling unit); co-handling units and other deputies see them masked. The tracking page and public data never show your name, number or what you wrote.')}</li>
        <li>{l('手机号的用途:联系您了解情况,和向您发送办理结果。',
          'What the number is for: to contact you about the matter, and to send you the outcome.')}</li>
        <li>{l('保存多久:意见随办理记录存入案卷,办结后归档保存,作为人大工作档案,不会公开。',
          'For how long: the opinion stays in the case file with its handling record and is archived once closed, as a record of the congress\'s work; it is not published.')}</li>
      </ul>
    </section>
  );
}
