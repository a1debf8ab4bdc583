import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useI18n } from '../shared/i18n.js';
import { CaseDetailPage } from './CaseDetailPage.js';
import { CasesPage } from './CasesPage.js';
import { ChangePasswordPage } from './ChangePasswordPage.js';
import { LoginPage } from './LoginPage.js';
import { SessionProvider, useSession } from './session.js';

function Shell() {
  const { me, signOut } = useSession();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const items = [
    { key: '/cases', label: <Link to="/cases">{lang === 'en' ? 'Cases' : '意见办理'}</Link> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={[`/${location.pathname.split('/')[1] ?? ''}`]} items={items} style={{ flex: 1, minWidth: 0 }} />
        <Space>
          <Typography.Text style={{ color: '#fff' }}>{me!.displayName} · {me!.roleLabel[lang]}</Typography.Text>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>
          <Button size="small" onClick={() => void signOut()}>{t('signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Routes>
          <Route path="/cases" element={<CasesPage />} />
          <Route path="/cases/:id" element={<CaseDetailPage />} />
          <Route path="*" element={<Navigate to="/cases" replace />} />
        </Routes>
      </Layout.Content>
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
