import { CheckCircleOutlined, SettingOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Progress, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RATE_INDICATORS, type IndicatorKey } from '../../../../common/points.js';
import { post, qs } from '../../../shared/api.js';
import { formatDateTime, percent } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { GradeTag, thisYear, YearSelect } from '../points/common.js';
import { SchemeDrawer } from './SchemeDrawer.js';
import type { Assessment, IndicatorResult } from '../points/types.js';

/**
 * 考核评价: each station's indicators, score out of 100 and grade for a year, computed from the
 * year's facts, beside the confirmed assessment. Staff confirm a station's result and may set
 * its grade (一类/二类/三类) with it; the scheme (weights, targets, thresholds) opens on the side.
 */
export function AssessmentsPage() {
  return <RequireAbility ability="assessment.read"><Assessments /></RequireAbility>;
}

function valueText(i: IndicatorResult, l: (zh: string, en: string) => string): string {
  if (i.value === null) return l('不适用', 'n/a');
  return RATE_INDICATORS.includes(i.key as IndicatorKey) ? percent(i.value) : String(i.value);
}

function Indicators({ indicators }: { indicators: IndicatorResult[] }) {
  const { l, label } = useI18n();
  return (
    <Table<IndicatorResult>
      rowKey="key" size="small" pagination={false} dataSource={indicators}
      columns={[
        { title: l('指标', 'Indicator'), key: 'label', render: (_, i) => label(i.label) },
        { title: l('实际', 'Value'), key: 'value', width: 90, align: 'right', render: (_, i) => valueText(i, l) },
        { title: l('目标', 'Target'), key: 'target', width: 80, align: 'right', render: (_, i) => (RATE_INDICATORS.includes(i.key as IndicatorKey) ? percent(i.target) : i.target) },
        { title: l('得分/权重', 'Score'), key: 'score', width: 100, align: 'right', render: (_, i) => (i.score === null ? '—' : `${i.score} / ${i.weight}`) },
      ]}
    />
  );
}

