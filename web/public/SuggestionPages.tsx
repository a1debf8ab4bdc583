import { Button, DotLoading, ErrorBlock, List, SearchBar, Space, Steps, Tag } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RATING_LABELS } from '../../common/caseVocabulary.js';
import { get, qs } from '../shared/api.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import { RegionNav, useRegionTrail } from './RegionNav.js';
import { showFailure } from './feedback.js';
import { ANSWER_CATEGORY_LABELS, KIND_LABELS, type PublicSuggestion, type PublicSuggestionItem, type PublicSuggestionPage } from './suggestionTypes.js';


function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One published suggestion in the list: its number, title, where and what, and how it was answered and rated. */
function SuggestionItem({ s }: { s: PublicSuggestionItem }) {
  const { l, label } = useI18n();
  return (
    <Link to={`/suggestions/${s.id}`}>
      <List.Item
        arrowIcon
        description={(
          <>
            <div>{s.numberLabel}</div>
            <div>{s.leadDeputyName} · {s.regionName} · {s.categoryName}</div>
          </>
        )}
        extra={<Tag color="primary" fill="outline">{label(s.stateLabel)}</Tag>}
      >
        {s.kind === 'motion' && <Tag color="danger" style={{ marginRight: 4 }}>{label(KIND_LABELS.motion)}</Tag>}
        {s.title}
        {(s.answerCategory || s.rating) && (
          <div style={{ marginTop: 4 }}>
            <Space wrap style={{ '--gap': '4px' }}>
              {s.answerCategory && <Tag color="success" fill="outline">{l(`${s.answerCategory} 类答复`, `Answer ${s.answerCategory}`)}</Tag>}
              {s.rating && <Tag color="warning" fill="outline">{label(RATING_LABELS.labels[s.rating])}</Tag>}
            </Space>
          </div>
        )}
      </List.Item>
    </Link>
  );
}

/**
 * 代表建议公开: the published suggestions and motions, newest first, of a chosen place (province,
 * city, county, town — the places with stations are offered) or found by words of their title or
 * number; each opens with its answer.
 */
export function SuggestionListPage() {
  const { l } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const q = params.get('q') ?? '';
  const { trail, children, error } = useRegionTrail(region);
  // The pages after the first, for the place and words they were read for.
  const filter = `${region}|${q}`;
  const [later, setLater] = useState<{ filter: string; pages: PublicSuggestionItem[][] }>({ filter, pages: [] });
  const pages = later.filter === filter ? later.pages : [];
  const [more, setMore] = useState(false);
  const first = useApiQuery<PublicSuggestionPage>(`/api/public/suggestions${qs({ regionCode: region, q, page: 1 })}`);

  const items = [...(first.data?.items ?? []), ...pages.flat()];
  const total = first.data?.total ?? null;
  const pageSize = first.data?.pageSize ?? 20;
  const hasMore = total !== null ? items.length < total : (pages.at(-1) ?? first.data?.items ?? []).length === pageSize;

  async function loadMore() {
    setMore(true);
    try {
      const next = await get<PublicSuggestionPage>(`/api/public/suggestions${qs({ regionCode: region, q, page: pages.length + 2 })}`);
      setLater({ filter, pages: [...pages, next.items] });
    } catch (err) {
      showFailure(err, l);
    } finally {
      setMore(false);
    }
  }

  /** To a place: a child of the current one, or a step back up the trail (`null`: everywhere). */
  const go = (code: string | null) => setParams(code ? { region: code } : {});

  if (error || first.error) return <ErrorBlock status="default" title={l('暂时无法加载', 'Cannot load now')} description={error ?? first.error?.message} />;
  return (
    <div>
      <h1 className="lx-title">{l('代表建议公开', 'Deputies’ suggestions and their answers')}</h1>
      <div style={{ padding: 12 }}>
        <SearchBar
          placeholder={l('搜索建议标题或编号', 'Search titles or numbers')} defaultValue={q} aria-label={l('搜索建议标题或编号', 'Search titles or numbers')}
          onSearch={(v) => setParams({ ...(region && { region }), ...(v && { q: v }) })} onClear={() => setParams(region ? { region } : {})}
        />
      </div>
      <RegionNav trail={trail} children={children} go={go} />
      {!first.data ? <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div> : (
        <List header={total === null ? l('已公开的建议', 'Published') : l(`已公开的建议 ${total} 件`, `${total} published`)}>
          {items.map((s) => <SuggestionItem key={s.id} s={s} />)}
        </List>
      )}
      {first.data && items.length === 0 && <ErrorBlock status="empty" title={l('暂无公开的建议', 'Nothing published here yet')} description="" />}
      {hasMore && items.length > 0 && <div style={{ padding: 12 }}><Button block loading={more} onClick={() => void loadMore()}>{l('加载更多', 'More')}</Button></div>}
      <p className="lx-hint"><Link to="/">{l('联络站名录', 'Station directory')}</Link></p>
    </div>
  );
}

/**
 * A published suggestion: who filed it with whom, to which congress and under which number,
 * what it asks and why, the units handling it, the answer letters with their category (A/B/C),
 * the commitments and whether each is kept, the deputies' ratings, the public files and the steps.
 */
