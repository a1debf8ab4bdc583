import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { editColumn, FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';
import type { Schemas } from '../../../shared/api.js';

type Label = { zh: string; en: string };
export type Term = Schemas['CongressTerm'];

interface Filters { level?: string; regionCode?: string }

/**
 * 人大届次: the terms of the congresses, with their dates. A deputy's performance archive is
 * read per term from these dates; staff record the terms of their region's congresses and
 * close the running one when the next congress meets.
 */
export function TermsPage() {
  return <RequireAbility ability="term.read"><TermList /></RequireAbility>;
}

function TermList() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const vocabulary = useVocabulary();
  const fs = useFilterStyle();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  // null: closed; 'new': recording one; a term: correcting it.
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const list = useKeysetQuery<Term>(`/api/terms${qs({ ...filters })}`, 50);
  const today = dayjs().format('YYYY-MM-DD');
  const state = (x: Term) => (x.current ? <Tag color="red">{l('本届', 'Running')}</Tag>
    : x.startsOn > today ? <Tag color="blue">{l('未开始', 'Not begun')}</Tag> : <Tag>{l('已届满', 'Ended')}</Tag>);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('人大届次', 'Congress terms')}
        extra={can('term.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('登记届次', 'New term')}</Button>}
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {l('每届人大自首次会议起算,至下届人大首次会议前一日止。代表的履职档案按届次统计。',
          'A term runs from its congress\'s first session to the day before the next congress first meets. Deputies\' archives are read per term.')}
      </Typography.Paragraph>
      <FilterBar>
        <Select
          allowClear style={fs(160)} placeholder={l('全部层级', 'All levels')} aria-label={l('按层级筛选', 'Filter by level')}
          options={vocabulary.options('deputyLevels')} value={filters.level ?? null}
          onChange={(level: string | null) => setFilters({ ...filters, level: level ?? undefined })}
        />
        <RegionPicker
          value={filters.regionCode ?? null} style={fs(200)} placeholder={l('全部区划', 'All regions')} aria-label={l('按区划筛选', 'Filter by region')}
          onChange={(code) => setFilters({ ...filters, regionCode: code ?? undefined })}
        />
      </FilterBar>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <Table<Term>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: can('term.round') ? 950 : 760 }}
        locale={{ emptyText: l('没有登记的届次', 'No terms recorded') }}
        columns={[
          {
            title: l('人民代表大会', 'Congress'), dataIndex: 'name', fixed: 'left', width: narrow ? 170 : 260,
            render: (n: Label, x) => <Tooltip title={x.region?.fullName ?? l('全国', 'China')}>{label(n)}</Tooltip>,
          },
          { title: l('层级', 'Level'), dataIndex: 'level', width: 130, render: (v: string) => vocabulary.text('deputyLevels', v) },
          { title: l('届次', 'Term'), dataIndex: 'number', width: 70, align: 'center' },
          { title: l('起始日期', 'From'), dataIndex: 'startsOn', width: 110 },
          { title: l('结束日期', 'To'), dataIndex: 'endsOn', width: 110, render: (v: string | null) => v ?? l('至今', 'Present') },
          { title: l('状态', 'State'), key: 'state', width: 90, render: (_: unknown, x: Term) => state(x) },
          // 换届 from the running term of a congress one manages; any term's 编组进站 (coverage).
          ...(can('term.round') ? [{
            title: l('换届', 'Election round'), key: 'round', width: 190,
            render: (_: unknown, x: Term) => (
              <Space size={4} wrap>
                {x.current && x.abilities.includes('update') && (
                  <Button size="small" icon={<SwapOutlined />} aria-label={l(`换届:${label(x.name)}`, `Election round: ${label(x.name)}`)} onClick={() => navigate(`/terms/${x.id}/round`)}>
                    {l('换届', 'Round')}
                  </Button>
                )}
                {x.abilities.includes('update') && <Button size="small" type="link" aria-label={l(`编组进站:${label(x.name)}`, `Deputies in stations: ${label(x.name)}`)} onClick={() => navigate(`/terms/${x.id}/coverage`)}>
                  {l('进站', 'Stations')}
                </Button>}
              </Space>
            ),
          }] : []),
          ...editColumn<Term>(can('term.manage'), narrow, l, setEditing),
        ]}
      />
      {list.pager}
      <TermModal
        term={editing === 'new' ? undefined : editing ?? undefined} open={editing !== null}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void list.reload(); }} onConflict={() => { setEditing(null); void list.reload(); }}
      />
    </Space>
  );
}

