import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { LocaleSwitch } from '../../app/components/LocaleSwitch';

interface Values {
  username: string;
  password: string;
}

/** Only same-site paths, so a crafted ?next= cannot send the user to another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { user, login } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function submit({ username, password }: Values) {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 40, color: token.colorPrimary }} />
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('auth.signInTitle')}</Typography.Title>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
