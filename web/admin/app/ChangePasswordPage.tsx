import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import { useSession } from './session.js';

/** The forced password change of an account created with an initial password. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh, signOut } = useSession();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { currentPassword: string; newPassword: string }) {
    setError(null);
    try {
      await post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'PASSWORD_TOO_WEAK' || err.code === 'PASSWORD_REUSED')) {
        form.setFields([{ name: 'newPassword', errors: [err.message] }]);
      } else if (err instanceof ApiError && err.code === 'WRONG_PASSWORD') {
        form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={4}>{t('changePasswordTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('changePasswordHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('currentPassword')} name="currentPassword" rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label={t('newPassword')} name="newPassword" rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('confirmPassword')} name="confirm" dependencies={['newPassword']}
            rules={[{ required: true, message: t('required') }, ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer')))),
            })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>{t('save')}</Button>
          <Button type="link" block onClick={() => void signOut()}>{t('signOut')}</Button>
        </Form>
      </Card>
    </main>
  );
}
