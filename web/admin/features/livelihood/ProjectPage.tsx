import { Alert, App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Image, Input, InputNumber, List, Modal, Progress, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { FilePicker, type PickedFile } from '../../kit/FilePicker.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { RATINGS, RateButtons } from './EvaluationCard.js';
import { yuan } from './labels.js';
import { ProjectStateTag } from './RoundPage.js';
import type { Delivery, Project, ProjectAction } from './types.js';

const DAY = 'YYYY-MM-DD';
const PHOTO_LIMITS = { maxFiles: 10, maxBytes: 10 * 1024 * 1024, per: 'file' } as const;

type Field = 'comment' | 'startedOn' | 'milestone' | 'spending' | 'photos' | 'acceptance' | 'dueOn';
/** What each action asks for. */
const FIELDS: Record<string, Field[]> = {
  not_shortlist: ['comment'], withdraw: ['comment'],
  start: ['startedOn'],
  record_milestone: ['milestone'],
  record_spending: ['spending', 'comment'],
  add_photo: ['photos'],
  complete: ['acceptance', 'comment'],
  open_rectification: ['comment', 'dueOn'],
};

interface Values {
  comment?: string; startedOn?: Dayjs; milestone?: { title: string; plannedOn: Dayjs };
  spending?: { spentOn: Dayjs; amountYuan: number }; acceptance?: { acceptedOn: Dayjs; beneficiaries?: number | null }; dueOn?: Dayjs;
}

/** An action on the project: asks for what it needs, sends it to the one actions route. */
function ActionDialog({ project, action, onClose }: { project: Project; action: ProjectAction | null; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { busy, run } = useFormWrite(form);
  if (!action) return null;
  const fields = FIELDS[action.action] ?? ['comment'];
  async function send(v: Values) {
    await run(async () => {
      const body: Record<string, unknown> = { action: action!.action, comment: v.comment?.trim() || undefined };
      if (v.startedOn) body.startedOn = v.startedOn.format(DAY);
      if (v.milestone) body.milestone = { title: v.milestone.title.trim(), plannedOn: v.milestone.plannedOn.format(DAY) };
      if (v.spending) body.spending = { spentOn: v.spending.spentOn.format(DAY), amountYuan: v.spending.amountYuan };
      if (v.acceptance) body.acceptance = { acceptedOn: v.acceptance.acceptedOn.format(DAY), beneficiaries: v.acceptance.beneficiaries ?? null };
      if (v.dueOn) body.dueOn = v.dueOn.format(DAY);
      if (fields.includes('photos')) body.photos = files.map((f) => ({ name: f.name, data: f.data, public: f.public, caption: v.comment?.trim() || undefined }));
      await post(`/api/livelihood/projects/${project.id}/actions`, body);
    }, l(`已${label(action!.label)}`, `Done: ${label(action!.label)}`), async () => {
      await invalidateApi('/api/livelihood');
      setFiles([]);
      onClose();
    });
  }
  const today = dayjs();
  return (
    <Modal open title={label(action.label)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form<Values>
        form={form} layout="vertical" onFinish={(v) => void send(v)} preserve={false}
        initialValues={{ startedOn: today, spending: { spentOn: today }, acceptance: { acceptedOn: today }, milestone: { plannedOn: today.add(1, 'month') } }}
      >
        {fields.includes('startedOn') && <Form.Item name="startedOn" label={l('开工日期', 'Started on')}><DatePicker /></Form.Item>}
        {fields.includes('milestone') && (
          <>
            <Form.Item name={['milestone', 'title']} label={l('节点名称', 'Milestone')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input placeholder={l('例如:路基完成', 'e.g. Road bed done')} /></Form.Item>
            <Form.Item name={['milestone', 'plannedOn']} label={l('计划完成日期', 'Planned for')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          </>
        )}
        {fields.includes('spending') && (
          <Space wrap>
            <Form.Item name={['spending', 'spentOn']} label={l('支付日期', 'Paid on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name={['spending', 'amountYuan']} label={l('金额(元)', 'Amount (yuan)')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: 180 }} /></Form.Item>
          </Space>
        )}
        {fields.includes('acceptance') && (
          <Space wrap>
            <Form.Item name={['acceptance', 'acceptedOn']} label={l('验收日期', 'Accepted on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name={['acceptance', 'beneficiaries']} label={l('受益群众(人)', 'People served')}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
          </Space>
        )}
        {fields.includes('dueOn') && <Form.Item name="dueOn" label={l('整改期限', 'Due on')}><DatePicker /></Form.Item>}
        {fields.includes('photos') && (
          <Form.Item label={l('照片', 'Photos')}><FilePicker files={files} onChange={setFiles} limits={PHOTO_LIMITS} testId="project-photos" /></Form.Item>
        )}
        {(fields.includes('comment') || fields.includes('photos')) && (
          <Form.Item
            name="comment" label={fields.includes('photos') ? l('说明(选填)', 'Caption (optional)') : action.action === 'open_rectification' ? l('整改事项', 'What to put right') : l('说明', 'Note')}
            rules={[{ required: Boolean(action.needsComment) || ['not_shortlist', 'withdraw', 'open_rectification'].includes(action.action), whitespace: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 记录视察: a supervision visit to the project, recorded as an activity of the deputies who went. */
function VisitDialog({ project, open, onClose }: { project: Project; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm<{ title: string; startsAt: Dayjs; place: string; summary: string; deputyIds: number[] }>();
  const { busy, run } = useFormWrite(form);
  const self = me!.scope.deputy;
  async function send(v: { title: string; startsAt: Dayjs; place: string; summary: string; deputyIds: number[] }) {
    await run(() => post(`/api/livelihood/projects/${project.id}/visits`, {
      title: v.title.trim(), startsAt: v.startsAt.toISOString(), place: v.place.trim(), summary: v.summary.trim(), deputyIds: v.deputyIds ?? [],
    }), l('视察已记录', 'Visit recorded'), async () => {
      await invalidateApi(`/api/livelihood/projects/${project.id}`, '/api/activities');
      onClose();
    });
  }
  return (
    <Modal open={open} title={l('记录视察', 'Record a supervision visit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form
        form={form} layout="vertical" onFinish={(v) => void send(v)} preserve={false}
        initialValues={{ title: `视察${project.title}`, startsAt: dayjs(), place: `${project.regionName}${project.address}`, deputyIds: self ? [self.id] : [] }}
      >
        <Form.Item name="title" label={l('主题', 'Title')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="startsAt" label={l('时间', 'When')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="place" label={l('地点', 'Where')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <Form.Item name="deputyIds" label={l('参加代表', 'Deputies')}>
          <RecordSelect<number[]> source="deputies" multiple known={self ? [{ id: self.id, name: self.name }] : []} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label={l('视察情况', 'What was found')} rules={[{ required: true, whitespace: true, max: 4000 }]}><Input.TextArea rows={4} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Milestones, money, photos, visits, the evaluation and rectification of an adopted project. */
function DeliveryCards({ project }: { project: Project }) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const { me, can } = useSession();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const query = useApiQuery<Delivery>(`/api/livelihood/projects/${project.id}/delivery`);
  const [visiting, setVisiting] = useState(false);
  const d = query.data;
  const may = (a: string) => project.actions.some((x) => x.action === a);

  async function act(body: Record<string, unknown>, done: string) {
    try {
      await post(`/api/livelihood/projects/${project.id}/actions`, body);
      message.success(done);
      await invalidateApi('/api/livelihood');
    } catch (err) {
      showError(err, message);
    }
  }
  function closeRectification(id: number) {
    let note = '';
    Modal.confirm({
      title: l('整改完成', 'Rectification done'),
      content: <Input.TextArea rows={3} aria-label={l('整改情况', 'What was done')} onChange={(e) => { note = e.target.value; }} />,
      okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: () => (note.trim() ? act({ action: 'close_rectification', rectificationId: id, comment: note.trim() }, l('整改已销号', 'Closed')) : Promise.reject(new Error(l('请填写整改情况', 'Say what was done')))),
    });
  }

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!d) return null;
  const visitor = me!.role === 'deputy' || can('livelihood.manage');
  return (
    <>
      <Card size="small" title={l('实施进度', 'Progress')} data-testid="delivery">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Progress percent={d.progressPercent} aria-label={l('工程进度', 'Progress')} />
          <Descriptions
            size="small" column={narrow ? 1 : 3}
            items={[
              { key: 'budget', label: l('估算投资', 'Estimate'), children: yuan(d.budgetYuan, l) },
              { key: 'spent', label: l('已完成投资', 'Spent'), children: yuan(d.spentYuan, l) },
              { key: 'started', label: l('开工日期', 'Started'), children: formatDate(d.startedOn) || '—' },
              { key: 'accepted', label: l('验收日期', 'Accepted'), children: formatDate(d.acceptedOn) || '—' },
              { key: 'served', label: l('受益群众', 'People served'), children: d.beneficiaries ?? '—' },
              ...(d.acceptanceNote ? [{ key: 'note', label: l('验收意见', 'Acceptance'), children: d.acceptanceNote }] : []),
            ]}
          />
        </Space>
      </Card>
      <Card size="small" title={l(`建设节点(${d.milestones.length})`, `Milestones (${d.milestones.length})`)}>
        <List
          dataSource={d.milestones} locale={{ emptyText: l('还没有计划节点', 'No milestones yet') }}
          renderItem={(m) => (
            <List.Item
              actions={!m.doneOn && may('record_milestone') ? [<Button key="done" size="small" onClick={() => void act({ action: 'record_milestone', milestoneId: m.id, doneOn: dayjs().format(DAY) }, l('节点已完成', 'Milestone done'))}>{l('标记完成', 'Mark done')}</Button>] : []}
            >
              <List.Item.Meta
                title={<Space size={4} wrap>{m.title}{m.doneOn ? <Tag color="green">{l(`${formatDate(m.doneOn)} 完成`, `Done ${formatDate(m.doneOn)}`)}</Tag> : m.slipped ? <Tag color="red">{l('已滞后', 'Slipped')}</Tag> : <Tag>{l('进行中', 'Open')}</Tag>}</Space>}
                description={<>{l(`计划 ${formatDate(m.plannedOn)}`, `Planned ${formatDate(m.plannedOn)}`)}{m.note && ` · ${m.note}`}</>}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={l('资金支付', 'Spending')}>
        <Table
          rowKey="id" size="small" dataSource={d.spending} pagination={false} locale={{ emptyText: l('还没有支付记录', 'Nothing paid yet') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'spentOn', render: (v: string) => formatDate(v) },
            { title: l('金额', 'Amount'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => yuan(v, l) },
            { title: l('说明', 'Note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title={l(`进度照片(${d.photos.length})`, `Photos (${d.photos.length})`)}>
        {d.photos.length === 0 ? <Typography.Text type="secondary">{l('还没有照片', 'No photos yet')}</Typography.Text> : (
          <Image.PreviewGroup>
            <Space wrap>
              {d.photos.map((p) => (
                <figure key={p.id} style={{ margin: 0, width: 120 }}>
                  <Image src={p.url} alt={p.caption || p.name} width={120} height={90} style={{ objectFit: 'cover' }} />
                  <figcaption style={{ fontSize: 12 }}>{p.caption}{!p.public && <Tag style={{ marginLeft: 4 }}>{l('内部', 'Internal')}</Tag>}</figcaption>
                </figure>
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card
        size="small" title={l(`代表视察(${d.visits.length})`, `Supervision visits (${d.visits.length})`)}
        extra={visitor && <Button size="small" onClick={() => setVisiting(true)}>{l('记录视察', 'Record a visit')}</Button>}
      >
        <List
          dataSource={d.visits} locale={{ emptyText: l('还没有视察记录', 'No visits yet') }}
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta title={<Link to={`/activities/${v.activityId}`}>{v.title}</Link>} description={`${formatDateTime(v.startsAt)} · ${v.place} · ${v.deputyNames.join('、')}`} />
            </List.Item>
          )}
        />
      </Card>
      {d.evaluation && (
        <Card size="small" title={l('满意度测评', 'Evaluation')}>
          <Space orientation="vertical">
            <Typography.Text>
              {l(`测评 ${d.evaluation.ratingCount} 人,满意(含基本满意)${d.evaluation.satisfiedCount} 人`, `${d.evaluation.ratingCount} ratings, ${d.evaluation.satisfiedCount} satisfied or mostly`)}
              {d.evaluation.satisfiedPercent !== null && l(`,满意率 ${d.evaluation.satisfiedPercent}%`, `: ${d.evaluation.satisfiedPercent}%`)}
              {l(`(达标线 ${d.evaluation.thresholdPercent}%,截止 ${formatDate(d.evaluation.closesOn)})`, ` (threshold ${d.evaluation.thresholdPercent}%, closes ${formatDate(d.evaluation.closesOn)})`)}
            </Typography.Text>
            {d.evaluation.myRating && <Tag color={RATINGS[d.evaluation.myRating]?.color}>{l('我的测评:', 'My rating: ')}{label(RATINGS[d.evaluation.myRating]!)}</Tag>}
            {me!.role === 'deputy' && d.evaluation.open && !d.evaluation.myRating && <RateButtons projectId={project.id} />}
          </Space>
        </Card>
      )}
      {d.rectifications.length > 0 && (
        <Card size="small" title={l('整改事项', 'Rectification')}>
          <List
            dataSource={d.rectifications}
            renderItem={(r) => (
              <List.Item actions={!r.closedAt && may('close_rectification') ? [<Button key="close" size="small" onClick={() => closeRectification(r.id)}>{l('整改销号', 'Close')}</Button>] : []}>
                <List.Item.Meta
                  title={<Space size={4} wrap>{r.body}<Tag color={r.closedAt ? 'green' : 'orange'}>{r.closedAt ? l('已销号', 'Closed') : l(`期限 ${formatDate(r.dueOn)}`, `Due ${formatDate(r.dueOn)}`)}</Tag></Space>}
                  description={r.closingNote ?? l(`${formatDateTime(r.openedAt)} 提出`, `Opened ${formatDateTime(r.openedAt)}`)}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <VisitDialog project={project} open={visiting} onClose={() => setVisiting(false)} />
    </>
  );
}

/** States from which the project is being carried out (its delivery cards show). */
const DELIVERING = new Set(['in_progress', 'completed', 'evaluated', 'rectifying', 'closed']);

/**
 * A livelihood project: what, where, how much, who proposed it and the cases it answers, its
 * result at the vote, and once adopted its delivery — milestones, spending, photos, deputies'
 * supervision visits, the evaluation and any rectification — with the steps the reader may take
 * (staff, the responsible department's clerk; deputies rate and record visits).
 */
export function ProjectPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const query = useApiQuery<Project>(`/api/livelihood/projects/${id}`);
  const [action, setAction] = useState<ProjectAction | null>(null);
  const p = query.data;
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/livelihood">{l('民生实事项目票决', 'Livelihood projects')}</Link> },
      ...(p ? [{ title: <Link to={`/livelihood/${p.roundId}`}>{l('票决工作', 'Round')}</Link> }] : []),
      { title: p?.title ?? '…' },
    ]} />
  );
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!p) return crumbs;
  // Closing a rectification item is done on the item itself, a milestone's completion on the milestone.
  const buttons = p.actions.filter((a) => !['close_rectification', 'remind', 'evaluate', 'edit', 'link_sources', 'place_on_ballot', 'take_off_ballot', 'adopt', 'reject'].includes(a.action));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {crumbs}
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{p.title}</Typography.Title>
          <Space wrap size={[8, 4]}>
            <ProjectStateTag p={p} />
            <Typography.Text type="secondary">{label(p.originLabel)}{p.proposerLabel ? ` · ${p.proposerLabel}` : ''}{p.proposerPhone ? ` · ${p.proposerPhone}` : ''}</Typography.Text>
          </Space>
          {buttons.length > 0 && (
            <Space wrap>{buttons.map((a, i) => <Button key={a.action} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(a)}>{label(a.label)}</Button>)}</Space>
          )}
        </Space>
      </Card>
      <Descriptions
        size="small" bordered column={narrow ? 1 : 2}
        items={[
          { key: 'where', label: l('地点', 'Where'), children: `${p.regionName} ${p.address}` },
          { key: 'budget', label: l('估算投资', 'Estimate'), children: yuan(p.budgetYuan, l) },
          { key: 'unit', label: l('责任单位', 'Department'), children: p.unitName ?? '—' },
          ...(p.result ? [{
            key: 'result', label: l('票决结果', 'Vote'),
            children: <Space size={4} wrap>{l(`赞成 ${p.result.forCount},反对 ${p.result.againstCount},弃权 ${p.result.abstainCount}`, `${p.result.forCount} for, ${p.result.againstCount} against, ${p.result.abstainCount} abstaining`)}<Tag color={p.result.passed ? 'green' : 'default'}>{p.result.passed ? l('通过', 'Passed') : l('未通过', 'Not passed')}</Tag></Space>,
          }] : []),
          { key: 'description', label: l('建设内容', 'What'), span: narrow ? 1 : 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.description}</Typography.Paragraph> },
        ]}
      />
      {(p.sources.cases.length > 0 || p.sources.activities.length > 0) && (
        <Card size="small" title={l('项目来源', 'Where it comes from')}>
          <List
            size="small"
            dataSource={[
              ...p.sources.cases.map((c) => ({ key: `c${c.id}`, to: `/cases/${c.id}`, text: `${c.trackingCode ?? ''} ${c.summary}`, kind: l('群众意见', 'Opinion') })),
              ...p.sources.activities.map((a) => ({ key: `a${a.id}`, to: `/activities/${a.id}`, text: a.title, kind: l('履职活动', 'Activity') })),
            ]}
            renderItem={(s) => <List.Item><Space><Tag>{s.kind}</Tag><Link to={s.to}>{s.text}</Link></Space></List.Item>}
          />
        </Card>
      )}
      {DELIVERING.has(p.state) && <DeliveryCards project={p} />}
      {p.events.length > 0 && (
        <Card size="small" title={l('办理过程', 'Timeline')}>
          <Timeline items={p.events.map((e) => ({ key: `${e.at}-${e.action}`, children: <><div>{label(e.actionLabel)}{e.actorName ? ` · ${e.actorName}` : ''}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>{e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}</> }))} />
        </Card>
      )}
      <ActionDialog project={p} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
