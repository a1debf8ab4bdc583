import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, post } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import { useSession } from './session.js';

/**
 * Changing one's own password: the current one, the new one twice. The server ends the account's
 * other sessions. Used by the forced change after an initial password and by the personal centre.
 */
export function ChangePasswordForm({ onChanged, after }: { onChanged(): Promise<void> | void; after?: ReactNode }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { currentPassword: string; newPassword: string }) {
    setError(null);
    try {
      await post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      await onChanged();
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
    <>
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
        {after}
      </Form>
    </>
  );
}

/** The forced password change of an account created with an initial password. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh, signOut } = useSession();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>{t('changePasswordTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('changePasswordHint')}</Typography.Paragraph>
        <ChangePasswordForm
          onChanged={refresh}
          after={<Button type="link" block onClick={() => void signOut()}>{t('signOut')}</Button>}
        />
      </Card>
    </main>
  );
}