function Assessments() {
  const { l, label } = useI18n();
  const { me, can } = useSession();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const fs = useFilterStyle();
  const reportError = useWriteErrors();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const regional = me?.role === 'admin' || me?.role === 'staff';
  const [regionCode, setRegionCode] = useState<string | null>(me?.scope.region?.code ?? null);
  const [schemeOpen, setSchemeOpen] = useState(false);
  const list = useKeysetQuery<Assessment>(`/api/assessments${qs({ year, regionCode: regional ? regionCode : null })}`, 50);

  function confirm(a: Assessment) {
    let applyGrade = a.station.grade !== a.grade;
    modal.confirm({
      title: l(`确认 ${a.station.name} ${year} 年度考核结果?`, `Confirm ${a.station.name}'s ${year} assessment?`),
      content: (
        <Space orientation="vertical">
          <span>{l(`得分 ${a.score},${label(a.gradeLabel)}`, `Score ${a.score}, ${label(a.gradeLabel)}`)}</span>
          <Checkbox defaultChecked={applyGrade} onChange={(e) => { applyGrade = e.target.checked; }}>
            {l(`同时将联络站等级设为“${label(a.gradeLabel)}”`, `Also set the station's grade to “${label(a.gradeLabel)}”`)}
          </Checkbox>
        </Space>
      ),
      okText: l('确认', 'Confirm'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          await post(`/api/assessments/stations/${a.station.id}/confirm`, { year, applyGrade, version: a.confirmed?.version ?? null });
          message.success(l('已确认', 'Confirmed'));
          void list.reload();
        } catch (err) { reportError(err, message, undefined, () => void list.reload()); }
      },
    });
  }

  const confirmedCell = (a: Assessment) => (a.confirmed ? (
    <Tooltip title={l(`${a.confirmed.confirmedBy} 于 ${formatDateTime(a.confirmed.confirmedAt)} 确认${a.confirmed.gradeApplied ? ',已设定站点等级' : ''}`,
      `Confirmed by ${a.confirmed.confirmedBy}, ${formatDateTime(a.confirmed.confirmedAt)}${a.confirmed.gradeApplied ? '; grade set' : ''}`)}>
      <Space size={4}>
        <CheckCircleOutlined style={{ color: '#389e0d' }} />
        <span>{a.confirmed.score}</span>
        <GradeTag grade={a.confirmed.grade} label={a.confirmed.gradeLabel} />
        {a.changedSince && <WarningOutlined style={{ color: '#d48806' }} aria-label={l('确认后数据有变化', 'Changed since')} />}
      </Space>
    </Tooltip>
  ) : <Typography.Text type="secondary">{l('未确认', 'Not confirmed')}</Typography.Text>);

  const action = (a: Assessment) => a.abilities.includes('confirm') && (
    <Button size="small" onClick={() => confirm(a)}>{a.confirmed ? l('重新确认', 'Confirm again') : l('确认', 'Confirm')}</Button>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('联络站考核评价', 'Station assessment')}
        extra={(
          <>
            <YearSelect value={year} onChange={(y) => setParams({ year: String(y) })} />
            <Button icon={<SettingOutlined />} onClick={() => setSchemeOpen(true)}>{can('assessment.manage') ? l('考核方案', 'Scheme') : l('查看方案', 'Scheme')}</Button>
          </>
        )}
      />
      {regional && (
        <FilterBar>
          <RegionPicker value={regionCode} onChange={setRegionCode} style={fs(260, true)} aria-label={l('区划', 'Region')} placeholder={l('全部区划', 'All regions')} />
        </FilterBar>
      )}
      <Typography.Text type="secondary">
        {l('按本年度事实即时计算(本年度为截至今日);“确认”保存当时的结果,之后的更正只显示变化,不改写已确认结果。',
          'Computed now from the year\'s facts (this year: so far). Confirming stores the result; later corrections show as a change, never rewrite it.')}
      </Typography.Text>
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Table<Assessment>
        rowKey={(a) => a.station.id} size="small" loading={list.loading} dataSource={list.items} pagination={false}
        expandable={{ expandedRowRender: (a) => <Indicators indicators={a.indicators} /> }}
        columns={[
          {
            title: l('联络站', 'Station'), key: 'station',
            render: (_, a) => (
              <div>
                <Link to={`/stations/${a.station.id}`}>{a.station.name}</Link>
                {narrow && <div>{confirmedCell(a)}</div>}
              </div>
            ),
          },
          {
            title: l('得分', 'Score'), key: 'score', width: narrow ? 96 : 200,
            render: (_, a) => (narrow
              ? <Space orientation="vertical" size={0}><strong>{a.score}</strong><GradeTag grade={a.grade} label={a.gradeLabel} /></Space>
              : <Progress percent={a.score} size="small" format={() => a.score} aria-label={l('得分', 'Score')} strokeColor={a.grade === 'first' ? '#b71c1c' : a.grade === 'second' ? '#fa8c16' : '#8c8c8c'} />),
          },
          ...(narrow ? [] : [
            { title: l('考核等级', 'Grade'), key: 'grade', width: 90, render: (_: unknown, a: Assessment) => <GradeTag grade={a.grade} label={a.gradeLabel} /> },
            { title: l('接待日', 'Reception days'), key: 'rota', width: 100, render: (_: unknown, a: Assessment) => (a.receptionDays.due ? `${a.receptionDays.held}/${a.receptionDays.due}` : '—') },
            { title: l('现等级', 'Current grade'), key: 'current', width: 90, render: (_: unknown, a: Assessment) => <GradeTag grade={a.station.grade} label={a.station.gradeLabel} /> },
            { title: l('已确认', 'Confirmed'), key: 'confirmed', width: 180, render: (_: unknown, a: Assessment) => confirmedCell(a) },
          ]),
          ...(can('assessment.manage') ? [{ title: '', key: 'action', width: narrow ? 76 : 100, render: (_: unknown, a: Assessment) => action(a) }] : []),
        ]}
      />
      {list.pager}
      <SchemeDrawer open={schemeOpen} regionCode={regional ? regionCode : list.items[0]?.scheme.region?.code ?? null} year={year} onClose={() => setSchemeOpen(false)} onSaved={() => { setSchemeOpen(false); void list.reload(); }} />
    </Space>
  );
}
