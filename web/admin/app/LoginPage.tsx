import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n.js';
import { useSession } from './session.js';

/** Sign-in, with the server's own messages for wrong credentials (a locked account included) and expiry. */
export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { signIn, ended } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
    } catch (err) {
      // A locked account answers like a wrong password; its holder is told the lock's end by notification.
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 24 }}>{t('appName')}</Typography.Title>
        {ended && !error && <Alert type="warning" showIcon message={t('sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('required') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('signIn')}</Button>
        </Form>
        <Button type="link" block onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} style={{ marginTop: 8 }}>{t('language')}</Button>
      </Card>
    </main>
  );
}
