import { CheckCircleTwoTone, ClockCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Card, Descriptions, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { RatingTag } from '../cases/caseFacts.js';
import { sizeText } from '../../kit/FilePicker.js';
import { AnswerCategoryTag, chineseNumber, SuggestionDeadline } from './facts.js';
import { CONTACT_MODES, CONTACT_STAGES, FILE_PURPOSES, KIND_LABELS, SIGNER_STATUS } from './labels.js';
import type { SuggestionDetail } from './types.js';

type Props = { s: SuggestionDetail };

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

/** 第N届第N次会议 or 第N届闭会期间: when the suggestion was made. */
function sessionText(s: SuggestionDetail, l: (zh: string, en: string) => string): string {
  return s.session
    ? l(`第${chineseNumber(s.term.number)}届第${chineseNumber(s.session.number)}次会议期间`, `Term ${s.term.number}, session ${s.session.number}`)
    : l(`第${chineseNumber(s.term.number)}届闭会期间`, `Term ${s.term.number}, between sessions`);
}

/** What the suggestion says and where it stands: the congress, the session, the dates, the decisions on it. */
export function SuggestionFacts({ s }: Props) {
  const { l, label } = useI18n();
  return (
    <Card>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={l('类型', 'Kind')}>{label(KIND_LABELS[s.kind])}</Descriptions.Item>
        <Descriptions.Item label={l('编号', 'Number')}>{s.numberLabel ?? l('(立案后编号)', '(numbered when registered)')}</Descriptions.Item>
        <Descriptions.Item label={l('提交至', 'Congress')}>{s.congress.name}</Descriptions.Item>
        <Descriptions.Item label={l('提出时间', 'Made')}>{sessionText(s, l)}</Descriptions.Item>
        <Descriptions.Item label={l('类别', 'Category')}>{s.category.name}</Descriptions.Item>
        <Descriptions.Item label={l('涉及区域', 'Region')}>{s.region.name}</Descriptions.Item>
        <Descriptions.Item label={l('提交时间', 'Submitted')}>{formatDateTime(s.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={l('立案时间', 'Registered')}>{formatDateTime(s.registeredAt)}</Descriptions.Item>
        {s.declineReason && <Descriptions.Item label={l('不予立案理由', 'Why declined')} span={2}><div style={pre}>{s.declineReason}</div></Descriptions.Item>}
        {s.convertedCaseId && (
          <Descriptions.Item label={l('转为群众意见', 'Converted into')}><Link to={`/cases/${s.convertedCaseId}`}>{l('查看意见', 'Open the case')}</Link></Descriptions.Item>
        )}
        <Descriptions.Item label={l('公开', 'Public')}>{s.published ? l('公开', 'Published') : l('不公开', 'Not published')}</Descriptions.Item>
        {s.keySupervision && (
          <Descriptions.Item label={l('重点督办', 'Key supervision')} span={2}>
            {l('督办领导', 'Leading official')}:{s.keyLeader ?? '—'}
            {s.keyPlan && <div style={pre}>{s.keyPlan}</div>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={l('案由与理由', 'Reasons')} span={2}><Typography.Paragraph style={pre}>{s.reasons}</Typography.Paragraph></Descriptions.Item>
        <Descriptions.Item label={l('建议内容', 'Proposals')} span={2}><Typography.Paragraph style={pre}>{s.proposals}</Typography.Paragraph></Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 领衔 and 附议: who signed, and who still has to answer the invitation. */
export function SignersCard({ s }: Props) {
  const { l, label } = useI18n();
  return (
    <Card size="small" title={l('提出代表', 'Deputies')} data-testid="suggestion-signers">
      <Space wrap>
        {s.signers.map((g) => (
          <span key={g.deputyId}>
            <Tag color={g.role === 'lead' ? 'red' : SIGNER_STATUS[g.status].color}>
              {g.name} · {g.role === 'lead' ? l('领衔', 'Lead') : label(SIGNER_STATUS[g.status])}
            </Tag>
            {g.phone && <a href={`tel:${g.phone}`}>{g.phone}</a>}
          </span>
        ))}
      </Space>
    </Card>
  );
}

/** The cases and activities the suggestion grows from, each a link. */
export function SourcesCard({ s }: Props) {
  const { l } = useI18n();
  if (!s.sources.cases.length && !s.sources.activities.length) return null;
  return (
    <Card size="small" title={l('来源', 'Grows from')}>
      <List
        size="small"
        dataSource={[
          ...s.sources.cases.map((c) => ({ key: `c${c.id}`, link: c.content === null ? null : `/cases/${c.id}`, title: `${l('群众意见', 'Case')} ${c.trackingCode}`, text: c.content ?? '' })),
          ...s.sources.activities.map((a) => ({ key: `a${a.id}`, link: `/activities/${a.id}`, title: `${l('履职活动', 'Activity')} ${formatDate(a.date)}`, text: a.title })),
        ]}
        renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              {x.link ? <Link to={x.link}>{x.title}</Link> : <Typography.Text>{x.title}</Typography.Text>}
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 560 }}>{x.text}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 交办: the units with their parts and the co-units' views, the dates of the clock, the reassignment requests. */
export function UnitsCard({ s }: Props) {
  const { l } = useI18n();
  if (!s.units.length && !s.reassignments.length) return null;
  return (
    <Card size="small" title={l('交办与办理期限', 'Assignment and deadline')} data-testid="suggestion-units">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 8 }}>
        <Descriptions.Item label={l('交办日期', 'Assigned on')}>{formatDate(s.assignedOn)}{s.complex && <Tag style={{ marginInlineStart: 4 }}>{l('复杂建议', 'Complex')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={l('办理期限', 'Deadline')}><SuggestionDeadline date={s.deadlineDate} overdue={s.overdue} /></Descriptions.Item>
        <Descriptions.Item label={l('申请调整截止', 'Reassignment until')}>{formatDate(s.reassignUntil)}</Descriptions.Item>
        <Descriptions.Item label={l('会办意见截止', 'Co-unit views due')}>{formatDate(s.coViewDue)}</Descriptions.Item>
        {s.round > 1 && <Descriptions.Item label={l('办理轮次', 'Round')}>{l(`第 ${s.round} 轮(重新办理)`, `Round ${s.round} (handled again)`)}</Descriptions.Item>}
      </Descriptions>
      <List
        size="small" dataSource={s.units}
        renderItem={(u) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={u.role === 'lead' ? 'red' : 'blue'}>{u.role === 'lead' ? l('主办', 'Lead') : l('会办', 'Co-unit')}</Tag>
                <Typography.Text strong>{u.name}</Typography.Text>
              </Space>
              {u.part && <Typography.Text type="secondary">{l('承办内容', 'Part')}:{u.part}</Typography.Text>}
              {u.role === 'co' && (u.view
                ? <div><Typography.Text>{l('会办意见', 'View')}({formatDateTime(u.viewAt)}):</Typography.Text><div style={pre}>{u.view}</div></div>
                : <Typography.Text type="secondary">{l('尚未提交会办意见', 'No view sent yet')}</Typography.Text>)}
            </Space>
          </List.Item>
        )}
      />
      {s.reassignments.length > 0 && (
        <List
          size="small" header={<Typography.Text strong>{l('申请调整交办', 'Reassignment requests')}</Typography.Text>} dataSource={s.reassignments}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Typography.Text>{r.unitName} · {formatDateTime(r.requestedAt)}:{r.reason}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.decision === 'granted' ? l('已同意调整', 'Granted') : r.decision === 'refused' ? l('不同意调整', 'Refused') : l('待决定', 'Awaiting decision')}
                  {r.decidedAt && ` · ${formatDateTime(r.decidedAt)}`}{r.decisionComment && `:${r.decisionComment}`}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 办前/办中/办后沟通: how the unit talked with the deputies. */
export function ContactsCard({ s }: Props) {
  const { l, label } = useI18n();
  if (!s.contacts.length) return null;
  return (
    <Card size="small" title={l('与代表沟通', 'Contacts with the deputies')}>
      <Table
        rowKey="id" size="small" pagination={false} dataSource={s.contacts} scroll={{ x: 'max-content' }}
        columns={[
          { title: l('日期', 'On'), dataIndex: 'on', width: 100, render: formatDate },
          { title: l('阶段', 'Stage'), dataIndex: 'stage', width: 90, render: (v: keyof typeof CONTACT_STAGES) => label(CONTACT_STAGES[v]) },
          { title: l('方式', 'How'), dataIndex: 'mode', width: 90, render: (v: keyof typeof CONTACT_MODES) => label(CONTACT_MODES[v]) },
          { title: l('单位', 'Unit'), dataIndex: 'unitName', width: 160 },
          { title: l('情况', 'Note'), dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}

/** 答复函: each round's letter, its category, who signed it, whether on time, and what it commits to. */
export function AnswersCard({ s }: Props) {
  const { l } = useI18n();
  if (!s.answers.length) return null;
  return (
    <Card size="small" title={l('答复', 'Answers')} data-testid="suggestion-answers">
      {s.answers.map((a) => {
        const commitments = s.commitments.filter((c) => c.answerId === a.id);
        return (
          <div key={a.id} style={{ marginBottom: 16 }}>
            <Space wrap style={{ marginBottom: 8 }}>
              {s.answers.length > 1 && <Tag>{l(`第 ${a.round} 轮`, `Round ${a.round}`)}</Tag>}
              <AnswerCategoryTag category={a.category} />
              <Typography.Text>{a.unitName}</Typography.Text>
              <Typography.Text type="secondary">{l('签发', 'Signed by')}:{a.signedBy} · {formatDateTime(a.answeredAt)}</Typography.Text>
              <Tag color={a.onTime ? 'green' : 'red'}>{a.onTime ? l('按期答复', 'On time') : l('逾期答复', 'Late')}</Tag>
            </Space>
            <Typography.Paragraph style={pre}>{a.body}</Typography.Paragraph>
            {commitments.length > 0 && (
              <List
                size="small" bordered header={<Typography.Text strong>{l('承诺事项', 'Commitments')}</Typography.Text>} dataSource={commitments}
                renderItem={(c) => (
                  <List.Item data-testid="suggestion-commitment">
                    <Space direction="vertical" size={0}>
                      <Space wrap>
                        {c.doneAt ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />}
                        <Typography.Text>{c.body}</Typography.Text>
                        <Typography.Text type={c.overdue ? 'danger' : 'secondary'}>{l('期限', 'Due')} {formatDate(c.dueOn)}</Typography.Text>
                        {c.doneAt ? <Tag color="green">{l('已落实', 'Kept')}</Tag> : c.overdue ? <Tag color="red">{l('逾期未落实', 'Overdue')}</Tag> : <Tag>{l('落实中', 'Open')}</Tag>}
                      </Space>
                      {c.doneAt && <Typography.Text type="secondary">{formatDateTime(c.doneAt)}:{c.doneNote}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </div>
        );
      })}
    </Card>
  );
}

/** 代表评价: the lead deputy's and co-signers' ratings, per round. */
export function RatingsCard({ s }: Props) {
  const { l } = useI18n();
  if (!s.ratings.length) return null;
  return (
    <Card size="small" title={l('代表评价', 'Ratings')} data-testid="suggestion-ratings">
      <List
        size="small" dataSource={s.ratings}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Space wrap>
                <RatingTag rating={r.rating} />
                <Typography.Text>{r.deputyName}({r.role === 'lead' ? l('领衔', 'lead') : l('附议', 'co-signer')})</Typography.Text>
                <Typography.Text type="secondary">{s.answers.length > 1 ? l(`第 ${r.round} 轮 · `, `Round ${r.round} · `) : ''}{formatDateTime(r.ratedAt)}</Typography.Text>
              </Space>
              {r.comment && <div style={pre}>{r.comment}</div>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The files: the draft's, the answer's, the co-units' and the follow-ups', public or internal. */
export function FilesCard({ s }: Props) {
  const { l, label } = useI18n();
  if (!s.files.length) return null;
  return (
    <Card size="small" title={l('附件', 'Files')}>
      <List
        size="small" dataSource={s.files}
        renderItem={(f) => (
          <List.Item>
            <Space wrap>
              <PaperClipOutlined />
              <a href={f.url} target="_blank" rel="noreferrer">{f.name}</a>
              <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
              <Tag>{label(FILE_PURPOSES[f.purpose] ?? { zh: f.purpose, en: f.purpose })}</Tag>
              <Tag color={f.public ? 'green' : 'default'}>{f.public ? l('公开', 'Public') : l('内部', 'Internal')}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The timeline: every action with who took it, when, and what they wrote. */
export function TimelineCard({ s }: Props) {
  const { l, label } = useI18n();
  return (
    <Card size="small" title={l('办理记录', 'Timeline')}>
      <Timeline items={s.events.map((e) => ({
        children: (
          <div>
            <Typography.Text strong>{label(e.actionLabel)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{e.actorName} · {formatDateTime(e.at)}</Typography.Text>
            {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
          </div>
        ),
      }))}
      />
    </Card>
  );
}
