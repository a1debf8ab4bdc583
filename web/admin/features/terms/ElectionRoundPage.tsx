import { ArrowLeftOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, InputNumber, Modal, Radio, Result, Select, Space, Spin, Steps, Table, Tag, Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, get, post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { errorText, RequireAbility, useNarrow } from '../../kit/common.js';
import { CoverageView, ReadableTheme, TAG_COLORS } from './CoverageView.js';
import { ImportDrawer, type Batch } from '../imports/ImportDrawer.js';
import {
  personKey, personRef, type Coverage, type MemberRole, type Outcome, type Problem, type RoundInput, type RoundInputs, type RoundPlan, type RoundResult,
} from './roundTypes.js';
import { useVocabulary } from '../../kit/vocabulary.js';

/**
 * 换届: the election round of one congress, run from its running term (`/terms/:id/round`).
 * Five steps: the next term; the new roster (the ordinary import, tied to the round); who of
 * the old term is re-elected and who leaves (and stays as 特邀联络员); the stations after the
 * round and a successor for the open cases of those who leave; the preview, then one confirm.
 * Nothing is written before that confirm: the server previews the same plan as often as asked
 * and runs it all or nothing. Its problems come back on the step and row they concern.
 */
export function ElectionRoundPage() {
  return <ReadableTheme><RequireAbility ability="term.round"><RoundScreen /></RequireAbility></ReadableTheme>;
}

interface Draft {
  number: number | null;
  startsOn: string | null;
  roster: Batch | null;
  outcomes: Record<number, Outcome>;
  liaisons: Record<number, boolean>;
  /** 编组进站 overrides by person key (`d12`, `r3`): their whole set of stations in the region. */
  memberships: Record<string, { stationId: number; role: MemberRole }[]>;
  /** stationId → person key of the successor. */
  successors: Record<number, string>;
}

const STEP_NEXT = 0;
const STEP_ROSTER = 1;
const STEP_DEPUTIES = 2;
const STEP_STATIONS = 3;
const STEP_PREVIEW = 4;

/** The step a problem belongs to, by its path; a roster row naming a deputy marked as leaving is settled on that deputy's row. */
function stepOf(p: Problem): number {
  if (p.path.startsWith('next')) return STEP_NEXT;
  if (p.code === 'ROUND_ROSTER_LEAVING') return STEP_DEPUTIES;
  if (p.path.startsWith('roster')) return STEP_ROSTER;
  if (p.path.startsWith('deputies')) return STEP_DEPUTIES;
  return STEP_STATIONS;
}

function bodyOf(inputs: RoundInputs, d: Draft): RoundInput {
  const memberships = Object.entries(d.memberships).map(([key, stations]) => ({ ...personRef(key), stations }));
  const successors = Object.entries(d.successors).map(([stationId, key]) => ({ ...personRef(key), stationId: Number(stationId) }));
  return {
    version: inputs.term.version,
    next: { number: d.number ?? 0, startsOn: d.startsOn ?? '' },
    deputies: inputs.deputies.filter((x) => d.outcomes[x.id]).map((x) => ({
      deputyId: x.id, outcome: d.outcomes[x.id]!,
      ...(d.outcomes[x.id] === 'leaves' && d.liaisons[x.id] && { specialLiaison: true }),
    })),
    ...(d.roster && { rosterImportId: d.roster.id }),
    ...(memberships.length > 0 && { memberships }),
    ...(successors.length > 0 && { successors }),
  };
}

function RoundScreen() {
  const { l, label } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const { message, modal } = App.useApp();
  const [inputs, setInputs] = useState<RoundInputs | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({ number: null, startsOn: null, roster: null, outcomes: {}, liaisons: {}, memberships: {}, successors: {} });
  const [step, setStep] = useState(STEP_NEXT);
  const [reached, setReached] = useState(STEP_NEXT);
  const [plan, setPlan] = useState<{ plan: RoundPlan; sent: RoundInput } | null>(null);
  const [problems, setProblems] = useState<{ list: Problem[]; sent: RoundInput } | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RoundResult | null>(null);
  const [importing, setImporting] = useState(false);
  const [highlightUndecided, setHighlightUndecided] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Previews answer in any order: only the latest one asked for is shown.
  const asked = useRef(0);

  const load = useCallback(async () => {
    try {
      const answer = await get<RoundInputs>(`/api/terms/${id}/round`);
      setInputs(answer);
      setDraft((d) => ({ ...d, number: d.number ?? answer.suggested.number, startsOn: d.startsOn ?? answer.suggested.startsOn }));
      setLoadError(null);
    } catch (err) { setLoadError(errorText(err)); }
  }, [id]);
  useEffect(() => { void load(); }, [load]);

  /** Asks the server what the plan would do; writes nothing. */
  const preview = useCallback(async (d: Draft): Promise<RoundPlan | null> => {
    if (!inputs) return null;
    const sent = bodyOf(inputs, d);
    const ask = ++asked.current;
    setBusy(true);
    try {
      const answer = await post<RoundPlan>(`/api/terms/${inputs.term.id}/round/preview`, sent);
      if (ask !== asked.current) return null;
      setPlan({ plan: answer, sent });
      setProblems({ list: answer.problems, sent });
      return answer;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        message.warning(l('该届次刚被他人修改,已重新载入', 'Someone else just changed this term; it has been reloaded'));
        void load();
      } else {
        message.error(errorText(err));
      }
      return null;
    } finally {
      if (ask === asked.current) setBusy(false);
    }
  }, [inputs, message, l, load]);

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const problemList = problems?.list ?? [];
  const stepProblems = (s: number) => problemList.filter((p) => stepOf(p) === s);

  function goTo(next: number) {
    setStep(next);
    setReached((r) => Math.max(r, next));
    if (next >= STEP_STATIONS) void preview(draft);
    heading.current?.focus();
  }

  /** Next: the server checks the plan so far; problems of this step keep the clerk on it. */
  async function forward() {
    if (step === STEP_DEPUTIES && inputs?.deputies.some((x) => !draft.outcomes[x.id])) {
      setHighlightUndecided(true);
      message.error(l('请为每位上届代表选择“连任”或“离任”', 'Choose re-elected or leaves for every deputy'));
      return;
    }
    const answer = await preview(draft);
    if (!answer) return;
    if (answer.problems.some((p) => stepOf(p) === step)) {
      message.error(l('本步有问题需要处理,见下方提示', 'This step has problems to resolve; see below'));
      return;
    }
    goTo(step + 1);
  }

  async function applyRoster(batch: Batch) {
    setImporting(false);
    const withRoster = { ...draft, roster: batch };
    setDraft(withRoster);
    const answer = await preview(withRoster);
    if (!answer || !inputs) return;
    // Deputies the roster names again are re-elected; the others, not yet decided, leave. The clerk reviews both in the next step.
    const matched = new Set(answer.roster.flatMap((r) => (r.match ? [r.match.deputyId] : [])));
    const outcomes = { ...withRoster.outcomes };
    for (const x of inputs.deputies) outcomes[x.id] ??= matched.has(x.id) ? 're_elected' : 'leaves';
    setDraft({ ...withRoster, outcomes });
  }

  function run() {
    if (!inputs || !plan) return;
    const p = plan.plan;
    modal.confirm({
      title: l('确认执行换届?', 'Run the election round?'),
      content: l(
        `${label(p.closing.name)}于 ${p.closing.endsOn} 结束,${label(p.next.name)}自 ${p.next.startsOn} 起。连任 ${p.counts.reElected} 名,离任 ${p.counts.leaving} 名,新一届代表共 ${p.counts.newTermDeputies} 名,移交意见 ${p.counts.casesHandedOver} 件。全部一次完成,并记入审计日志。`,
        `${label(p.closing.name)} ends on ${p.closing.endsOn}; ${label(p.next.name)} begins on ${p.next.startsOn}. ${p.counts.reElected} re-elected, ${p.counts.leaving} leaving, ${p.counts.newTermDeputies} deputies in the new term, ${p.counts.casesHandedOver} cases handed over. All of it happens at once and is audited.`,
      ),
      okText: l('执行换届', 'Run the round'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        const sent = bodyOf(inputs, draft);
        try {
          setResult(await post<RoundResult>(`/api/terms/${inputs.term.id}/round`, sent));
          message.success(l('换届完成', 'The round is done'));
          heading.current?.focus();
        } catch (err) {
          if (!(err instanceof ApiError)) { message.error(errorText(err)); return; }
          if (err.code === 'ROUND_BLOCKED') {
            const list = (err.details.problems as Problem[] | undefined) ?? err.fields.map((f) => ({ ...f }));
            setProblems({ list, sent });
            message.error(err.message);
          } else if (err.code === 'CONFLICT') {
            message.warning(l('该届次刚被他人修改,已重新载入,请再预览一次', 'Someone else just changed this term; it has been reloaded, preview again'));
            void load();
          } else if (err.code === 'IMPORT_STALE') {
            message.error(err.message);
            setDraft((d) => ({ ...d, roster: null }));
            setStep(STEP_ROSTER);
          } else {
            message.error(err.message);
          }
        }
      },
    });
  }

  const title = (
    <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} ref={heading} tabIndex={-1}>
      {l('换届', 'Election round')}{inputs ? `${l(':', ': ')}${label(inputs.term.name)}` : ''}
    </Typography.Title>
  );
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/terms')}>{l('返回届次列表', 'Back to the terms')}</Button>;
  const header = (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>{title}{back}</div>
  );

  if (loadError) {
    return <Space orientation="vertical" style={{ width: '100%' }}>{header}<Alert type="error" showIcon role="alert" title={loadError} /></Space>;
  }
  if (!inputs) return <Space orientation="vertical" style={{ width: '100%' }}>{header}<Spin /></Space>;

  if (result) return <>{header}<RoundDone result={result} /></>;

  const stepStatus = (s: number) => (stepProblems(s).length > 0 && s <= reached ? 'error' as const : undefined);
  const steps = [
    { title: l('新一届', 'Next term') },
    { title: l('代表名单', 'New roster') },
    { title: l('代表去留', 'Old deputies') },
    { title: l('编组进站', 'Stations') },
    { title: l('预览执行', 'Preview & run') },
  ].map((x, i) => ({ ...x, status: stepStatus(i), disabled: i > reached }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {header}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {l(
          '本届届满,下届人大首次会议召开时换届:结束本届、开启下届,连任代表转入下届,离任代表转为往届(可聘为特邀联络员),新当选代表随花名册导入,联络站编组和离任代表手中未办结的意见一并交接。执行前不会写入任何数据。',
          'When the next congress first meets: the running term ends and the next begins, re-elected deputies carry over, those who leave become former deputies (some kept as invited liaisons), new deputies come in with the roster, and the stations and the open cases of those leaving are handed over. Nothing is written before you run it.',
        )}
      </Typography.Paragraph>
      <Steps
        current={step} items={steps} size="small" orientation={narrow ? 'vertical' : 'horizontal'}
        onChange={(s) => { if (s <= reached) goTo(s); }}
      />
      <StepProblems list={stepProblems(step).filter((p) => step !== STEP_DEPUTIES || p.code !== 'ROUND_DEPUTY_MISSING' || highlightUndecided)} />
      {step === STEP_NEXT && <NextStep inputs={inputs} draft={draft} update={update} problems={stepProblems(STEP_NEXT)} />}
      {step === STEP_ROSTER && (
        <RosterStep
          serving={new Set(inputs.deputies.map((x) => x.id))} draft={draft} plan={plan?.plan ?? null} busy={busy}
          onUpload={() => setImporting(true)}
          onDrop={() => { const d = { ...draft, roster: null }; setDraft(d); void preview(d); }}
        />
      )}
      {step === STEP_DEPUTIES && (
        <DeputiesStep
          inputs={inputs} draft={draft} update={update} plan={plan?.plan ?? null}
          problems={problems} highlightUndecided={highlightUndecided}
        />
      )}
      {step === STEP_STATIONS && (
        <StationsStep
          inputs={inputs} draft={draft} plan={plan?.plan ?? null} problems={problems} busy={busy}
          change={(change) => { const d = { ...draft, ...change }; setDraft(d); void preview(d); }}
        />
      )}
      {step === STEP_PREVIEW && (
        <PreviewStep plan={plan?.plan ?? null} busy={busy} problems={problemList} goTo={goTo} />
      )}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Button disabled={step === STEP_NEXT} onClick={() => goTo(step - 1)}>{l('上一步', 'Back')}</Button>
        {step < STEP_PREVIEW ? (
          <Button type="primary" loading={busy} onClick={() => void forward()}>{l('下一步', 'Next')}</Button>
        ) : (
          <Button type="primary" disabled={busy || !plan?.plan.ok || problemList.length > 0} onClick={run}>
            {l('执行换届', 'Run the round')}
          </Button>
        )}
      </Space>
      <ImportDrawer
        kind="deputies" open={importing} termId={inputs.term.id} onUse={(b) => void applyRoster(b)}
        onClose={() => setImporting(false)} onImported={() => {}}
      />
    </Space>
  );
}

