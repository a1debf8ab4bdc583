import { BellOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useI18n } from '../../shared/i18n.js';
import { CalendarBanner } from '../features/calendar/calendarNotice.js';
import { CaseDetailPage } from '../features/cases/CaseDetailPage.js';
import { CasesPage } from '../features/cases/CasesPage.js';
import { ChangePasswordPage } from './ChangePasswordPage.js';
import { LoginPage } from './LoginPage.js';
import { NotificationsPage, useUnreadCount } from '../features/inbox/NotificationsPage.js';
import { SessionProvider, useSession } from './session.js';

// Screens load when first opened: the sign-in page and the case queue come without charts and management forms.
const AuditPage = lazy(() => import('../features/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const ActivitiesPage = lazy(() => import('../features/activities/ActivitiesPage.js').then((m) => ({ default: m.ActivitiesPage })));
const ActivityDetailPage = lazy(() => import('../features/activities/ActivityDetailPage.js').then((m) => ({ default: m.ActivityDetailPage })));
const CampaignsPage = lazy(() => import('../features/activities/CampaignsPage.js').then((m) => ({ default: m.CampaignsPage })));
const PointsPage = lazy(() => import('../features/points/PointsPage.js').then((m) => ({ default: m.PointsPage })));
const LedgerPage = lazy(() => import('../features/points/LedgerPage.js').then((m) => ({ default: m.LedgerPage })));
const AssessmentsPage = lazy(() => import('../features/assessments/AssessmentsPage.js').then((m) => ({ default: m.AssessmentsPage })));
const DashboardPage = lazy(() => import('./DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const HolidaysPage = lazy(() => import('../features/calendar/HolidaysPage.js').then((m) => ({ default: m.HolidaysPage })));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage.js').then((m) => ({ default: m.AccountsPage })));
const DeputiesPage = lazy(() => import('../features/deputies/DeputiesPage.js').then((m) => ({ default: m.DeputiesPage })));
const DeputyDetailPage = lazy(() => import('../features/deputies/DeputyDetailPage.js').then((m) => ({ default: m.DeputyDetailPage })));
const RegionsPage = lazy(() => import('../features/regions/RegionsPage.js').then((m) => ({ default: m.RegionsPage })));
const TermsPage = lazy(() => import('../features/terms/TermsPage.js').then((m) => ({ default: m.TermsPage })));
const ElectionRoundPage = lazy(() => import('../features/terms/ElectionRoundPage.js').then((m) => ({ default: m.ElectionRoundPage })));
const CoveragePage = lazy(() => import('../features/terms/CoverageView.js').then((m) => ({ default: m.CoveragePage })));
const StationDetailPage = lazy(() => import('../features/stations/StationDetailPage.js').then((m) => ({ default: m.StationDetailPage })));
const StationsPage = lazy(() => import('../features/stations/StationsPage.js').then((m) => ({ default: m.StationsPage })));
const UnitsPage = lazy(() => import('../features/units/UnitsPage.js').then((m) => ({ default: m.UnitsPage })));
const RegistersPage = lazy(() => import('../features/registers/RegistersPage.js').then((m) => ({ default: m.RegistersPage })));
const ArchivePage = lazy(() => import('../features/archive/ArchivePage.js').then((m) => ({ default: m.ArchivePage })));

/**
 * The back office's pages and who sees them in the navigation. A page shows in the menu when
 * the account holds its ability; the server checks again on every request.
 */
interface Page { path: string; zh: string; en: string; ability: string; hideFor?: string[] }
const PAGES: Page[] = [
  { path: '/', zh: '工作台', en: 'Dashboard', ability: 'case.read' },
  { path: '/cases', zh: '意见办理', en: 'Cases', ability: 'case.read' },
  { path: '/activities', zh: '履职活动', en: 'Activities', ability: 'activity.read', hideFor: ['unit'] },
  { path: '/campaigns', zh: '主题活动', en: 'Campaigns', ability: 'campaign.read' },
  { path: '/points', zh: '履职积分', en: 'Points', ability: 'points.read' },
  { path: '/assessments', zh: '考核评价', en: 'Assessment', ability: 'assessment.read' },
  { path: '/stations', zh: '联络站', en: 'Stations', ability: 'station.read' },
  { path: '/deputies', zh: '人大代表', en: 'Deputies', ability: 'deputy.read' },
  { path: '/registers', zh: '登记簿', en: 'Registers', ability: 'register.read' },
  { path: '/units', zh: '承办单位', en: 'Units', ability: 'unit.read', hideFor: ['unit'] },
  { path: '/regions', zh: '行政区划', en: 'Regions', ability: 'station.create' },
  { path: '/terms', zh: '人大届次', en: 'Congress terms', ability: 'term.manage' },
  { path: '/accounts', zh: '账号管理', en: 'Accounts', ability: 'account.read' },
  { path: '/holidays', zh: '节假日', en: 'Holidays', ability: 'calendar.update' },
  { path: '/audit', zh: '审计日志', en: 'Audit log', ability: 'audit.read' },
  { path: '/notifications', zh: '通知', en: 'Notifications', ability: 'notification.read' },
];

function Shell() {
  const { me, signOut, can } = useSession();
  const { t, l, lang, setLang } = useI18n();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const unread = useUnreadCount();

  const visible = PAGES.filter((p) => can(p.ability) && !p.hideFor?.includes(me!.role));
  const section = `/${location.pathname.split('/')[1] ?? ''}`;
  const items: MenuProps['items'] = visible.map((p) => ({
    key: p.path,
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
            {!narrow && <Typography.Text style={{ color: '#fff' }}>{me!.displayName} · {me!.roleLabel[lang]}</Typography.Text>}
            <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>
            <Button size="small" onClick={() => void signOut()}>{t('signOut')}</Button>
          </Space>
        </Layout.Header>
        <Drawer open={narrow && drawer} onClose={() => setDrawer(false)} placement="left" width={220} title={`${me!.displayName} · ${me!.roleLabel[lang]}`}>
          <nav aria-label={l('主导航', 'Main navigation')}>{menu}</nav>
        </Drawer>
        <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
          <main>
            <CalendarBanner />
            <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Routes>
              <Route path="/" element={<DashboardPage />} />
              <Route path="/cases" element={<CasesPage />} />
              <Route path="/cases/:id" element={<CaseDetailPage />} />
              <Route path="/activities" element={<ActivitiesPage />} />
              <Route path="/activities/:id" element={<ActivityDetailPage />} />
              <Route path="/campaigns" element={<CampaignsPage />} />
              <Route path="/points" element={<PointsPage />} />
              <Route path="/points/deputies/:id" element={<LedgerPage />} />
              <Route path="/assessments" element={<AssessmentsPage />} />
              <Route path="/stations" element={<StationsPage />} />
              <Route path="/stations/:id" element={<StationDetailPage />} />
              <Route path="/deputies" element={<DeputiesPage />} />
              <Route path="/deputies/:id" element={<DeputyDetailPage />} />
              <Route path="/deputies/:id/archive" element={<ArchivePage />} />
              <Route path="/registers" element={<RegistersPage />} />
              <Route path="/units" element={<UnitsPage />} />
              <Route path="/regions" element={<RegionsPage />} />
              <Route path="/terms" element={<TermsPage />} />
              <Route path="/terms/:id/round" element={<ElectionRoundPage />} />
              <Route path="/terms/:id/coverage" element={<CoveragePage />} />
              <Route path="/accounts" element={<AccountsPage />} />
              <Route path="/holidays" element={<HolidaysPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
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
