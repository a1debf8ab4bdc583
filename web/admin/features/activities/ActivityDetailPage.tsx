import { CameraOutlined, EditOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Form, Image, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post, type Answer } from '../../../shared/api.js';
import { base64Of, compressPhoto } from '../../../shared/compress.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery, useApiRecord } from '../../../shared/query.js';
import { errorText, LoadError, PageTitle } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import { ActivityForm } from './ActivityForm.js';
import type { ActivityDetail } from './types.js';

const ATTENDANCE_COLOURS: Record<string, string> = { present: 'green', leave: 'gold', absent: 'default' };

/** One activity: what happened, who came, what it produced (opinions, suggestions, photos, reports). */
export function ActivityDetailPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const record = useApiRecord<ActivityDetail>(`/api/activities/${id}`);
  const a = record.data;
  const setA = record.set;
  const load = record.reload;
  const err = record.error;
  const error = err ? errorText(err) : null;
  const [editing, setEditing] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [uploading, setUploading] = useState(false);


  async function addFiles(files: FileList | null, kind: 'photos' | 'reports') {
    if (!files?.length || !a) return;
    setUploading(true);
    try {
      const list = [...files];
      const body = kind === 'photos'
        ? { photos: await Promise.all(list.map(async (f) => ({ data: await compressPhoto(f) }))) }
        : { reports: await Promise.all(list.map(async (f) => ({ data: await base64Of(f), filename: f.name }))) };
      setA(await post<ActivityDetail>(`/api/activities/${a.id}/files`, body));
      message.success(l('已上传', 'Uploaded'));
    } catch (err) {
      reportError(err, message);
    } finally {
      setUploading(false);
    }
  }

  if (error) return <LoadError error={error} retry={() => void load()} />;
  if (!a) return null;
  const editable = a.abilities.includes('update');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/activities">{l('履职活动', 'Activities')}</Link> }, { title: a.title }]} />
      <PageTitle
        title={<Space wrap>{a.title}<Tag color="red">{label(a.kindLabel)}</Tag></Space>}
        extra={(
          <>
            {editable && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{l('修改', 'Edit')}</Button>}
            {/* A deputy files a suggestion from what the activity found. */}
            {can('suggestion.draft') && <Link to={`/my-suggestions/new?activityIds=${a.id}`}><Button type="primary">{l('提出建议', 'File a suggestion')}</Button></Link>}
          </>
        )}
      />
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={l('时间', 'When')}>{formatDateTime(a.startsAt)}{a.endsAt ? ` – ${formatDateTime(a.endsAt)}` : ''}</Descriptions.Item>
          <Descriptions.Item label={l('地点', 'Place')}>{a.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={l('联络站', 'Station')}>{a.station ? <Link to={`/stations/${a.station.id}`}>{a.station.name}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={l('地区', 'Region')}>{a.region.fullName}</Descriptions.Item>
          <Descriptions.Item label={l('主题活动', 'Campaign')}>{a.campaign?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={l('接待日轮值', 'Rota day')}>{a.rotaSlot ? formatDate(a.rotaSlot.date) : '—'}</Descriptions.Item>
          <Descriptions.Item label={l('提出建议', 'Suggestions made')}>{a.suggestionsMade}</Descriptions.Item>
          <Descriptions.Item label={l('邀请部门', 'Departments invited')}>{a.units.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={l('活动情况', 'What happened')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.summary || '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={l(`参加代表(出席 ${a.participants.filter((p) => p.attendance === 'present').length}/${a.participants.length})`, `Deputies (${a.participants.filter((p) => p.attendance === 'present').length}/${a.participants.length} present)`)}>
        <Space wrap>
          {a.participants.length === 0 && <Typography.Text type="secondary">{l('未记录', 'None recorded')}</Typography.Text>}
          {a.participants.map((p) => (
            <Tag key={p.deputyId} color={ATTENDANCE_COLOURS[p.attendance]}><Link to={`/deputies/${p.deputyId}`}>{p.name}</Link> · {label(p.attendanceLabel)}</Tag>
          ))}
        </Space>
      </Card>
      <Card
        size="small" title={l(`收集的意见(${a.opinions.length})`, `Opinions collected (${a.opinions.length})`)}
        extra={can('case.register') && a.station && <Button size="small" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>{l('登记意见', 'Register opinions')}</Button>}
      >
        <List
          size="small" dataSource={a.opinions} locale={{ emptyText: l('本次活动尚未登记意见', 'No opinions registered for this activity') }}
          renderItem={(o) => (
            <List.Item extra={<Tag>{label(o.stateLabel)}</Tag>}>
              <Link to={`/cases/${o.id}`}>{o.trackingCode}</Link> {o.summary}
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small" title={l('照片与材料', 'Photos and reports')}
        extra={editable && (
          <Space>
            <Button size="small" icon={<CameraOutlined />} loading={uploading} onClick={() => document.getElementById('more-photos')?.click()}>{l('补充照片', 'Add photos')}</Button>
            <Button size="small" icon={<FileTextOutlined />} loading={uploading} onClick={() => document.getElementById('more-reports')?.click()}>{l('上传材料', 'Attach reports')}</Button>
          </Space>
        )}
      >
        <input id="more-photos" type="file" accept="image/*" multiple hidden aria-label={l('选择照片', 'Choose photos')} onChange={(e) => { void addFiles(e.target.files, 'photos'); e.target.value = ''; }} />
        <input id="more-reports" type="file" accept=".pdf,.docx,.xlsx,.pptx" multiple hidden aria-label={l('选择材料', 'Choose reports')} onChange={(e) => { void addFiles(e.target.files, 'reports'); e.target.value = ''; }} />
        <Space wrap>
          <Image.PreviewGroup>
            {a.photos.map((p) => <Image key={p.id} src={p.url} height={96} alt={l('活动照片', 'Activity photo')} />)}
          </Image.PreviewGroup>
        </Space>
        {a.reports.length > 0 && (
          <List size="small" dataSource={a.reports} renderItem={(r) => (
            <List.Item><a href={r.url} download><FileTextOutlined /> {r.filename}</a> <Typography.Text type="secondary">{Math.ceil(r.size / 1024)} KB</Typography.Text></List.Item>
          )} />
        )}
        {a.photos.length === 0 && a.reports.length === 0 && <Typography.Text type="secondary">{l('暂无', 'None yet')}</Typography.Text>}
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l('记录于', 'Recorded')} {formatDateTime(a.createdAt)} · {l('更新于', 'updated')} {formatDateTime(a.updatedAt)}</Typography.Text>
      <ActivityForm open={editing} activity={a} onClose={() => { setEditing(false); void load(); }} onSaved={(x) => { setEditing(false); setA(x); }} />
      {a.station && <RegisterOpinions open={registering} activity={a} onClose={() => setRegistering(false)} onDone={() => { setRegistering(false); void load(); }} />}
    </Space>
  );
}

/** The opinions heard during the activity, registered as cases of its station in one batch. */
function RegisterOpinions({ open, activity, onClose, onDone }: { open: boolean; activity: ActivityDetail; onClose(): void; onDone(): void }) {
  const { l, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<{ items: { categoryId: number; content: string; place: string; placeRegionCode?: string }[] }>();
  const categories = (useApiQuery<Answer<'/api/case-categories'>>(open ? '/api/case-categories' : null).data ?? [])
    .map((x) => ({ value: x.id, label: lang === 'en' ? x.nameEn : x.name }));
  // At a station serving several regions (a cross-province station's sides), the region each opinion is about (属地).
  const stationRegions = (useApiQuery<Answer<'/api/stations/{id}'>>(open ? `/api/stations/${activity.station!.id}` : null).data?.memberRegions ?? [])
    .map((r) => ({ value: r.code, label: r.fullName }));
  const [busy, setBusy] = useState(false);

  async function save(values: { items: { categoryId: number; content: string; place: string; placeRegionCode?: string }[] }) {
    setBusy(true);
    try {
      const channel = activity.kind === 'visit' ? 'visit' : 'reception';
      await post('/api/cases', { stationId: activity.station!.id, channel, activityId: activity.id, receivedAt: activity.startsAt, items: values.items.map((i) => ({ ...i, place: i.place ?? '' })) });
      message.success(l(`已登记 ${values.items.length} 条意见`, `${values.items.length} opinions registered`));
      form.resetFields();
      onDone();
    } catch (err) {
      reportError(err, message, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={l('登记本次活动收集的意见', 'Register the opinions heard')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okText={l('登记', 'Register')}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ items: [{}] }}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={l(`第 ${i + 1} 条`, `No. ${i + 1}`)}
                  extra={fields.length > 1 && <Button type="link" danger onClick={() => remove(f.name)}>{l('删除', 'Remove')}</Button>}>
                  <Form.Item name={[f.name, 'categoryId']} label={l('类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose a category') }]}>
                    <Select options={categories} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'content']} label={l('内容', 'Content')} rules={[{ required: true, whitespace: true, message: l('请填写内容', 'Write the content') }]}>
                    <Input.TextArea rows={3} maxLength={2000} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'place']} label={l('地点', 'Place')}><Input maxLength={200} /></Form.Item>
                  {stationRegions.length > 1 && (
                    <Form.Item name={[f.name, 'placeRegionCode']} label={l('所涉地区(属地)', 'Region it is about (side)')}
                      extra={l('跨省联建站的意见由所涉地区一方交办、督办', 'At a cross-province station the side of this region assigns and supervises it')}>
                      <Select options={stationRegions} allowClear />
                    </Form.Item>
                  )}
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} block>{l('再加一条', 'Add another')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
