import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { DeputyFormDrawer } from './DeputyForm.js';
import { ImportDrawer } from '../imports/ImportDrawer.js';
import { PhoneText } from '../../kit/PhoneText.js';
import { ActiveSelect, FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow, type ActiveFilter } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import type { DeputyListItem } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';

interface Filters { level?: string; regionCode?: string; status?: string; stationId?: number; active: ActiveFilter; q?: string }

/** The deputies the account reaches; the search box takes a name, pinyin or initials (zxm → 张晓明). */
export function DeputiesPage() {
  return <RequireAbility ability="deputy.read"><DeputyList /></RequireAbility>;
}

function DeputyList() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const vocabulary = useVocabulary();
  const fs = useFilterStyle();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ active: 'true' });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useKeysetQuery<DeputyListItem>(`/api/deputies${qs({ ...filters })}`);
  const regional = me?.role === 'admin' || me?.role === 'staff';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('人大代表', 'Deputies')}
        extra={(
          <>
            <ExportButton href={`/api/deputies.xlsx${qs({ ...filters })}`} />
            {can('deputy.create') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{l('导入花名册', 'Import a roster')}</Button>}
            {can('deputy.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('新增代表', 'New deputy')}</Button>}
          </>
        )}
      />
      <FilterBar>
        <Input.Search
          allowClear placeholder={l('姓名、拼音或首字母', 'Name, pinyin or initials')} style={fs(220, true)}
          aria-label={l('搜索代表', 'Search deputies')} onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
        <Select
          allowClear value={filters.level} style={fs(160)} placeholder={l('全部层级', 'All levels')} aria-label={l('代表层级', 'Level')}
          options={vocabulary.options('deputyLevels')} onChange={(level?: string) => setFilters({ ...filters, level })}
        />
        <Select
          allowClear value={filters.status} style={fs(130)} placeholder={l('现届与往届', 'Any term')} aria-label={l('代表状态', 'Status')}
          options={vocabulary.options('deputyStatuses')} onChange={(status?: string) => setFilters({ ...filters, status })}
        />
        {regional && (
          <RegionPicker
            value={filters.regionCode ?? null} style={fs(200)} placeholder={l('全部区划', 'All regions')} aria-label={l('按区划筛选', 'Filter by region')}
            onChange={(code) => setFilters({ ...filters, regionCode: code ?? undefined })}
          />
        )}
        <RecordSelect<number>
          source="stations" value={filters.stationId ?? null} style={fs(220)} placeholder={l('全部联络站', 'All stations')}
          aria-label={l('按联络站筛选', 'Filter by station')} onChange={(stationId) => setFilters({ ...filters, stationId: stationId ?? undefined })}
        />
        <ActiveSelect style={fs(120)} value={filters.active} onChange={(active) => setFilters({ ...filters, active })} />
      </FilterBar>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <Table<DeputyListItem>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 1000 }}
        columns={[
          {
            title: l('姓名', 'Name'), dataIndex: 'name', fixed: 'left', width: narrow ? 90 : 120,
            render: (name: string, d) => (
              <Space size={4} wrap>
                <Link to={`/deputies/${d.id}`}>{name}</Link>
                {!d.active && <Tag>{l('已停用', 'Inactive')}</Tag>}
              </Space>
            ),
          },
          { title: l('性别', 'Gender'), dataIndex: 'gender', width: 70, render: (g: string) => vocabulary.text('genders', g) },
          {
            title: l('代表层级', 'Levels'), dataIndex: 'levels', width: 230,
            render: (levels: string[]) => levels.length
              ? <Space size={[4, 4]} wrap>{levels.map((v) => <Tag key={v} color="red">{vocabulary.text('deputyLevels', v)}</Tag>)}</Space>
              : '—',
          },
          {
            title: l('状态', 'Status'), dataIndex: 'status', width: 150,
            render: (s: string, d) => (
              <Space size={[4, 4]} wrap>
                <span>{vocabulary.text('deputyStatuses', s)}</span>
                {d.specialLiaison && <Tag color="gold">{l('特邀联络员', 'Invited liaison')}</Tag>}
              </Space>
            ),
          },
          { title: l('所属区划', 'Region'), dataIndex: 'region', width: 130, render: (_, d) => <Tooltip title={d.region.fullName}>{d.region.name}</Tooltip> },
          { title: l('工作单位及职务', 'Occupation'), dataIndex: 'occupation', ellipsis: true, render: (o: string) => o || '—' },
          { title: l('手机', 'Phone'), dataIndex: 'phone', width: 140, render: (p: string | null, d) => <PhoneText phone={p} masked={d.phoneMasked} /> },
          {
            title: l('进站', 'Stations'), dataIndex: 'stationCount', width: 70, align: 'right',
            render: (n: number) => (n ? n : <Typography.Text type="warning">0</Typography.Text>),
          },
        ]}
      />
      {list.pager}
      <ImportDrawer kind="deputies" open={importing} onClose={() => setImporting(false)} onImported={() => void list.reload()} />
      <DeputyFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(d) => { setCreating(false); navigate(`/deputies/${d.id}`); }} />
    </Space>
  );
}
