import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Form, Input, List, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { del, post, put } from '../../../shared/api.js';
import { base64Of } from '../../../shared/compress.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError, RequireAbility, useNarrow } from '../../kit/common.js';
import { sizeText } from '../../kit/FilePicker.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { regionDetail, RegionPicker } from '../../kit/RegionPicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { CONGRESS_LEVEL_OF_REGION } from './labels.js';
import type { Topic, TopicBody } from './types.js';

/** Background documents: PDF files and pictures, as the server checks them by content. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp';
const MAX_FILE = 10 * 1024 * 1024;
const MAX_QUESTIONS = 30;

interface Values {
  title: string;
  background: string;
  questions: string[];
  window: [Dayjs, Dayjs];
  committeeRegion: string;
  asked: 'stations' | 'region';
  stationIds: number[];
  wholeRegionCode: string | null;
}

/**
 * 新建议题 / 修改议题: the topic the standing committee will deliberate — its title, the
 * background, the questions asked in their order, the consultation window, the committee (the
 * congress of a region) and the stations asked (chosen one by one, or every station under a
 * region), with the background documents. A draft is changed here until it is published.
 */
export function TopicFormPage() {
  const { id } = useParams();
  const { l } = useI18n();
  const topic = useApiQuery<Topic>(id ? `/api/consultations/${id}` : null);
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/consultations">{l('议题征询', 'Consultations')}</Link> },
      ...(id ? [{ title: <Link to={`/consultations/${id}`}>{topic.data?.title ?? l('议题', 'Topic')}</Link> }] : []),
      { title: id ? l('修改', 'Edit') : l('新建议题', 'New topic') },
    ]} />
  );
  return (
    <RequireAbility ability="consultation.manage">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {crumbs}
        {topic.error && <LoadError error={topic.error.message} retry={() => void invalidateApi(`/api/consultations/${id}`)} />}
        {topic.data && topic.data.state !== 'draft' && (
          <Alert type="info" showIcon title={l('议题已发布,不能再修改', 'The topic is published and can no longer be changed')}
            action={<Link to={`/consultations/${id}`}>{l('查看', 'Open')}</Link>} />
        )}
        {(!id || topic.data?.state === 'draft') && (!id || topic.data) && <TopicForm key={id ?? 'new'} topic={topic.data ?? null} />}
      </Space>
    </RequireAbility>
  );
}

interface PickedFile { key: string; name: string; size: number; file: File }

