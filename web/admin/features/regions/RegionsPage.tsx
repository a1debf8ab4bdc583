import { RightOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Input, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { regionDetail, type Region } from '../../kit/RegionPicker.js';
import { useVocabulary } from '../../kit/vocabulary.js';

/**
 * The GB/T 2260 region tree, read only: drill down from the provinces to the towns, or search
 * by name or code across the country. The region being browsed is in the address (?parent=),
 * so the browser's back button climbs back up. A clerk starts at their own region.
 */
export function RegionsPage() {
  return <RequireAbility ability="region.read"><RegionBrowser /></RequireAbility>;
}

function RegionBrowser() {
  const { l } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const parent = params.get('parent') ?? (params.has('all') ? null : me?.scope.region?.code ?? null);
  const q = params.get('q') ?? '';

  const open = (code: string | null) => setParams(code ? { parent: code } : { all: '' });
  const search = (text: string) => setParams(text.trim() ? { q: text.trim() } : parent ? { parent } : { all: '' });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle title={l('行政区划', 'Regions')} />
      <Input.Search
        key={q} defaultValue={q} allowClear enterButton placeholder={l('按名称或代码搜索全国区划', 'Search the whole country by name or code')}
        style={{ maxWidth: 420 }} aria-label={l('搜索行政区划', 'Search regions')} onSearch={search}
      />
      {q ? <SearchResults q={q} onOpen={open} /> : <Children parent={parent} onOpen={open} />}
    </Space>
  );
}

function Trail({ parent, onOpen }: { parent: string | null; onOpen(code: string | null): void }) {
  const { l } = useI18n();
  const [chain, setChain] = useState<Region[]>([]);
  useEffect(() => {
    if (!parent) { setChain([]); return; }
    let live = true;
    regionDetail(parent).then((r) => { if (live) setChain([...r.ancestors, r]); }, () => undefined);
    return () => { live = false; };
  }, [parent]);

  const link = (label: string, code: string | null) => (
    <Typography.Link onClick={() => onOpen(code)}>{label}</Typography.Link>
  );
  return (
    <Breadcrumb
      items={[
        { key: 'all', title: chain.length || parent ? link(l('全国', 'China'), null) : l('全国', 'China') },
        ...chain.map((r, i) => ({ key: r.code, title: i === chain.length - 1 ? r.name : link(r.name, r.code) })),
      ]}
    />
  );
}

function Children({ parent, onOpen }: { parent: string | null; onOpen(code: string | null): void }) {
  const { l } = useI18n();
  const list = useKeysetQuery<Region>(`/api/regions${qs({ parent })}`, 200);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Trail parent={parent} onOpen={onOpen} />
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <RegionTable
        regions={list.items} loading={list.loading} onOpen={onOpen}
        empty={l('该区划没有下级', 'This region has no subdivisions')}
      />
      {list.pager}
    </Space>
  );
}

function SearchResults({ q, onOpen }: { q: string; onOpen(code: string | null): void }) {
  const { l } = useI18n();
  const list = useKeysetQuery<Region>(`/api/regions/search${qs({ q })}`, 20);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{l(`“${q}”的搜索结果`, `Results for “${q}”`)}</Typography.Text>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <RegionTable regions={list.items} loading={list.loading} onOpen={onOpen} full empty={l('没有匹配的区划', 'No matching region')} />
      {list.pager}
    </Space>
  );
}

/** Code, name and level; a region with subdivisions opens them (search hits do not know, so they always offer to). */
function RegionTable({ regions, loading, onOpen, full, empty }: {
  regions: Region[]; loading: boolean; onOpen(code: string): void; full?: boolean; empty: string;
}) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const drillable = (r: Region) => r.hasChildren ?? r.level !== 'town';
  return (
    <Table<Region>
      rowKey="code" size="small" loading={loading} dataSource={regions} pagination={false} scroll={{ x: 440 }}
      locale={{ emptyText: empty }}
      columns={[
        { title: l('代码', 'Code'), dataIndex: 'code', width: 110, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
        {
          title: l('名称', 'Name'), dataIndex: full ? 'fullName' : 'name',
          render: (name: string, r) => (drillable(r) ? <Typography.Link onClick={() => onOpen(r.code)}>{name}</Typography.Link> : name),
        },
        { title: l('级别', 'Level'), dataIndex: 'level', width: 90, render: (v: string) => vocabulary.text('regionLevels', v) },
        {
          title: '', key: 'open', width: 80, align: 'right',
          render: (_, r) => drillable(r) && (
            <Button size="small" type="link" onClick={() => onOpen(r.code)}>
              {l('下级', 'Open')} <RightOutlined />
            </Button>
          ),
        },
      ]}
    />
  );
}
