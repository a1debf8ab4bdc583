import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { post, put, qs, type Answer } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import type { KeysetPage } from '../../kit/useKeysetQuery.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { Term } from '../terms/TermsPage.js';
import { chineseNumber } from '../suggestions/facts.js';
import { KIND_LABELS } from './labels.js';
import type { Review, ReviewKind } from './types.js';

interface Values {
  termId?: number; year?: number; kind?: ReviewKind; title?: string; financeUnitId?: number; sessionId?: number | null;
  commentsDueOn?: Dayjs | null; answerDays?: number; summary?: string; revenueWan?: number | null; expenditureWan?: number | null;
}

const toYuan = (wanValue: number | null | undefined) => (wanValue === null || wanValue === undefined ? null : Math.round(wanValue * 10_000));
const toWan = (yuan: number | null) => (yuan === null ? null : yuan / 10_000);

/**
 * A review's facts: for a new one its congress term, year and kind (the draft, or the mid-year
 * adjustment, which takes over the approved draft's key projects); then the title, the finance
 * office that answers, the session it goes to, until when deputies comment and how many days
 * the units have to answer, the budget's totals and summary. `review` edits one instead.
 */
export function ReviewForm({ open, review, onClose }: { open: boolean; review?: Review; onClose(): void }) {
  const { l, label } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useFormWrite(form);
  const terms = useApiQuery<KeysetPage<Term>>(open && !review ? '/api/terms?limit=100' : null);
  const termId = Form.useWatch('termId', form) ?? review?.congress.termId;
  const sessions = useApiQuery<Answer<'/api/congress-sessions'>>(open && termId ? `/api/congress-sessions${qs({ termId })}` : null);
  const choosable = (terms.data?.items ?? []).filter((t) => (t.level === 'county' || t.level === 'township'));

  async function save(v: Values) {
    const body = {
      title: v.title?.trim() || undefined, financeUnitId: v.financeUnitId, sessionId: v.sessionId ?? undefined,
      commentsDueOn: v.commentsDueOn ? v.commentsDueOn.format('YYYY-MM-DD') : undefined, answerDays: v.answerDays,
      summary: v.summary?.trim() ?? '', revenueYuan: toYuan(v.revenueWan) ?? undefined, expenditureYuan: toYuan(v.expenditureWan) ?? undefined,
    };
    let created: Review | undefined;
    await run(async () => {
      if (review) await put<Review>(`/api/budget-reviews/${review.id}`, body);
      else created = await post<Review>('/api/budget-reviews', { ...body, termId: v.termId, year: v.year, kind: v.kind });
    }, review ? l('已保存', 'Saved') : l('已新建预算审查', 'Review created'), async () => {
      if (created) navigate(`/budget/${created.id}`);
      await invalidateApi('/api/budget-reviews');
      form.resetFields();
      onClose();
    });
  }

  return (
    <Modal
      open={open} title={review ? l('修改审查信息', 'Edit the review') : l('新建预算审查', 'New budget review')} onCancel={onClose}
      onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form
        form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="budget-review-form"
        initialValues={review ? {
          title: review.title, financeUnitId: review.financeUnit.id, sessionId: review.session?.id ?? null,
          commentsDueOn: review.commentsDueOn ? dayjs(review.commentsDueOn) : null, answerDays: review.answerDays, summary: review.summary,
          revenueWan: toWan(review.revenueYuan), expenditureWan: toWan(review.expenditureYuan),
        } : { kind: 'draft', year: dayjs().year(), answerDays: 7 }}
      >
        {!review && (
          <>
            <Form.Item name="termId" label={l('人民代表大会(届次)', 'Congress (term)')} rules={[{ required: true, message: l('请选择届次', 'Choose the term') }]}>
              <Select
                loading={terms.isLoading} popupMatchSelectWidth={false}
                options={choosable.map((t) => ({ value: t.id, label: `${label(t.name)}${t.current ? '' : l('(已结束)', ' (ended)')}` }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={l('类型', 'Kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button" buttonStyle="solid"
                options={(Object.keys(KIND_LABELS) as ReviewKind[]).map((k) => ({ value: k, label: label(KIND_LABELS[k]) }))}
              />
            </Form.Item>
            <Form.Item
              name="year" label={l('预算年度', 'Budget year')} rules={[{ required: true, message: l('请填写年度', 'Give the year') }]}
              extra={l('预算调整沿用同一年度已批准预算草案的重点项目', 'An adjustment takes over the key projects of the same year\'s approved draft')}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={l('标题(不填则自动生成)', 'Title (generated when blank)')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="financeUnitId" label={l('财政部门', 'Finance office')} rules={[{ required: true, message: l('请选择财政部门', 'Choose the finance office') }]}>
          <RecordSelect<number> source="units" known={review ? [review.financeUnit] : []} />
        </Form.Item>
        <Form.Item name="sessionId" label={l('提请审议的会议', 'Session it goes to')}>
          <Select
            allowClear disabled={!termId}
            options={(sessions.data ?? []).map((s) => ({ value: s.id, label: l(`第${chineseNumber(s.number)}次会议(${s.opensOn})`, `Session ${s.number} (${s.opensOn})`) }))}
          />
        </Form.Item>
        <Form.Item name="commentsDueOn" label={l('代表意见截止日期', 'Deputies comment until')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="answerDays" label={l('答复期限(天)', 'Days to answer')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="revenueWan" label={l('收入预算(万元)', 'Revenue (×10k yuan)')}>
          <InputNumber min={0} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="expenditureWan" label={l('支出预算(万元)', 'Expenditure (×10k yuan)')}>
          <InputNumber min={0} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="summary" label={l('预算草案说明', 'Summary')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
