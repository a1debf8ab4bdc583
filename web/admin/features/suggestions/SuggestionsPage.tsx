import { Alert, Button, Card, Checkbox, Col, Collapse, Input, List, Pagination, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { qs, type Answer } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import type { KeysetPage } from '../../kit/useKeysetQuery.js';
import type { Term } from '../terms/TermsPage.js';
import { AnswerCategoryTag, chineseNumber, SuggestionDeadline } from './facts.js';
import { RatingTag } from '../cases/caseFacts.js';
import { KIND_LABELS, STATE_LABELS } from './labels.js';
import type { CongressSession, SuggestionListItem, SuggestionPage } from './types.js';
import { ExportButton } from '../../kit/ExportButton.js';

/** The filters the list understands, kept in the address so a filtered list can be linked and survives going back. */
const FILTERS = ['state', 'kind', 'categoryId', 'unitId', 'termId', 'sessionId', 'keyOnly', 'overdue', 'q', 'mine', 'todo', 'sort'] as const;
type FilterName = (typeof FILTERS)[number];
const PAGE_SIZES = [10, 20, 50, 100];

function StateTag({ s }: { s: SuggestionListItem }) {
  const { label } = useI18n();
  const ended = ['closed', 'declined', 'reference', 'converted', 'withdrawn', 'on_agenda'].includes(s.state);
  return <Tag color={s.overdue ? 'red' : ended ? 'default' : 'blue'}>{label(s.stateLabel)}</Tag>;
}

/**
 * 代表建议: the suggestions and motions the account reaches — a congress's staff all of their
 * congresses', a unit those assigned to it, a deputy those they lead or co-sign (我的建议) —
 * filtered by state, kind, category, unit, term and session, key supervision, overdue and words,
 * with the total and numbered pages. On a phone the filters fold away and suggestions are cards.
 */
export function SuggestionsPage() {
  const { l, label } = useI18n();
  const { me, can } = useSession();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<FilterName, string | undefined>;
  const page = Number(params.get('page') ?? 1) || 1;
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const query = useApiQuery<SuggestionPage>(`/api/suggestions${qs({ ...filters, page, pageSize: size })}`, { keepPrevious: true });
  const categories = useApiQuery<Answer<'/api/case-categories'>>('/api/case-categories');
  const readsTerms = can('suggestion.manage');
  const terms = useApiQuery<KeysetPage<Term>>(readsTerms ? '/api/terms?limit=100' : null);
  const todo = useApiQuery<Answer<'/api/todo'>>(filters.todo ? '/api/todo' : null);
  const todoLabel = filters.todo ? todo.data?.items.find((i) => i.key === filters.todo)?.label : undefined;
  const sessions = useApiQuery<CongressSession[]>(filters.termId ? `/api/congress-sessions${qs({ termId: filters.termId })}` : null);
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const isDeputy = me!.role === 'deputy';
  const isUnit = me!.role === 'unit';

  /** Changing a filter starts again from the first page; a new term forgets the session of the old one. */
  const setFilter = (name: FilterName, value: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, String(value));
    if (name === 'termId') next.delete('sessionId');
    next.delete('page');
    setParams(next);
  };
  const setPage = (p: number, s: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p)); else next.delete('page');
    if (s !== 20) next.set('size', String(s)); else next.delete('size');
    setParams(next);
  };

  const search = (
    <Input.Search
      key={filters.q ?? ''} defaultValue={filters.q} placeholder={l('编号或标题', 'Number or title')} allowClear
      onSearch={(q) => setFilter('q', q || undefined)} aria-label={l('搜索', 'Search')}
    />
  );
  const form = (
    <Row gutter={[8, 8]}>
      {!narrow && <Col xs={24} sm={12} lg={6}>{search}</Col>}
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.state ?? ''} style={{ width: '100%' }} aria-label={l('状态', 'State')} onChange={(v) => setFilter('state', v)}
          options={[
            { value: '', label: l('全部状态', 'Any state') },
            ...STATE_LABELS.filter(([s]) => isDeputy || s !== 'draft').map(([s, name]) => ({ value: s, label: label(name) })),
          ]}
        />
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.kind ?? ''} style={{ width: '100%' }} aria-label={l('类型', 'Kind')} onChange={(v) => setFilter('kind', v)}
          options={[
            { value: '', label: l('建议和议案', 'Suggestions and motions') },
            { value: 'suggestion', label: label(KIND_LABELS.suggestion) }, { value: 'motion', label: label(KIND_LABELS.motion) },
          ]}
        />
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Select
          value={filters.categoryId ? Number(filters.categoryId) : ''} style={{ width: '100%' }} aria-label={l('类别', 'Category')}
          onChange={(v) => setFilter('categoryId', v)}
          options={[{ value: '', label: l('全部类别', 'Any category') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: l(c.name, c.nameEn) }))]}
        />
      </Col>
      {!isUnit && (
        <Col xs={24} sm={12} lg={6}>
          <RecordSelect<number>
            source="units" value={filters.unitId ? Number(filters.unitId) : null} onChange={(v) => setFilter('unitId', v)}
            placeholder={l('承办单位', 'Unit')} aria-label={l('承办单位', 'Unit')} style={{ width: '100%' }}
          />
        </Col>
      )}
      {readsTerms && (
        <Col xs={24} sm={12} lg={6}>
          <Select
            value={filters.termId ? Number(filters.termId) : ''} style={{ width: '100%' }} aria-label={l('届次', 'Term')}
            onChange={(v) => setFilter('termId', v)} popupMatchSelectWidth={false}
            options={[{ value: '', label: l('全部届次', 'Any term') }, ...(terms.data?.items ?? []).map((t) => ({ value: t.id, label: label(t.name) }))]}
          />
        </Col>
      )}
      {filters.termId && (
        <Col xs={12} sm={6} lg={3}>
          <Select
            value={filters.sessionId ?? ''} style={{ width: '100%' }} aria-label={l('会议', 'Session')} onChange={(v) => setFilter('sessionId', v)}
            options={[
              { value: '', label: l('全部会议', 'Any session') },
              ...(sessions.data ?? []).map((s) => ({ value: String(s.id), label: l(`第${chineseNumber(s.number)}次会议`, `Session ${s.number}`) })),
            ]}
          />
        </Col>
      )}
      <Col xs={24} lg={12}>
        <Space wrap>
          {isDeputy && (
            <Space size={4}>
              <Switch size="small" checked={filters.mine === 'true'} onChange={(on) => setFilter('mine', on ? 'true' : undefined)} aria-label={l('我领衔的', 'Led by me')} />
              {l('我领衔的', 'Led by me')}
            </Space>
          )}
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}>{l('已超期', 'Overdue')}</Checkbox>
          <Checkbox checked={filters.keyOnly === 'true'} onChange={(e) => setFilter('keyOnly', e.target.checked ? 'true' : undefined)}>{l('重点督办', 'Key supervision')}</Checkbox>
          <Select
            value={filters.sort ?? 'newest'} style={{ width: narrow ? '100%' : 150 }} aria-label={l('排序', 'Order')}
            onChange={(v) => setFilter('sort', v === 'newest' ? undefined : v)}
            options={[{ value: 'newest', label: l('最新在前', 'Newest first') }, { value: 'deadline', label: l('期限最近在前', 'Nearest deadline first') }]}
          />
          <Button onClick={() => setParams(new URLSearchParams())}>{l('重置', 'Reset')}</Button>
          <ExportButton href={`/api/suggestions.xlsx${qs(filters)}`} />
        </Space>
      </Col>
    </Row>
  );

  const columns: TableColumnsType<SuggestionListItem> = [
    {
      title: l('编号', 'Number'), dataIndex: 'numberLabel', width: 200, fixed: 'left',
      render: (n: string | null, s) => <Link to={`/suggestions/${s.id}`}>{n ?? l('(未编号)', '(no number)')}</Link>,
    },
    {
      title: l('标题', 'Title'), dataIndex: 'title', width: 320,
      render: (t: string, s) => (
        <Space size={4} wrap>
          {s.kind === 'motion' && <Tag color="purple">{label(KIND_LABELS.motion)}</Tag>}
          <Link to={`/suggestions/${s.id}`}>{t}</Link>
        </Space>
      ),
    },
    {
      title: l('状态', 'State'), dataIndex: 'state', width: 150,
      render: (_: unknown, s) => <Space size={4} wrap><StateTag s={s} />{s.keySupervision && <Tag color="gold">{l('重点', 'Key')}</Tag>}</Space>,
    },
    { title: l('领衔代表', 'Lead deputy'), key: 'lead', width: 100, render: (_: unknown, s) => s.leadDeputy.name },
    { title: l('附议', 'Co-signers'), dataIndex: 'cosignerCount', width: 70, align: 'right' },
    { title: l('主办单位', 'Lead unit'), key: 'unit', width: 180, render: (_: unknown, s) => s.leadUnit?.name ?? '—' },
    { title: l('办理期限', 'Deadline'), dataIndex: 'deadlineDate', width: 150, render: (d: string | null, s) => <SuggestionDeadline date={d} overdue={s.overdue} /> },
    { title: l('类别', 'Category'), dataIndex: 'categoryName', width: 110 },
    {
      title: l('答复与评价', 'Answer and rating'), key: 'rating', width: 160,
      render: (_: unknown, s) => <Space size={4}><AnswerCategoryTag category={s.answerCategory} short /><RatingTag rating={s.rating} /></Space>,
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {narrow
        ? <>{search}<Collapse size="small" items={[{ key: 'f', label: l('筛选条件', 'Filters'), children: form }]} /></>
        : <Card size="small">{form}</Card>}
      {query.error && <Alert type="error" showIcon message={query.error.message} />}
      <Space wrap>
        <Typography.Text data-testid="suggestion-total">{l(`共 ${total} 件`, `${total} in all`)}</Typography.Text>
        {filters.todo && (
          <Tag closable color="red" onClose={() => setFilter('todo', undefined)}>{l('待办', 'To-do')}:{todoLabel ? label(todoLabel) : filters.todo}</Tag>
        )}
      </Space>
      {narrow ? (
        <List<SuggestionListItem>
          loading={query.isFetching} dataSource={items} locale={{ emptyText: l('没有符合条件的建议', 'No suggestions match') }}
          renderItem={(s) => (
            <Link to={`/suggestions/${s.id}`} style={{ display: 'block', marginBottom: 8 }}>
              <Card
                size="small" title={<Space size={4}><StateTag s={s} />{s.keySupervision && <Tag color="gold">{l('督', 'Key')}</Tag>}</Space>}
                extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.numberLabel ?? ''}</Typography.Text>}
              >
                <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{s.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.leadDeputy.name}{s.cosignerCount > 0 && l(` 等 ${s.cosignerCount + 1} 人`, ` and ${s.cosignerCount} more`)}
                  {' · '}{s.leadUnit?.name ?? l('未交办', 'Not assigned')}
                  {s.deadlineDate && <> · {l('期限', 'Due')} <SuggestionDeadline date={s.deadlineDate} overdue={s.overdue} /></>}
                  {s.rating && <> · <RatingTag rating={s.rating} /></>}
                </Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<SuggestionListItem>
          rowKey="id" loading={query.isFetching} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} size="middle"
          locale={{ emptyText: l('没有符合条件的建议', 'No suggestions match') }} columns={columns}
        />
      )}
      <Pagination
        current={page} pageSize={size} total={total} onChange={setPage} showSizeChanger={!narrow}
        pageSizeOptions={PAGE_SIZES} simple={narrow} style={{ textAlign: 'right' }}
      />
    </Space>
  );
}
