import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Modal, Radio, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../shared/i18n.js';
import { CHOICES, yuan } from './labels.js';

export type Choice = 'for' | 'against' | 'abstain';

/** A candidate as the ballot shows it. */
export interface BallotCandidate {
  id: number;
  title: string;
  place?: string | null;
  estimatedBudget?: number | null;
  departmentName?: string | null;
  description?: string | null;
}

/** What is sent: a mark on every candidate (逐项表决), or the chosen candidates (差额选择). */
export type BallotBody = { choices: Record<string, Choice> } | { chosen: number[] };

interface Props {
  mode: 'for_against' | 'choose';
  places: number;
  candidates: BallotCandidate[];
  /** Sends the ballot; resolves once the server has put it in the box. */
  cast(body: BallotBody): Promise<void>;
  /** The words on the button and the confirmation (a deputy's phone, or staff entering a paper ballot). */
  paper?: boolean;
}

/** A candidate's facts under its title: where, how much, who carries it out. */
function CandidateFacts({ c }: { c: BallotCandidate }) {
  const { l } = useI18n();
  const facts = [c.place, c.estimatedBudget !== null && c.estimatedBudget !== undefined ? l(`估算 ${yuan(c.estimatedBudget, l)}`, `Estimate ${yuan(c.estimatedBudget, l)}`) : null, c.departmentName]
    .filter(Boolean).join(' · ');
  return (
    <>
      {facts && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{facts}</Typography.Text>}
      {c.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: l('展开', 'More') }} style={{ margin: '4px 0 0', fontSize: 13 }}>{c.description}</Typography.Paragraph>}
    </>
  );
}

/**
 * The ballot (选票): for each candidate 赞成 / 反对 / 弃权, or a tick on at most `places` of them,
 * with the count of marks always in view; casting asks again, showing the ballot as it will go
 * into the box. The marks live only in this form: nothing is stored on the phone, and after
 * casting they are forgotten (the caller then shows 您已投票).
 */
