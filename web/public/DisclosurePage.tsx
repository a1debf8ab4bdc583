import { Button, DotLoading, ErrorBlock, Grid, List, Tag } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';
import type { Schemas } from '../shared/api.js';

type Disclosure = Schemas['DeputyDisclosure'];

function Figure({ value, caption }: { value: string | number; caption: string }) {
  return (
    <div style={{ textAlign: 'center', padding: '12px 4px', background: '#fff7f6', borderRadius: 8 }}>
      <div style={{ fontSize: '1.6em', fontWeight: 700, color: 'var(--adm-color-primary)' }}>{value}</div>
      <div style={{ color: 'var(--adm-color-text-secondary)', fontSize: '0.9em' }}>{caption}</div>
    </div>
  );
}

/**
 * 代表履职公示: a deputy's work as the public may see it, in counts — what they attended, the
 * reception days they held, the opinions they took up and how satisfied people were. No
 * constituent and no phone number appears; the page links to writing to the deputy.
 */
export function DisclosurePage() {
  const { deputyId } = useParams();
  const { l, label, lang } = useI18n();
  const query = useApiQuery<Disclosure>(`/api/public/deputies/${deputyId}/disclosure`);
  const d = query.data ?? null;
  const missing = query.isError;

  if (missing) return <ErrorBlock status="empty" title={l('没有这位代表的公示', 'No such deputy')} description={<Link to="/">{l('查看全部联络站', 'All stations')}</Link>} />;
  if (!d) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  const sep = lang === 'zh' ? '、' : ', ';
  // The deputy's report-backs to the constituents (述职) in counts: no comment, no constituent.
  const rb = d.reportBacks;
  const rate = d.opinions.satisfactionRate === null ? '—' : `${Math.round(d.opinions.satisfactionRate * 100)}%`;
  return (
    <div>
      <h1 className="lx-title">{l('人大代表履职公示', 'A deputy\'s record of work')}</h1>
      <div className="lx-target">
        <div style={{ fontSize: '1.3em', fontWeight: 700 }}>{d.name}{!d.current && <Tag style={{ marginLeft: 8 }}>{l('往届代表', 'Former deputy')}</Tag>}</div>
        {d.levels.map((v) => <div key={v.level}>{label(v.label)}{l(`(第 ${v.term} 届)`, ` (term ${v.term})`)}</div>)}
        {d.stations.length > 0 && <div>{l('所在联络站', 'Stations')}:{d.stations.map((s) => s.name).join(sep)}</div>}
      </div>
      <div style={{ padding: 12 }}>
        <Grid columns={2} gap={8}>
          <Grid.Item><Figure value={d.activities.total} caption={l('参加履职活动(次)', 'Activities attended')} /></Grid.Item>
          <Grid.Item><Figure value={d.receptionDaysHeld} caption={l('接待选民日(天)', 'Reception days held')} /></Grid.Item>
          <Grid.Item><Figure value={d.opinions.collected} caption={l('收集群众意见(件)', 'Opinions taken up')} /></Grid.Item>
          <Grid.Item><Figure value={d.opinions.answered} caption={l('已答复群众(件)', 'Answered')} /></Grid.Item>
          <Grid.Item><Figure value={rate} caption={l(`群众满意度(${d.opinions.rated} 件评价)`, `Satisfaction (${d.opinions.rated} rated)`)} /></Grid.Item>
          <Grid.Item><Figure value={d.campaigns} caption={l('参加主题活动(个)', 'Campaigns joined')} /></Grid.Item>
        </Grid>
      </div>
      {rb && rb.count > 0 && (
        <List header={l('向选民述职', 'Report-backs to the constituents')} data-testid="disclosure-report-backs">
          <List.Item extra={l(`${rb.count} 次`, String(rb.count))}>{l('述职次数', 'Report-backs held')}</List.Item>
          <List.Item extra={l(`${rb.evaluations} 份`, String(rb.evaluations))}>{l('群众评议', 'Constituents\' evaluations')}</List.Item>
          <List.Item extra={rb.satisfiedPercent === null ? '—' : `${rb.satisfiedPercent}%`}>{l('满意率(含基本满意)', 'Satisfied (incl. mostly)')}</List.Item>
          {rb.last && <List.Item extra={rb.last.date}>{l('最近一次述职', 'Last report-back')}</List.Item>}
        </List>
      )}
      {d.activities.byKind.length > 0 && (
        <List header={l('参加的活动', 'Activities by kind')}>
          {d.activities.byKind.map((k) => <List.Item key={k.kind} extra={l(`${k.count} 次`, String(k.count))}>{label(k.label)}</List.Item>)}
        </List>
      )}
      {d.stations.length > 0 && (
        <List header={l('联络站', 'Stations')}>
          {d.stations.map((s) => <Link key={s.id} to={`/s/${s.id}`}><List.Item arrowIcon>{s.name}</List.Item></Link>)}
        </List>
      )}
      <div style={{ padding: 12 }}>
        <Link to={`/submit?deputy=${d.id}`}><Button block color="primary">{l('向该代表反映意见', 'Write to this deputy')}</Button></Link>
        <p style={{ color: 'var(--adm-color-text-secondary)', fontSize: '0.85em' }}>
          {l(`统计截至 ${d.asOf},依据联络站平台登记的活动、接待日和意见办理记录。`, `As of ${d.asOf}, from the activities, reception days and opinions recorded by the stations.`)}
        </p>
      </div>
    </div>
  );
}
