import { Alert, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import type { GridCoverage } from './types.js';

/**
 * 网格覆盖: every cell of a county or town by town and village, with its deputies and grid
 * workers, how many of the region's current deputies are in a grid, and those who are not yet.
 */
export function CoveragePage() {
  const { l } = useI18n();
  const { me } = useSession();
  const width = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('region') ?? me?.scope.region?.code ?? null;
  const cov = useApiQuery<GridCoverage>(regionCode ? `/api/grids/coverage${qs({ regionCode })}` : null, { keepPrevious: true });
  const d = cov.data;
  return (
    <RequireAbility ability="grid.coverage">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('网格覆盖', 'Grid coverage')} />
        <FilterBar>
          <RegionPicker value={regionCode} onChange={(code) => setParams(code ? { region: code } : {}, { replace: true })} style={width(260)} compact allowClear={false} aria-label={l('地区', 'Region')} placeholder={l('选择县(区)或乡镇', 'Choose a county or town')} />
        </FilterBar>
        {!regionCode && <Empty description={l('请选择县(区)或乡镇', 'Choose a county or town')} />}
        <LoadError error={cov.error?.message ?? null} retry={() => void cov.refetch()} />
        {d && (
          <>
            <Card size="small">
              <Space wrap size="large" align="center">
                <Typography.Text strong>{d.regionName}</Typography.Text>
                <span data-testid="coverage-count">{l(`现任代表 ${d.deputyCount} 名,已编入网格 ${d.inGridCount} 名`, `${d.inGridCount} of ${d.deputyCount} current deputies in a grid`)}</span>
                <Progress type="circle" size={56} percent={d.deputyCount ? Math.round((d.inGridCount / d.deputyCount) * 100) : 0} aria-label={l('已编入网格的代表占比', 'Share of deputies in a grid')} />
              </Space>
            </Card>
            {d.notInGrid.length > 0 && (
              <Alert
                type="warning" showIcon title={l(`${d.notInGrid.length} 名代表尚未编入网格`, `${d.notInGrid.length} deputies are in no grid yet`)}
                description={<Space wrap size={[4, 4]}>{d.notInGrid.map((x) => <Tag key={x.id}>{x.name} · {x.regionName}{x.gridLabel ? ` · ${x.gridLabel}` : ''}</Tag>)}</Space>}
              />
            )}
            {d.towns.length === 0 && <Empty description={l('该地区尚未划分网格', 'No cells in this region yet')} />}
            {d.towns.map((t) => (
              <Card key={t.regionCode} size="small" title={t.regionName}>
                {t.villages.map((v) => (
                  <div key={v.village} style={{ marginBottom: 12 }}>
                    <Typography.Title level={3} style={{ fontSize: 15, margin: '4px 0' }}>{v.village}</Typography.Title>
                    <List
                      size="small" dataSource={v.cells}
                      renderItem={(c) => (
                        <List.Item>
                          <List.Item.Meta
                            title={c.name}
                            description={(
                              <Space orientation="vertical" size={2}>
                                <span>{l('代表:', 'Deputies: ')}{c.deputies.length ? c.deputies.map((x) => x.name).join('、') : <Typography.Text type="warning">{l('无', 'none')}</Typography.Text>}</span>
                                <span>{l('网格员:', 'Grid workers: ')}{c.workers.length ? c.workers.map((x) => x.name).join('、') : <Typography.Text type="warning">{l('无', 'none')}</Typography.Text>}</span>
                              </Space>
                            )}
                          />
                        </List.Item>
                      )}
                    />
                  </div>
                ))}
              </Card>
            ))}
          </>
        )}
      </Space>
    </RequireAbility>
  );
}
