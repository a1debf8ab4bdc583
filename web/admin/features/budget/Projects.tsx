import { DeleteOutlined, EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { del, post, put } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { Money, RECOMMENDATIONS, RecommendationTag } from './labels.js';
import type { Opinion, Project, Recommendation, Review } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;
const refresh = () => invalidateApi('/api/budget-reviews', '/api/budget-projects');

interface ProjectValues {
  name: string; category?: string; departmentUnitId?: number | null; amountWan: number; originalAmountWan?: number | null; description?: string; sort?: number;
}

/** A key project's facts, new or edited (while the review is being prepared): amounts entered in 万元, sent in yuan. */
function ProjectForm({ review, project, open, onClose }: { review: Review; project: Project | null; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<ProjectValues>();
  const { busy, run } = useFormWrite(form);
  async function save(v: ProjectValues) {
    const body = {
      name: v.name.trim(), category: v.category?.trim() || undefined, departmentUnitId: v.departmentUnitId ?? undefined,
      amountYuan: Math.round(v.amountWan * 10_000),
      originalAmountYuan: v.originalAmountWan === null || v.originalAmountWan === undefined ? undefined : Math.round(v.originalAmountWan * 10_000),
      description: v.description?.trim() ?? '', sort: v.sort,
    };
    await run(() => (project ? put(`/api/budget-projects/${project.id}`, body) : post(`/api/budget-reviews/${review.id}/projects`, body)),
      l('已保存重点项目', 'Key project saved'), async () => { await refresh(); onClose(); });
  }
  return (
    <Modal
      open={open} title={project ? l('修改重点项目', 'Edit the key project') : l('添加重点项目', 'Add a key project')} onCancel={onClose} onOk={() => form.submit()}
      confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form
        form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="budget-project-form"
        initialValues={project ? {
          name: project.name, category: project.category, departmentUnitId: project.department?.id ?? null, amountWan: project.amountYuan / 10_000,
          originalAmountWan: project.originalAmountYuan === null ? null : project.originalAmountYuan / 10_000, description: project.description, sort: project.sort,
        } : { sort: review.projects.length + 1 }}
      >
        <Form.Item name="name" label={l('项目名称', 'Name')} rules={[{ required: true, whitespace: true, message: l('请填写项目名称', 'Name the project') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="departmentUnitId" label={l('主管部门', 'Department')}>
          <RecordSelect<number> source="units" known={project?.department ? [project.department] : []} />
        </Form.Item>
        <Form.Item name="amountWan" label={l('预算金额(万元)', 'Amount (×10k yuan)')} rules={[{ required: true, message: l('请填写金额', 'Give the amount') }]}>
          <InputNumber min={0} precision={2} style={{ width: 200 }} />
        </Form.Item>
        {review.kind === 'adjustment' && (
          <Form.Item name="originalAmountWan" label={l('年初预算(万元)', 'Original amount (×10k yuan)')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="category" label={l('类别', 'Category')}>
          <Input maxLength={50} placeholder={l('如:民生保障、基础设施', 'e.g. welfare, infrastructure')} />
        </Form.Item>
        <Form.Item name="description" label={l('项目说明', 'Description')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="sort" label={l('排序', 'Order')}>
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The committee's preliminary opinion on one project, or (`project` null) on the review as a whole. */
export function OpinionForm({ review, project, opinion, open, onClose }: {
  review: Review; project: Project | null; opinion: Opinion | null; open: boolean; onClose(): void;
}) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<{ recommendation: Recommendation; body: string }>();
  const { busy, run } = useFormWrite(form);
  async function save(v: { recommendation: Recommendation; body: string }) {
    await run(() => put(`/api/budget-reviews/${review.id}/opinion`, { projectId: project?.id ?? null, recommendation: v.recommendation, body: v.body.trim() }),
      l('已保存初审意见', 'Opinion saved'), async () => { await refresh(); onClose(); });
  }
  return (
    <Modal
      open={open} title={project ? l(`初审意见:${project.name}`, `Opinion: ${project.name}`) : l('总体初审意见', 'General opinion')}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form
        form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="budget-opinion-form"
        initialValues={opinion ? { recommendation: opinion.recommendation, body: opinion.body } : { recommendation: 'agree' }}
      >
        <Form.Item name="recommendation" label={l('审查结论', 'Conclusion')} rules={[{ required: true }]}>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={(Object.keys(RECOMMENDATIONS) as Recommendation[]).map((r) => ({ value: r, label: label(RECOMMENDATIONS[r]) }))}
          />
        </Form.Item>
        <Form.Item name="body" label={l('意见内容', 'Opinion')} rules={[{ required: true, whitespace: true, message: l('请填写意见内容', 'Write the opinion') }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The opinion under a project or the review: its conclusion, text, who recorded it and when. */
export function OpinionText({ opinion }: { opinion: Opinion | null }) {
  const { l } = useI18n();
  if (!opinion) return <Typography.Text type="secondary">{l('尚未提出初审意见', 'Not given yet')}</Typography.Text>;
  return (
    <div>
      <RecommendationTag value={opinion.recommendation} />
      <Typography.Paragraph style={{ ...pre, marginTop: 4 }}>{opinion.body}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{opinion.recordedBy} · {formatDateTime(opinion.recordedAt)}</Typography.Text>
    </div>
  );
}

/**
 * 重点项目: the review's key projects with amount, department, the committee's opinion and the
 * comments on each; each opens on its own page (where deputies comment). Staff and the finance
 * office add and change them while the review is prepared; staff record the opinions while it
 * is open.
 */
export function ProjectsPanel({ review }: { review: Review }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [opining, setOpining] = useState<Project | null>(null);
  const link = (p: Project) => `/budget/${review.id}/projects/${p.id}`;
  const total = review.projects.reduce((n, p) => n + p.amountYuan, 0);

  async function remove(p: Project) {
    try {
      await del(`/api/budget-projects/${p.id}`);
      message.success(l('已删除', 'Deleted'));
      await refresh();
    } catch (err) {
      showError(err, message);
    }
  }
  const tools = (p: Project) => (
    <Space size={4} wrap>
      {review.can.recordOpinions && (
        <Button size="small" onClick={() => setOpining(p)}>{p.opinion ? l('修改初审意见', 'Edit opinion') : l('提出初审意见', 'Give opinion')}</Button>
      )}
      {review.can.editProjects && (
        <>
          <Button size="small" icon={<EditOutlined />} aria-label={l(`修改 ${p.name}`, `Edit ${p.name}`)} onClick={() => setEditing(p)} />
          <Popconfirm title={l('删除该重点项目?', 'Delete this key project?')} onConfirm={() => void remove(p)} okText={l('删除', 'Delete')} cancelText={l('取消', 'Cancel')}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={l(`删除 ${p.name}`, `Delete ${p.name}`)} />
          </Popconfirm>
        </>
      )}
    </Space>
  );
  const commentCount = (p: Project) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {l(`意见 ${p.commentCount}`, `${p.commentCount} comments`)}
      {p.openCommentCount > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>{l(`(待答复 ${p.openCommentCount})`, ` (${p.openCommentCount} open)`)}</Typography.Text>}
    </Typography.Text>
  );
  const columns: TableColumnsType<Project> = [
    { title: l('项目名称', 'Name'), dataIndex: 'name', render: (n: string, p) => <Link to={link(p)}>{n}</Link> },
    { title: l('主管部门', 'Department'), key: 'department', width: 180, render: (_: unknown, p) => p.department?.name ?? '—' },
    {
      title: l('金额', 'Amount'), dataIndex: 'amountYuan', width: 150, align: 'right',
      render: (_: unknown, p) => <>{p.originalAmountYuan !== null && <Typography.Text type="secondary" delete style={{ marginInlineEnd: 4 }}><Money yuan={p.originalAmountYuan} /></Typography.Text>}<Money yuan={p.amountYuan} /></>,
    },
    { title: l('初审意见', 'Opinion'), key: 'opinion', width: 300, render: (_: unknown, p) => (p.opinion ? <Space direction="vertical" size={0}><RecommendationTag value={p.opinion.recommendation} /><Typography.Text ellipsis style={{ maxWidth: 280 }}>{p.opinion.body}</Typography.Text></Space> : '—') },
    { title: l('代表意见', 'Comments'), key: 'comments', width: 130, render: (_: unknown, p) => commentCount(p) },
    ...(review.can.editProjects || review.can.recordOpinions ? [{ title: l('操作', 'Actions'), key: 'tools', width: 200, render: (_: unknown, p: Project) => tools(p) }] : []),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="budget-projects">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text>{l(`共 ${review.projects.length} 个重点项目,合计`, `${review.projects.length} key projects, in all`)} <Money yuan={total} /></Typography.Text>
        {review.can.editProjects && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('添加重点项目', 'Add a key project')}</Button>}
      </Space>
      {narrow ? (
        <List<Project>
          dataSource={review.projects} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('还没有重点项目', 'No key projects yet')} /> }}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="budget-project-card">
              <Link to={link(p)} style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 44 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Paragraph strong style={{ margin: 0, color: '#1f1f1f' }}>{p.name}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.department?.name ?? '—'} · <Money yuan={p.amountYuan} /></Typography.Text>
                  <Space size={[8, 0]} wrap>{p.opinion && <RecommendationTag value={p.opinion.recommendation} />}{commentCount(p)}</Space>
                </div>
                <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
              </Link>
              {(review.can.editProjects || review.can.recordOpinions) && <div style={{ marginTop: 8 }}>{tools(p)}</div>}
            </Card>
          )}
        />
      ) : (
        <Table<Project> rowKey="id" dataSource={review.projects} columns={columns} pagination={false} size="middle" scroll={{ x: 'max-content' }} locale={{ emptyText: l('还没有重点项目', 'No key projects yet') }} />
      )}
      <ProjectForm review={review} project={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <OpinionForm review={review} project={opining} opinion={opining?.opinion ?? null} open={opining !== null} onClose={() => setOpining(null)} />
    </Space>
  );
}
