import { Breadcrumb, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { RequireAbility, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { ActivityCandidate, CongressOption, ReportBack } from './types.js';

interface Values {
  deputyId: number;
  congress?: string;
  period?: [Dayjs, Dayjs];
  how: 'new' | 'link';
  activityId?: number;
  title?: string;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  place?: string;
  stationId?: number;
  invited?: string;
}

/** The report_back activities of the deputy not yet linked to a report-back. */
function ActivityChoice({ deputyId, value, onChange }: { deputyId?: number; value?: number; onChange?(v: number): void }) {
  const { l } = useI18n();
  const q = useApiQuery<ActivityCandidate[]>(
    deputyId ? `/api/report-backs/activity-candidates${qs({ deputyId })}` : null,
  );
  return (
    <Select<number>
      value={value} onChange={onChange} loading={q.isFetching} aria-label={l('述职活动', 'Activity')} placeholder={deputyId ? l('选择已登记的述职活动', 'Choose an activity') : l('请先选择代表', 'Choose the deputy first')}
      notFoundContent={l('该代表没有未关联的述职活动', 'No unlinked report-back activity of this deputy')}
      options={(q.data ?? []).map((a) => ({ value: a.id, label: `${formatDateTime(a.startsAt)} ${a.title}${a.stationName ? `(${a.stationName})` : ''}` }))}
    />
  );
}

/**
 * 安排述职: the deputy who reports, the congress they report to (their highest county or
 * township level by default), the period the report covers, and the meeting — a new activity
 * of kind 述职 (time, place such as a village's banyan tree, the station, the constituency
 * invited) or one already registered.
 */
export function NewReportBackPage() {
  const { l } = useI18n();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useFormWrite(form);
  const congresses = useApiQuery<{ items: CongressOption[] }>('/api/report-backs/congresses');
  const presetCongress = params.get('level') && params.get('regionCode') ? `${params.get('level')}:${params.get('regionCode')}` : undefined;
  const [how, setHow] = useState<Values['how']>('new');
  const deputyId = Form.useWatch('deputyId', form);

  const save = (v: Values) => run(async () => {
    const [level, regionCode] = v.congress ? v.congress.split(':') : [];
    const rb = await post<ReportBack>('/api/report-backs', {
      deputyId: v.deputyId,
      ...(level && regionCode && { congress: { level, regionCode } }),
      ...(v.period && { periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD') }),
      ...(v.how === 'link'
        ? { activityId: v.activityId }
        : {
          title: v.title?.trim() || undefined, startsAt: v.startsAt!.toISOString(), endsAt: v.endsAt?.toISOString() ?? null,
          place: v.place!.trim(), stationId: v.stationId, invited: v.invited?.trim() || undefined,
        }),
    });
    await invalidateApi('/api/report-backs', '/api/activities');
    void navigate(`/report-backs/${rb.id}`);
  }, l('述职已安排', 'The report-back is planned'));

  return (
    <RequireAbility ability="reportBack.manage">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Breadcrumb items={[{ title: <Link to="/report-backs">{l('代表述职', 'Report-backs')}</Link> }, { title: l('安排述职', 'Plan a report-back') }]} />
        <Card size="small" style={{ maxWidth: 760 }}>
          <Form<Values>
            form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)}
            initialValues={{ deputyId: Number(params.get('deputyId')) || undefined, congress: presetCongress, how: 'new', startsAt: dayjs().add(7, 'day').hour(9).minute(0).second(0) }}
          >
            <Form.Item name="deputyId" label={l('述职代表', 'Deputy')} rules={[{ required: true, message: l('请选择代表', 'Choose the deputy') }]}>
              <RecordSelect<number> source="deputies" aria-label={l('述职代表', 'Deputy')} placeholder={l('输入姓名或拼音首字母', 'Type a name')} />
            </Form.Item>
            <Form.Item name="congress" label={l('向哪一级人大述职', 'Reports to')} extra={l('不选时为代表所在的最高一级县、乡人大', "Default: the deputy's highest county or township congress")}>
              <Select allowClear aria-label={l('人民代表大会', 'Congress')} loading={congresses.isLoading}
                options={(congresses.data?.items ?? []).map((c) => ({ value: `${c.level}:${c.regionCode}`, label: c.name }))} />
            </Form.Item>
            <Form.Item name="period" label={l('述职报告涵盖期间(选填)', 'Period the report covers (optional)')} extra={l('不填时自本届开始或上次述职起至今', 'Default: from the start of the term or the last report-back to today')}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="how" label={l('述职会议', 'The meeting')}>
              <Radio.Group onChange={(e) => setHow(e.target.value as Values['how'])} options={[
                { value: 'new', label: l('新建述职活动', 'A new activity') },
                { value: 'link', label: l('关联已登记的述职活动', 'An activity already recorded') },
              ]} />
            </Form.Item>
            {how === 'link' ? (
              <Form.Item name="activityId" label={l('述职活动', 'Activity')} rules={[{ required: true, message: l('请选择活动', 'Choose an activity') }]}>
                <ActivityChoice deputyId={deputyId} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="title" label={l('活动名称(选填)', 'Title (optional)')} extra={l('不填时为"某某代表向选民述职"', 'Default: “<deputy> reports to the constituents”')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Space wrap style={{ width: '100%' }} size={narrow ? 0 : 16}>
                  <Form.Item name="startsAt" label={l('开始时间', 'Starts')} rules={[{ required: true, message: l('请选择时间', 'Choose the time') }]}>
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label={l('开始时间', 'Starts')} />
                  </Form.Item>
                  <Form.Item name="endsAt" label={l('结束时间(选填)', 'Ends (optional)')}>
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label={l('结束时间', 'Ends')} />
                  </Form.Item>
                </Space>
                <Form.Item name="place" label={l('地点', 'Place')} rules={[{ required: true, whitespace: true, message: l('请填写地点', 'Say where') }]}>
                  <Input maxLength={200} placeholder={l('如:公和村榕树头', 'e.g. the banyan tree of 公和村')} />
                </Form.Item>
                <Form.Item name="stationId" label={l('联络站', 'Station')} rules={[{ required: true, message: l('请选择联络站', 'Choose the station') }]}>
                  <RecordSelect<number> source="stations" aria-label={l('联络站', 'Station')} />
                </Form.Item>
                <Form.Item name="invited" label={l('邀请的选区、村(组)群众', 'Constituency invited')} rules={[{ required: true, whitespace: true, message: l('请填写邀请范围', 'Say who is invited') }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder={l('如:公和村第一至第六村民小组选民代表', 'e.g. the voters of groups 1–6 of 公和村')} />
                </Form.Item>
              </>
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>{l('安排述职', 'Plan it')}</Button>
              <Button onClick={() => void navigate('/report-backs')}>{l('取消', 'Cancel')}</Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {l('述职活动登记为"述职"类履职活动,代表为参加人;会后在述职页面录入到会群众人数、开启评议。', 'The meeting is recorded as an activity of kind 述职 with the deputy taking part; after it, enter the constituents present and open the evaluation on the report-back page.')}
            </Typography.Paragraph>
          </Form>
        </Card>
      </Space>
    </RequireAbility>
  );
}
