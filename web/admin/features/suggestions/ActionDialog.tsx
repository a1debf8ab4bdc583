import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { RATING_LABELS } from '../../../../common/caseVocabulary.js';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { FilePicker, filesBody, type PickedFile } from '../../kit/FilePicker.js';

/** As the server takes them with an action: at most 10 files, 10 MB each. */
const FILE_LIMITS = { maxFiles: 10, maxBytes: 10 * 1024 * 1024, per: 'file' } as const;
import { ANSWER_CATEGORIES, CONTACT_MODES, CONTACT_STAGES } from './labels.js';
import type { AnswerCategory, SuggestionActionOffer, SuggestionDetail } from './types.js';

type Field = 'units' | 'complex' | 'contact' | 'answer' | 'files' | 'rating' | 'progress' | 'key' | 'publication' | 'station';

/** What each action asks for besides its comment (which the server says whether it needs). */
const FIELDS: Record<string, Field[]> = {
  assign: ['units', 'complex'],
  grant_reassignment: ['units'],
  record_contact: ['contact'],
  answer: ['answer', 'files'],
  rate: ['rating'],
  add_rating: ['rating'],
  report_progress: ['progress', 'files'],
  send_view: ['files'],
  flag_key: ['key'],
  set_publication: ['publication'],
  convert_to_case: ['station'],
};

/** Whether an action opens a dialog (it asks for something) or is only confirmed. */
export const asksFor = (a: SuggestionActionOffer) => a.needsComment || (FIELDS[a.action]?.length ?? 0) > 0;

const DAY = 'YYYY-MM-DD';

/** The body of the action from the form's values: they are named as the body is, dates turned into YYYY-MM-DD. */
function bodyOf(action: string, v: Record<string, unknown>, files: PickedFile[]): Record<string, unknown> {
  const body: Record<string, unknown> = { action, comment: (v.comment as string | undefined)?.trim() || undefined };
  const fields = FIELDS[action] ?? [];
  if (fields.includes('units')) {
    body.leadUnit = v.leadUnit;
    body.coUnits = ((v.coUnits as { unitId?: number; part?: string }[] | undefined) ?? []).filter((u) => u?.unitId);
  }
  if (fields.includes('complex')) body.complex = Boolean(v.complex);
  if (fields.includes('contact')) {
    const c = v.contact as { stage: string; mode: string; on: Dayjs };
    body.contact = { stage: c.stage, mode: c.mode, on: c.on.format(DAY) };
  }
  if (fields.includes('answer')) {
    const a = v.answer as { category: AnswerCategory; signedBy: string; commitments?: { body: string; dueOn: Dayjs }[] };
    body.answer = { category: a.category, signedBy: a.signedBy, commitments: (a.commitments ?? []).map((c) => ({ body: c.body, dueOn: c.dueOn.format(DAY) })) };
  }
  if (fields.includes('rating')) body.rating = v.rating;
  if (fields.includes('progress')) {
    const done = (v.done ?? {}) as Record<string, boolean>;
    const notes = (v.notes ?? {}) as Record<string, string>;
    body.commitmentsDone = Object.entries(done).filter(([, on]) => on).map(([id]) => ({ id: Number(id), note: notes[id] ?? '' }));
  }
  if (fields.includes('key')) { body.keyLeader = v.keyLeader; body.keyPlan = v.keyPlan; }
  if (fields.includes('publication')) body.published = Boolean(v.published);
  if (fields.includes('station') && v.stationId) body.stationId = v.stationId;
  if (fields.includes('files') && files.length) body.files = filesBody(files);
  return body;
}

/** What the comment is, per action. */
function commentLabel(action: string, l: (zh: string, en: string) => string): string {
  switch (action) {
    case 'answer': return l('答复函正文', 'The letter\'s text');
    case 'send_view': return l('会办意见', 'The co-unit\'s view');
    case 'record_contact': return l('沟通情况', 'What was discussed');
    case 'rate': case 'add_rating': return l('评价意见', 'Comment');
    case 'report_progress': return l('落实情况', 'Progress');
    case 'upgrade_answer': return l('落实情况说明', 'How the commitments were kept');
    case 'urge': return l('催办意见', 'Why');
    case 'request_reassignment': return l('申请理由', 'Why another assignment');
    default: return l('理由或说明', 'Reason or note');
  }
}

/**
 * One workflow action's form: the units and their parts (交办、调整), a contact with the deputy,
 * the answer letter (text, category A/B/C with their meanings, the signing official, the
 * commitments with due dates, files public or internal), a rating, progress on the commitments,
 * key supervision, publication; each with its comment. Sent as one action: all or nothing.
 */
