import { EditOutlined, EnvironmentOutlined, PhoneOutlined, ProfileOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Col, Descriptions, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { DeputyFormDrawer } from './DeputyForm.js';
import { errorText, LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { PhoneText } from '../../kit/PhoneText.js';
import { QrDownloads } from '../../kit/QrDownloads.js';
import { PointsCard } from '../points/PointsCard.js';
import type { Deputy } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';

/** One deputy: the name card, the record, the stations they serve in and their QR card. */
export function DeputyDetailPage() {
  return <RequireAbility ability="deputy.read"><DeputyDetail /></RequireAbility>;
}

function DeputyDetail() {
  const { id } = useParams();
  const { l } = useI18n();
  const { can, me } = useSession();
  const record = useApiRecord<Deputy>(`/api/deputies/${id}`);
  const deputy = record.data;
  const setDeputy = record.set;
  const load = record.reload;
  const err = record.error;
  const error = err ? err instanceof ApiError && err.code === 'NOT_FOUND' ? l('找不到该代表,或不在您的管辖范围内', 'No such deputy within your reach') : errorText(err) : null;
  const [editing, setEditing] = useState(false);


  if (error) return <LoadError error={error} retry={() => void load()} />;
  if (!deputy) return <Spin style={{ display: 'block', margin: 48 }} />;
  const mayEdit = can('deputy.update') && deputy.abilities.includes('update');
  // A deputy's archive is read by those who read the deputy, and by the deputy themself only among deputies.
  const mayArchive = can('archive.read') && (me!.role !== 'deputy' || me!.scope.deputy?.id === deputy.id);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text><Link to="/deputies">{l('人大代表', 'Deputies')}</Link> / {deputy.name}</Typography.Text>
      <PageTitle
        title={<Space wrap size={8}><span>{deputy.name}</span>{!deputy.active && <Tag>{l('已停用', 'Inactive')}</Tag>}</Space>}
        extra={<>
          {mayArchive && <Link to={`/deputies/${deputy.id}/archive`}><Button icon={<ProfileOutlined />}>{l('履职档案', 'Archive')}</Button></Link>}
          {mayEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{l('编辑', 'Edit')}</Button>}
        </>}
      />
      {!deputy.active && <Alert type="warning" showIcon title={l('该代表已停用:不再出现在列表中,其账号无法登录。', 'This deputy is inactive: out of the lists, and their accounts cannot sign in.')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <NameCard deputy={deputy} />
            <Card size="small" title={l('代表信息', 'Record')}><DeputyDescriptions deputy={deputy} /></Card>
            <Memberships deputy={deputy} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <QrDownloads
            title={l('代表二维码名片', 'QR name card')} base={`/api/deputies/${deputy.id}/card`} fileName={l(`${deputy.name}-代表名片`, `${deputy.name}-name-card`)}
            hint={l('群众扫码即可直接向该代表反映意见建议。', 'Constituents scan it to send this deputy their opinions directly.')}
          />
          <div style={{ marginTop: 16 }}><PointsCard deputyId={deputy.id} /></div>
        </Col>
      </Row>
      <DeputyFormDrawer
        open={editing} deputy={deputy} onClose={() => setEditing(false)}
        onSaved={(d) => { setEditing(false); setDeputy(d); }} onConflict={() => void load()}
      />
    </Space>
  );
}

/** 代表名片: laid out like the printed card deputies hand out, with what the account may see of the phone. */
function NameCard({ deputy: d }: { deputy: Deputy }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  const red = '#b71c1c';
  return (
    <Card
      size="small" aria-label={l('代表名片', 'Name card')}
      styles={{ body: { padding: 0 } }}
      style={{ overflow: 'hidden', borderColor: '#e8c4c4', boxShadow: '0 2px 8px rgba(183, 28, 28, 0.08)' }}
    >
      <div style={{ background: red, color: '#fff', padding: '6px 16px', display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <span style={{ letterSpacing: 2 }}>{l('人大代表名片', 'Deputy name card')}</span>
        <span style={{ opacity: 0.85 }}>{vocabulary.text('deputyStatuses', d.status)}</span>
      </div>
      <div style={{ display: 'flex', gap: 16, padding: 16, alignItems: 'flex-start', background: 'linear-gradient(180deg, #fffaf5 0%, #fff 100%)' }}>
        <Avatar size={72} style={{ background: '#fbe9e7', color: red, fontSize: 32, flex: 'none', border: `2px solid ${red}` }}>
          {d.name.slice(0, 1)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: 0, letterSpacing: 4 }}>{d.name}</Typography.Title>
          <Typography.Text type="secondary">
            {[vocabulary.text('genders', d.gender), d.ethnicity, d.party].filter(Boolean).join(' · ')}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            {d.levels.length === 0 && <Typography.Text type="secondary">{l('未登记代表层级', 'No level recorded')}</Typography.Text>}
            {d.levels.map((x) => (
              <div key={x.level} style={{ color: red }}>
                {x.region ? `${x.region.name} ` : ''}{vocabulary.text('deputyLevels', x.level)}
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>{l(`第 ${x.term} 届`, `term ${x.term}`)}</Typography.Text>
              </div>
            ))}
            {d.specialLiaison && <Tag color="gold" style={{ marginTop: 4 }}>{l('特邀联络员', 'Invited liaison')}</Tag>}
          </div>
        </div>
      </div>
      <div style={{ borderTop: '1px dashed #e8c4c4', padding: '8px 16px 12px', display: 'grid', gap: 4 }}>
        {d.occupation && <div><ShopOutlined style={{ color: red }} /> {d.occupation}</div>}
        <div>
          <EnvironmentOutlined style={{ color: red }} />{' '}
          {d.stations.length ? d.stations.map((s) => s.name).join('、') : l('暂未进站', 'Not in a station yet')}
        </div>
        <div><PhoneOutlined style={{ color: red }} /> <PhoneText phone={d.phone} masked={d.phoneMasked} /></div>
      </div>
    </Card>
  );
}

function DeputyDescriptions({ deputy: d }: { deputy: Deputy }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  return (
    <Descriptions
      size="small" column={{ xs: 1, md: 2 }}
      items={[
        { key: 'pinyin', label: l('拼音', 'Pinyin'), children: `${d.pinyin} (${d.initials})` },
        { key: 'birth', label: l('出生年份', 'Born'), children: d.birthYear ?? '—' },
        { key: 'region', label: l('所属区划', 'Region'), children: d.region.fullName, span: 'filled' },
        { key: 'constituency', label: l('选区', 'Constituency'), children: d.constituency || '—' },
        { key: 'grid', label: l('联系网格', 'Grid cell'), children: d.gridCell || '—' },
        {
          key: 'tags', label: l('专业领域', 'Expertise'), span: 'filled',
          children: d.professionTags.length ? <Space size={[4, 4]} wrap>{d.professionTags.map((t) => <Tag key={t}>{t}</Tag>)}</Space> : '—',
        },
        { key: 'status', label: l('代表状态', 'Status'), children: vocabulary.text('deputyStatuses', d.status) },
        { key: 'active', label: l('在册', 'Active'), children: d.active ? l('是', 'Yes') : l('否(已停用)', 'No (deactivated)') },
        { key: 'updated', label: l('更新于', 'Updated'), children: formatDateTime(d.updatedAt) },
        { key: 'created', label: l('登记于', 'Recorded'), children: formatDateTime(d.createdAt) },
      ]}
    />
  );
}

function Memberships({ deputy }: { deputy: Deputy }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  return (
    <Card size="small" title={l('进驻联络站', 'Stations')}>
      <Table
        rowKey="id" size="small" pagination={false} dataSource={deputy.stations}
        locale={{ emptyText: l('暂未进驻联络站', 'Not in any station yet') }}
        columns={[
          { title: l('联络站', 'Station'), dataIndex: 'name', render: (n: string, s: Deputy['stations'][number]) => <Link to={`/stations/${s.id}`}>{n}</Link> },
          { title: l('站内职责', 'Role'), dataIndex: 'role', width: 140, render: (r: string) => vocabulary.text('stationMemberRoles', r) },
        ]}
      />
    </Card>
  );
}