function StepProblems({ list }: { list: Problem[] }) {
  const { l } = useI18n();
  if (list.length === 0) return null;
  return (
    <Alert
      type="error" showIcon role="alert"
      title={l(`本步有 ${list.length} 个问题`, `${list.length} problems in this step`)}
      description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{list.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
    />
  );
}

const fieldHelp = (problems: Problem[], path: string) => {
  const found = problems.filter((p) => p.path === path);
  return found.length ? { validateStatus: 'error' as const, help: found.map((p) => p.message).join(';') } : {};
};

function NextStep({ inputs, draft, update, problems }: { inputs: RoundInputs; draft: Draft; update(c: Partial<Draft>): void; problems: Problem[] }) {
  const { l, label } = useI18n();
  const ends = draft.startsOn ? dayjs(draft.startsOn).subtract(1, 'day').format('YYYY-MM-DD') : '—';
  return (
    <Form layout="vertical" style={{ maxWidth: 520 }}>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={l('本届', 'Running term')}>{label(inputs.term.name)}</Descriptions.Item>
        <Descriptions.Item label={l('本届起始', 'Began on')}>{inputs.term.startsOn}</Descriptions.Item>
        <Descriptions.Item label={l('本届代表', 'Serving deputies')}>{inputs.deputies.length}</Descriptions.Item>
        <Descriptions.Item label={l('本届结束于', 'Will end on')}>{ends}</Descriptions.Item>
      </Descriptions>
      <Form.Item label={l('新一届届次(第几届)', 'Next term\'s number')} htmlFor="round-number" required {...fieldHelp(problems, 'next.number')}>
        <InputNumber id="round-number" min={1} max={30} value={draft.number} onChange={(v) => update({ number: v ?? null })} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item
        label={l('新一届起始日期(首次会议)', 'Next term\'s first day (first session)')} htmlFor="round-starts" required
        extra={l('本届于其前一日结束。', 'The running term ends the day before.')} {...fieldHelp(problems, 'next.startsOn')}
      >
        <DatePicker
          id="round-starts" allowClear={false} style={{ width: 180 }}
          value={draft.startsOn ? dayjs(draft.startsOn) : null}
          onChange={(v) => update({ startsOn: v ? v.format('YYYY-MM-DD') : null })}
        />
      </Form.Item>
    </Form>
  );
}

function RosterStep({ serving, draft, plan, busy, onUpload, onDrop }: {
  serving: Set<number>; draft: Draft; plan: RoundPlan | null; busy: boolean; onUpload(): void; onDrop(): void;
}) {
  const { l, label } = useI18n();
  const roster = plan && draft.roster ? plan.roster : [];
  type Row = RoundPlan['roster'][number];
  const matchTag = (r: Row) => {
    if (!r.match) return <Tag color={TAG_COLORS.green}>{l('新代表', 'New deputy')}</Tag>;
    if (r.match.status === 'former') return <Tag color="purple">{l('往届代表再次当选', 'Former deputy elected again')}</Tag>;
    if (serving.has(r.match.deputyId)) return <Tag color="blue">{l('已登记代表(连任)', 'Registered deputy (re-elected)')}</Tag>;
    return <Tag color="blue">{l('已登记的其他层级代表', 'Registered deputy of another congress')}</Tag>;
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {l(
          '上传新一届当选代表的花名册(用代表花名册导入模板)。已登记的人员会自动匹配,不会重复建档;连任的上届代表也可以不列入,在下一步标记为“连任”即可。花名册可不上传。',
          'Upload the roster of the newly elected deputies (the ordinary roster template). People already registered are matched, not duplicated; re-elected deputies may also be left out and marked re-elected in the next step. The roster is optional.',
        )}
      </Typography.Paragraph>
      <Space wrap>
        <Button type={draft.roster ? 'default' : 'primary'} icon={<UploadOutlined />} onClick={onUpload}>
          {draft.roster ? l('更换花名册文件', 'Choose another roster') : l('上传花名册', 'Upload the roster')}
        </Button>
        {draft.roster && <Button onClick={onDrop}>{l('不使用花名册', 'Go without a roster')}</Button>}
      </Space>
      {draft.roster && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={l('文件', 'File')}>{draft.roster.filename}</Descriptions.Item>
            <Descriptions.Item label={l('数据行', 'Rows')}>{draft.roster.totalRows}</Descriptions.Item>
            <Descriptions.Item label={l('匹配已登记人员', 'Matched')}>{plan?.counts.rosterMatched ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={l('新代表', 'New deputies')}>{plan?.counts.rosterNew ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table<Row>
            rowKey="row" size="small" loading={busy} dataSource={roster} pagination={roster.length > 50 ? { pageSize: 50 } : false} scroll={{ x: 640 }}
            columns={[
              { title: l('行号', 'Row'), dataIndex: 'row', width: 64 },
              { title: l('姓名', 'Name'), dataIndex: 'name', width: 110 },
              {
                title: l('匹配', 'Match'), key: 'match', width: 260,
                render: (_: unknown, r: Row) => (
                  <Space size={4} wrap>
                    {matchTag(r)}
                    {r.match && <Typography.Text type="secondary">{r.match.by === 'phone' ? l('按姓名+手机', 'by name and mobile') : l('按姓名+出生年份', 'by name and year of birth')}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: l('联络站', 'Stations'), key: 'stations',
                render: (_: unknown, r: Row) => (r.stations.length ? r.stations.map((s) => `${s.name}(${label(s.roleLabel)})`).join('、') : '—'),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

function DeputiesStep({ inputs, draft, update, plan, problems, highlightUndecided }: {
  inputs: RoundInputs; draft: Draft; update(c: Partial<Draft>): void; plan: RoundPlan | null;
  problems: { list: Problem[]; sent: RoundInput } | null; highlightUndecided: boolean;
}) {
  const { l, label } = useI18n();
  const vocabulary = useVocabulary();
  type Row = RoundInputs['deputies'][number];
  const rosterRowOf = new Map((draft.roster && plan ? plan.roster : []).flatMap((r) => (r.match ? [[r.match.deputyId, r.row] as const] : [])));
  const problemsOf = (deputyId: number) => (problems?.list ?? []).filter((p) => {
    if (stepOf(p) !== STEP_DEPUTIES) return false;
    if (p.details?.deputyId === deputyId) return p.code !== 'ROUND_DEPUTY_MISSING' || highlightUndecided;
    const m = /^deputies\.(\d+)/.exec(p.path);
    return m ? problems!.sent.deputies[Number(m[1])]?.deputyId === deputyId : false;
  });
  const setAll = (outcome: Outcome) => update({ outcomes: Object.fromEntries(inputs.deputies.map((x) => [x.id, outcome])) });
  const counts = {
    re: inputs.deputies.filter((x) => draft.outcomes[x.id] === 're_elected').length,
    leaves: inputs.deputies.filter((x) => draft.outcomes[x.id] === 'leaves').length,
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>
          {l(`上届代表 ${inputs.deputies.length} 名:连任 ${counts.re},离任 ${counts.leaves},未选 ${inputs.deputies.length - counts.re - counts.leaves}`,
            `${inputs.deputies.length} deputies: ${counts.re} re-elected, ${counts.leaves} leaving, ${inputs.deputies.length - counts.re - counts.leaves} undecided`)}
        </Typography.Text>
        <Button size="small" onClick={() => setAll('re_elected')}>{l('全部连任', 'All re-elected')}</Button>
        <Button size="small" onClick={() => setAll('leaves')}>{l('全部离任', 'All leave')}</Button>
      </Space>
      <Table<Row>
        rowKey="id" size="small" dataSource={inputs.deputies} pagination={inputs.deputies.length > 50 ? { pageSize: 50 } : false} scroll={{ x: 900 }}
        rowClassName={(x) => (highlightUndecided && !draft.outcomes[x.id] ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: l('姓名', 'Name'), dataIndex: 'name', width: 130, fixed: 'left',
            render: (name: string, x: Row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{name}</Typography.Text>
                {rosterRowOf.has(x.id) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`花名册第 ${rosterRowOf.get(x.id)} 行`, `Roster row ${rosterRowOf.get(x.id)}`)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: l('去留', 'Outcome'), key: 'outcome', width: 190,
            render: (_: unknown, x: Row) => {
              const mine = problemsOf(x.id);
              return (
                <Space orientation="vertical" size={2}>
                  <Radio.Group
                    aria-label={l(`${x.name}的去留`, `${x.name}: outcome`)} value={draft.outcomes[x.id] ?? null}
                    onChange={(e) => update({ outcomes: { ...draft.outcomes, [x.id]: e.target.value as Outcome } })}
                    options={[{ value: 're_elected', label: l('连任', 'Re-elected') }, { value: 'leaves', label: l('离任', 'Leaves') }]}
                  />
                  {mine.map((p, i) => <Typography.Text key={i} type="danger" role="alert" style={{ fontSize: 12 }}>{p.message}</Typography.Text>)}
                  {highlightUndecided && !draft.outcomes[x.id] && <Typography.Text type="danger" style={{ fontSize: 12 }}>{l('请选择', 'Choose one')}</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: l('特邀联络员', 'Invited liaison'), key: 'liaison', width: 130,
            render: (_: unknown, x: Row) => (
              <Checkbox
                disabled={draft.outcomes[x.id] !== 'leaves'} checked={draft.outcomes[x.id] === 'leaves' && Boolean(draft.liaisons[x.id])}
                onChange={(e) => update({ liaisons: { ...draft.liaisons, [x.id]: e.target.checked } })}
              >
                {l('聘为特邀联络员', 'Keep as liaison')}
              </Checkbox>
            ),
          },
          {
            title: l('所在联络站', 'Stations'), key: 'stations', width: 240,
            render: (_: unknown, x: Row) => (x.stations.length
              ? <Space size={[4, 4]} wrap>{x.stations.map((s) => <Tag key={s.id}>{s.name} · {label(s.roleLabel)}</Tag>)}</Space>
              : <Typography.Text type="warning">{l('未进站', 'None')}</Typography.Text>),
          },
          {
            title: l('其他层级', 'Other seats'), key: 'seats', width: 150,
            render: (_: unknown, x: Row) => (x.otherSeats.length
              ? <Space size={[4, 4]} wrap>{x.otherSeats.map((s) => <Tag key={`${s.level}-${s.term}`} color="red">{label(s.levelLabel) || vocabulary.text('deputyLevels', s.level)}</Tag>)}</Space>
              : '—'),
          },
          {
            title: l('未办结意见', 'Open cases'), dataIndex: 'openCases', width: 100, align: 'right',
            render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : 0),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {l(
          '离任代表转为往届代表、退出所在联络站(同时担任其他层级代表的除外);聘为特邀联络员的保留联络站,站长改为联络员。离任代表未办结的意见,在下一步由所在联络站指定接办代表。',
          'Deputies who leave become former deputies and leave their stations (unless they sit in another congress); invited liaisons keep their stations, a head becoming a liaison officer. The next step names who takes over their open cases at each station.',
        )}
      </Typography.Paragraph>
    </Space>
  );
}

interface Person { key: string; name: string; kind: 're' | 'liaison' | 'roster' }

function StationsStep({ inputs, draft, plan, problems, busy, change }: {
  inputs: RoundInputs; draft: Draft; plan: RoundPlan | null; problems: { list: Problem[]; sent: RoundInput } | null; busy: boolean;
  change(c: Partial<Draft>): void;
}) {
  const { l, label } = useI18n();
  const [editing, setEditing] = useState<Person | null>(null);
  const list = problems?.list ?? [];
  if (!plan) return <Spin />;
  const coverage = plan.coverage;

  // Who needs a successor: stations with open cases of deputies who leave.
  const byStation = new Map<number, { name: string; cases: RoundPlan['handovers'] }>();
  for (const h of plan.handovers) {
    const entry = byStation.get(h.station.id) ?? { name: h.station.name, cases: [] };
    entry.cases.push(h);
    byStation.set(h.station.id, entry);
  }
  for (const p of list) {
    const sid = Number(p.details?.stationId);
    if (p.code === 'ROUND_SUCCESSOR_MISSING' && sid && !byStation.has(sid)) {
      byStation.set(sid, { name: String(p.details?.station ?? inputs.stations.find((s) => s.id === sid)?.name ?? sid), cases: [] });
    }
  }
  for (const sid of Object.keys(draft.successors).map(Number)) {
    if (!byStation.has(sid)) byStation.set(sid, { name: inputs.stations.find((s) => s.id === sid)?.name ?? String(sid), cases: [] });
  }
  const successorProblems = (stationId: number) => list.filter((p) => {
    if (p.code === 'ROUND_SUCCESSOR_MISSING') return Number(p.details?.stationId) === stationId;
    const m = /^successors\.(\d+)/.exec(p.path);
    return m ? problems!.sent.successors?.[Number(m[1])]?.stationId === stationId : false;
  });
  const candidates = (stationId: number) => (coverage.stations.find((s) => s.id === stationId)?.deputies ?? [])
    .filter((d) => !d.specialLiaison)
    .map((d) => ({
      value: personKey({ deputyId: d.id, rosterRow: d.id === null ? d.rosterRow : null }),
      label: `${d.name}(${label(d.roleLabel)}${d.thisTerm ? '' : l(',其他层级代表', ', another congress')})`,
    }));

  // The people whose stations the round sets: re-elected, invited liaisons, roster rows.
  const people: Person[] = [];
  const seen = new Set<string>();
  const add = (p: Person) => { if (!seen.has(p.key)) { seen.add(p.key); people.push(p); } };
  for (const x of inputs.deputies) {
    if (draft.outcomes[x.id] === 're_elected') add({ key: `d${x.id}`, name: x.name, kind: 're' });
    else if (draft.outcomes[x.id] === 'leaves' && draft.liaisons[x.id]) add({ key: `d${x.id}`, name: x.name, kind: 'liaison' });
  }
  for (const r of draft.roster ? plan.roster : []) {
    if (r.match && seen.has(`d${r.match.deputyId}`)) continue;
    add({ key: r.match ? `d${r.match.deputyId}` : `r${r.row}`, name: r.name, kind: 'roster' });
  }
  const stationsOf = (key: string) => coverage.stations.flatMap((s) => s.deputies
    .filter((d) => personKey({ deputyId: d.id, rosterRow: d.id === null ? d.rosterRow : null }) === key)
    .map((d) => ({ stationId: s.id, name: s.name, role: d.role, roleLabel: d.roleLabel })));
  const membershipProblems = (key: string) => list.filter((p) => {
    const m = /^memberships\.(\d+)/.exec(p.path);
    const sent = m ? problems!.sent.memberships?.[Number(m[1])] : undefined;
    return sent ? personKey(sent) === key : false;
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <section aria-labelledby="round-coverage">
        <Typography.Title level={2} id="round-coverage" style={{ fontSize: 16 }}>{l('换届后的编组进站', 'Stations after the round')}</Typography.Title>
        <Spin spinning={busy}><CoverageView coverage={coverage} testId="plan-coverage" /></Spin>
      </section>

      <section aria-labelledby="round-successors">
        <Typography.Title level={2} id="round-successors" style={{ fontSize: 16 }}>{l('离任代表未办结意见的接办代表', 'Successors for the open cases of those leaving')}</Typography.Title>
        {byStation.size === 0 ? (
          <Typography.Text type="secondary">{l('离任代表没有未办结的意见,无需指定接办代表。', 'The deputies who leave hold no open cases: no successor needed.')}</Typography.Text>
        ) : (
          <Form layout="vertical" component="div">
            {[...byStation.entries()].map(([stationId, s]) => {
              const mine = successorProblems(stationId);
              const options = candidates(stationId);
              return (
                <Form.Item
                  key={stationId}
                  label={l(`${s.name}:${s.cases.length} 件意见`, `${s.name}: ${s.cases.length} cases`)} htmlFor={`successor-${stationId}`}
                  validateStatus={mine.length ? 'error' : undefined} help={mine.length ? mine.map((p) => p.message).join(';') : undefined}
                  extra={s.cases.length > 0 && s.cases.map((c) => `${c.trackingCode}(${c.from.name},${label(c.stateLabel)})`).join('、')}
                >
                  <Select
                    id={`successor-${stationId}`} style={{ width: '100%', maxWidth: 360 }} placeholder={l('选择接办代表', 'Choose the successor')}
                    options={options} value={draft.successors[stationId] ?? null}
                    notFoundContent={l('本站换届后没有在任代表,请先在下方调整进站', 'No serving deputy at the station after the round: assign one below first')}
                    onChange={(v: string) => change({ successors: { ...draft.successors, [stationId]: v } })}
                  />
                </Form.Item>
              );
            })}
          </Form>
        )}
      </section>

      <section aria-labelledby="round-members">
        <Typography.Title level={2} id="round-members" style={{ fontSize: 16 }}>{l('调整进站', 'Assign to stations')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {l('默认:连任代表留在原站,特邀联络员保留联络站,新代表按花名册“所在联络站”进站。可逐人调整本区划内的进站与职责。',
            'By default re-elected deputies keep their stations, invited liaisons keep theirs, new deputies join the stations their roster row names. Change anyone\'s stations in the region here.')}
        </Typography.Paragraph>
        <Table<Person>
          rowKey="key" size="small" dataSource={people} pagination={people.length > 50 ? { pageSize: 50 } : false} scroll={{ x: 640 }}
          columns={[
            { title: l('姓名', 'Name'), dataIndex: 'name', width: 110 },
            {
              title: l('身份', 'As'), dataIndex: 'kind', width: 130,
              render: (k: Person['kind']) => ({ re: <Tag color="blue">{l('连任', 'Re-elected')}</Tag>, liaison: <Tag color={TAG_COLORS.gold}>{l('特邀联络员', 'Invited liaison')}</Tag>, roster: <Tag color={TAG_COLORS.green}>{l('花名册', 'Roster')}</Tag> })[k],
            },
            {
              title: l('换届后所在联络站', 'Stations after the round'), key: 'stations',
              render: (_: unknown, p: Person) => {
                const mine = stationsOf(p.key);
                const errs = membershipProblems(p.key);
                return (
                  <Space orientation="vertical" size={2}>
                    {mine.length ? <Space size={[4, 4]} wrap>{mine.map((s) => <Tag key={s.stationId}>{s.name} · {label(s.roleLabel)}</Tag>)}</Space>
                      : <Typography.Text type="warning">{l('未进站', 'None')}</Typography.Text>}
                    {draft.memberships[p.key] && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l('已调整', 'Changed')}</Typography.Text>}
                    {errs.map((e, i) => <Typography.Text key={i} type="danger" style={{ fontSize: 12 }}>{e.message}</Typography.Text>)}
                  </Space>
                );
              },
            },
            {
              title: l('操作', 'Actions'), key: 'actions', width: 100,
              render: (_: unknown, p: Person) => (
                <Button size="small" icon={<EditOutlined />} aria-label={l(`调整${p.name}的进站`, `Assign ${p.name}`)} onClick={() => setEditing(p)}>
                  {l('调整', 'Change')}
                </Button>
              ),
            },
          ]}
        />
      </section>
      <MembershipModal
        person={editing} stations={inputs.stations}
        initial={editing ? (draft.memberships[editing.key] ?? stationsOf(editing.key).map((s) => ({ stationId: s.stationId, role: s.role }))) : []}
        onClose={() => setEditing(null)}
        onSave={(stations) => {
          const key = editing!.key;
          setEditing(null);
          change({ memberships: { ...draft.memberships, [key]: stations } });
        }}
      />
    </Space>
  );
}

function MembershipModal({ person, stations, initial, onClose, onSave }: {
  person: Person | null; stations: RoundInputs['stations']; initial: { stationId: number; role: MemberRole }[];
  onClose(): void; onSave(stations: { stationId: number; role: MemberRole }[]): void;
}) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const [form] = Form.useForm<{ stations: { stationId?: number; role?: MemberRole }[] }>();
  const open = person !== null;
  // Filled when the dialog opens only, not again while it is open.
  useEffect(() => { if (open) form.setFieldsValue({ stations: initial }); }, [open]);
  return (
    <Modal
      open={open} onCancel={onClose} onOk={() => form.submit()} forceRender
      title={person ? l(`调整进站:${person.name}`, `Stations of ${person.name}`) : ''} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')}
    >
      <Form
        form={form} layout="vertical" name="round-membership"
        onFinish={(v) => onSave((v.stations ?? []).filter((s) => s.stationId && s.role).map((s) => ({ stationId: s.stationId!, role: s.role! })))}
      >
        <Form.List name="stations">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'stationId']} rules={[{ required: true, message: l('请选择联络站', 'Choose a station') }]} style={{ margin: 0 }}>
                    <Select
                      style={{ width: 240 }} aria-label={l(`第 ${i + 1} 个联络站`, `Station ${i + 1}`)} placeholder={l('联络站', 'Station')}
                      options={stations.map((s) => ({ value: s.id, label: s.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: l('请选择职责', 'Choose a role') }]} style={{ margin: 0 }}>
                    <Select style={{ width: 130 }} aria-label={l(`第 ${i + 1} 个联络站的职责`, `Role at station ${i + 1}`)} placeholder={l('职责', 'Role')} options={vocabulary.options('stationMemberRoles')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={l('移除', 'Remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'resident' })}>{l('添加联络站', 'Add a station')}</Button>
              {fields.length === 0 && <Typography.Text type="warning">{l('不进任何联络站', 'In no station')}</Typography.Text>}
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function PreviewStep({ plan, busy, problems, goTo }: { plan: RoundPlan | null; busy: boolean; problems: Problem[]; goTo(step: number): void }) {
  const { l, label } = useI18n();
  if (!plan) return <Spin />;
  const c = plan.counts;
  const stepNames = [l('新一届', 'Next term'), l('代表名单', 'New roster'), l('代表去留', 'Old deputies'), l('编组进站', 'Stations')];
  type Handover = RoundPlan['handovers'][number];
  return (
    <Spin spinning={busy}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {problems.length > 0 ? (
          <Alert
            type="error" showIcon role="alert"
            title={l(`还有 ${problems.length} 个问题,处理后才能执行`, `${problems.length} problems to resolve before the round can run`)}
            description={(
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p, i) => (
                  <li key={i}>
                    {p.message}{' '}
                    <Button type="link" size="small" onClick={() => goTo(stepOf(p))}>{l(`前往“${stepNames[stepOf(p)]}”`, `Go to “${stepNames[stepOf(p)]}”`)}</Button>
                  </li>
                ))}
              </ul>
            )}
          />
        ) : (
          <Alert type="success" showIcon title={l('检查通过,可以执行换届。', 'Everything checks out: the round can run.')} />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={l('届次', 'Terms')}>
          <Descriptions.Item label={l('结束', 'Ends')}>{label(plan.closing.name)}{l(`:${plan.closing.startsOn} 至 ${plan.closing.endsOn}`, `: ${plan.closing.startsOn} to ${plan.closing.endsOn}`)}</Descriptions.Item>
          <Descriptions.Item label={l('开启', 'Begins')}>{label(plan.next.name)}{l(`:${plan.next.startsOn} 起`, `: from ${plan.next.startsOn}`)}</Descriptions.Item>
        </Descriptions>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3 }} title={l('代表', 'Deputies')}>
          <Descriptions.Item label={l('上届在任', 'Serving')}>{c.serving}</Descriptions.Item>
          <Descriptions.Item label={l('连任', 'Re-elected')}>{c.reElected}</Descriptions.Item>
          <Descriptions.Item label={l('离任', 'Leaving')}>{c.leaving}</Descriptions.Item>
          <Descriptions.Item label={l('聘为特邀联络员', 'Kept as invited liaisons')}>{c.specialLiaisons}</Descriptions.Item>
          <Descriptions.Item label={l('花名册行数', 'Roster rows')}>{c.rosterRows}</Descriptions.Item>
          <Descriptions.Item label={l('其中匹配已登记人员', 'Of them matched')}>{c.rosterMatched}</Descriptions.Item>
          <Descriptions.Item label={l('其中新建代表', 'Of them new')}>{c.rosterNew}</Descriptions.Item>
          <Descriptions.Item label={l('新一届代表', 'Deputies of the new term')}>{c.newTermDeputies}</Descriptions.Item>
          <Descriptions.Item label={l('移交意见', 'Cases handed over')}>{c.casesHandedOver}</Descriptions.Item>
        </Descriptions>
        {plan.handovers.length > 0 && (
          <section aria-labelledby="round-handovers">
            <Typography.Title level={2} id="round-handovers" style={{ fontSize: 16 }}>{l('意见移交', 'Cases handed over')}</Typography.Title>
            <Table<Handover>
              rowKey="caseId" size="small" dataSource={plan.handovers} pagination={false} scroll={{ x: 620 }}
              columns={[
                { title: l('受理编号', 'Tracking code'), dataIndex: 'trackingCode', width: 150 },
                { title: l('状态', 'State'), key: 'state', width: 100, render: (_: unknown, h: Handover) => label(h.stateLabel) },
                { title: l('联络站', 'Station'), key: 'station', render: (_: unknown, h: Handover) => h.station.name },
                { title: l('原代表', 'From'), key: 'from', width: 100, render: (_: unknown, h: Handover) => h.from.name },
                {
                  title: l('接办代表', 'To'), key: 'to', width: 120,
                  render: (_: unknown, h: Handover) => (h.to ? h.to.name : <Typography.Text type="danger">{l('未指定', 'Not named')}</Typography.Text>),
                },
              ]}
            />
          </section>
        )}
        <section aria-labelledby="round-preview-coverage">
          <Typography.Title level={2} id="round-preview-coverage" style={{ fontSize: 16 }}>{l('换届后的编组进站', 'Stations after the round')}</Typography.Title>
          <CoverageView coverage={plan.coverage} testId="preview-coverage" />
        </section>
      </Space>
    </Spin>
  );
}

function RoundDone({ result }: { result: RoundResult }) {
  const { l, label } = useI18n();
  const navigate = useNavigate();
  const s = result.summary;
  // The coverage as the server now reads it for the new term (the same as the answer's, unless someone changed a station since).
  const coverage = useApiQuery<Coverage>(`/api/terms/${result.term.id}/coverage`).data ?? result.coverage;
  const rows: [string, ReactNode][] = [
    [l('连任', 'Re-elected'), s.reElected], [l('离任', 'Left'), s.left], [l('特邀联络员', 'Invited liaisons'), s.specialLiaisons],
    [l('新建代表', 'Imported'), s.imported], [l('匹配已登记人员', 'Matched'), s.matched], [l('移交意见', 'Cases handed over'), s.casesHandedOver],
    [l('保留进站', 'Memberships kept'), s.membershipsKept], [l('退出进站', 'Memberships ended'), s.membershipsEnded], [l('新增进站', 'Memberships added'), s.membershipsAdded],
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Result
        status="success" style={{ padding: '24px 0 0' }}
        title={l(`换届完成:${label(result.term.name)}`, `Round done: ${label(result.term.name)}`)}
        subTitle={l(`${label(result.closed.name)}已于 ${result.closed.endsOn ?? '—'} 结束,${label(result.term.name)}自 ${result.term.startsOn} 起。`,
          `${label(result.closed.name)} ended on ${result.closed.endsOn ?? '—'}; ${label(result.term.name)} began on ${result.term.startsOn}.`)}
        extra={[
          <Button key="terms" type="primary" onClick={() => navigate('/terms')}>{l('查看届次列表', 'See the terms')}</Button>,
          <Button key="coverage" onClick={() => navigate(`/terms/${result.term.id}/coverage`)}>{l('编组进站情况', 'Deputies in stations')}</Button>,
        ]}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3 }} title={l('换届结果', 'Summary')}>
        {rows.map(([k, v]) => <Descriptions.Item key={k} label={k}>{v}</Descriptions.Item>)}
      </Descriptions>
      <section aria-labelledby="round-done-coverage">
        <Typography.Title level={2} id="round-done-coverage" style={{ fontSize: 16 }}>
          {l(`${label(result.term.name)}编组进站`, `${label(result.term.name)}: deputies in stations`)}
        </Typography.Title>
        <CoverageView coverage={coverage} testId="result-coverage" />
      </section>
    </Space>
  );
}

