import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Table, Tag, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import type { RosterItem } from './types.js';

/** The fields and roles as tags. */
export function KeyedTags({ items, color }: { items: { key: string; label: { zh: string; en: string } }[]; color: string }) {
  const { label } = useI18n();
  return <>{items.map((x) => <Tag key={x.key} color={color} style={{ marginBottom: 4 }}>{label(x.label)}</Tag>)}</>;
}

/** The 特邀联络员 card as PNG (phones, chat groups) and PDF (the print shop). */
export function CardButtons({ d }: { d: Pick<RosterItem, 'id' | 'name' | 'card'> }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  if (!d.card) return null;
  const get = (ext: 'png' | 'pdf') => downloadFile(`/api/former-deputies/${d.id}/card.${ext}`, `${d.name}-特邀联络员证.${ext}`)
    .catch((err: unknown) => message.error(err instanceof Error ? err.message : String(err)));
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => void get('png')} aria-label={l(`PNG(${d.name} 的联络员证)`, `PNG (${d.name}'s card)`)}>PNG</Button>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => void get('pdf')} aria-label={l(`PDF(${d.name} 的联络员证)`, `PDF (${d.name}'s card)`)}>PDF</Button>
    </Space>
  );
}

/**
 * 代表之家: the former deputies in reach, those on the roster (with a 特邀联络员 card) first; each
 * with their fields and roles, what they collected and carried, and their deeds. A former deputy
 * not yet on the roster is enrolled from their page.
 */
export function RosterPage() {
  const { l } = useI18n();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stationId = Number(params.get('station')) || null;
  const roster = useApiQuery<{ items: RosterItem[] }>(`/api/former-deputies${qs({ stationId })}`, { keepPrevious: true });
  const items = roster.data?.items ?? [];
  const open = (e: MouseEvent, id: number) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    void navigate(`/former-deputies/${id}`);
  };
  const cardLine = (d: RosterItem) => (d.card
    ? l(`${d.card.number} · ${d.card.station.name} · ${formatDate(d.card.issuedOn)} 发证`, `${d.card.number} · ${d.card.station.name} · issued ${formatDate(d.card.issuedOn)}`)
    : l('未入册', 'Not on the roster'));
  const counts = (d: RosterItem) => l(`意见 ${d.opinions} 条(转交 ${d.carried}) · 事迹 ${d.deeds}`, `${d.opinions} opinions (${d.carried} carried) · ${d.deeds} deeds`);

  return (
    <RequireAbility ability="formerDeputy.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('代表之家·往届代表', 'Former deputies')} />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {l('“一届当代表,终身为人民”:往届代表入册代表之家,持特邀联络员证,在六大方面发挥四种作用;他们收集的意见可当场答复,或由现届代表转交办理。',
            'Former deputies on a 代表之家 roster carry a special liaison card; what they collect is answered on the spot or carried by a current deputy as a case.')}
        </Typography.Paragraph>
        <FilterBar>
          <RecordSelect<number>
            source="stations" value={stationId} style={width(260, true)} aria-label={l('联络站', 'Station')} placeholder={l('全部联络站', 'All stations')}
            onChange={(v) => { const next = new URLSearchParams(params); if (v) next.set('station', String(v)); else next.delete('station'); setParams(next, { replace: true }); }}
          />
        </FilterBar>
        <LoadError error={roster.error?.message ?? null} retry={() => void invalidateApi('/api/former-deputies')} />
        {narrow ? (
          <List<RosterItem>
            dataSource={items} loading={roster.isFetching} data-testid="former-roster" locale={{ emptyText: l('暂无往届代表', 'No former deputy') }}
            renderItem={(d) => (
              <List.Item>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <a href={`/former-deputies/${d.id}`} onClick={(e) => open(e, d.id)} style={{ fontWeight: 600 }}>{d.name}</a>
                    {d.specialLiaison && <Tag color="red">{l('特邀联络员', 'Special liaison')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.occupation || d.stations}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{cardLine(d)}</Typography.Text>
                  <div><KeyedTags items={d.fields} color="blue" /><KeyedTags items={d.roles} color="purple" /></div>
                  <Typography.Text style={{ fontSize: 12 }}>{counts(d)}</Typography.Text>
                  <CardButtons d={d} />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<RosterItem>
            rowKey="id" dataSource={items} loading={roster.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="former-roster"
            locale={{ emptyText: l('暂无往届代表', 'No former deputy') }}
            columns={[
              {
                title: l('姓名', 'Name'), dataIndex: 'name', width: 160,
                render: (n: string, d) => <Space size={4} wrap><a href={`/former-deputies/${d.id}`} onClick={(e) => open(e, d.id)}>{n}</a>{d.specialLiaison && <Tag color="red">{l('特邀联络员', 'Special liaison')}</Tag>}</Space>,
              },
              { title: l('职业', 'Occupation'), dataIndex: 'occupation', width: 140 },
              { title: l('特邀联络员证', 'Card'), key: 'card', render: (_: unknown, d) => cardLine(d) },
              { title: l('六大方面 / 四种作用', 'Fields / roles'), key: 'fields', render: (_: unknown, d) => <><KeyedTags items={d.fields} color="blue" /><KeyedTags items={d.roles} color="purple" /></> },
              { title: l('意见 / 转交 / 事迹', 'Opinions / carried / deeds'), key: 'counts', width: 150, render: (_: unknown, d) => `${d.opinions} / ${d.carried} / ${d.deeds}` },
              { title: l('联络员证下载', 'Card download'), key: 'download', width: 150, render: (_: unknown, d) => <CardButtons d={d} /> },
            ]}
          />
        )}
      </Space>
    </RequireAbility>
  );
}
