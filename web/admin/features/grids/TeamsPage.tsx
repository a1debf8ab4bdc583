import { Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { GridTeam, GridTeams } from './types.js';

interface PatrolForm { title: string; startsAt: Dayjs; place?: string; summary?: string; memberAccountIds: number[] }

/** Logging a joint patrol: it is recorded as an activity of the team's station, with the members who went. */
function PatrolModal({ team, onClose }: { team: GridTeam; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<PatrolForm>();
  const { busy, run } = useFormWrite(form);
  const submit = (v: PatrolForm) => run(async () => {
    await post(`/api/grids/teams/${team.id}/patrols`, { title: v.title, startsAt: v.startsAt.toISOString(), place: v.place ?? '', summary: v.summary ?? '', memberAccountIds: v.memberAccountIds });
    await invalidateApi('/api/grids/teams', '/api/activities');
    onClose();
  }, l('已登记联合巡查', 'Patrol logged'));
  return (
    <Modal open title={l(`登记联合巡查:${team.name}`, `Log a patrol: ${team.name}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ memberAccountIds: team.members.map((m) => m.id) }}>
        <Form.Item name="title" label={l('巡查主题', 'Title')} rules={[{ required: true, whitespace: true, message: l('请填写主题', 'Give a title') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="startsAt" label={l('开始时间', 'Start')} rules={[{ required: true, message: l('请选择时间', 'Choose the time') }]}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="place" label={l('巡查地点', 'Place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="memberAccountIds" label={l('参加人员', 'Members who went')} rules={[{ required: true, message: l('请选择参加人员', 'Choose who went') }]}>
          <Select mode="multiple" options={team.members.map((m) => ({ value: m.id, label: `${m.name}(${m.side})` }))} />
        </Form.Item>
        <Form.Item name="summary" label={l('巡查情况', 'What was found')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 跨界服务小组: teams of grid workers from both sides of a cross-province station, with their joint patrols. */
export function TeamsPage() {
  const { l } = useI18n();
  const { can } = useSession();
  const teams = useApiQuery<GridTeams>('/api/grids/teams');
  const [logging, setLogging] = useState<GridTeam | null>(null);
  return (
    <RequireAbility ability="grid.team_read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('跨界服务小组', 'Cross-border service teams')} />
        <LoadError error={teams.error?.message ?? null} retry={() => void teams.refetch()} />
        {teams.data && teams.data.items.length === 0 && <Empty description={l('暂无跨界服务小组', 'No teams yet')} />}
        {(teams.data?.items ?? []).map((t) => (
          <Card
            key={t.id} size="small" title={t.name} data-testid="grid-team"
            extra={t.canLogPatrol && <Button onClick={() => setLogging(t)}>{l('登记联合巡查', 'Log a patrol')}</Button>}
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t.stationName}{t.description ? ` · ${t.description}` : ''}</Typography.Paragraph>
            <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
              {t.members.map((m) => <Tag key={m.id}>{m.name}{m.side ? ` · ${m.side}` : ''}</Tag>)}
            </Space>
            <List
              size="small" header={l('联合巡查', 'Joint patrols')} dataSource={t.patrols} locale={{ emptyText: l('尚无巡查记录', 'No patrols yet') }}
              renderItem={(p) => (
                <List.Item>
                  <List.Item.Meta
                    title={can('activity.read') ? <Link to={`/activities/${p.activityId}`}>{p.title}</Link> : p.title}
                    description={`${formatDateTime(p.startsAt)}${p.place ? ` · ${p.place}` : ''} · ${p.members.map((m) => m.name).join('、')}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
      {logging && <PatrolModal team={logging} onClose={() => setLogging(null)} />}
    </RequireAbility>
  );
}
