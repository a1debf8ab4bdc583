import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Progress, Rate, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { ActiveSelect, FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow, type ActiveFilter } from '../../kit/common.js';
import { ImportDrawer } from '../imports/ImportDrawer.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { StationFormDrawer } from './StationForm.js';
import type { StationListItem } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';

interface Filters { regionCode?: string; type?: string; tier?: string; active: ActiveFilter; q?: string }

/** The stations the account reaches, filtered on the server, with a form to open a new one. */
export function StationsPage() {
  return <RequireAbility ability="station.read"><StationList /></RequireAbility>;
}

function StationList() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const vocabulary = useVocabulary();
  const fs = useFilterStyle();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ active: 'true' });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useKeysetQuery<StationListItem>(`/api/stations${qs({ ...filters })}`);
  // Officers and deputies see a handful of stations of their own: a region filter would only be noise.
  const regional = me?.role === 'admin' || me?.role === 'staff';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('联络站', 'Stations')}
        extra={(
          <>
            <ExportButton href={`/api/stations.xlsx${qs({ ...filters })}`} />
            {can('station.create') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{l('导入站点', 'Import stations')}</Button>}
            {can('station.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('新建联络站', 'New station')}</Button>}
          </>
        )}
      />
      <FilterBar>
        <Input.Search
          allowClear placeholder={l('站名', 'Station name')} style={fs(200, true)} aria-label={l('按站名搜索', 'Search by name')}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
        {regional && (
          <RegionPicker
            value={filters.regionCode ?? null} style={fs(220)} aria-label={l('按区划筛选', 'Filter by region')}
            placeholder={l('全部区划', 'All regions')}
            onChange={(code) => setFilters({ ...filters, regionCode: code ?? undefined })}
          />
        )}
        <Select
          allowClear value={filters.type} style={fs(170)} placeholder={l('全部类型', 'All types')} aria-label={l('类型', 'Type')}
          options={vocabulary.options('stationTypes')} onChange={(type?: string) => setFilters({ ...filters, type })}
        />
        <Select
          allowClear value={filters.tier} style={fs(170)} placeholder={l('全部层级', 'All tiers')} aria-label={l('层级', 'Tier')}
          options={vocabulary.options('stationTiers')} onChange={(tier?: string) => setFilters({ ...filters, tier })}
        />
        <ActiveSelect style={fs(120)} value={filters.active} onChange={(active) => setFilters({ ...filters, active })} />
      </FilterBar>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <Table<StationListItem>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 1220 }}
        columns={[
          {
            title: l('名称', 'Name'), dataIndex: 'name', fixed: 'left', width: narrow ? 140 : 220,
            render: (name: string, s) => (
              <Space size={4} wrap>
                <Link to={`/stations/${s.id}`}>{name}</Link>
                {!s.active && <Tag>{l('已停用', 'Deactivated')}</Tag>}
              </Space>
            ),
          },
          { title: l('类型', 'Type'), dataIndex: 'type', width: 140, render: (t: string) => vocabulary.text('stationTypes', t) },
          { title: l('层级', 'Tier'), dataIndex: 'tier', width: 150, render: (t: string) => vocabulary.text('stationTiers', t) },
          {
            title: l('所在区划', 'Region'), dataIndex: 'homeRegion', width: 130,
            render: (_, s) => (
              <Tooltip title={s.homeRegion.fullName}>
                <span>{s.homeRegion.name}</span>
                {s.memberRegionCount > 1 && <Typography.Text type="secondary"> {l(`等 ${s.memberRegionCount} 地`, `+${s.memberRegionCount - 1}`)}</Typography.Text>}
                {s.locatedRegion && <Typography.Text type="secondary"> {l(`(设在${s.locatedRegion.name})`, `(in ${s.locatedRegion.name})`)}</Typography.Text>}
              </Tooltip>
            ),
          },
          { title: l('代表', 'Deputies'), dataIndex: 'deputyCount', width: 70, align: 'right' },
          {
            title: l('八有一册六簿', 'Checklist'), dataIndex: 'checklistDone', width: 150,
            render: (done: number, s) => (
              <Tooltip title={`${done}/${s.checklistTotal}`}>
                <Progress percent={Math.round((done / s.checklistTotal) * 100)} size="small" format={() => `${done}/${s.checklistTotal}`} aria-label={l('八有一册六簿完成情况', 'Checklist done')} />
              </Tooltip>
            ),
          },
          {
            title: l('等级', 'Grade'), dataIndex: 'grade', width: 160,
            render: (g: string | null, s) => (
              <Space size={4}>
                <span>{vocabulary.text('stationGrades', g)}</span>
                {s.stars ? <Rate disabled value={s.stars} style={{ fontSize: 12 }} /> : null}
              </Space>
            ),
          },
          { title: l('地址', 'Address'), dataIndex: 'address', width: 200, ellipsis: true, render: (a: string) => a || '—' },
        ]}
      />
      {list.pager}
      <ImportDrawer kind="stations" open={importing} onClose={() => setImporting(false)} onImported={() => void list.reload()} />
      <StationFormDrawer
        open={creating} onClose={() => setCreating(false)}
        onSaved={(s) => { setCreating(false); navigate(`/stations/${s.id}`); }}
      />
    </Space>
  );
}