export function BallotForm({ mode, places, candidates, cast, paper = false }: Props) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const [marks, setMarks] = useState<Record<number, Choice>>({});
  const [chosen, setChosen] = useState<number[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const marked = Object.keys(marks).length;
  const complete = mode === 'choose' ? chosen.length > 0 && chosen.length <= places : marked === candidates.length;

  function toggle(id: number, on: boolean) {
    if (on && chosen.length >= places) {
      message.warning(l(`最多选择 ${places} 项`, `Choose at most ${places}`));
      return;
    }
    setChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  }

  async function send() {
    setBusy(true);
    try {
      await cast(mode === 'choose' ? { chosen } : { choices: Object.fromEntries(Object.entries(marks)) });
      setMarks({});
      setChosen([]);
      setConfirming(false);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const counter = mode === 'choose'
    ? l(`已选 ${chosen.length} 项,最多可选 ${places} 项`, `${chosen.length} chosen, at most ${places}`)
    : l(`已表决 ${marked} / ${candidates.length} 项`, `${marked} of ${candidates.length} marked`);
  const tally = (['for', 'against', 'abstain'] as const).map((c) => `${label(CHOICES[c])} ${Object.values(marks).filter((m) => m === c).length}`).join(' · ');

  return (
    <div data-testid="ballot">
      <Alert
        type="info" showIcon style={{ marginBottom: 12 }}
        title={mode === 'choose'
          ? l(`在以下 ${candidates.length} 个候选项目中,最多选择 ${places} 项。`, `Choose at most ${places} of these ${candidates.length} candidates.`)
          : l(`请对以下 ${candidates.length} 个候选项目逐项表示赞成、反对或弃权。`, `Mark each of these ${candidates.length} candidates for, against or abstain.`)}
      />
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {candidates.map((c, i) => (
          <Card key={c.id} size="small" data-testid="ballot-candidate">
            {mode === 'choose' ? (
              <Checkbox checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} style={{ width: '100%', minHeight: 44 }}>
                <Typography.Text strong>{i + 1}. {c.title}</Typography.Text>
              </Checkbox>
            ) : (
              <Typography.Text strong>{i + 1}. {c.title}</Typography.Text>
            )}
            <div><CandidateFacts c={c} /></div>
            {mode === 'for_against' && (
              <Radio.Group
                value={marks[c.id]} onChange={(e) => setMarks({ ...marks, [c.id]: e.target.value as Choice })}
                optionType="button" buttonStyle="solid" aria-label={c.title}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', marginTop: 8 }}
                options={(['for', 'against', 'abstain'] as const).map((v) => ({ value: v, label: label(CHOICES[v]), style: { textAlign: 'center', height: 40, lineHeight: '38px' } }))}
              />
            )}
          </Card>
        ))}
      </Space>
      <div
        style={{
          position: 'sticky', bottom: 0, zIndex: 5, marginTop: 12, padding: '10px 12px', background: '#fff',
          borderTop: '1px solid #f0f0f0', boxShadow: '0 -2px 8px rgba(0,0,0,0.06)', display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap',
        }}
      >
        <Typography.Text strong data-testid="ballot-count" aria-live="polite" style={{ flex: 1, minWidth: 140 }}>{counter}</Typography.Text>
        <Button type="primary" size="large" disabled={!complete} onClick={() => setConfirming(true)}>
          {paper ? l('录入这张选票', 'Enter this ballot') : l('投票', 'Cast my vote')}
        </Button>
      </div>
      <Modal
        open={confirming} title={paper ? l('确认录入选票', 'Enter this ballot?') : l('确认投票', 'Cast your vote?')}
        okText={paper ? l('确认录入', 'Enter it') : l('确认投票', 'Cast it')} cancelText={l('返回修改', 'Go back')}
        onOk={() => void send()} confirmLoading={busy} onCancel={() => setConfirming(false)} destroyOnHidden
      >
        <Typography.Paragraph>
          {paper
            ? l('录入后不能修改。选票不记录投票人。', 'Once entered it cannot be changed. The ballot records no voter.')
            : l('投票后不能修改,也不能再次投票。您的选择不与您的姓名一起保存,投票后本机也不再显示。', 'Once cast, your vote cannot be changed or cast again. Your choices are not kept with your name, and this phone will not show them again.')}
        </Typography.Paragraph>
        {mode === 'choose' ? (
          <>
            <Typography.Text strong>{l(`您选择了 ${chosen.length} 项:`, `You chose ${chosen.length}:`)}</Typography.Text>
            <ul style={{ paddingLeft: 20, margin: '4px 0 0' }}>
              {candidates.filter((c) => chosen.includes(c.id)).map((c) => <li key={c.id}>{c.title}</li>)}
            </ul>
          </>
        ) : (
          <>
            <Typography.Text strong>{tally}</Typography.Text>
            <ul style={{ paddingLeft: 20, margin: '4px 0 0' }}>
              {candidates.map((c) => {
                const m = marks[c.id];
                return <li key={c.id}>{c.title}:{m && <Tag color={CHOICES[m].color === 'danger' ? 'red' : CHOICES[m].color === 'success' ? 'green' : 'default'}>{label(CHOICES[m])}</Tag>}</li>;
              })}
            </ul>
          </>
        )}
      </Modal>
    </div>
  );
}

/** After casting: 您已投票, and nothing of the choices. */
export function VotedNotice({ title }: { title: string }) {
  const { l } = useI18n();
  return (
    <Result
      icon={<CheckCircleFilled style={{ color: '#389e0d' }} />}
      title={l('您已投票', 'You have voted')} subTitle={<span data-testid="voted">{title}<br />{l('投票是无记名的:系统只记录您已投票,不记录您投了什么。', 'The vote is secret: the system records that you voted, never how.')}</span>}
    />
  );
}
