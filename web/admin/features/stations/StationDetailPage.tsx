import { BookOutlined, EditOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Modal, Progress, Rate, Row, Select, Space, Spin, Table, Tag, Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, patch, post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { errorText, LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { QrDownloads } from '../../kit/QrDownloads.js';
import { StationFormDrawer } from './StationForm.js';
import type { DeputyListItem, ReceptionSchedule, Station } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { RotaCard } from '../activities/RotaCard.js';

/** One station: what it is, when it receives constituents, its checklist, its deputies and its QR poster. */
export function StationDetailPage() {
  return <RequireAbility ability="station.read"><StationDetail /></RequireAbility>;
}

function StationDetail() {
  const { id } = useParams();
  const { l } = useI18n();
  const { can } = useSession();
  const record = useApiRecord<Station>(`/api/stations/${id}`);
  const station = record.data;
  const setStation = record.set;
  const load = record.reload;
  const err = record.error;
  const error = err ? err instanceof ApiError && err.code === 'NOT_FOUND' ? l('找不到该联络站,或不在您的管辖范围内', 'No such station within your reach') : errorText(err) : null;
  const [editing, setEditing] = useState(false);
  const [switching, setSwitching] = useState(false);


  if (error) return <LoadError error={error} retry={() => void load()} />;
  if (!station) return <Spin style={{ display: 'block', margin: 48 }} />;

  const mayEdit = can('station.update') && (station.abilities.includes('update') || station.abilities.includes('updateOperational'));
  const mayDeactivate = can('station.deactivate') && station.abilities.includes('deactivate');

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text><Link to="/stations">{l('联络站', 'Stations')}</Link> / {station.name}</Typography.Text>
      <PageTitle
        title={<Space wrap size={8}><span>{station.name}</span>{!station.active && <Tag color="default">{l('已停用', 'Deactivated')}</Tag>}</Space>}
        extra={(
          <>
            {can('register.read') && <Link to={`/registers?stationId=${station.id}`}><Button icon={<BookOutlined />}>{l('登记簿', 'Registers')}</Button></Link>}
            {mayEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{l('编辑', 'Edit')}</Button>}
            {mayDeactivate && (
              <Button danger={station.active} icon={station.active ? <StopOutlined /> : <UndoOutlined />} onClick={() => setSwitching(true)}>
                {station.active ? l('停用', 'Deactivate') : l('恢复启用', 'Reactivate')}
              </Button>
            )}
          </>
        )}
      />
      {!station.active && <Alert type="warning" showIcon title={l('该站点已停用:不再接收群众意见,历史记录保留。', 'This station is deactivated: it takes no new opinions; its history is kept.')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small" title={l('基本信息', 'Details')}>
              <StationDescriptions station={station} />
            </Card>
            <ScheduleCard station={station} editable={mayEdit} onSaved={setStation} onConflict={() => void load()} />
            <ChecklistCard station={station} editable={mayEdit} onSaved={setStation} onConflict={() => void load()} />
            <StationDeputies stationId={station.id} />
            <RotaCard stationId={station.id} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <QrDownloads
            title={l('二维码海报', 'QR poster')} base={`/api/stations/${station.id}/poster`} fileName={l(`${station.name}-二维码海报`, `${station.name}-QR-poster`)}
            hint={l('张贴在站点门口:群众扫码即可向本站提交意见建议。', 'Put it up at the door: constituents scan it to send this station their opinions.')}
          />
        </Col>
      </Row>
      <StationFormDrawer
        open={editing} station={station} onClose={() => setEditing(false)}
        onSaved={(s) => { setEditing(false); setStation(s); }} onConflict={() => void load()}
      />
      <ActiveSwitch station={station} open={switching} onClose={() => setSwitching(false)} onDone={() => { setSwitching(false); void load(); }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l('创建于', 'Created')} {formatDateTime(station.createdAt)} · {l('更新于', 'Updated')} {formatDateTime(station.updatedAt)}
      </Typography.Text>
    </Space>
  );
}

function StationDescriptions({ station: s }: { station: Station }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const members = s.memberRegions.filter((r) => !r.isHome);
  return (
    <Descriptions
      size="small" column={{ xs: 1, md: 2 }}
      items={[
        { key: 'type', label: l('类型', 'Type'), children: vocabulary.text('stationTypes', s.type) },
        { key: 'tier', label: l('层级', 'Tier'), children: vocabulary.text('stationTiers', s.tier) },
        { key: 'home', label: l('所在区划', 'Home region'), children: s.homeRegion.fullName },
        ...(s.locatedRegion ? [{ key: 'located', label: l('异地设点所在地', 'Located in (remote point)'), children: s.locatedRegion.fullName }] : []),
        {
          key: 'members', label: l('联建区划', 'Member regions'),
          children: members.length ? <Space size={[4, 4]} wrap>{members.map((r) => <Tag key={r.code} title={r.code}>{r.fullName}</Tag>)}</Space> : '—',
        },
        { key: 'parent', label: l('上级站点', 'Parent station'), children: s.parent ? <Link to={`/stations/${s.parent.id}`}>{s.parent.name}</Link> : '—' },
        { key: 'deputies', label: l('进站代表', 'Deputies'), children: s.deputyCount },
        {
          key: 'grade', label: l('评定等级', 'Grade'),
          children: <Space size={8} wrap><span>{vocabulary.text('stationGrades', s.grade)}</span>{s.stars ? <Rate disabled value={s.stars} style={{ fontSize: 14 }} /> : null}</Space>,
        },
        { key: 'phone', label: l('联系电话', 'Phone'), children: s.phone ? <a href={`tel:${s.phone}`}>{s.phone}</a> : '—' },
        { key: 'address', label: l('地址', 'Address'), children: s.address || '—', span: 'filled' },
        { key: 'hours', label: l('开放时间', 'Opening hours'), children: s.openingHours || '—', span: 'filled' },
        {
          key: 'location', label: l('地图位置', 'Map position'), span: 'filled',
          children: s.location ? `${l('经度', 'Longitude')} ${s.location.lng.toFixed(6)}, ${l('纬度', 'Latitude')} ${s.location.lat.toFixed(6)}` : l('未设置(地图按地址搜索)', 'Not set (the map searches the address)'),
        },
        {
          key: 'description', label: l('简介', 'Description'), span: 'filled',
          children: s.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.description}</Typography.Paragraph> : '—',
        },
      ]}
    />
  );
}

function useWeekdayNames() {
  const { l } = useI18n();
  return useMemo(() => [
    l('周一', 'Mon'), l('周二', 'Tue'), l('周三', 'Wed'), l('周四', 'Thu'), l('周五', 'Fri'), l('周六', 'Sat'), l('周日', 'Sun'),
  ], [l]);
}

/** "每周三;每月 4、14、24 日" — the schedule as a constituent would read it on the door. */
function useScheduleText() {
  const { l } = useI18n();
  const days = useWeekdayNames();
  return (s: ReceptionSchedule): string[] => {
    const parts: string[] = [];
    if (s.weekdays.length) parts.push(l(`每${s.weekdays.map((d) => days[d - 1]).join('、')}`, `Every ${s.weekdays.map((d) => days[d - 1]).join(', ')}`));
    if (s.monthDays.length) parts.push(l(`每月 ${s.monthDays.join('、')} 日`, `Days ${s.monthDays.join(', ')} of each month`));
    return parts;
  };
}

interface SectionProps { station: Station; editable: boolean; onSaved(s: Station): void; onConflict(): void }

function ScheduleCard({ station, editable, onSaved, onConflict }: SectionProps) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const narrow = useNarrow();
  const days = useWeekdayNames();
  const describe = useScheduleText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ReceptionSchedule>();
  const s = station.receptionSchedule;
  const when = describe(s);

  async function save(values: ReceptionSchedule) {
    setBusy(true);
    try {
      const receptionSchedule = { weekdays: values.weekdays ?? [], monthDays: values.monthDays ?? [], hours: values.hours ?? '', note: values.note ?? '' };
      onSaved(await patch<Station>(`/api/stations/${station.id}`, { version: station.version, receptionSchedule }));
      setOpen(false);
      message.success(l('接待安排已保存', 'Reception schedule saved'));
    } catch (err) {
      reportError(err, message, form, () => { setOpen(false); onConflict(); });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small" title={l('代表接待安排', 'Reception schedule')}
      extra={editable && <Button size="small" icon={<EditOutlined />} onClick={() => { form.setFieldsValue(s); setOpen(true); }}>{l('修改', 'Change')}</Button>}
    >
      {when.length === 0 && !s.hours && !s.note ? (
        <Typography.Text type="secondary">{l('尚未安排固定接待日', 'No regular reception days yet')}</Typography.Text>
      ) : (
        <Descriptions
          size="small" column={1}
          items={[
            { key: 'days', label: l('接待日', 'Days'), children: when.join(l(';', '; ')) || '—' },
            { key: 'hours', label: l('接待时段', 'Hours'), children: s.hours || '—' },
            { key: 'note', label: l('说明', 'Note'), children: s.note || '—' },
          ]}
        />
      )}
      <Modal
        open={open} title={l('修改接待安排', 'Change the reception schedule')} onCancel={() => setOpen(false)}
        onOk={() => form.submit()} confirmLoading={busy} forceRender
      >
        <Form form={form} name="station-schedule" layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="weekdays" label={l('每周接待日', 'Weekly days')}>
            <Checkbox.Group options={days.map((d, i) => ({ value: i + 1, label: d }))} />
          </Form.Item>
          <Form.Item name="monthDays" label={l('每月接待日', 'Days of the month')} extra={l('如“逢四”接待:4、14、24', 'e.g. the 4th, 14th and 24th')}>
            <Select
              mode="multiple" allowClear placeholder={l('选择日期', 'Choose days')}
              options={Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: l(`${i + 1} 日`, String(i + 1)) }))}
              style={{ width: '100%' }} maxTagCount={narrow ? 6 : undefined}
            />
          </Form.Item>
          <Form.Item name="hours" label={l('接待时段', 'Hours')} rules={[{ max: 50 }]}>
            <Input maxLength={50} placeholder={l('如:09:00-12:00', 'e.g. 09:00–12:00')} />
          </Form.Item>
          <Form.Item name="note" label={l('说明', 'Note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/**
 * 八有一册六簿: ticked here and saved together. The eight "有" come first, then the roster and
 * the six registers, in the server's order and with its labels.
 */
function ChecklistCard({ station, editable, onSaved, onConflict }: SectionProps) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const vocabulary = useVocabulary();
  const [ticks, setTicks] = useState(station.checklist);
  const [busy, setBusy] = useState(false);
  useEffect(() => setTicks(station.checklist), [station]);

  const items = vocabulary.options('stationChecklist');
  const groups = [
    { key: 'eight', title: l('八有', 'The eight "has"'), items: items.filter((i) => i.value.startsWith('has_')) },
    { key: 'books', title: l('一册六簿', 'Roster and six registers'), items: items.filter((i) => !i.value.startsWith('has_')) },
  ];
  const dirty = items.some((i) => Boolean(ticks[i.value]) !== Boolean(station.checklist[i.value]));
  const done = items.filter((i) => ticks[i.value]).length;

  async function save() {
    setBusy(true);
    try {
      const checklist = Object.fromEntries(items.map((i) => [i.value, Boolean(ticks[i.value])]));
      onSaved(await patch<Station>(`/api/stations/${station.id}`, { version: station.version, checklist }));
      message.success(l('规范化建设清单已保存', 'Checklist saved'));
    } catch (err) {
      reportError(err, message, undefined, onConflict);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small" title={l('规范化建设(八有一册六簿)', 'Standardisation checklist')}
      extra={editable && dirty && (
        <Space>
          <Button size="small" onClick={() => setTicks(station.checklist)}>{l('撤销', 'Undo')}</Button>
          <Button size="small" type="primary" loading={busy} onClick={() => void save()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      <Progress percent={items.length ? Math.round((done / items.length) * 100) : 0} format={() => `${done}/${items.length || station.checklistTotal}`} aria-label={l('八有一册六簿完成情况', 'Checklist done')} />
      {groups.map((g) => (
        <div key={g.key} style={{ marginTop: 8 }}>
          <Typography.Text strong>{g.title}</Typography.Text>
          <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
            {g.items.map((i) => (
              <Col key={i.value} xs={12} sm={8}>
                <Checkbox
                  checked={Boolean(ticks[i.value])} disabled={!editable}
                  onChange={(e) => setTicks({ ...ticks, [i.value]: e.target.checked })}
                >
                  {i.label}
                </Checkbox>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </Card>
  );
}

/** The station's deputies, with the role each has in it (站长, 联络员, 驻站代表). */
function StationDeputies({ stationId }: { stationId: number }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const list = useKeysetQuery<DeputyListItem>(`/api/deputies${qs({ stationId, active: 'all' })}`);
  return (
    <Card size="small" title={l('进站代表', 'Deputies of this station')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
        <Table<DeputyListItem>
          rowKey="id" size="small" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 640 }}
          columns={[
            {
              title: l('姓名', 'Name'), dataIndex: 'name', width: 110,
              render: (n: string, d) => <Space size={4}><Link to={`/deputies/${d.id}`}>{n}</Link>{!d.active && <Tag>{l('已停用', 'Inactive')}</Tag>}</Space>,
            },
            { title: l('站内职责', 'Role here'), dataIndex: 'stationRole', width: 100, render: (r: string | null) => (r ? vocabulary.text('stationMemberRoles', r) : '—') },
            {
              title: l('代表层级', 'Levels'), dataIndex: 'levels',
              render: (levels: string[]) => <Space size={[4, 4]} wrap>{levels.map((v) => <Tag key={v} color="red">{vocabulary.text('deputyLevels', v)}</Tag>)}</Space>,
            },
            { title: l('职业', 'Occupation'), dataIndex: 'occupation', ellipsis: true, render: (o: string) => o || '—' },
            { title: l('电话', 'Phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
          ]}
        />
        {list.pager}
      </Space>
    </Card>
  );
}

/** Deactivating (or reactivating) a station, with the reason that goes into the audit log. */
function ActiveSwitch({ station, open, onClose, onDone }: { station: Station; open: boolean; onClose(): void; onDone(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const deactivating = station.active;

  async function confirm() {
    setBusy(true);
    try {
      await post(`/api/stations/${station.id}/${deactivating ? 'deactivate' : 'reactivate'}`, { reason: reason.trim() });
      message.success(deactivating ? l('已停用', 'Deactivated') : l('已恢复启用', 'Reactivated'));
      setReason('');
      onDone();
    } catch (err) {
      reportError(err, message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open} onCancel={onClose} onOk={() => void confirm()} confirmLoading={busy}
      okButtonProps={{ danger: deactivating }} okText={deactivating ? l('停用', 'Deactivate') : l('恢复启用', 'Reactivate')}
      title={deactivating ? l(`停用“${station.name}”`, `Deactivate “${station.name}”`) : l(`恢复启用“${station.name}”`, `Reactivate “${station.name}”`)}
    >
      <Typography.Paragraph>
        {deactivating
          ? l('停用后该站不再接收群众扫码提交的意见,默认列表中也不再显示;已有的意见和记录都会保留,可随时恢复。', 'A deactivated station takes no new opinions from its QR code and leaves the default lists; its records are kept and it can be reactivated.')
          : l('恢复后该站重新接收群众意见。', 'Once reactivated the station takes opinions again.')}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)}
        placeholder={l('原因(记入审计日志)', 'Reason (kept in the audit log)')} aria-label={l('原因', 'Reason')}
      />
    </Modal>
  );
}