interface Values { level?: string; regionCode?: string | null; number?: number | null; startsOn?: Dayjs | null; endsOn?: Dayjs | null }

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function bodyOf(v: Values) {
  return {
    level: v.level ?? '', regionCode: v.level === 'national' ? null : v.regionCode ?? null, number: v.number ?? 0,
    startsOn: day(v.startsOn) ?? '', endsOn: day(v.endsOn),
  };
}

function valuesOf(x: Term): Values {
  return { level: x.level, regionCode: x.region?.code ?? null, number: x.number, startsOn: dayjs(x.startsOn), endsOn: x.endsOn ? dayjs(x.endsOn) : null };
}

function TermModal({ term, open, onClose, onSaved, onConflict }: { term?: Term; open: boolean; onClose(): void; onSaved(): void; onConflict(): void }) {
  const { l, label } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const vocabulary = useVocabulary();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // Staff record their own region's congresses; only administrators the NPC's.
  const levels = vocabulary.options('deputyLevels').filter((o) => o.value !== 'national' || me?.role === 'admin');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(term ? valuesOf(term) : { regionCode: me?.scope.region?.code ?? null, endsOn: null });
  }, [open, term, form, me]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      if (term) {
        const changes = changedFields(bodyOf(values), bodyOf(valuesOf(term)));
        if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
        await patch(`/api/terms/${term.id}`, { version: term.version, ...changes });
      } else {
        await post('/api/terms', bodyOf(values));
      }
      message.success(l('已保存', 'Saved'));
      onSaved();
    } catch (err) {
      reportError(err, message, form, onConflict);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender
      title={term ? l(`编辑:${label(term.name)}`, `Edit: ${label(term.name)}`) : l('登记届次', 'Record a term')} okText={l('保存', 'Save')}
    >
      <Form form={form} name="term" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="level" label={l('层级', 'Level')} rules={[{ required: true, message: l('请选择层级', 'Choose a level') }]}>
          <Select options={levels} placeholder={l('哪一级人大', 'Which congress')} />
        </Form.Item>
        <Form.Item noStyle dependencies={['level']}>
          {({ getFieldValue }) => {
            const national = getFieldValue('level') === 'national';
            return (
              <Form.Item
                name="regionCode" label={l('人大所在区划', 'The congress\'s region')} rules={[{ required: !national, message: l('请选择区划', 'Choose the region') }]}
                extra={l('县级人大选区县,乡镇人大选乡镇,依此类推。', 'A county congress is a county\'s, a township congress a town\'s, and so on.')}
              >
                <RegionPicker disabled={national} placeholder={national ? l('全国(无需区划)', 'National (no region)') : l('区划', 'Region')} />
              </Form.Item>
            );
          }}
        </Form.Item>
        <Form.Item name="number" label={l('届次(第几届)', 'Term number')} rules={[{ required: true, message: l('请填写届次', 'Term number needed') }]}>
          <InputNumber min={1} max={30} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="startsOn" label={l('起始日期(首次会议)', 'First day (first session)')} rules={[{ required: true, message: l('请选择日期', 'Choose a date') }]}>
          <DatePicker style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="endsOn" label={l('结束日期', 'Last day')}
          extra={l('本届留空;下届人大首次会议召开时,填其前一日。', 'Leave empty for the running term; when the next congress first meets, enter the day before.')}
        >
          <DatePicker style={{ width: 180 }} placeholder={l('至今(本届)', 'Present (running)')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
