import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { put } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { CRITERIA, NTHS, ruleText, WEEKDAYS } from './labels.js';
import type { Rule } from './types.js';

interface Values {
  weekday: number; nth: number; noticeDays: number; topicsMin: number; topicsMax: number;
  weights: Rule['weights']; itemWorkingDays: number; place: string; startTime: Dayjs;
}

/**
 * 议事规则: when the street's day falls (the nth weekday of the month, moved to the next working
 * day when it is a holiday), how many days ahead the notice goes, how many topics a day takes,
 * the weights of the three criteria of the ranking, and an action item's default deadline.
 */
export function RuleCard({ rule }: { rule: Rule }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useFormWrite(form);
  const save = (v: Values) => run(
    () => put(`/api/deliberations/rules/${rule.regionCode}`, {
      weekday: v.weekday, nth: v.nth, noticeDays: v.noticeDays, topicsMin: v.topicsMin, topicsMax: v.topicsMax,
      weights: v.weights, itemWorkingDays: v.itemWorkingDays, place: v.place.trim(), startTime: v.startTime.format('HH:mm'),
      ...(rule.stored && { version: rule.version }),
    }),
    l('议事规则已保存', 'The rule is saved'),
    () => invalidateApi('/api/deliberations'),
  );
  return (
    <Card size="small" title={l(`${rule.regionName}议事规则`, `Rule of ${rule.regionName}`)}>
      {!rule.stored && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={l('尚未设置,以下为默认规则(每月第四个星期四)', 'Not set yet: these are the defaults (the fourth Thursday)')} />}
      <Form<Values>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}
        initialValues={{ ...rule, startTime: dayjs(rule.startTime, 'HH:mm') }}
      >
        <Space wrap>
          <Form.Item name="nth" label={l('每月第几个', 'Which week')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={NTHS.map(([n, name]) => ({ value: n, label: label(name) }))} />
          </Form.Item>
          <Form.Item name="weekday" label={l('星期', 'Weekday')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={WEEKDAYS.map((w, i) => ({ value: i + 1, label: label(w) }))} />
          </Form.Item>
          <Form.Item name="startTime" label={l('开始时间', 'Starts at')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Form.Item shouldUpdate noStyle>
          {() => <Typography.Paragraph type="secondary">{ruleText({ nth: form.getFieldValue('nth') as number, weekday: form.getFieldValue('weekday') as number }, l)}{l(',遇节假日顺延至下一个工作日。', '; a holiday moves it to the next working day.')}</Typography.Paragraph>}
        </Form.Item>
        <Form.Item name="place" label={l('议事地点', 'Place')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Space wrap>
          <Form.Item name="noticeDays" label={l('提前通知天数', 'Notice (days ahead)')} rules={[{ required: true }]}><InputNumber min={0} max={14} /></Form.Item>
          <Form.Item name="topicsMin" label={l('每次议题数(最少)', 'Topics per day (min)')} rules={[{ required: true }]}><InputNumber min={1} max={5} /></Form.Item>
          <Form.Item name="topicsMax" label={l('每次议题数(最多)', 'Topics per day (max)')} rules={[{ required: true }]}><InputNumber min={1} max={5} /></Form.Item>
          <Form.Item name="itemWorkingDays" label={l('行动事项办理期限(工作日)', 'Action item deadline (working days)')} rules={[{ required: true }]}><InputNumber min={1} max={60} /></Form.Item>
        </Space>
        <Typography.Title level={3} style={{ fontSize: 15 }}>{l('议题评分权重', 'Weights of the scores')}</Typography.Title>
        <Space wrap>
          {CRITERIA.map(([key, name]) => (
            <Form.Item key={key} name={['weights', key]} label={label(name)} rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
          ))}
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{l('保存规则', 'Save the rule')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
