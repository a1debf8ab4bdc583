import { Button, DotLoading, ErrorBlock, Form, Image, Input, List, ProgressBar, Result, Selector, Steps, Tag, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, formFieldErrors, post, qs, type Answer, type Schemas } from '../shared/api.js';
import { formatDate } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { RegionNav, useRegionTrail } from './RegionNav.js';
import { showDone, showFailure } from './feedback.js';


/** The published livelihood projects and the rounds collecting proposals, as the public routes present them. */
type PublicProjectItem = Schemas['PublicLivelihoodProjectItem'];
type PublicProject = Schemas['PublicLivelihoodProject'];
type CollectingRound = Answer<'/api/public/livelihood/rounds'>['items'][number];

function wan(amount: number, l: (zh: string, en: string) => string): string {
  if (amount >= 10_000) {
    const w = amount / 10_000;
    return l(`${Number.isInteger(w) ? w : w.toFixed(2).replace(/0+$/, '')} 万元`, `¥${amount.toLocaleString('en')}`);
  }
  return l(`${amount} 元`, `¥${amount}`);
}

const DONE = new Set(['completed', 'evaluated', 'rectifying', 'closed']);

/** A project in the list: its title, where, its state and how far along it is. */
function ProjectItem({ p }: { p: PublicProjectItem }) {
  const { l, label } = useI18n();
  return (
    <Link to={`/projects/${p.id}`}>
      <List.Item
        arrowIcon
        description={(
          <>
            <div>{p.regionName} {p.address} · {wan(p.budgetYuan, l)}</div>
            <div style={{ marginTop: 6 }}><ProgressBar percent={p.progressPercent} text={`${p.progressPercent}%`} aria-label={l('进度', 'Progress')} /></div>
          </>
        )}
        extra={<Tag color={DONE.has(p.state) ? 'success' : 'primary'} fill="outline">{label(p.stateLabel)}</Tag>}
      >
        {p.title}
      </List.Item>
    </Link>
  );
}

/**
 * 民生实事项目: the projects the deputies voted into a place's year, with their progress; the
 * place chosen like the station directory's, the year among those that have projects.
 */
export function ProjectListPage() {
  const { l } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const year = params.get('year') ?? '';
  const { trail, children, error } = useRegionTrail(region);
  const list = useApiQuery<{ items: PublicProjectItem[] }>(`/api/public/livelihood/projects${qs({ regionCode: region })}`);

  const all = list.data?.items ?? [];
  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
  const shownYear = year ? Number(year) : years[0];
  const items = all.filter((p) => p.year === shownYear);
  const go = (code: string | null) => setParams(code ? { region: code } : {});

  if (error || list.error) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={error ?? list.error?.message} />;
  return (
    <div>
      <h1 className="lx-title">{l('民生实事项目', 'Livelihood projects')}</h1>
      <p className="lx-hint">{l('由人民代表大会代表票决确定的年度民生实事项目及其实施进度。', 'The projects the deputies voted for each year, and how far each has come.')}</p>
      <RegionNav trail={trail} children={children} go={go} />
      {years.length > 1 && (
        <div style={{ padding: '0 12px 8px' }}>
          <Selector
            aria-label={l('年度', 'Year')} value={shownYear ? [shownYear] : []}
            onChange={(v) => { if (v[0]) setParams({ ...(region && { region }), year: String(v[0]) }); }}
            options={years.map((y) => ({ label: l(`${y} 年`, String(y)), value: y }))}
          />
        </div>
      )}
      {!list.data ? <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div> : (
        <List header={shownYear ? l(`${shownYear} 年民生实事项目 ${items.length} 个`, `${items.length} projects of ${shownYear}`) : l('民生实事项目', 'Projects')}>
          {items.map((p) => <ProjectItem key={p.id} p={p} />)}
        </List>
      )}
      {list.data && items.length === 0 && <ErrorBlock status="empty" title={l('这里还没有公布的民生实事项目', 'No projects published here yet')} description="" />}
      <p className="lx-hint"><Link to={region ? `/projects/propose?region=${region}` : '/projects/propose'}>{l('我要提民生实事项目建议', 'Propose a project')}</Link></p>
    </div>
  );
}

