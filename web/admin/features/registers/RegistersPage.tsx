import { DeleteOutlined, EditOutlined, FileExcelOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, List, Modal, Popconfirm, Row, Segmented, Select, Space, Tabs, Tag, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { del, get, patch, post, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { downloadFile } from '../../kit/download.js';
import { PeriodPicker, periodPresets, type Period } from '../../kit/PeriodPicker.js';
import type { Answer, Schemas } from '../../../shared/api.js';

type RegisterKind = Answer<'/api/registers'>[number];
type Deed = Schemas['Deed'];
type Entry = Schemas['ChronicleEntry'];

/** Where the registers are drawn from: one station, or (staff) a region with all its stations. */
type Place = { stationId: number | null; regionCode: string | null };

/**
 * 登记簿: the eight registers a station keeps (六簿一表一登记), generated for a station or a
 * region over a period, each as Excel or PDF; and the entries of the two kept by hand, 先进事迹
 * and 大事记. The place and period stay in the address, so a link opens the same registers.
 */
export function RegistersPage() {
  return <RequireAbility ability="register.read"><Registers /></RequireAbility>;
}

function Registers() {
  const { l, label } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const width = useFilterStyle();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const mayRegion = me!.role === 'admin' || me!.role === 'staff';
  const year = periodPresets().year;
  // Staff start from their region, officers and deputies from their first station.
  const mode = mayRegion && params.get('mode') !== 'station' && !params.get('stationId') ? 'region' : 'station';
  const place: Place = mode === 'station'
    ? { stationId: Number(params.get('stationId')) || (me!.scope.stations[0]?.id ?? null), regionCode: null }
    : { stationId: null, regionCode: params.get('regionCode') ?? me!.scope.region?.code ?? null };
  const period: Period = { from: params.get('from') ?? year.from, to: params.get('to') ?? year.to };
  const kindsQuery = useApiQuery<RegisterKind[]>('/api/registers');
  const kinds = kindsQuery.data ?? [];
  const error = kindsQuery.error?.message ?? null;
  const [busy, setBusy] = useState<string | null>(null);


  const update = (next: Partial<Place & Period & { mode: 'station' | 'region' }>) => {
    const merged = { mode, ...place, ...period, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)])), { replace: true });
  };
  const placeQuery = qs({ stationId: place.stationId, regionCode: place.regionCode });
  const ready = Boolean(place.stationId || place.regionCode);

  async function download(kind: RegisterKind, format: 'xlsx' | 'pdf') {
    setBusy(`${kind.key}.${format}`);
    try {
      await downloadFile(`/api/registers/${kind.key}.${format}${qs({ stationId: place.stationId, regionCode: place.regionCode, from: period.from, to: period.to })}`,
        `${kind.label.zh}.${format}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle title={l('登记簿', 'Registers')} />
      <Card size="small" title={l('范围与时间', 'Place and period')}>
        <FilterBar>
          {mayRegion && (
            <Segmented
              style={width(180, true)} value={mode} aria-label={l('范围', 'Scope')}
              options={[{ value: 'station', label: l('联络站', 'Station') }, { value: 'region', label: l('行政区划', 'Region') }]}
              onChange={(m) => update(m === 'region' ? { mode: 'region', stationId: null, regionCode: me!.scope.region?.code ?? null } : { mode: 'station', regionCode: null, stationId: null })}
            />
          )}
          {mode === 'station' ? (
            <RecordSelect<number>
              source="stations" style={width(280, true)} aria-label={l('联络站', 'Station')} allowClear={false}
              known={me!.scope.stations} value={place.stationId} onChange={(stationId) => update({ mode: 'station', stationId, regionCode: null })}
            />
          ) : (
            <RegionPicker
              style={width(280, true)} aria-label={l('行政区划', 'Region')} allowClear={false}
              value={place.regionCode} onChange={(regionCode) => update({ mode: 'region', regionCode, stationId: null })}
            />
          )}
          <PeriodPicker value={period} onChange={(p) => update({ from: p.from ?? year.from, to: p.to })} style={width} />
        </FilterBar>
      </Card>
      <LoadError error={error} />
      {!ready && <Typography.Text type="secondary">{l('请先选择联络站或行政区划。', 'Choose a station or a region first.')}</Typography.Text>}
      <Row gutter={[12, 12]}>
        {kinds.map((k) => (
          <Col key={k.key} xs={24} md={12} xl={8}>
            <Card size="small" style={{ height: '100%' }} title={label(k.label)}
              extra={!k.periodic && <Tag>{l('当前名单', 'As of today')}</Tag>}>
              <Typography.Paragraph type="secondary" style={{ minHeight: narrow ? undefined : 44, fontSize: 13 }}>{label(k.description)}</Typography.Paragraph>
              <Space wrap>
                <Button icon={<FileExcelOutlined />} disabled={!ready} loading={busy === `${k.key}.xlsx`} onClick={() => void download(k, 'xlsx')}>Excel</Button>
                <Button icon={<FilePdfOutlined />} disabled={!ready} loading={busy === `${k.key}.pdf`} onClick={() => void download(k, 'pdf')}>PDF</Button>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {ready && (
        <Card size="small">
          <Tabs items={[
            { key: 'deeds', label: l('先进事迹', 'Deeds'), children: <Deeds place={place} period={period} placeQuery={placeQuery} canWrite={can('register.write')} /> },
            { key: 'chronicle', label: l('大事记', 'Chronicle'), children: <Chronicle place={place} period={period} placeQuery={placeQuery} canWrite={can('register.write')} /> },
          ]} />
        </Card>
      )}
    </Space>
  );
}

interface PanelProps { place: Place; period: Period; placeQuery: string; canWrite: boolean }
const periodQuery = (p: Period) => `&from=${p.from}&to=${p.to}`;

/** What a form holds open: nothing, a new entry, or an entry being corrected. */
type Editing<T> = null | 'new' | T;

/** Edit and delete buttons of an entry, for List.Item's actions. */
function entryActions(props: DeleteProps & { editLabel: string; onEdit(): void }) {
  const { editLabel, onEdit, ...rest } = props;
  return [
    <Button key="edit" type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>{editLabel}</Button>,
    <DeleteEntry key="delete" {...rest} />,
  ];
}

interface DeleteProps { what: string; url: string; version: number; onDone(): void }

/** Deleting after a confirmation; it names the version shown, so an entry changed meanwhile is not deleted unseen. */
function DeleteEntry({ what, url, version, onDone }: DeleteProps) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  async function remove() {
    try {
      await del(`${url}${qs({ version })}`);
      message.success(l('已删除', 'Deleted'));
      onDone();
    } catch (err) {
      reportError(err, message, undefined, onDone);
    }
  }
  return (
    <Popconfirm
      title={l(`删除“${what}”?`, `Delete “${what}”?`)} description={l('删除后不能恢复,审计日志保留原内容。', 'This cannot be undone; the audit log keeps what it held.')}
      okText={l('删除', 'Delete')} okButtonProps={{ danger: true }} cancelText={l('取消', 'Cancel')} onConfirm={() => remove()}
    >
      <Button type="link" size="small" danger icon={<DeleteOutlined />}>{l('删除', 'Delete')}</Button>
    </Popconfirm>
  );
}

function Deeds({ place, period, placeQuery, canWrite }: PanelProps) {
  const { l } = useI18n();
  const list = useKeysetQuery<Deed>(`/api/deeds${placeQuery}${periodQuery(period)}`);
  const [editing, setEditing] = useState<Editing<Deed>>(null);
  const reload = () => { setEditing(null); void list.reload(); };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('登记先进事迹', 'Record a deed')}</Button>}
      <LoadError error={list.error} retry={() => void list.reload()} />
      <List<Deed>
        loading={list.loading} dataSource={list.items} locale={{ emptyText: l('本期没有登记先进事迹', 'No deeds recorded in this period') }}
        renderItem={(d) => (
          <List.Item actions={canWrite ? entryActions({ what: d.title, url: `/api/deeds/${d.id}`, version: d.version, editLabel: l('修改', 'Edit'), onEdit: () => setEditing(d), onDone: reload }) : undefined}>
            <List.Item.Meta
              title={<Space wrap size={6}><span>{d.title}</span><Tag color="red">{d.deputy.name}</Tag></Space>}
              description={<>
                <div style={{ whiteSpace: 'pre-wrap' }}>{d.description}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.occurredOn} · {d.station.name} · {l('登记人', 'By')} {d.recordedBy}</Typography.Text>
              </>}
            />
          </List.Item>
        )}
      />
      {list.pager}
      {canWrite && <DeedForm editing={editing} stationId={place.stationId} onClose={() => setEditing(null)} onSaved={reload} />}
    </Space>
  );
}

/** Saving an entry from its form: a POST of a new one, or a PATCH of what changed in one being corrected. */
function useEntrySave(url: string, form: FormInstance, onSaved: () => void) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const [busy, setBusy] = useState(false);
  async function save<V extends object>(values: V, existing: { id: number; version: number; original: V } | null, extra: object = {}) {
    setBusy(true);
    try {
      if (existing) {
        await patch(`${url}/${existing.id}`, { version: existing.version, ...changedFields(values, existing.original) });
        message.success(l('已保存', 'Saved'));
      } else {
        await post(url, { ...extra, ...values });
        message.success(l('已登记', 'Recorded'));
      }
      onSaved();
    } catch (err) {
      reportError(err, message, form, onSaved);
    } finally {
      setBusy(false);
    }
  }
  return { busy, save };
}

interface DeedValues { stationId: number; deputyId: number; occurredOn: Dayjs; title: string; description?: string }

/** Recording a deed, or correcting one: the same form, a POST or a PATCH of the fields changed. */
function DeedForm({ editing, stationId, onClose, onSaved }: { editing: Editing<Deed>; stationId: number | null; onClose(): void; onSaved(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm();
  const { busy, save: saveEntry } = useEntrySave('/api/deeds', form, onSaved);
  const chosenStation = Form.useWatch('stationId', form) as number | undefined;
  const [deputies, setDeputies] = useState<{ value: number; label: string }[]>([]);
  const deed = editing !== null && editing !== 'new' ? editing : null;

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    form.setFieldsValue(deed
      ? { stationId: deed.station.id, deputyId: deed.deputy.id, occurredOn: dayjs(deed.occurredOn), title: deed.title, description: deed.description }
      : { stationId: stationId ?? undefined });
  }, [editing, deed, stationId, form]);
  useEffect(() => {
    if (!chosenStation) { setDeputies([]); return; }
    get<{ items: { id: number; name: string }[] }>(`/api/deputies${qs({ stationId: chosenStation, limit: 200 })}`).then((p) => {
      const options = p.items.map((d) => ({ value: d.id, label: d.name }));
      // A deputy who has since left the station still shows by name on the deed being corrected.
      if (deed && deed.station.id === chosenStation && !options.some((o) => o.value === deed.deputy.id)) options.push({ value: deed.deputy.id, label: deed.deputy.name });
      setDeputies(options);
    }, () => setDeputies([]));
  }, [chosenStation, deed]);

  const save = (v: DeedValues) => {
    const values = { ...v, occurredOn: v.occurredOn.format('YYYY-MM-DD'), description: v.description ?? '' };
    const original = deed && { stationId: deed.station.id, deputyId: deed.deputy.id, occurredOn: deed.occurredOn, title: deed.title, description: deed.description };
    return saveEntry(values, deed && { id: deed.id, version: deed.version, original: original! });
  };

  return (
    <Modal
      open={editing !== null} title={deed ? l('修改先进事迹', 'Correct a deed') : l('登记先进事迹', 'Record a deed')}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} forceRender
    >
      <Form form={form} name="deed" layout="vertical" onFinish={(v: DeedValues) => void save(v)}>
        <Form.Item name="stationId" label={l('联络站', 'Station')} rules={[{ required: true, message: l('请选择联络站', 'Choose a station') }]}>
          <RecordSelect<number> source="stations" known={deed ? [deed.station] : []} onChange={() => form.setFieldValue('deputyId', undefined)} />
        </Form.Item>
        <Form.Item name="deputyId" label={l('代表', 'Deputy')} rules={[{ required: true, message: l('请选择本站代表', 'Choose a deputy of the station') }]}>
          <Select options={deputies} placeholder={l('本站代表', 'A deputy of the station')} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="occurredOn" label={l('日期', 'Date')} rules={[{ required: true, message: l('请选择日期', 'Choose a date') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={l('事迹', 'Deed')} rules={[{ required: true, whitespace: true, message: l('请填写事迹', 'Required') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={l('如:协调解决水并片区通水', 'e.g. brought running water to 120 homes')} />
        </Form.Item>
        <Form.Item name="description" label={l('事迹内容', 'Description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Chronicle({ place, period, placeQuery, canWrite }: PanelProps) {
  const { l } = useI18n();
  const list = useKeysetQuery<Entry>(`/api/chronicle${placeQuery}${periodQuery(period)}`);
  const [editing, setEditing] = useState<Editing<Entry>>(null);
  const reload = () => { setEditing(null); void list.reload(); };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {l('大事记登记簿还会自动列入期间开始的主题活动和 5 名以上代表出席的活动。', 'The chronicle register also lists, by itself, the campaigns that began and the activities at least 5 deputies attended.')}
      </Typography.Text>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('登记大事', 'Record an event')}</Button>}
      <LoadError error={list.error} retry={() => void list.reload()} />
      <List<Entry>
        loading={list.loading} dataSource={list.items} locale={{ emptyText: l('本期没有登记大事', 'No events recorded in this period') }}
        renderItem={(e) => (
          <List.Item actions={canWrite ? entryActions({ what: e.title, url: `/api/chronicle/${e.id}`, version: e.version, editLabel: l('修改', 'Edit'), onEdit: () => setEditing(e), onDone: reload }) : undefined}>
            <List.Item.Meta
              title={<Space wrap size={6}><span>{e.occurredOn}</span><span>{e.title}</span></Space>}
              description={<>
                {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.station?.name ?? e.region.fullName} · {l('登记人', 'By')} {e.recordedBy}</Typography.Text>
              </>}
            />
          </List.Item>
        )}
      />
      {list.pager}
      {canWrite && <ChronicleForm editing={editing} place={place} onClose={() => setEditing(null)} onSaved={reload} />}
    </Space>
  );
}

interface EntryValues { occurredOn: Dayjs; title: string; body?: string }

/** Recording an event at the place on screen, or correcting one where it was recorded. */
function ChronicleForm({ editing, place, onClose, onSaved }: { editing: Editing<Entry>; place: Place; onClose(): void; onSaved(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm();
  const { busy, save: saveEntry } = useEntrySave('/api/chronicle', form, onSaved);
  const entry = editing !== null && editing !== 'new' ? editing : null;
  const where = useMemo(() => (place.stationId ? { stationId: place.stationId } : { regionCode: place.regionCode }), [place.stationId, place.regionCode]);

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    if (entry) form.setFieldsValue({ occurredOn: dayjs(entry.occurredOn), title: entry.title, body: entry.body });
  }, [editing, entry, form]);

  const save = (v: EntryValues) => {
    const values = { occurredOn: v.occurredOn.format('YYYY-MM-DD'), title: v.title, body: v.body ?? '' };
    return saveEntry(values, entry && { id: entry.id, version: entry.version, original: { occurredOn: entry.occurredOn, title: entry.title, body: entry.body } }, where);
  };

  return (
    <Modal
      open={editing !== null} title={entry ? l('修改大事记', 'Correct an event') : l('登记大事', 'Record an event')}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} forceRender
    >
      <Form form={form} name="chronicle" layout="vertical" onFinish={(v: EntryValues) => void save(v)}>
        <Form.Item name="occurredOn" label={l('日期', 'Date')} rules={[{ required: true, message: l('请选择日期', 'Choose a date') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={l('事项', 'Event')} rules={[{ required: true, whitespace: true, message: l('请填写事项', 'Required') }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={l('内容', 'Details')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