export function SuggestionDetailPage() {
  const { id } = useParams();
  const { l, label, lang } = useI18n();
  const query = useApiQuery<PublicSuggestion>(`/api/public/suggestions/${id}`);
  const s = query.data;
  if (query.isError) return <ErrorBlock status="empty" title={l('没有这件公开的建议', 'No such published suggestion')} description={<Link to="/suggestions">{l('全部公开的建议', 'All published suggestions')}</Link>} />;
  if (!s) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  const sep = lang === 'zh' ? '、' : ', ';
  const lead = s.units.filter((u) => u.role === 'lead').map((u) => u.name).join(sep);
  const co = s.units.filter((u) => u.role === 'co').map((u) => u.name).join(sep);
  return (
    <div>
      <h1 className="lx-title">{s.title}</h1>
      <div className="lx-target">
        <div><strong>{s.numberLabel}</strong>{s.keySupervision && <Tag color="danger" style={{ marginLeft: 8 }}>{l('重点督办', 'Key supervision')}</Tag>}</div>
        <div>{s.congressName} · {label(KIND_LABELS[s.kind])}</div>
        <div>{l('领衔代表', 'Lead deputy')}:{s.leadDeputyName}</div>
        {s.cosignerNames.length > 0 && <div>{l('附议代表', 'Co-signers')}:{s.cosignerNames.join(sep)}</div>}
      </div>
      <List>
        <List.Item extra={label(s.stateLabel)}>{l('状态', 'State')}</List.Item>
        <List.Item extra={s.categoryName}>{l('类别', 'Category')}</List.Item>
        <List.Item extra={s.regionName}>{l('涉及地区', 'Region')}</List.Item>
        {lead && <List.Item extra={lead}>{l('主办单位', 'Lead unit')}</List.Item>}
        {co && <List.Item extra={co}>{l('会办单位', 'Co-units')}</List.Item>}
        {s.deadlineDate && <List.Item extra={formatDate(s.deadlineDate)}>{l('办理期限', 'Due')}</List.Item>}
        {s.answerCategory && <List.Item extra={<strong className="lx-result">{label(ANSWER_CATEGORY_LABELS[s.answerCategory])}</strong>}>{l('答复类别', 'Answer')}</List.Item>}
        {s.rating && <List.Item extra={<strong className="lx-result">{label(RATING_LABELS.labels[s.rating])}</strong>}>{l('代表评价', 'Deputy’s rating')}</List.Item>}
      </List>
      <h2 className="lx-section">{l('案由', 'Reasons')}</h2>
      <div className="lx-text">{s.reasons}</div>
      <h2 className="lx-section">{l('建议内容', 'Proposals')}</h2>
      <div className="lx-text">{s.proposals}</div>
      {s.answers.map((a) => (
        <section key={a.round} aria-label={l(`第 ${a.round} 次答复`, `Answer ${a.round}`)}>
          <h2 className="lx-section">{s.answers.length > 1 ? l(`答复函(第 ${a.round} 次)`, `Answer letter (round ${a.round})`) : l('答复函', 'Answer letter')}</h2>
          <div className="lx-hint">{a.unitName} · {formatDateTime(a.answeredAt)} · {label(ANSWER_CATEGORY_LABELS[a.category])}{a.onTime ? '' : l(' · 逾期答复', ' · answered late')}</div>
          <div className="lx-text">{a.body}</div>
          <div className="lx-hint" style={{ textAlign: 'right' }}>{a.signedBy}</div>
        </section>
      ))}
      {s.commitments.length > 0 && (
        <List header={l('承诺事项', 'Commitments')}>
          {s.commitments.map((c, i) => (
            <List.Item key={i} description={c.done ? l(`已落实 ${formatDateTime(c.doneAt)}`, `Kept ${formatDateTime(c.doneAt)}`) : l(`计划 ${formatDate(c.dueOn)} 前完成`, `Due by ${formatDate(c.dueOn)}`)}
              extra={<Tag color={c.done ? 'success' : 'default'}>{c.done ? l('已落实', 'Kept') : l('落实中', 'Open')}</Tag>}>
              {c.body}
            </List.Item>
          ))}
        </List>
      )}
      {s.ratings.length > 0 && (
        <List header={l('代表评价', 'Deputies’ ratings')}>
          {s.ratings.map((r) => (
            <List.Item key={`${r.round}-${r.deputyName}`} description={formatDateTime(r.ratedAt)} extra={label(RATING_LABELS.labels[r.rating])}>
              {r.deputyName}{s.answers.length > 1 ? l(`(第 ${r.round} 次答复)`, ` (answer ${r.round})`) : ''}
            </List.Item>
          ))}
        </List>
      )}
      {s.files.length > 0 && (
        <List header={l('附件', 'Files')}>
          {s.files.map((f) => (
            <List.Item key={f.id} description={sizeText(f.size)} arrowIcon={false}>
              <a href={f.url} target="_blank" rel="noopener noreferrer">{f.name}</a>
            </List.Item>
          ))}
        </List>
      )}
      {s.timeline.length > 0 && (
        <Steps direction="vertical" current={s.timeline.length - 1} style={{ padding: 16 }}>
          {s.timeline.map((e) => <Steps.Step key={`${e.at}-${e.action}`} title={label(e.label)} description={formatDateTime(e.at)} />)}
        </Steps>
      )}
      <p className="lx-hint"><Link to="/suggestions">{l('全部公开的建议', 'All published suggestions')}</Link></p>
    </div>
  );
}