/** A published project: what and where, its vote, its milestones, photos, deputies' visits and the evaluation. */
export function ProjectDetailPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const query = useApiQuery<PublicProject>(`/api/public/livelihood/projects/${id}`);
  const p = query.data;
  if (query.isError) return <ErrorBlock status="empty" title={l('没有这个公布的项目', 'No such published project')} description={<Link to="/projects">{l('全部民生实事项目', 'All projects')}</Link>} />;
  if (!p) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  const congress = label(p.congressName);
  return (
    <div>
      <h1 className="lx-title">{p.title}</h1>
      <div className="lx-target">
        <div>{p.roundTitle}</div>
        <div>{congress}</div>
        {p.forCount !== null && <div>{l(`代表票决赞成 ${p.forCount} 票`, `${p.forCount} deputies voted for it`)}</div>}
      </div>
      <List>
        <List.Item extra={<strong className="lx-result">{label(p.stateLabel)}</strong>}>{l('状态', 'State')}</List.Item>
        <List.Item extra={`${p.regionName} ${p.address}`}>{l('地点', 'Where')}</List.Item>
        {p.unitName && <List.Item extra={p.unitName}>{l('责任单位', 'Department')}</List.Item>}
        <List.Item extra={wan(p.budgetYuan, l)}>{l('估算投资', 'Estimate')}</List.Item>
        <List.Item extra={wan(p.spentYuan, l)}>{l('已完成投资', 'Spent')}</List.Item>
        {p.acceptedOn && <List.Item extra={formatDate(p.acceptedOn)}>{l('验收日期', 'Accepted on')}</List.Item>}
        {p.beneficiaries !== null && <List.Item extra={l(`${p.beneficiaries} 人`, String(p.beneficiaries))}>{l('受益群众', 'People served')}</List.Item>}
        {p.satisfiedPercent !== null && <List.Item extra={`${p.satisfiedPercent}%`}>{l('代表满意度', 'Deputies satisfied')}</List.Item>}
      </List>
      <div className="lx-pad" style={{ margin: '12px 0' }}><ProgressBar percent={p.progressPercent} text={`${p.progressPercent}%`} aria-label={l('进度', 'Progress')} /></div>
      <h2 className="lx-section">{l('建设内容', 'What is built')}</h2>
      <div className="lx-text">{p.description}</div>
      {p.milestones.length > 0 && (
        <>
          <h2 className="lx-section">{l('建设节点', 'Milestones')}</h2>
          <Steps direction="vertical" current={p.milestones.filter((m) => m.doneOn).length}>
            {p.milestones.map((m, i) => (
              <Steps.Step
                key={i} title={m.title} status={m.doneOn ? 'finish' : 'wait'}
                description={m.doneOn ? l(`${formatDate(m.doneOn)} 完成`, `Done ${formatDate(m.doneOn)}`) : l(`计划 ${formatDate(m.plannedOn)}`, `Planned ${formatDate(m.plannedOn)}`)}
              />
            ))}
          </Steps>
        </>
      )}
      {p.photos.length > 0 && (
        <>
          <h2 className="lx-section">{l('进度照片', 'Photos')}</h2>
          <div className="lx-pad" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {p.photos.map((ph) => <Image key={ph.id} src={ph.url} alt={ph.caption || l('进度照片', 'Photo')} width={104} height={78} fit="cover" lazy />)}
          </div>
        </>
      )}
      {p.visits.length > 0 && (
        <List header={l('代表视察', 'Deputies’ visits')}>
          {p.visits.map((v, i) => <List.Item key={i} extra={formatDate(v.day)}>{v.title}</List.Item>)}
        </List>
      )}
      {p.rectifications.length > 0 && (
        <List header={l('整改事项', 'To put right')}>
          {p.rectifications.map((r, i) => (
            <List.Item key={i} description={l(`期限 ${formatDate(r.dueOn)}`, `Due ${formatDate(r.dueOn)}`)} extra={<Tag color={r.closed ? 'success' : 'warning'}>{r.closed ? l('已整改', 'Done') : l('整改中', 'Open')}</Tag>}>{r.body}</List.Item>
          ))}
        </List>
      )}
      <p className="lx-hint"><Link to="/projects">{l('全部民生实事项目', 'All projects')}</Link></p>
    </div>
  );
}

