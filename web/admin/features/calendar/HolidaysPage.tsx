import { Alert, App, Button, Calendar, Card, Col, Form, Input, Modal, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, get, put } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import type { Answer } from '../../../shared/api.js';

type Day = Schedule['days'][number];
type Schedule = Answer<'/api/calendar/holidays'>;

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/**
 * The holiday calendar of a year: the State Council's rest days and the weekend days worked
 * instead (调休). Deadlines count working days from it. A year without its schedule follows the
 * provisional calendar (the statutory holidays, shown as 暂定), which is also offered as the
 * starting point for entering it; saving recomputes the provisional deadlines.
 */
export function HolidaysPage() {
  const { l } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const editable = can('calendar.update');
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => Number(params.get('year')) || dayjs().year());
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [days, setDays] = useState<Map<string, Day>>(new Map());
  const [source, setSource] = useState('');
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const [month, setMonth] = useState<Dayjs>(() => (params.get('year') ? dayjs(`${params.get('year')}-01-01`) : dayjs().startOf('month')));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: 'normal' | 'rest' | 'workday'; name: string }>();

  const load = useCallback(async (y: number) => {
    const s = await get<Schedule>(`/api/calendar/holidays?year=${y}`);
    setSchedule(s);
    setDays(new Map(s.days.map((d) => [d.date, d])));
    setSource(s.source);
    setDirty(false);
  }, []);
  useEffect(() => { void load(year).catch((err: Error) => setError(err.message)); }, [load, year]);

  function openDay(d: Dayjs) {
    if (!editable || d.year() !== year) return;
    const day = days.get(d.format('YYYY-MM-DD'));
    form.setFieldsValue({ kind: day?.kind ?? 'normal', name: day?.name ?? '' });
    setEditing(d);
  }

  async function applyDay() {
    const { kind, name } = await form.validateFields();
    const date = editing!.format('YYYY-MM-DD');
    const next = new Map(days);
    if (kind === 'normal') next.delete(date);
    else next.set(date, { date, kind, name: name.trim() });
    setDays(next);
    setDirty(true);
    setEditing(null);
  }

  async function save() {
    setSaving(true);
    try {
      const saved = await put<{ deadlinesMoved: unknown[] }>(`/api/calendar/holidays/${year}`, { source, days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)) });
      const moved = saved.deadlinesMoved.length;
      message.success(moved
        ? l(`已保存;${moved} 件暂定的办理期限已按新安排重新计算,并已通知承办单位`, `Saved; ${moved} provisional deadlines were recomputed and their units told`)
        : l('已保存;此后计算的办理期限将按新的安排', 'Saved; deadlines set from now on follow the new schedule'));
      await load(year);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  const years = [...new Set([...(schedule?.years ?? []), dayjs().year(), dayjs().year() + 1])].sort();
  // Before the year's schedule is entered, the calendar shows the provisional (statutory) rest days.
  const provisional = schedule && !schedule.covered && !dirty ? new Map(schedule.provisionalDays.map((d) => [d.date, d])) : null;
  function startFromStatutory() {
    setDays(new Map(schedule!.provisionalDays.map((d) => [d.date, d])));
    setDirty(true);
  }
  const cell = (d: Dayjs) => {
    const tentative = provisional?.get(d.format('YYYY-MM-DD'));
    if (tentative) return <Tag color="orange" style={{ marginInlineEnd: 0 }}>{l('暂定休', 'Off?')} {tentative.name}</Tag>;
    const day = days.get(d.format('YYYY-MM-DD'));
    if (day?.kind === 'rest') return <Tag color="red" style={{ marginInlineEnd: 0 }}>{l('休', 'Off')} {day.name}</Tag>;
    if (day?.kind === 'workday') return <Tag color="blue" style={{ marginInlineEnd: 0 }}>{l('班', 'Work')} {day.name}</Tag>;
    return null;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{l('节假日安排', 'Holiday schedule')}</Typography.Title>
        <Space wrap>
          <Select
            value={year} style={{ width: 110 }} aria-label={l('年份', 'Year')}
            onChange={(y) => { setYear(y); setMonth(dayjs(`${y}-01-01`)); }}
            options={years.map((y) => ({ value: y, label: l(`${y} 年`, String(y)) }))}
          />
          {editable && <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>{l('保存本年安排', 'Save the year')}</Button>}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {schedule && !schedule.covered && !dirty && (
        <Alert
          type="warning" showIcon
          message={l(`${year} 年放假安排尚未录入`, `The ${year} holiday schedule has not been entered`)}
          description={l(
            `在录入前,${year} 年按《全国年节及纪念日放假办法》的法定节假日暂定计算(元旦1天、春节4天(除夕至初三)、清明1天、劳动节2天、端午1天、中秋1天、国庆3天),不安排调休,节日逢周末也不补休;据此算出的办理期限标为"暂定"。国务院公布安排后请在此录入,保存时暂定期限将自动重新计算并通知承办单位。`,
            `Until it is entered, ${year} follows a provisional calendar: the statutory holidays (New Year 1 day, Spring Festival 4 days from New Year's Eve, Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3), with no makeup working days and no day in lieu of a holiday on a weekend. Deadlines counted on it are marked provisional. Enter the State Council's schedule here once published: saving recomputes those deadlines and tells their units.`,
          )}
          action={editable && schedule.provisionalDays.length > 0
            ? <Button size="small" onClick={startFromStatutory}>{l('以法定节假日为底稿', 'Start from the statutory days')}</Button>
            : undefined}
        />
      )}
      {editable && (
        <Input
          addonBefore={l('依据', 'Source')} value={source} maxLength={200} aria-label={l('依据', 'Source')}
          placeholder={l('如:国务院办公厅关于2027年部分节假日安排的通知', 'e.g. the State Council notice for the year')}
          onChange={(e) => { setSource(e.target.value); setDirty(true); }}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Calendar
              value={month} onPanelChange={(d) => setMonth(d)} onSelect={(d, info) => { setMonth(d); if (info.source === 'date') openDay(d); }}
              validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
              cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
              fullscreen={false}
            />
            <Typography.Text type="secondary">
              {editable ? l('点击日期设置休息日或调休上班日。', 'Click a day to make it a rest day or a worked weekend day.') : null}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Table<Day>
            size="small" rowKey="date" pagination={false} scroll={{ y: 420 }}
            dataSource={[...days.values()].sort((a, b) => a.date.localeCompare(b.date))}
            locale={{ emptyText: l('无特殊安排', 'No special days') }}
            columns={[
              { title: l('日期', 'Date'), dataIndex: 'date', render: (d: string) => <a onClick={() => { setMonth(dayjs(d)); openDay(dayjs(d)); }}>{d}</a> },
              { title: l('安排', 'Kind'), dataIndex: 'kind', render: (k: string) => (k === 'rest' ? <Tag color="red">{l('休息', 'Rest')}</Tag> : <Tag color="blue">{l('上班', 'Work')}</Tag>) },
              { title: l('名称', 'Name'), dataIndex: 'name' },
            ]}
          />
        </Col>
      </Row>
      <Modal
        open={editing !== null} title={editing?.format('YYYY-MM-DD')} onCancel={() => setEditing(null)} onOk={() => void applyDay()}
        okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={l('这一天', 'This day')}>
            <Radio.Group>
              <Radio value="normal">{editing && isWeekend(editing) ? l('周末休息', 'Weekend rest') : l('正常上班', 'Normal working day')}</Radio>
              <Radio value="rest">{l('法定节假日休息', 'Public holiday (rest)')}</Radio>
              <Radio value="workday" disabled={!!editing && !isWeekend(editing)}>{l('调休上班', 'Worked weekend day')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="name" label={l('节日名称', 'Holiday name')}>
            <Input maxLength={50} placeholder={l('如:春节', 'e.g. Spring Festival')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
