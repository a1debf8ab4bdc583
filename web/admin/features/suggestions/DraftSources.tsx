import { CloseOutlined } from '@ant-design/icons';
import { Button, List, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { get, qs, type Answer, type Schemas } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';

type ActivityDetail = Schemas['ActivityDetail'];

/** One linked case: its code, state and the start of its text, read from the case itself. */
function CaseRow({ id, onRemove }: { id: number; onRemove(): void }) {
  const { l, label } = useI18n();
  const c = useApiQuery<Schemas['CaseDetail']>(`/api/cases/${id}`).data;
  return (
    <List.Item style={{ paddingInline: 0, alignItems: 'flex-start', gap: 8 }}>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Space size={4} wrap>
          <Link to={`/cases/${id}`}>{c?.trackingCode ?? `#${id}`}</Link>
          {c && <Tag>{label(c.stateLabel)}</Tag>}
        </Space>
        {c && <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{c.content}</Typography.Paragraph>}
      </div>
      <Button type="text" size="small" icon={<CloseOutlined />} aria-label={l(`移除意见 ${c?.trackingCode ?? id}`, `Remove case ${c?.trackingCode ?? id}`)} onClick={onRemove} />
    </List.Item>
  );
}

/** One linked activity: its title and day. */
function ActivityRow({ id, onRemove }: { id: number; onRemove(): void }) {
  const { l } = useI18n();
  const a = useApiQuery<ActivityDetail>(`/api/activities/${id}`).data;
  return (
    <List.Item style={{ paddingInline: 0, gap: 8 }}>
      <Space size={4} wrap style={{ flex: 1, minWidth: 0 }}>
        <Link to={`/activities/${id}`}>{a?.title ?? `#${id}`}</Link>
        {a && <Typography.Text type="secondary">{formatDate(a.startsAt)}</Typography.Text>}
      </Space>
      <Button type="text" size="small" icon={<CloseOutlined />} aria-label={l(`移除活动 ${a?.title ?? id}`, `Remove activity ${a?.title ?? id}`)} onClick={onRemove} />
    </List.Item>
  );
}

type CaseHit = Answer<'/api/cases'>['items'][number];

/** Another case found by its code or words, among the cases the deputy may see. */
function CaseSearch({ exclude, onPick }: { exclude: number[]; onPick(id: number): void }) {
  const { l } = useI18n();
  const [hits, setHits] = useState<CaseHit[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      get<Answer<'/api/cases'>>(`/api/cases${qs({ q: q.trim() || undefined, limit: 10 })}`).then((p) => setHits(p.items), () => setHits([]));
    }, 300);
  };
  return (
    <Select<number>
      value={null} style={{ width: '100%' }} aria-label={l('添加意见', 'Add a case')} placeholder={l('输入受理编号或内容,添加意见', 'Type a code or words to add a case')}
      showSearch={{ filterOption: false, onSearch: search }} onOpenChange={(open) => { if (open && !hits.length) search(''); }}
      options={hits.filter((h) => !exclude.includes(h.id)).map((h) => ({ value: h.id, label: `${h.trackingCode} ${h.summary}` }))}
      onChange={(id) => { if (id) onPick(id); }}
      notFoundContent={l('没有匹配的意见', 'No case matches')}
    />
  );
}

/**
 * The cases and activities a suggestion grows from (suggestion_source): those it was started
 * from, more cases found by code, each removable. The constituents of these cases see on their
 * tracking page that their opinion went into the suggestion.
 */
export function DraftSources({ caseIds, activityIds, onChange }: {
  caseIds: number[];
  activityIds: number[];
  onChange(next: { caseIds: number[]; activityIds: number[] }): void;
}) {
  const { l } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {caseIds.length + activityIds.length === 0 && (
        <Typography.Text type="secondary">{l('尚未关联群众意见或履职活动', 'No case or activity linked yet')}</Typography.Text>
      )}
      {caseIds.length > 0 && (
        <List size="small" header={l(`群众意见(${caseIds.length})`, `Cases (${caseIds.length})`)} dataSource={caseIds} renderItem={(id) => (
          <CaseRow key={id} id={id} onRemove={() => onChange({ caseIds: caseIds.filter((c) => c !== id), activityIds })} />
        )} />
      )}
      {activityIds.length > 0 && (
        <List size="small" header={l(`履职活动(${activityIds.length})`, `Activities (${activityIds.length})`)} dataSource={activityIds} renderItem={(id) => (
          <ActivityRow key={id} id={id} onRemove={() => onChange({ caseIds, activityIds: activityIds.filter((a) => a !== id) })} />
        )} />
      )}
      <CaseSearch exclude={caseIds} onPick={(id) => onChange({ caseIds: [...caseIds, id], activityIds })} />
    </Space>
  );
}
