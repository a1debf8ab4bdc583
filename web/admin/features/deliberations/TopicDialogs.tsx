import { Form, Input, Modal, Rate, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { get, post, put, qs, type Answer } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { CRITERIA } from './labels.js';
import type { Rule, Scores, TopicItem } from './types.js';

type CaseHit = Answer<'/api/cases'>['items'][number];

/** Opinions (cases) found by code or words among those the reader may see: a topic may come from them. */
function CasesSearch({ value, onChange, initial }: { value?: number[]; onChange?(ids: number[]): void; initial?: number[] }) {
  const { l } = useI18n();
  const [hits, setHits] = useState<CaseHit[]>([]);
  const [known, setKnown] = useState<Map<number, string>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // Ids given by the address (`?caseIds=`): their codes read once.
    for (const id of initial ?? []) {
      get<{ id: number; trackingCode: string; content: string }>(`/api/cases/${id}`)
        .then((c) => setKnown((m) => new Map(m).set(c.id, `${c.trackingCode} ${c.content.slice(0, 30)}`)), () => undefined);
    }
  }, [initial]);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      get<Answer<'/api/cases'>>(`/api/cases${qs({ q: q.trim() || undefined, limit: 10 })}`).then((p) => setHits(p.items), () => setHits([]));
    }, 300);
  };
  const options = [
    ...(value ?? []).filter((id) => !hits.some((h) => h.id === id)).map((id) => ({ value: id, label: known.get(id) ?? `#${id}` })),
    ...hits.map((h) => ({ value: h.id, label: `${h.trackingCode} ${h.summary}` })),
  ];
  return (
    <Select<number[]>
      mode="multiple" value={value ?? []} allowClear style={{ width: '100%' }} aria-label={l('来自群众意见', 'From opinions')}
      placeholder={l('输入受理编号或内容查找(选填)', 'Type a code or words (optional)')}
      showSearch={{ filterOption: false, onSearch: search }} onOpenChange={(open) => { if (open && !hits.length) search(''); }}
      options={options} onChange={(ids) => {
        for (const h of hits) if (ids.includes(h.id)) setKnown((m) => new Map(m).set(h.id, `${h.trackingCode} ${h.summary}`));
        onChange?.(ids);
      }}
      notFoundContent={l('没有匹配的意见', 'No opinion matches')}
    />
  );
}

interface ProposeValues { title: string; description: string; caseIds: number[]; scores?: Scores }

/**
 * 提出议题: a topic for the street's deliberation day, written from scratch or from opinions
 * (cases) the proposer may see; the staff of the office may score it at once.
 */
export function ProposeTopicDialog({ regionCode, regionName, open, onClose, caseIds }: {
  regionCode: string; regionName?: string; open: boolean; onClose(): void; caseIds?: number[];
}) {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const [form] = Form.useForm<ProposeValues>();
  const { busy, run } = useFormWrite(form);
  const scoring = can('deliberation.manage');
  const submit = (v: ProposeValues) => run(
    () => post('/api/deliberations/topics', {
      regionCode, title: v.title.trim(), description: v.description.trim(),
      ...(v.caseIds?.length && { caseIds: v.caseIds }),
      ...(scoring && v.scores?.importance && v.scores.urgency && v.scores.impact && { scores: v.scores }),
    }),
    l('议题已提出', 'The topic is proposed'),
    async () => { form.resetFields(); onClose(); await invalidateApi('/api/deliberations'); },
  );
  return (
    <Modal
      open={open} title={l(`提出议题${regionName ? `(${regionName})` : ''}`, `Propose a topic${regionName ? ` (${regionName})` : ''}`)} onCancel={onClose}
      onOk={() => form.submit()} confirmLoading={busy} okText={l('提交', 'Submit')} cancelText={l('取消', 'Cancel')} destroyOnHidden
      width={narrow ? '100%' : 640} style={narrow ? { top: 8, maxWidth: '100%', paddingBottom: 0 } : undefined}
    >
      <Form<ProposeValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ caseIds: caseIds ?? [] }}>
        <Form.Item name="title" label={l('议题', 'Topic')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={l('例如:西湾路农贸市场周边占道经营整治', 'e.g. Street stalls around the 西湾路 market')} />
        </Form.Item>
        <Form.Item name="description" label={l('议题说明(调研情况、群众反映)', 'Description (what was found, what people say)')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="caseIds" label={l('来自群众意见(选填)', 'From opinions (optional)')} extra={l('关联的意见在议事后可以跟踪到议事结果', 'The linked opinions can then be followed to the result')}>
          <CasesSearch initial={caseIds} />
        </Form.Item>
        {scoring && (
          <>
            <Typography.Text type="secondary">{l('评分(选填,1–5 分)', 'Scores (optional, 1–5)')}</Typography.Text>
            <Space wrap size={[24, 0]}>
              {CRITERIA.map(([key, name]) => (
                <Form.Item key={key} name={['scores', key]} label={label(name)}><Rate aria-label={label(name)} /></Form.Item>
              ))}
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 评分: importance, urgency and social impact, 1–5 each; the weighted score follows from the street's weights. */
export function ScoreDialog({ topic, rule, onClose }: { topic: TopicItem | null; rule: Rule | undefined; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<Scores>();
  const { busy, run } = useFormWrite(form);
  const values = Form.useWatch([], form) as Partial<Scores> | undefined;
  const w = rule?.weights;
  const total = w ? w.importance + w.urgency + w.impact : 0;
  const weighted = w && total && values?.importance && values.urgency && values.impact
    ? (values.importance * w.importance + values.urgency * w.urgency + values.impact * w.impact) / total : null;
  const submit = (v: Scores) => run(
    () => put(`/api/deliberations/topics/${topic!.id}/scores`, v),
    l('评分已保存', 'The scores are saved'),
    async () => { onClose(); await invalidateApi('/api/deliberations'); },
  );
  return (
    <Modal
      open={topic !== null} title={l('议题评分', 'Score the topic')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden
    >
      {topic && (
        <Form<Scores> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={topic.scores ?? {}}>
          <Typography.Paragraph strong>{topic.title}</Typography.Paragraph>
          {CRITERIA.map(([key, name]) => (
            <Form.Item key={key} name={key} label={w ? l(`${name.zh}(权重 ${w[key]})`, `${name.en} (weight ${w[key]})`) : label(name)}
              rules={[{ required: true, message: l('请评分', 'Give a score') }]}>
              <Rate aria-label={label(name)} />
            </Form.Item>
          ))}
          <Typography.Text type="secondary" data-testid="weighted-preview">
            {l('加权得分', 'Weighted score')}:{weighted === null ? '—' : weighted.toFixed(2)}
          </Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