interface ProposalValues { roundId: number[]; title: string; address: string; description: string; name: string; phone?: string }

/**
 * 民生实事项目建议: a constituent proposes a project to a congress whose collection is open (the
 * place chosen in the link, `?region=`), with an optional name and mobile number that only the
 * congress's staff see.
 */
export function ProposePage() {
  const { l } = useI18n();
  const [params] = useSearchParams();
  const region = params.get('region') ?? '';
  const rounds = useApiQuery<{ items: CollectingRound[] }>(`/api/public/livelihood/rounds${qs({ regionCode: region })}`);
  const [form] = Form.useForm<ProposalValues>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ id: number; title: string } | null>(null);
  const open = rounds.data?.items ?? [];

  async function submit(v: ProposalValues) {
    setBusy(true);
    try {
      const r = await post<{ id: number }>('/api/public/livelihood/proposals', {
        roundId: v.roundId[0], title: v.title.trim(), address: v.address.trim(), description: v.description.trim(),
        name: v.name.trim(), phone: v.phone?.trim() || undefined,
      });
      setSent({ id: r.id, title: v.title.trim() });
      showDone(l('建议已提交', 'Proposal sent'));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) form.setFields(formFieldErrors(err) as never);
      showFailure(err, l);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <Result
        status="success" title={l('您的项目建议已提交', 'Your proposal has been sent')}
        description={<span data-testid="proposal-sent">{l(`《${sent.title}》将由人大和政府初选,列入候选的项目由人民代表大会代表票决。`, `“${sent.title}” goes to the congress and government's shortlist; the deputies vote on the shortlisted projects.`)}<br /><Link to="/projects">{l('查看民生实事项目', 'See the projects')}</Link></span>}
      />
    );
  }
  if (rounds.isError) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={rounds.error.message} />;
  if (!rounds.data) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  if (open.length === 0) {
    return <Result status="info" title={l('目前没有正在征集的民生实事项目', 'No collection of project proposals is open now')} description={<Link to="/projects">{l('查看民生实事项目', 'See the projects')}</Link>} />;
  }
  return (
    <div>
      <h1 className="lx-title">{l('民生实事项目建议', 'Propose a livelihood project')}</h1>
      <p className="lx-hint">{l('您提出的项目经人大和政府初选后,由人民代表大会代表无记名投票票决。', 'Proposals are shortlisted by the congress and government, then the deputies vote on them by secret ballot.')}</p>
      <Form
        form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ roundId: open.length === 1 ? [open[0]!.id] : [] }}
        footer={<Button block type="submit" color="primary" size="large" loading={busy}>{l('提交', 'Submit')}</Button>}
      >
        <Form.Item name="roundId" label={l('提交给', 'To')} rules={[{ required: true, message: l('请选择', 'Choose one') }]}>
          <Selector
            columns={1}
            options={open.map((r) => ({ value: r.id, label: r.title, description: l(`征集截止 ${formatDate(r.collectClosesOn)}`, `Until ${formatDate(r.collectClosesOn)}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={l('项目名称', 'Project')} rules={[{ required: true, message: l('请填写项目名称', 'Name the project') }]}>
          <Input maxLength={200} placeholder={l('例如:某村道路硬化', 'e.g. Paving a village road')} />
        </Form.Item>
        <Form.Item name="address" label={l('地点', 'Where')} rules={[{ required: true, message: l('请填写地点', 'Say where') }]}>
          <Input maxLength={200} placeholder={l('村、组、街道', 'Village, group or street')} />
        </Form.Item>
        <Form.Item name="description" label={l('需要解决什么问题,建议怎么做', 'What is needed and how')} rules={[{ required: true, message: l('请填写内容', 'Please write something') }]}>
          <TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="name" label={l('姓名', 'Name')} rules={[{ required: true, message: l('请填写姓名', 'Your name, please') }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="phone" label={l('手机号(选填,仅人大工作人员可见)', 'Mobile (optional, seen only by the congress staff)')}><Input type="tel" maxLength={20} /></Form.Item>
      </Form>
      <p className="lx-hint">{l('姓名和手机号只有人大工作人员能看到,公开页面不显示。', 'Your name and number are seen only by the congress staff, never on public pages.')}</p>
    </div>
  );
}
