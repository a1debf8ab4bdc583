import { CloseOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Form, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { del, post, put, type Answer } from '../../../shared/api.js';
import { base64Of } from '../../../shared/compress.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError, RequireAbility, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { CosignerSelect } from './CosignerSelect.js';
import { DraftSources } from './DraftSources.js';
import type { CongressOption, DraftBody, SuggestionDetail, SuggestionKind } from './draftTypes.js';
import { KIND_LABELS, SIGNER_STATUS } from './labels.js';


/** The attachments a draft takes: PDF letters and photos, as the server checks them by content. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp';
const MAX_FILE = 10 * 1024 * 1024;
/** 闭会期间: the session choice that is no session. */
const BETWEEN = 0;

interface Values {
  kind: SuggestionKind;
  level: CongressOption['level'];
  sessionId: number;
  title: string;
  reasons: string;
  proposals: string;
  categoryId: number;
  regionCode: string;
  cosignerIds: number[];
}

/** The ids of a query parameter written as `1,2,3`. */
const idsOf = (value: string | null) => (value ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);

/** The session open today, else none (闭会期间): where a new draft starts. */
const defaultSession = (c: CongressOption | undefined) => c?.sessions.find((s) => s.open)?.id ?? BETWEEN;

/**
 * 起草代表建议 / 议案, on a phone too: the kind (a motion says how many co-signers it needs), the
 * congress it goes to (chosen when the deputy sits at several levels) and the session, the title,
 * reasons and proposals, the category and the region it concerns, attachments, the cases and
 * activities it grows from, the co-signers to invite. 保存草稿 keeps it; 提交 sends it to the congress.
 * `/my-suggestions/new?caseIds=1,2&activityIds=3` starts from cases or an activity; `/my-suggestions/:id/edit` goes on with a draft.
 */
export function DraftPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { l } = useI18n();
  const congresses = useApiQuery<CongressOption[]>('/api/suggestions/congresses');
  const detail = useApiQuery<SuggestionDetail>(id ? `/api/suggestions/${id}` : null);
  const prefill = useMemo(() => ({ caseIds: idsOf(params.get('caseIds')), activityIds: idsOf(params.get('activityIds')) }), [params]);
  const error = congresses.error ?? detail.error;
  const loaded = congresses.data && (!id || detail.data);
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/my-suggestions">{l('我的建议', 'My suggestions')}</Link> },
      { title: id ? detail.data?.title ?? l('草稿', 'Draft') : l('起草', 'New') },
    ]} />
  );
  return (
    <RequireAbility ability="suggestion.draft">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {crumbs}
        {error && <LoadError error={error.message} retry={() => void invalidateApi('/api/suggestions')} />}
        {congresses.data?.length === 0 && (
          <Alert type="warning" showIcon title={l('您所在的人大暂无正在进行的届次,不能提出建议', 'None of your congresses has a running term: no suggestion can be filed now')} />
        )}
        {detail.data && detail.data.state !== 'draft' && (
          <Alert type="info" showIcon title={l('该建议已提交,不能再修改', 'This suggestion has been submitted and can no longer be changed')}
            action={<Link to={`/suggestions/${detail.data.id}`}>{l('查看', 'Open')}</Link>} />
        )}
        {loaded && congresses.data!.length > 0 && (!detail.data || detail.data.state === 'draft') && (
          <DraftForm key={id ?? 'new'} congresses={congresses.data!} detail={detail.data ?? null} prefill={prefill} />
        )}
      </Space>
    </RequireAbility>
  );
}

/** A file chosen on this device, sent when the draft is saved. */
interface PickedFile { key: string; name: string; size: number; file: File }

