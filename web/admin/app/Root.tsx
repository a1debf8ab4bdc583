import { BellOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useI18n } from '../../shared/i18n.js';
import { FEATURES } from '../features/index.js';
import { CalendarBanner } from '../features/calendar/calendarNotice.js';
import { useUnreadCount } from '../features/inbox/NotificationsPage.js';
import type { WebFeature } from '../kit/feature.js';
import { ChangePasswordPage } from './ChangePasswordPage.js';
import { home } from './home.js';
import { LoginPage } from './LoginPage.js';
import { ScreenHeading, useDocumentTitle } from './screenTitle.js';
import { SessionProvider, useSession } from './session.js';

/**
 * The back office's pages and navigation, from the features' manifests. A page shows in the menu
 * when the account holds its ability; the server checks again on every request. Pages other than
 * sign-in, the case pages and notifications load when first opened.
 */
const ALL: readonly WebFeature[] = [home, ...FEATURES];
const ROUTES = ALL.flatMap((f) => f.routes);
const MENU = ALL.flatMap((f) => f.menu).sort((a, b) => a.order - b.order);

function Shell() {
  const { me, signOut, can } = useSession();
  const { t, l, lang, setLang } = useI18n();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const unread = useUnreadCount();

  const visible = MENU.filter((p) => can(p.ability) && !p.hideFor?.includes(me!.role));
  const section = `/${location.pathname.split('/')[1] ?? ''}`;
  const items: MenuProps['items'] = visible.map((p) => ({
    key: p.path,
    ...(p.icon ? { icon: <span aria-hidden>{p.icon}</span> } : {}),
    label: <Link to={p.path} onClick={() => setDrawer(false)}>{l(p.zh, p.en)}</Link>,
  }));
  const menu = <Menu mode="inline" selectedKeys={[section]} items={items} style={{ borderInlineEnd: 0 }} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider theme="light" width={176} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <nav aria-label={l('主导航', 'Main navigation')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, paddingInline: narrow ? 8 : 16, background: '#b71c1c' }}>
          {narrow && (
            <Button type="text" aria-label={l('菜单', 'Menu')} icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setDrawer(true)} />
          )}
          <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flex: 1 }}>
            {narrow ? l('连心桥', 'Lianxin') : t('appName')}
          </Typography.Text>
          <Space size={narrow ? 4 : 8}>
            {/* The count sits over the bell's top-right corner; room for it keeps "99+" off the next button. */}
            <Link
              to="/notifications" aria-label={l(`通知,${unread} 条未读`, `Notifications, ${unread} unread`)}
              style={{ display: 'inline-block', paddingInlineEnd: unread > 9 ? 18 : unread > 0 ? 8 : 0 }}
            >
              <Badge count={unread} size="small"><BellOutlined style={{ color: '#fff', fontSize: 18 }} /></Badge>
            </Link>
            {/* The personal centre (password, sessions, notification preferences). */}
            {/* On a phone an icon, named; on a desktop the visible name is the link's name (axe: label-content-name-mismatch). */}
            <Link to="/me" aria-label={narrow ? l(`个人中心:${me!.displayName}`, `My account: ${me!.displayName}`) : undefined} title={l('个人中心', 'My account')} style={{ color: '#fff', whiteSpace: 'nowrap' }}>
              {narrow ? <UserOutlined style={{ fontSize: 18 }} /> : <>{me!.displayName} · {me!.roleLabel[lang]}</>}
            </Link>
            <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>
            <Button size="small" onClick={() => void signOut()}>{t('signOut')}</Button>
          </Space>
        </Layout.Header>
        <Drawer open={narrow && drawer} onClose={() => setDrawer(false)} placement="left" width={220} title={`${me!.displayName} · ${me!.roleLabel[lang]}`}>
          <nav aria-label={l('主导航', 'Main navigation')}>{menu}</nav>
        </Drawer>
        <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
          <main>
            <ScreenHeading routes={ROUTES} menu={MENU} />
            <CalendarBanner />
            <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Routes>
              {ROUTES.map(({ path, page: Page }) => <Route key={path} path={path} element={<Page />} />)}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Gate() {
  const { me, loading } = useSession();
  // Signed in, the shell names each screen (ScreenHeading).
  useDocumentTitle(loading || (me && !me.mustChangePassword) ? undefined : me ? { zh: '修改密码', en: 'Change password' } : { zh: '登录', en: 'Sign in' });
  if (loading) return <Spin fullscreen />;
  if (!me) return <LoginPage />;
  if (me.mustChangePassword) return <ChangePasswordPage />;
  return <Shell />;
}

export function Root() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
