import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, qs } from '../../../shared/api.js';
import { percent } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery, useApiRecord } from '../../../shared/query.js';
import { errorText, FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { PeriodPicker, type Period } from '../../kit/PeriodPicker.js';
import type { Answer, Schemas } from '../../../shared/api.js';

type Label = { zh: string; en: string };
/** One of the deputy's terms: a congress's term and its dates (`to` null while it runs). */
type ArchiveTerm = Schemas['ArchiveTerm'];
type DeputyTerms = Answer<'/api/deputies/{id}/terms'>;
type Archive = Schemas['DeputyArchive'];
/** A report-back (述职) of the deputy in the period: its evaluation in counts, its issue list closed or not. */
type ArchiveReportBack = Archive['reportBacks'][number];

const ATTENDANCE_COLOURS: Record<string, string> = { present: 'green', leave: 'orange', absent: 'red' };
const DUTY_COLOURS: Record<string, string> = { held: 'green', missed: 'red', cancelled: 'default', scheduled: 'blue' };

/** 履职档案: a deputy's work over a term, built from the records, with the printable PDF. */
export function ArchivePage() {
  return <RequireAbility ability="archive.read"><ArchiveView /></RequireAbility>;
}

function ArchiveView() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const width = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const period: Period = { from: params.get('from'), to: params.get('to') ?? today };
  const termsQuery = useApiQuery<DeputyTerms>(`/api/deputies/${id}/terms`);
  // Without the list (an error is the archive's to report) the archive covers everything, as before terms were dated.
  const terms: DeputyTerms | null = termsQuery.data ?? (termsQuery.error ? { terms: [], current: null } : null);
  // A term or dates in the address are the reader's choice; otherwise the deputy's running term, which the server names.
  const chosen = params.has('term') || params.has('from') || params.has('to');
  const term = params.get('term') ?? (!chosen && terms?.current != null ? String(terms.current) : null);
  const ready = chosen || terms !== null;
  const query = term ? qs({ term }) : qs({ from: period.from, to: period.to });
  const record = useApiRecord<Archive>(ready ? `/api/deputies/${id}/archive${query}` : null);
  const archive = record.data;
  const load = record.reload;
  const err = record.error;
  const error = err ? err instanceof ApiError && err.code === 'NOT_FOUND' ? l('找不到该代表的履职档案,或您无权查看', 'No such archive within your reach') : errorText(err) : null;
  const [printing, setPrinting] = useState(false);


  async function print() {
    setPrinting(true);
    try {
      await downloadFile(`/api/deputies/${id}/archive.pdf${query}`, `${archive?.deputy.name ?? id}-履职档案.pdf`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setPrinting(false);
    }
  }

  // 平桂区第四届人民代表大会代表 2021-12-10 至今
  const termText = (x: ArchiveTerm) => l(
    `${x.label.zh}代表 ${x.from} 至${x.to ? ` ${x.to}` : '今'}`,
    `Deputy to the ${x.label.en}, ${x.from} – ${x.to ?? 'present'}`,
  );

  if (error) return <LoadError error={error} retry={() => void load()} />;
  if (!archive) return <Spin style={{ display: 'block', margin: 48 }} />;
  const { deputy: d, summary: s } = archive;
  const reportBacks = archive.reportBacks;
  const ways = (o: Archive['opinions'][number]) => [
    o.addressed && l('致本人', 'To them'), o.answeredByDeputy && l('本人答复', 'Answered by them'), o.collectedAtActivity && l('活动中收集', 'At an activity'),
  ].filter(Boolean) as string[];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text><Link to="/deputies">{l('人大代表', 'Deputies')}</Link> / <Link to={`/deputies/${d.id}`}>{d.name}</Link> / {l('履职档案', 'Archive')}</Typography.Text>
      <PageTitle
        title={l(`${d.name} 履职档案`, `${d.name}: performance archive`)}
        extra={<Button type="primary" icon={<FilePdfOutlined />} loading={printing} onClick={() => void print()}>{l('打印 PDF', 'PDF for print')}</Button>}
      />
      <FilterBar>
        {terms && terms.terms.length > 0 && (
          <Select
            aria-label={l('届次', 'Term')} prefix={l('届次', 'Term')} style={width(420, true)} value={term ?? 'period'}
            options={[
              ...terms.terms.map((x) => ({ value: String(x.id), label: termText(x) })),
              { value: 'period', label: l('按时间段查看', 'Choose dates') },
            ]}
            onChange={(v: string) => setParams(v === 'period' ? { to: today } : { term: v }, { replace: true })}
          />
        )}
        {term === null && (
          <PeriodPicker allowAll value={period} style={width}
            onChange={(p) => setParams(Object.fromEntries(Object.entries(p).filter(([, v]) => v).map(([k, v]) => [k, String(v)])), { replace: true })} />
        )}
      </FilterBar>
      <Card size="small" title={l('基本情况', 'The deputy')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'who', label: l('性别 · 民族 · 政治面貌', 'Gender · ethnicity · party'), children: [label(d.gender), d.ethnicity, d.party].filter(Boolean).join(' · ') },
          { key: 'status', label: l('代表状态', 'Status'), children: <>{label(d.status)}{d.specialLiaison && <Tag color="gold" style={{ marginInlineStart: 8 }}>{l('特邀联络员', 'Invited liaison')}</Tag>}</> },
          { key: 'levels', label: l('代表层级', 'Levels'), span: 'filled', children: d.levels.map((x) => `${x.region ?? ''}${label(x.label)}${l(`(第 ${x.term} 届)`, ` (term ${x.term})`)}`).join(l(';', '; ')) || '—' },
          { key: 'stations', label: l('进站情况', 'Stations'), span: 'filled', children: d.stations.map((x) => `${x.name}(${label(x.role)})`).join(l('、', ', ')) || '—' },
          { key: 'constituency', label: l('选区', 'Constituency'), children: d.constituency || '—' },
          { key: 'occupation', label: l('职业', 'Occupation'), children: d.occupation || '—' },
        ]} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={l('出席活动', 'Activities attended')} value={s.activities.present} suffix={`/ ${s.activities.expected}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={l('接待日已接待', 'Reception days held')} value={s.receptionDays.held} suffix={`/ ${s.receptionDays.total}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={l(`联系群众意见(已答复 ${s.opinions.answered})`, `Opinions (${s.opinions.answered} answered)`)} value={s.opinions.total} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={l('群众满意度', 'Satisfaction')} value={percent(s.opinions.satisfactionRate)} /></Card></Col>
      </Row>
      <Card size="small" title={l('履职概况', 'Summary')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'att', label: l('出席 / 请假 / 缺席', 'Present / leave / absent'), children: `${s.activities.present} / ${s.activities.leave} / ${s.activities.absent}` },
          { key: 'kinds', label: l('按类别', 'By kind'), children: s.activities.byKind.map((k) => `${label(k.label)} ${k.count}`).join(l('、', ', ')) || '—' },
          { key: 'duty', label: l('接待日:已接待 / 未接待 / 已取消 / 待接待', 'Rota: held / missed / cancelled / scheduled'), children: `${s.receptionDays.held} / ${s.receptionDays.missed} / ${s.receptionDays.cancelled} / ${s.receptionDays.scheduled}` },
          { key: 'ways', label: l('意见:致本人 / 本人答复 / 活动中收集', 'Opinions: to them / answered / at activities'), children: `${s.opinions.addressed} / ${s.opinions.answeredByDeputy} / ${s.opinions.collectedAtActivities}` },
          { key: 'campaigns', label: l('参加主题活动', 'Campaigns'), children: s.campaigns },
          { key: 'suggestions', label: l('代表建议:领衔 / 附议 / 已答复', 'Suggestions: led / co-signed / answered'), children: `${s.suggestions.led} / ${s.suggestions.cosigned} / ${s.suggestions.answered}` },
          { key: 'livelihood', label: l('民生实事:提出 / 票决通过 / 参加测评', 'Livelihood projects: proposed / adopted / evaluations'), children: `${s.livelihood.proposed} / ${s.livelihood.adopted} / ${s.livelihood.evaluations}` },
          { key: 'budget', label: l('预算审查:参加 / 意见 / 询问 / 绩效评价', 'Budget review: reviews / comments / questions / evaluations'), children: `${s.budget.reviews} / ${s.budget.comments} / ${s.budget.questions} / ${s.budget.evaluations}` },
          { key: 'consultations', label: l('议题征询:议题 / 收集意见 / 关联活动', 'Consultations: topics / views / activities'), children: `${s.consultations.topics} / ${s.consultations.views} / ${s.consultations.activities}` },
          { key: 'points', label: l('履职积分', 'Points'), children: s.points.years.map((y) => l(`${y.year} 年 ${y.points} 分`, `${y.year}: ${y.points}`)).join(l(';', '; ')) || '0' },
        ]} />
      </Card>
      <Card size="small" title={l('参加活动', 'Activities')}>
        <Table rowKey="id" size="small" dataSource={archive.activities} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 640 }}
          locale={{ emptyText: l('期间没有参加活动的记录', 'No activities in this period') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
            { title: l('类别', 'Kind'), dataIndex: 'kindLabel', width: 90, render: (v: Label) => label(v) },
            { title: l('主题', 'Topic'), dataIndex: 'title', render: (t: string, a) => <Link to={`/activities/${a.id}`}>{t}</Link> },
            { title: l('联络站', 'Station'), dataIndex: 'station', render: (v: string | null) => v ?? '—' },
            { title: l('出勤', 'Attendance'), dataIndex: 'attendanceLabel', width: 80, render: (v: Label, a) => <Tag color={ATTENDANCE_COLOURS[a.attendance]}>{label(v)}</Tag> },
          ]} />
      </Card>
      <Card size="small" title={l('联系群众意见', 'Opinions')}>
        <Table rowKey="id" size="small" dataSource={archive.opinions} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 720 }}
          locale={{ emptyText: l('期间没有联系群众意见的记录', 'No opinions in this period') }}
          columns={[
            { title: l('编号', 'Code'), dataIndex: 'trackingCode', width: 120, render: (c: string, o) => <Link to={`/cases/${o.id}`}>{c}</Link> },
            { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
            { title: l('摘要', 'Summary'), dataIndex: 'summary' },
            { title: l('与本人关系', 'How theirs'), key: 'ways', width: 150, render: (_: unknown, o) => <Space size={[4, 4]} wrap>{ways(o).map((w) => <Tag key={w}>{w}</Tag>)}</Space> },
            { title: l('状态', 'State'), dataIndex: 'stateLabel', width: 90, render: (v: Label) => label(v) },
            { title: l('评价', 'Rating'), dataIndex: 'ratingLabel', width: 90, render: (v: Label | null) => (v ? label(v) : '—') },
          ]} />
      </Card>
      <Card size="small" title={l('代表建议', 'Suggestions')}>
        <Table rowKey="id" size="small" dataSource={archive.suggestions} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 640 }}
          locale={{ emptyText: l('期间没有提出或附议建议', 'No suggestions in this period') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
            { title: l('标题', 'Title'), dataIndex: 'title', render: (t: string, x) => <Link to={`/suggestions/${x.id}`}>{x.numberLabel ? `${x.numberLabel} ` : ''}{t}</Link> },
            { title: l('本人', 'Part'), dataIndex: 'role', width: 70, render: (r: string) => (r === 'lead' ? l('领衔', 'Lead') : l('附议', 'Co-signer')) },
            { title: l('状态', 'State'), dataIndex: 'stateLabel', width: 110, render: (v: Label) => label(v) },
            { title: l('评价', 'Rating'), dataIndex: 'ratingLabel', width: 90, render: (v: Label | null) => (v ? label(v) : '—') },
          ]} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('民生实事项目', 'Livelihood projects')}>
            <Table rowKey="id" size="small" dataSource={archive.livelihoodProjects} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: l('期间没有提出民生实事项目', 'No livelihood projects proposed in this period') }}
              columns={[
                { title: l('项目', 'Project'), dataIndex: 'title', render: (t: string, x) => <Link to={`/livelihood/projects/${x.id}`}>{t}</Link> },
                { title: l('年度', 'Year'), dataIndex: 'year', width: 70 },
                { title: l('状态', 'State'), dataIndex: 'stateLabel', width: 100, render: (v: Label) => label(v) },
              ]} />
            {archive.livelihoodEvaluations.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {l('参加满意度测评:', 'Year-end evaluations: ')}
                {archive.livelihoodEvaluations.map((e) => l(`${e.round}(测评 ${e.rated} 个项目)`, `${e.round} (${e.rated} projects rated)`)).join(l(';', '; '))}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('预算审查', 'Budget review')}>
            <Table rowKey="id" size="small" dataSource={archive.budgetReviews} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: l('期间没有参加预算审查', 'No budget reviews in this period') }}
              columns={[
                { title: l('预算审查', 'Review'), dataIndex: 'title', render: (t: string, x) => <Link to={`/budget/${x.id}`}>{t}</Link> },
                { title: l('意见 / 询问 / 评价', 'Comments / questions / evaluations'), key: 'n', width: 130, render: (_: unknown, x) => `${x.comments} / ${x.questions} / ${x.evaluations}` },
              ]} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={l('参与议题征询', 'Consultations')}>
        <Table rowKey="id" size="small" dataSource={archive.consultations} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 560 }}
          locale={{ emptyText: l('期间没有参与议题征询', 'No consultations in this period') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
            { title: l('议题', 'Topic'), dataIndex: 'title', render: (t: string, x) => <Link to={`/consultations/${x.id}`}>{t}</Link> },
            { title: l('收集意见', 'Views'), dataIndex: 'views', width: 80 },
            { title: l('关联活动', 'Activities'), dataIndex: 'activities', width: 80 },
          ]} />
      </Card>
      <Card size="small" title={l('向选民述职', 'Report-backs')} data-testid="archive-report-backs">
        <Table<ArchiveReportBack> rowKey="id" size="small" dataSource={reportBacks} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 560 }}
          locale={{ emptyText: l('期间没有述职', 'No report-backs in this period') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
            { title: l('述职', 'Report-back'), dataIndex: 'title', render: (t: string, x) => <Link to={`/report-backs/${x.id}`}>{t}</Link> },
            { title: l('群众评议', 'Evaluations'), dataIndex: 'evaluationCount', width: 90 },
            { title: l('满意率', 'Satisfied'), dataIndex: 'satisfiedPercent', width: 80, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
            { title: l('问题清单(已办结/总数)', 'Issues (closed / all)'), key: 'issues', width: 150, render: (_: unknown, x) => `${x.issues.closed} / ${x.issues.total}` },
          ]} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('参加主题活动', 'Campaigns')}>
            <Table rowKey="id" size="small" dataSource={archive.campaigns} pagination={false}
              locale={{ emptyText: l('期间没有参加主题活动', 'No campaigns in this period') }}
              columns={[
                { title: l('主题活动', 'Campaign'), dataIndex: 'name' },
                { title: l('出席活动', 'Attended'), dataIndex: 'activities', width: 100 },
              ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('接待日轮值', 'Reception rota')}>
            <Table rowKey={(r) => `${r.date}-${r.station}`} size="small" dataSource={archive.receptionDays} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: l('期间没有接待日轮值', 'No rota days in this period') }}
              columns={[
                { title: l('日期', 'Date'), dataIndex: 'date', width: 100 },
                { title: l('联络站', 'Station'), dataIndex: 'station' },
                { title: l('情况', 'Status'), dataIndex: 'statusLabel', width: 90, render: (v: Label, r) => <Tag color={DUTY_COLOURS[r.status]}>{label(v)}</Tag> },
              ]} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
