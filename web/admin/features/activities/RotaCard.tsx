import { CalendarOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, post, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { errorText, LoadError } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import type { RotaDay } from './types.js';

const STATUS = {
  scheduled: { color: 'blue', zh: '待接待', en: 'Scheduled' },
  held: { color: 'green', zh: '已接待', en: 'Held' },
  missed: { color: 'red', zh: '未接待', en: 'Missed' },
  cancelled: { color: 'default', zh: '已取消', en: 'Cancelled' },
} as const;

export function RotaStatusTag({ status }: { status: RotaDay['status'] }) {
  const { label } = useI18n();
  return <Tag color={STATUS[status].color}>{label(STATUS[status])}</Tag>;
}

/** The link that records a rota day as held: the activity form, filled in for that day. */
export function recordDayLink(day: RotaDay): string {
  return `/activities${qs({ new: 1, kind: 'reception', stationId: day.station.id, rotaSlotId: day.id, startsAt: `${day.date}T09:00:00+08:00`, title: '代表接待日' })}`;
}

/**
 * A station's reception rota (接待日轮值) for three months: who is on duty each day, which days
 * were held, missed or cancelled; officers and staff add a period, swap a turn, cancel a day.
 */
export function RotaCard({ stationId }: { stationId: number }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const reportError = useWriteErrors();
  const [from, setFrom] = useState(() => dayjs().startOf('month'));
  const [rota, setRota] = useState<{ days: RotaDay[]; summary: Record<RotaDay['status'], number>; abilities: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [swapping, setSwapping] = useState<RotaDay | null>(null);
  const [genForm] = Form.useForm<{ period: [Dayjs, Dayjs]; perDay: number }>();
  const [swapForm] = Form.useForm<{ fromDeputyId: number; toDeputyId: number }>();
  const to = from.add(3, 'month').subtract(1, 'day');
  const [deputies, setDeputies] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    get<{ items: { id: number; name: string }[] }>(`/api/deputies${qs({ stationId, limit: 200 })}`).then((p) => setDeputies(p.items), () => setDeputies([]));
  }, [stationId]);

  // Keyed by the dates as text: a new dayjs object each render must not reload the rota.
  const fromText = from.format('YYYY-MM-DD');
  const toText = to.format('YYYY-MM-DD');
  const load = useCallback(async () => {
    try {
      setRota(await get(`/api/stations/${stationId}/rota${qs({ from: fromText, to: toText })}`));
      setError(null);
    } catch (err) { setError(errorText(err)); }
  }, [stationId, fromText, toText]);
  useEffect(() => { void load(); }, [load]);

  const manage = rota?.abilities.includes('manage') ?? false;
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try { await fn(); message.success(done); await load(); return true; } catch (err) { reportError(err, message); return false; }
  };

  function cancel(day: RotaDay) {
    let reason = '';
    modal.confirm({
      title: l(`取消 ${formatDate(day.date)} 的接待日`, `Cancel the reception day of ${formatDate(day.date)}`),
      content: <Input placeholder={l('原因,如:台风停止接待', 'Why, e.g. typhoon')} onChange={(e) => { reason = e.target.value; }} aria-label={l('原因', 'Reason')} />,
      onOk: () => act(() => post(`/api/rota/${day.id}/cancel`, { reason: reason.trim() || l('其他原因', 'Other') }), l('已取消', 'Cancelled')),
    });
  }

  return (
    <Card
      size="small" title={<Space><CalendarOutlined />{l('接待日轮值', 'Reception rota')}</Space>}
      extra={(
        <Space wrap>
          <Button size="small" onClick={() => setFrom(from.subtract(3, 'month'))}>{l('前三个月', 'Earlier')}</Button>
          <Button size="small" onClick={() => setFrom(from.add(3, 'month'))}>{l('后三个月', 'Later')}</Button>
          {manage && <Button size="small" type="primary" onClick={() => { genForm.setFieldsValue({ period: [from, to], perDay: 1 }); setGenerating(true); }}>{l('排班', 'Make the rota')}</Button>}
        </Space>
      )}
    >
      <LoadError error={error} retry={() => void load()} />
      {rota && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {formatDate(from.format('YYYY-MM-DD'))} – {formatDate(to.format('YYYY-MM-DD'))}:
          {l(` 已接待 ${rota.summary.held} 天,未接待 ${rota.summary.missed} 天,待接待 ${rota.summary.scheduled} 天,取消 ${rota.summary.cancelled} 天`,
            ` ${rota.summary.held} held, ${rota.summary.missed} missed, ${rota.summary.scheduled} to come, ${rota.summary.cancelled} cancelled`)}
        </Typography.Paragraph>
      )}
      <Table<RotaDay>
        size="small" rowKey="id" dataSource={rota?.days ?? []} pagination={false} scroll={{ x: 560 }}
        locale={{ emptyText: l('这段时间还没有排班', 'No rota for this period yet') }}
        columns={[
          { title: l('日期', 'Date'), dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
          { title: l('值班代表', 'On duty'), dataIndex: 'deputies', render: (ds: RotaDay['deputies']) => ds.map((d) => (d.replaces ? l(`${d.name}(替 ${d.replaces})`, `${d.name} (for ${d.replaces})`) : d.name)).join('、') },
          { title: l('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: RotaDay['status'], d) => (d.activityId ? <Link to={`/activities/${d.activityId}`}><RotaStatusTag status={s} /></Link> : <RotaStatusTag status={s} />) },
          {
            title: '', width: 210, render: (_, d) => (d.status === 'scheduled' || d.status === 'missed') && (
              <Space size={4} wrap>
                <Link to={recordDayLink(d)}><Button size="small">{l('记录接待', 'Record it')}</Button></Link>
                {manage && <Button size="small" onClick={() => { swapForm.setFieldsValue({ fromDeputyId: d.deputies[0]?.id }); setSwapping(d); }}>{l('调班', 'Swap')}</Button>}
                {manage && d.status === 'scheduled' && <Button size="small" danger onClick={() => cancel(d)}>{l('取消', 'Cancel')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={generating} title={l('排班', 'Make the rota')} onCancel={() => setGenerating(false)} onOk={() => genForm.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">{l('按本站接待日(每周几、每月几日)排出这段时间的接待日,法定节假日除外;已排的日子不变,本站代表依次轮值。', "Reception days of the period from the station's schedule, public holidays left out; days already in the rota stay; the station's deputies take turns.")}</Typography.Paragraph>
        <Form form={genForm} layout="vertical" onFinish={(v) => void act(
          () => post(`/api/stations/${stationId}/rota`, { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), perDay: v.perDay }),
          l('已排班', 'Rota made'),
        ).then((ok) => ok && setGenerating(false))}>
          <Form.Item name="period" label={l('时间段', 'Period')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="perDay" label={l('每天值班代表人数', 'Deputies on duty each day')}><InputNumber min={1} max={5} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={swapping !== null} title={l(`调班:${swapping ? formatDate(swapping.date) : ''}`, `Swap: ${swapping ? formatDate(swapping.date) : ''}`)} onCancel={() => setSwapping(null)} onOk={() => swapForm.submit()} destroyOnHidden>
        <Form form={swapForm} layout="vertical" onFinish={(v) => void act(() => post(`/api/rota/${swapping!.id}/swap`, v), l('已调班', 'Swapped')).then((ok) => ok && setSwapping(null))}>
          <Form.Item name="fromDeputyId" label={l('原值班代表', 'On duty now')} rules={[{ required: true }]}>
            <Select options={(swapping?.deputies ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="toDeputyId" label={l('改由', 'Instead')} rules={[{ required: true }]}>
            <Select options={deputies.filter((d) => !swapping?.deputies.some((x) => x.id === d.id)).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** A deputy's own reception days, on their phone's home: the next ones, and a way to record a day. */
export function MyRotaCard() {
  const { l } = useI18n();
  const mine = useApiQuery<RotaDay[]>('/api/rota/mine');
  const days = mine.data ?? (mine.isError ? [] : null);
  const today = dayjs().format('YYYY-MM-DD');
  const shown = (days ?? []).filter((d) => d.date >= today || d.status === 'missed').slice(0, 5);
  if (!days || shown.length === 0) return null;
  return (
    <Card size="small" title={l('我的接待日', 'My reception days')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {shown.map((d) => (
          <Space key={d.id} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <span>{formatDate(d.date)} {d.hours} · {d.station.name}</span>
            <Space size={4}>
              <RotaStatusTag status={d.status} />
              {(d.status === 'scheduled' || d.status === 'missed') && d.date <= today && <Link to={recordDayLink(d)}><Button size="small" type="primary">{l('记录接待', 'Record it')}</Button></Link>}
            </Space>
          </Space>
        ))}
      </Space>
    </Card>
  );
}