export function ActionDialog({ s, action, onClose }: { s: SuggestionDetail; action: SuggestionActionOffer | null; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { busy, run } = useFormWrite(form);
  const fields = action ? FIELDS[action.action] ?? [] : [];
  const openCommitments = s.commitments.filter((c) => !c.doneAt);
  const lead = s.units.find((u) => u.role === 'lead');

  function close() {
    setFiles([]);
    form.resetFields();
    onClose();
  }

  async function submit(values: Record<string, unknown>) {
    if (!action) return;
    await run(() => post(`/api/suggestions/${s.id}/actions`, bodyOf(action.action, values, files)), l(`已${label(action.label)}`, `Done: ${label(action.label)}`), () => {
      void invalidateApi('/api/suggestions', '/api/notifications', '/api/todo');
      close();
    });
  }

  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <Modal
      open={action !== null} title={action ? label(action.label) : ''} onCancel={close} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('提交', 'Send')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form
        form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} data-testid="suggestion-action-form"
        initialValues={{
          leadUnit: lead ? { unitId: lead.unitId, part: lead.part } : undefined,
          coUnits: s.units.filter((u) => u.role === 'co').map((u) => ({ unitId: u.unitId, part: u.part })),
          complex: s.complex, contact: { stage: s.answers.length ? 'after' : 'before', mode: 'phone', on: dayjs() },
          keyLeader: s.keyLeader ?? undefined, keyPlan: s.keyPlan ?? undefined, published: s.published,
        }}
      >
        {fields.includes('units') && (
          <>
            <Form.Item name={['leadUnit', 'unitId']} label={l('主办单位', 'Lead unit')} rules={[{ required: true, message: l('请选择主办单位', 'Choose the lead unit') }]}>
              <RecordSelect<number> source="units" known={s.units.map((u) => ({ id: u.unitId, name: u.name }))} />
            </Form.Item>
            <Form.Item name={['leadUnit', 'part']} label={l('主办单位承办内容', 'The lead unit\'s part')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.List name="coUnits">
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row, i) => (
                    <Space key={row.key} align="start" wrap style={{ width: '100%' }}>
                      <Form.Item name={[row.name, 'unitId']} label={l(`会办单位 ${i + 1}`, `Co-unit ${i + 1}`)} rules={[{ required: true, message: l('请选择会办单位', 'Choose the co-unit') }]} style={{ minWidth: 200 }}>
                        <RecordSelect<number> source="units" known={s.units.map((u) => ({ id: u.unitId, name: u.name }))} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'part']} label={l('会办内容', 'Its part')} style={{ minWidth: 200 }}>
                        <Input maxLength={2000} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={l(`移除会办单位 ${i + 1}`, `Remove co-unit ${i + 1}`)} onClick={() => remove(row.name)} style={{ marginTop: 30 }} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ part: '' })} style={{ marginBottom: 16 }}>{l('添加会办单位', 'Add a co-unit')}</Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {fields.includes('complex') && (
          <Form.Item name="complex" valuePropName="checked" extra={l('复杂建议办理期限为 6 个月,一般为 3 个月(以本届设置为准)', 'A complex suggestion has 6 months, others 3 (as the congress sets them)')}>
            <Checkbox>{l('复杂建议', 'Complex')}</Checkbox>
          </Form.Item>
        )}
        {fields.includes('contact') && (
          <>
            <Form.Item name={['contact', 'stage']} label={l('沟通阶段', 'Stage')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={Object.entries(CONTACT_STAGES).map(([value, name]) => ({ value, label: label(name) }))} />
            </Form.Item>
            <Form.Item name={['contact', 'mode']} label={l('沟通方式', 'How')} rules={[{ required: true }]}>
              <Radio.Group options={Object.entries(CONTACT_MODES).map(([value, name]) => ({ value, label: label(name) }))} />
            </Form.Item>
            <Form.Item name={['contact', 'on']} label={l('沟通日期', 'On')} rules={[{ required: true, message: l('请选择日期', 'Choose the date') }]}>
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        )}
        {fields.includes('answer') && (
          <>
            <Form.Item name={['answer', 'category']} label={l('答复类别', 'Category')} rules={[{ required: true, message: l('请选择答复类别', 'Choose the category') }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                {(Object.keys(ANSWER_CATEGORIES) as AnswerCategory[]).map((c) => (
                  <Radio key={c} value={c}>{label(ANSWER_CATEGORIES[c].short)}:{label(ANSWER_CATEGORIES[c].meaning)}</Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name={['answer', 'signedBy']} label={l('签发领导', 'Signed by')} rules={required(l('请填写签发领导', 'Name who signed it'))}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.List
              name={['answer', 'commitments']}
              rules={[{
                validator: async (_, rows: unknown[] | undefined) => {
                  if (form.getFieldValue(['answer', 'category']) === 'B' && !rows?.length) throw new Error(l('B 类答复须至少列出一项承诺事项', 'A B answer lists at least one commitment'));
                },
              }]}
            >
              {(rows, { add, remove }, { errors }) => (
                <div style={{ marginBottom: 16 }}>
                  <Typography.Text>{l('承诺事项', 'Commitments')}</Typography.Text>
                  {rows.map((row, i) => (
                    <Space key={row.key} align="start" wrap style={{ width: '100%', marginTop: 8 }}>
                      <Form.Item name={[row.name, 'body']} rules={required(l('请填写承诺内容', 'Say what is committed'))} style={{ minWidth: 220, marginBottom: 0 }}>
                        <Input.TextArea rows={2} maxLength={2000} placeholder={l('承诺内容', 'What is committed')} aria-label={l(`承诺事项 ${i + 1}`, `Commitment ${i + 1}`)} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'dueOn']} rules={[{ required: true, message: l('请选择完成期限', 'Choose the due date') }]} style={{ marginBottom: 0 }}>
                        <DatePicker placeholder={l('完成期限', 'Due on')} aria-label={l(`承诺事项 ${i + 1} 完成期限`, `Commitment ${i + 1} due on`)} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={l(`移除承诺事项 ${i + 1}`, `Remove commitment ${i + 1}`)} onClick={() => remove(row.name)} />
                    </Space>
                  ))}
                  <div style={{ marginTop: 8 }}>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{l('添加承诺事项', 'Add a commitment')}</Button>
                  </div>
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
          </>
        )}
        {fields.includes('rating') && (
          <Form.Item name="rating" label={l('评价', 'Rating')} rules={[{ required: true, message: l('请选择评价', 'Choose a rating') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={RATING_LABELS.keys.map((r) => ({ value: r, label: label(RATING_LABELS.labels[r]) }))} />
          </Form.Item>
        )}
        {fields.includes('progress') && (
          <Form.Item label={l('已落实的承诺事项', 'Commitments now kept')}>
            {openCommitments.length === 0 && <Typography.Text type="secondary">{l('承诺事项均已落实', 'Every commitment is kept')}</Typography.Text>}
            {openCommitments.map((c) => (
              <div key={c.id} style={{ marginBottom: 8 }}>
                <Form.Item name={['done', String(c.id)]} valuePropName="checked" style={{ marginBottom: 4 }}>
                  <Checkbox>{c.body}({l('期限', 'due')} {formatDate(c.dueOn)})</Checkbox>
                </Form.Item>
                <Form.Item noStyle dependencies={[['done', String(c.id)]]}>
                  {({ getFieldValue }) => getFieldValue(['done', String(c.id)]) && (
                    <Form.Item name={['notes', String(c.id)]} rules={required(l('请说明落实情况', 'Say how it was kept'))} style={{ marginBottom: 4 }}>
                      <Input maxLength={2000} placeholder={l('落实情况', 'How it was kept')} aria-label={l(`${c.body} 落实情况`, `How "${c.body}" was kept`)} />
                    </Form.Item>
                  )}
                </Form.Item>
              </div>
            ))}
          </Form.Item>
        )}
        {fields.includes('key') && (
          <>
            <Form.Item name="keyLeader" label={l('督办领导', 'Leading official')} rules={required(l('请填写督办领导', 'Name the leading official'))}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="keyPlan" label={l('督办方案', 'Plan')} rules={required(l('请填写督办方案', 'Give the plan'))}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {fields.includes('publication') && (
          <Form.Item name="published" valuePropName="checked" label={l('在公开页面公布', 'Shown on the public pages')}>
            <Switch checkedChildren={l('公开', 'Public')} unCheckedChildren={l('不公开', 'Not public')} />
          </Form.Item>
        )}
        {fields.includes('station') && (
          <Form.Item name="stationId" label={l('接收的联络站(不填为领衔代表所在的第一个联络站)', 'Station receiving the case (blank: the lead deputy\'s first)')}>
            <RecordSelect<number> source="stations" />
          </Form.Item>
        )}
        {action && (
          <Form.Item
            name="comment" label={commentLabel(action.action, l)}
            rules={action.needsComment ? required(l('请填写此项', 'Required')) : undefined}
          >
            <Input.TextArea rows={action.action === 'answer' ? 8 : 3} maxLength={action.action === 'answer' ? 20000 : 2000} showCount />
          </Form.Item>
        )}
        {fields.includes('files') && (
          <Form.Item
            label={action?.action === 'answer' ? l('附件(答复函 PDF、照片)', 'Files (the letter as PDF, photos)') : l('附件', 'Files')}
            extra={l('标为“公开”的附件随答复在公开页面展示;“内部”仅代表和办理人员可见。', 'Public files are shown with the answer on the public pages; internal ones only to the deputies and the people handling it.')}
          >
            <FilePicker files={files} onChange={setFiles} limits={FILE_LIMITS} testId="action-files" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
