import { App, Button, Card, Descriptions, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DELIVERY_MODES, NOTIFICATION_TYPES, PREF_CHANNELS, type DeliveryModeKey } from '../../../../common/notificationTypes.js';
import { del, post, put, type Schemas } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorMessage, invalidateApi, useApiRecord } from '../../../shared/query.js';
import { ChangePasswordForm } from '../../app/ChangePasswordPage.js';
import { useSession } from '../../app/session.js';
import { LoadError, PageTitle, useNarrow } from '../../kit/common.js';

type Session = Schemas['Session'];
type Preferences = Schemas['NotificationPreferences'];
type Pref = Preferences['prefs'][number];

/** A readable name for a browser from its User-Agent: "Chrome · Android", "Safari · iPhone"… */
export function deviceName(userAgent: string, unknown: string): string {
  const ua = userAgent;
  const browser = /MicroMessenger/.test(ua) ? 'WeChat' : /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrome\/|CriOS\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const system = /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  const name = [browser, system].filter(Boolean).join(' · ');
  return name || (ua ? ua.slice(0, 60) : unknown);
}

function PasswordCard() {
  const { l } = useI18n();
  const { message } = App.useApp();
  return (
    <Card title={l('修改密码', 'Change password')} style={{ maxWidth: 480 }}>
      <Typography.Paragraph type="secondary">
        {l('密码至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类。修改后,其他设备上的登录将全部退出。',
          'At least 10 characters from at least three of: upper case, lower case, digits, symbols. Changing it signs you out everywhere else.')}
      </Typography.Paragraph>
      <ChangePasswordForm onChanged={async () => {
        message.success(l('密码已修改,其他设备已退出登录', 'Password changed; your other sessions are signed out'));
        await invalidateApi('/api/auth/sessions');
      }} />
    </Card>
  );
}

function SessionsCard() {
  const { l } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApiRecord<{ items: Session[] }>('/api/auth/sessions');
  const others = (data?.items ?? []).filter((s) => !s.current).length;

  async function run(write: () => Promise<unknown>, done: string) {
    try {
      await write();
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    }
    await reload();
  }

  return (
    <Card
      title={l('登录设备', 'Where you are signed in')} role="region" aria-label={l('登录设备', 'Sessions')}
      extra={(
        <Popconfirm
          title={l('退出其他所有设备上的登录?', 'Sign out everywhere else?')}
          okText={l('退出', 'Sign out')} cancelText={l('取消', 'Cancel')}
          onConfirm={() => run(() => post('/api/auth/sessions/revoke-others'), l('已退出其他设备', 'Signed out everywhere else'))}
        >
          <Button danger disabled={others === 0}>{l('退出其他设备', 'Sign out other sessions')}</Button>
        </Popconfirm>
      )}
    >
      <LoadError error={error ? errorMessage(error) : null} retry={() => void reload()} />
      <List<Session>
        loading={loading && !data} dataSource={data?.items ?? []}
        renderItem={(s) => (
          <List.Item
            actions={s.current ? [] : [
              <Button
                key="out" size="small"
                aria-label={l(`退出 ${deviceName(s.userAgent, '未知设备')}`, `Sign out ${deviceName(s.userAgent, 'unknown device')}`)}
                onClick={() => void run(() => del(`/api/auth/sessions/${s.id}`), l('已退出该设备', 'That session is signed out'))}
              >{l('退出', 'Sign out')}</Button>,
            ]}
          >
            <List.Item.Meta
              title={<Space wrap>{deviceName(s.userAgent, l('未知设备', 'Unknown device'))}{s.current && <Tag color="green">{l('本机', 'This device')}</Tag>}</Space>}
              description={(
                <span>
                  {l('地址', 'Address')} {s.ip} · {l('最近使用', 'Last seen')} {formatDateTime(s.lastSeenAt)} · {l('登录于', 'Signed in')} {formatDateTime(s.createdAt)}
                </span>
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function PreferencesCard() {
  const { l, lang } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const { data, error, reload, set } = useApiRecord<Preferences>('/api/notifications/preferences');
  const [draft, setDraft] = useState<Pref[] | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (data) setDraft(data.prefs); }, [data]);
  const prefs = draft ?? data?.prefs ?? [];
  const modeOf = (type: Pref['type'], channel: Pref['channel']) => prefs.find((p) => p.type === type && p.channel === channel)?.mode ?? 'immediate';
  const change = (type: Pref['type'], channel: Pref['channel'], mode: DeliveryModeKey) =>
    setDraft(prefs.map((p) => (p.type === type && p.channel === channel ? { ...p, mode } : p)));

  async function save() {
    setSaving(true);
    try {
      set(await put<Preferences>('/api/notifications/preferences', { prefs }));
      message.success(l('通知偏好已保存', 'Notification preferences saved'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={l('通知偏好', 'Notification preferences')}>
      <LoadError error={error ? errorMessage(error) : null} retry={() => void reload()} />
      <Typography.Paragraph type="secondary">
        {l('选择每类通知在各渠道的接收方式。选“每日汇总”的通知不再逐条提醒,次日凌晨合并为一条汇总。',
          'Choose how each type of notification reaches you on each channel. Those set to the daily digest arrive as one summary early the next morning.')}
      </Typography.Paragraph>
      {data && (
        <Descriptions column={1} bordered size="small" layout={narrow ? 'vertical' : 'horizontal'} styles={{ label: { width: narrow ? undefined : 120 } }}>
          {NOTIFICATION_TYPES.keys.map((type) => (
            <Descriptions.Item key={type} label={NOTIFICATION_TYPES.labels[type][lang]}>
              <Space wrap>
                {data.channels.map((channel) => (
                  <label key={channel} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}>
                    <span>{PREF_CHANNELS.labels[channel][lang]}</span>
                    <Select<DeliveryModeKey>
                      size="small" style={{ width: 110 }} value={modeOf(type, channel)}
                      aria-label={`${NOTIFICATION_TYPES.labels[type][lang]} · ${PREF_CHANNELS.labels[channel][lang]}`}
                      onChange={(mode) => change(type, channel, mode)}
                      options={DELIVERY_MODES.keys.map((m) => ({ value: m, label: DELIVERY_MODES.labels[m][lang] }))}
                    />
                  </label>
                ))}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Button type="primary" style={{ marginTop: 16 }} loading={saving} disabled={!data} onClick={() => void save()}>{l('保存偏好', 'Save preferences')}</Button>
    </Card>
  );
}

/** 个人中心: who one is, one's password, where one is signed in, and how notifications reach one. */
export function PersonalCentrePage() {
  const { l, lang } = useI18n();
  const { me } = useSession();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 880 }}>
      <PageTitle title={l('个人中心', 'My account')} />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={l('姓名', 'Name')}>{me!.displayName}</Descriptions.Item>
        <Descriptions.Item label={l('角色', 'Role')}>{me!.roleLabel[lang]}</Descriptions.Item>
      </Descriptions>
      <PasswordCard />
      <SessionsCard />
      <PreferencesCard />
    </Space>
  );
}