function TopicForm({ topic }: { topic: Topic | null }) {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const asked = Form.useWatch('asked', form) ?? (topic?.wholeRegion ? 'region' : 'stations');
  const committeeRegion = Form.useWatch('committeeRegion', form);

  const initial: Partial<Values> = topic
    ? {
      title: topic.title, background: topic.background, questions: topic.questions.map((q) => q.text),
      window: [dayjs(topic.opensOn), dayjs(topic.closesOn)], committeeRegion: topic.congress.regionCode,
      asked: topic.wholeRegion ? 'region' : 'stations', stationIds: topic.wholeRegion ? [] : topic.stations.map((s) => s.id),
      wholeRegionCode: topic.wholeRegion?.code ?? null,
    }
    : {
      questions: [''], committeeRegion: me!.scope.region?.code, asked: 'stations', stationIds: [], wholeRegionCode: null,
      window: [dayjs(), dayjs().add(14, 'day')],
    };

  function pick(list: FileList | null) {
    const picked = [...(list ?? [])];
    const tooBig = picked.filter((f) => f.size > MAX_FILE);
    if (tooBig.length) message.error(l(`单个文件不能超过 10 MB:${tooBig.map((f) => f.name).join('、')}`, `Each file may be at most 10 MB: ${tooBig.map((f) => f.name).join(', ')}`));
    setFiles([...files, ...picked.filter((f) => f.size <= MAX_FILE).map((f) => ({ key: `${f.name}-${f.size}-${f.lastModified}`, name: f.name, size: f.size, file: f }))]);
  }

  async function save(values: Values) {
    setBusy(true);
    try {
      const region = await regionDetail(values.committeeRegion);
      const body: TopicBody = {
        title: values.title.trim(), background: values.background.trim(),
        questions: values.questions.map((q) => q.trim()).filter(Boolean),
        opensOn: values.window[0].format('YYYY-MM-DD'), closesOn: values.window[1].format('YYYY-MM-DD'),
        congress: { level: CONGRESS_LEVEL_OF_REGION[region.level] ?? 'county', regionCode: region.code },
        ...(values.asked === 'region' ? { wholeRegionCode: values.wholeRegionCode ?? undefined } : { stationIds: values.stationIds }),
      };
      let topicId = topic?.id ?? created;
      if (topic) await put(`/api/consultations/${topic.id}`, { ...body, version: topic.version });
      // Created already and some documents failed to go: only those are sent again.
      else if (topicId === null) {
        topicId = (await post<{ id: number }>('/api/consultations', body)).id;
        setCreated(topicId);
      }
      // One file a request; each sent leaves the list, so a failure leaves only the rest to send again.
      for (const f of files) {
        await post(`/api/consultations/${topicId}/documents`, { name: f.name, data: await base64Of(f.file) });
        setFiles((left) => left.filter((x) => x.key !== f.key));
      }
      await invalidateApi('/api/consultations');
      message.success(l('议题已保存', 'Topic saved'));
      void navigate(`/consultations/${topicId}`);
    } catch (err) {
      reportError(err, message, form, () => void invalidateApi(`/api/consultations/${topic?.id}`));
    } finally {
      setBusy(false);
    }
  }

  async function removeDocument(docId: number) {
    try {
      await del(`/api/consultations/${topic!.id}/documents/${docId}`);
      await invalidateApi(`/api/consultations/${topic!.id}`);
    } catch (err) {
      reportError(err, message);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} requiredMark={false} onFinish={(v) => void save(v)}>
      <Card size="small" title={topic ? l('修改议题', 'Edit the topic') : l('新建议题', 'New topic')}>
        <Form.Item name="title" label={l('议题名称', 'Title')} rules={[{ required: true, whitespace: true, message: l('请填写议题名称', 'Write the title') }, { max: 200 }]}>
          <Input maxLength={200} showCount placeholder={l('如:关于全区农村饮水安全工作情况的报告', 'e.g. Report on rural drinking water')} />
        </Form.Item>
        <Form.Item name="background" label={l('背景介绍', 'Background')} rules={[{ required: true, whitespace: true, message: l('请填写背景介绍', 'Write the background') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20000} placeholder={l('常委会将审议的事项、现状和需要听取意见的方面', 'What the committee will deliberate, where things stand, what views are sought')} />
        </Form.Item>
        <Form.Item name="window" label={l('征询期', 'Consultation window')} rules={[{ required: true, message: l('请选择征询期', 'Choose the window') }]}>
          <DatePicker.RangePicker style={{ width: narrow ? '100%' : 320 }} aria-label={l('征询期', 'Consultation window')} placeholder={[l('开始日期', 'From'), l('截止日期', 'To')]} />
        </Form.Item>
        <Form.Item name="committeeRegion" label={l('审议机关(人大常委会所在地区)', 'Committee (its region)')} rules={[{ required: true, message: l('请选择地区', 'Choose the region') }]}
          extra={l('县(区)人大常委会选县级地区;乡镇人大主席团选乡镇', "A county's standing committee: choose the county; a town's presidium: the town")}>
          <RegionPicker allowClear={false} aria-label={l('审议机关', 'Committee')} />
        </Form.Item>
      </Card>

      <Card size="small" title={l('征询问题', 'Questions')} style={{ marginTop: 16 }}>
        <Form.List name="questions" rules={[{ validator: (_, v: string[]) => (v?.some((q) => q?.trim()) ? Promise.resolve() : Promise.reject(new Error(l('至少填写一个问题', 'Ask at least one question')))) }]}>
          {(fields, { add, remove, move }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Typography.Text strong style={{ paddingTop: 5, minWidth: 24 }}>{i + 1}.</Typography.Text>
                  <Form.Item name={field.name} style={{ flex: 1, marginBottom: 8 }} rules={[{ max: 500 }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={l(`问题 ${i + 1}`, `Question ${i + 1}`)} />
                  </Form.Item>
                  <Space size={0}>
                    <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={l(`问题 ${i + 1} 上移`, `Move question ${i + 1} up`)} />
                    <Button type="text" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={l(`问题 ${i + 1} 下移`, `Move question ${i + 1} down`)} />
                    <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={l(`删除问题 ${i + 1}`, `Remove question ${i + 1}`)} />
                  </Space>
                </div>
              ))}
              <Button icon={<PlusOutlined />} disabled={fields.length >= MAX_QUESTIONS} onClick={() => add('')}>{l('添加问题', 'Add a question')}</Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={l('征询站点', 'Stations asked')} style={{ marginTop: 16 }}>
        <Form.Item name="asked" style={{ marginBottom: 12 }}>
          <Radio.Group options={[
            { value: 'stations', label: l('选择联络站', 'Chosen stations') },
            { value: 'region', label: l('某地区全部联络站', 'Every station of a region') },
          ]} />
        </Form.Item>
        {asked === 'stations' ? (
          <Form.Item name="stationIds" label={l('联络站', 'Stations')} rules={[{ required: true, type: 'array', min: 1, message: l('请至少选择一个联络站', 'Choose at least one station') }]}>
            <RecordSelect<number[]> source="stations" multiple known={topic?.stations ?? []} aria-label={l('联络站', 'Stations')} placeholder={l('输入站名查找', 'Type a station name')} />
          </Form.Item>
        ) : (
          <Form.Item name="wholeRegionCode" label={l('地区', 'Region')} rules={[{ required: true, message: l('请选择地区', 'Choose the region') }]}
            extra={l('该地区及其下辖各级的全部联络站', 'Every station in the region and below')}>
            <RegionPicker root={committeeRegion ?? undefined} aria-label={l('征询地区', 'Region asked')} />
          </Form.Item>
        )}
      </Card>

      <Card size="small" title={l('背景材料', 'Background documents')} style={{ marginTop: 16 }}>
        <Button icon={<PaperClipOutlined />} onClick={() => picker.current?.click()}>{l('选择文件', 'Choose files')}</Button>
        <input ref={picker} type="file" multiple accept={ACCEPT} style={{ display: 'none' }} aria-label={l('选择背景材料', 'Choose documents')} data-testid="topic-files"
          onChange={(e) => { pick(e.target.files); e.target.value = ''; }} />
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{l('PDF 或图片,每个不超过 10 MB;群众在征询页面可以查看', 'PDF or pictures, up to 10 MB each; the public sees them on the consultation page')}</Typography.Paragraph>
        {((topic?.documents.length ?? 0) > 0 || files.length > 0) && (
          <List size="small">
            {topic?.documents.map((d) => (
              <List.Item key={d.id} extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={l(`删除 ${d.name}`, `Delete ${d.name}`)} onClick={() => void removeDocument(d.id)} />}>
                <a href={d.url} target="_blank" rel="noreferrer">{d.name}</a> <Typography.Text type="secondary">{sizeText(d.size)}</Typography.Text>
              </List.Item>
            ))}
            {files.map((f) => (
              <List.Item key={f.key} extra={<Button type="text" size="small" icon={<DeleteOutlined />} aria-label={l(`不上传 ${f.name}`, `Leave out ${f.name}`)} onClick={() => setFiles(files.filter((x) => x.key !== f.key))} />}>
                {f.name} <Typography.Text type="secondary">{sizeText(f.size)} {l('(保存时上传)', '(sent on saving)')}</Typography.Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>

      <div style={{ position: 'sticky', bottom: 0, zIndex: 10, background: '#fff', marginTop: 16, padding: '12px 0', display: 'flex', gap: 8, borderTop: '1px solid #f0f0f0' }}>
        <Button size="large" type="primary" htmlType="submit" loading={busy} block={narrow}>{l('保存', 'Save')}</Button>
        <Button size="large" block={narrow} onClick={() => void navigate(topic ? `/consultations/${topic.id}` : '/consultations')}>{l('取消', 'Cancel')}</Button>
      </div>
    </Form>
  );
}
