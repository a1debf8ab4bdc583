import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { ORIGINS } from './labels.js';
import type { Round } from './types.js';

interface Values {
  title: string; regionCode: string; address: string; description: string; budgetYuan: number;
  unitId?: number; origin?: string; proposerName?: string; proposerPhone?: string;
}

/**
 * A candidate project (候选项目): what, where, how much, which department would carry it out.
 * Staff say where it comes from (a constituent's proposal taken at a station names its proposer);
 * a deputy, a department's clerk or a station's officer proposes in their own name.
 */
export function ProposeDialog({ round, open, onClose }: { round: Round; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useFormWrite(form);
  const staff = me!.role === 'staff' || me!.role === 'admin';
  const origin = Form.useWatch('origin', form);

  async function save(v: Values) {
    await run(() => post(`/api/livelihood/rounds/${round.id}/projects`, {
      title: v.title.trim(), regionCode: v.regionCode, address: v.address.trim(), description: v.description.trim(), budgetYuan: v.budgetYuan,
      unitId: v.unitId ?? undefined,
      ...(staff && { origin: v.origin, proposerName: v.proposerName?.trim() || undefined, proposerPhone: v.proposerPhone?.trim() || undefined }),
    }), l('已提出候选项目', 'Candidate proposed'), async () => {
      await invalidateApi('/api/livelihood');
      onClose();
    });
  }

  return (
    <Modal
      open={open} title={l('提出候选项目', 'Propose a candidate')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('提交', 'Submit')} cancelText={l('取消', 'Cancel')} destroyOnHidden width={560}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} initialValues={{ origin: 'department', regionCode: round.congressRegionCode ?? undefined }}>
        <Form.Item name="title" label={l('项目名称', 'Title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={l('例如:路花村茶产业园园路硬化', 'e.g. Paving the tea park road in 路花村')} />
        </Form.Item>
        <Form.Item name="regionCode" label={l('所在地', 'Where')} rules={[{ required: true, message: l('请选择', 'Choose one') }]}>
          <RegionPicker root={round.congressRegionCode} />
        </Form.Item>
        <Form.Item name="address" label={l('具体地点', 'Address')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="description" label={l('建设内容', 'What is to be built or done')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={4} showCount maxLength={4000} />
        </Form.Item>
        <Form.Item name="budgetYuan" label={l('估算投资(元)', 'Estimated cost (yuan)')} rules={[{ required: true }]}>
          <InputNumber min={1} step={10000} style={{ width: '100%' }} />
        </Form.Item>
        {me!.role !== 'unit' && (
          <Form.Item name="unitId" label={l('责任单位', 'Responsible department')}>
            <RecordSelect<number> source="units" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {staff && (
          <>
            <Form.Item name="origin" label={l('项目来源', 'Where it comes from')}>
              <Select options={Object.entries(ORIGINS).map(([value, name]) => ({ value, label: label(name) }))} />
            </Form.Item>
            {origin === 'constituent' && (
              <>
                <Form.Item name="proposerName" label={l('提出人姓名', 'Proposer’s name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input /></Form.Item>
                <Form.Item name="proposerPhone" label={l('提出人手机号(选填)', 'Proposer’s mobile (optional)')}><Input type="tel" /></Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