function DraftForm({ congresses, detail, prefill }: {
  congresses: CongressOption[];
  detail: SuggestionDetail | null;
  prefill: { caseIds: number[]; activityIds: number[] };
}) {
  const { l, lang, label } = useI18n();
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const categories = useApiQuery<Answer<'/api/case-categories'>>('/api/case-categories');
  const [sources, setSources] = useState(() => (detail
    ? { caseIds: detail.sources.cases.map((c) => c.id), activityIds: detail.sources.activities.map((a) => a.id) }
    : prefill));
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { busy, run } = useFormWrite(form);
  // A new draft once created (its files may still be on their way): saving again changes it rather than drafting another.
  const [created, setCreated] = useState<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const initialCongress = detail ? congresses.find((c) => c.level === detail.congress.level) ?? congresses[0]! : congresses[0]!;
  const initial: Partial<Values> = detail
    ? {
      kind: detail.kind, level: initialCongress.level, sessionId: detail.session?.id ?? BETWEEN, title: detail.title, reasons: detail.reasons,
      proposals: detail.proposals, categoryId: detail.category.id, regionCode: detail.region.code, cosignerIds: [],
    }
    : { kind: 'suggestion', level: initialCongress.level, sessionId: defaultSession(initialCongress), regionCode: initialCongress.regionCode ?? me!.scope.region?.code, cosignerIds: [] };
  const level = Form.useWatch('level', form) ?? initial.level;
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const congress = congresses.find((c) => c.level === level) ?? initialCongress;
  // The co-signers asked before, less those taken off the list here (dropped on saving).
  const [kept, setKept] = useState(() => detail?.signers.filter((s) => s.role === 'cosigner').map((s) => s.deputyId) ?? []);
  const signers = detail?.signers.filter((s) => s.role === 'cosigner' && kept.includes(s.deputyId)) ?? [];
  const confirmed = signers.filter((s) => s.status === 'confirmed').length;
  const invited = signers.filter((s) => s.status === 'invited');
  const draftFiles = detail?.files.filter((f) => f.purpose === 'draft') ?? [];

  function pick(list: FileList | null) {
    const picked = [...(list ?? [])];
    const tooBig = picked.filter((f) => f.size > MAX_FILE);
    if (tooBig.length) message.error(l(`单个附件不能超过 10 MB:${tooBig.map((f) => f.name).join('、')}`, `Each file may be at most 10 MB: ${tooBig.map((f) => f.name).join(', ')}`));
    setFiles([...files, ...picked.filter((f) => f.size <= MAX_FILE).map((f) => ({ key: `${f.name}-${f.size}-${f.lastModified}`, name: f.name, size: f.size, file: f }))]);
  }

  /** Saves the draft (creating it the first time), invites the new co-signers and sends the files chosen; answers its id. */
  async function save(values: Values): Promise<number> {
    const body: DraftBody = {
      kind: values.kind, title: values.title, reasons: values.reasons, proposals: values.proposals, categoryId: values.categoryId,
      regionCode: values.regionCode, sessionId: values.sessionId === BETWEEN ? null : values.sessionId, ...sources,
      ...(congresses.length > 1 && { level: values.level }), cosignerIds: [...kept, ...values.cosignerIds],
    };
    let suggestionId = detail?.id ?? created;
    if (suggestionId !== null) {
      await put(`/api/suggestions/${suggestionId}`, body);
    } else {
      suggestionId = (await post<{ id: number }>('/api/suggestions', body)).id;
      setCreated(suggestionId);
    }
    // One file a request; each sent is taken off the list, so a failure leaves only the rest to send again.
    for (const f of files) {
      await post(`/api/suggestions/${suggestionId}/files`, { name: f.name, data: await base64Of(f.file) });
      setFiles((left) => left.filter((x) => x.key !== f.key));
    }
    await invalidateApi('/api/suggestions', '/api/todo');
    return suggestionId;
  }

  async function saveDraft() {
    let values: Values;
    try { values = await form.validateFields(); } catch { return; }
    let saved: number | undefined;
    await run(async () => {
      saved = await save(values);
      form.setFieldValue('cosignerIds', []);
    }, l('草稿已保存', 'Draft saved'), () => {
      if (!detail) void navigate(`/my-suggestions/${saved}/edit`, { replace: true });
    });
  }

  async function submit() {
    let values: Values;
    try { values = await form.validateFields(); } catch { return; }
    const pending = invited.length + values.cosignerIds.length;
    const confirmedText = values.kind === 'motion'
      ? l(`议案需不少于 ${congress.motionMinCosigners} 名代表附议,目前已确认 ${confirmed} 名。`, `A motion needs at least ${congress.motionMinCosigners} co-signers; ${confirmed} have confirmed.`)
      : '';
    modal.confirm({
      title: l(`提交${label(KIND_LABELS[values.kind])}`, `Submit the ${values.kind}`),
      content: (
        <Space orientation="vertical">
          <span>{l(`提交后送${label(congress.congressName)}审查,不能再修改。`, `Once submitted it goes to ${label(congress.congressName)} for review and can no longer be changed.`)}</span>
          {confirmedText && <span>{confirmedText}</span>}
          {pending > 0 && <span>{l(`尚未确认的 ${pending} 项附议邀请将撤回。`, `The ${pending} invitations not yet answered will be withdrawn.`)}</span>}
        </Space>
      ),
      okText: l('提交', 'Submit'),
      onOk: async () => {
        let saved: number | undefined;
        await run(async () => {
          saved = await save(values);
          await post(`/api/suggestions/${saved}/actions`, { action: 'submit' });
          await invalidateApi('/api/suggestions', '/api/todo', '/api/cases');
        }, l('已提交', 'Submitted'), () => {
          void navigate(`/suggestions/${saved}`);
        });
      },
    });
  }

  async function removeFile(fileId: number) {
    try {
      await del(`/api/suggestions/${detail!.id}/files/${fileId}`);
      await invalidateApi(`/api/suggestions/${detail!.id}`);
    } catch (err) {
      reportError(err, message);
    }
  }

  // A session already closed (by the server's clock) takes no more suggestions.
  const sessionOptions = [
    ...congress.sessions.filter((s) => !s.closed || s.id === detail?.session?.id).map((s) => ({
      value: s.id,
      label: l(`大会期间 · 第${s.number}次会议(${formatDate(s.opensOn)}–${formatDate(s.closesOn)})${s.open ? ' 正在召开' : ''}`,
        `Session ${s.number} (${formatDate(s.opensOn)}–${formatDate(s.closesOn)})${s.open ? ', in session' : ''}`),
    })),
    { value: BETWEEN, label: l('闭会期间', 'Between sessions') },
  ];

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} requiredMark={false}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.level) {
          const next = congresses.find((c) => c.level === changed.level);
          form.setFieldsValue({ sessionId: defaultSession(next), regionCode: next?.regionCode ?? me!.scope.region?.code, cosignerIds: [] });
        }
      }}>
      <Card size="small" title={detail ? l('修改草稿', 'Edit the draft') : l('起草代表建议', 'Draft a suggestion')}>
        <Form.Item name="kind" label={l('类型', 'Kind')}
          extra={kind === 'motion'
            ? l(`议案须在大会期间提出,并有不少于 ${congress.motionMinCosigners} 名代表附议${detail ? `(已确认 ${confirmed} 名)` : ''}`,
              `A motion is filed during a session with at least ${congress.motionMinCosigners} co-signers${detail ? ` (${confirmed} confirmed)` : ''}`)
            : l('建议、批评和意见,可由一名代表提出,也可联名提出', 'Suggestions, criticisms and opinions: by one deputy or jointly')}>
          <Segmented<SuggestionKind> block options={(['suggestion', 'motion'] as const).map((k) => ({ value: k, label: label(KIND_LABELS[k]) }))} />
        </Form.Item>
        {congresses.length > 1 && (
          <Form.Item name="level" label={l('提交至', 'Goes to')} extra={l('您在多级人大任代表,请选择向哪一级人大提出', 'You sit in several congresses: choose the one this goes to')}>
            <Select aria-label={l('提交至', 'Goes to')} options={congresses.map((c) => ({ value: c.level, label: label(c.congressName) }))} />
          </Form.Item>
        )}
        {congresses.length === 1 && (
          <Form.Item label={l('提交至', 'Goes to')}><Typography.Text>{label(congress.congressName)}</Typography.Text></Form.Item>
        )}
        <Form.Item name="sessionId" label={l('提出时间', 'When')}
          rules={[{ validator: (_, v: number) => (kind === 'motion' && v === BETWEEN ? Promise.reject(new Error(l('议案只能在大会期间提出', 'A motion is filed during a session only'))) : Promise.resolve()) }]}>
          <Select aria-label={l('提出时间', 'When')} options={sessionOptions} />
        </Form.Item>
        <Form.Item name="title" label={l('标题', 'Title')} rules={[{ required: true, whitespace: true, message: l('请填写标题', 'Write the title') }]}>
          <Input maxLength={200} showCount placeholder={l('关于……的建议', 'On …')} />
        </Form.Item>
        <Form.Item name="reasons" label={l('案由', 'Reasons')} rules={[{ required: true, whitespace: true, message: l('请填写案由', 'Write the reasons') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder={l('存在的问题、原因和调研情况', 'The problem, its causes and what you found')} />
        </Form.Item>
        <Form.Item name="proposals" label={l('建议内容', 'Proposals')} rules={[{ required: true, whitespace: true, message: l('请填写建议内容', 'Write the proposals') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder={l('具体的解决办法,可分条列出', 'What should be done, point by point')} />
        </Form.Item>
        <Form.Item name="categoryId" label={l('类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose a category') }]}>
          <Select aria-label={l('类别', 'Category')} options={(categories.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.name }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={l('涉及地区', 'Region concerned')} rules={[{ required: true, message: l('请选择涉及地区', 'Choose the region') }]}>
          <RegionPicker root={congress.regionCode} allowClear={false} aria-label={l('涉及地区', 'Region concerned')} />
        </Form.Item>
      </Card>

      <Card size="small" title={l('来源:群众意见与履职活动', 'Grows from: cases and activities')} style={{ marginTop: 16 }}>
        <DraftSources caseIds={sources.caseIds} activityIds={sources.activityIds} onChange={setSources} />
      </Card>

      <Card size="small" title={l('联名代表(附议)', 'Co-signers')} style={{ marginTop: 16 }}>
        {signers.length > 0 && (
          <Space wrap style={{ marginBottom: 8 }}>
            {signers.map((s) => (
              <Tag key={s.deputyId} color={SIGNER_STATUS[s.status].color} closable closeIcon={<CloseOutlined aria-label={l(`不再邀请 ${s.name}`, `Drop ${s.name}`)} />}
                onClose={() => setKept(kept.filter((k) => k !== s.deputyId))}>{s.name} · {label(SIGNER_STATUS[s.status])}</Tag>
            ))}
          </Space>
        )}
        <Form.Item name="cosignerIds" label={l('邀请附议', 'Invite to co-sign')} style={{ marginBottom: 0 }}
          extra={l('只能邀请同一人大的代表;每位代表在自己的账号中确认', 'Deputies of the same congress only; each confirms in their own account')}>
          <CosignerSelect level={congress.level} exclude={[...signers.map((s) => s.deputyId), ...(me!.scope.deputy ? [me!.scope.deputy.id] : [])]} />
        </Form.Item>
      </Card>

      <Card size="small" title={l('附件', 'Attachments')} style={{ marginTop: 16 }}>
        <Button icon={<PaperClipOutlined />} onClick={() => picker.current?.click()}>{l('选择文件', 'Choose files')}</Button>
        <input ref={picker} type="file" multiple accept={ACCEPT} style={{ display: 'none' }} aria-label={l('选择附件', 'Choose attachments')} data-testid="draft-files"
          onChange={(e) => { pick(e.target.files); e.target.value = ''; }} />
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{l('PDF 或照片,每个不超过 10 MB', 'PDF or photos, up to 10 MB each')}</Typography.Paragraph>
        {(draftFiles.length > 0 || files.length > 0) && (
          <List size="small">
            {draftFiles.map((f) => (
              <List.Item key={f.id} extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={l(`删除 ${f.name}`, `Delete ${f.name}`)} onClick={() => void removeFile(f.id)} />}>
                <a href={f.url} target="_blank" rel="noreferrer">{f.name}</a>
              </List.Item>
            ))}
            {files.map((f) => (
              <List.Item key={f.key} extra={<Button type="text" size="small" icon={<DeleteOutlined />} aria-label={l(`不上传 ${f.name}`, `Leave out ${f.name}`)} onClick={() => setFiles(files.filter((x) => x.key !== f.key))} />}>
                {f.name} <Typography.Text type="secondary">{l('(保存时上传)', '(sent on saving)')}</Typography.Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>

      {/* On a phone the two buttons stay at the bottom of the screen while the form scrolls. */}
      <div style={{
        position: 'sticky', bottom: 0, zIndex: 10, background: '#fff', marginTop: 16, padding: narrow ? '8px 0' : '12px 0',
        display: 'flex', gap: 8, borderTop: '1px solid #f0f0f0',
      }}>
        <Button size="large" block={narrow} loading={busy} onClick={() => void saveDraft()}>{l('保存草稿', 'Save draft')}</Button>
        <Button size="large" block={narrow} type="primary" loading={busy} onClick={() => void submit()}>{l('提交', 'Submit')}</Button>
      </div>
    </Form>
  );
}
