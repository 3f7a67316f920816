import { useQuery } from '@tanstack/react-query';
import type { TMe } from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, message, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LangSwitch } from '../components/LangSwitch';
import { ApiError, api } from '../lib/api';
import { useMe, useSetMe } from '../lib/auth';
import { ConsoleTheme } from './ConsoleTheme';

export function LoginPage() {
  return (
    <ConsoleTheme>
      <LoginForm />
    </ConsoleTheme>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const me = useMe();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const changing = params.get('change') === '1' || me.data?.mustChangePassword;
  const info = useQuery({ queryKey: ['public-info'], queryFn: () => api.get<{ demo: boolean }>('/api/public/info') });

  const login = async (v: { username: string; password: string; totp?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<TMe>('/api/auth/login', {
        username: v.username,
        password: v.password,
        ...(v.totp ? { totp: v.totp } : {}),
      });
      setMe(res);
      navigate(res.mustChangePassword ? '/console/login?change=1' : '/console');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') setNeedTotp(true);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const change = async (v: { oldPassword: string; newPassword: string }) => {
    try {
      await api.post('/api/auth/change-password', v);
      message.success(t('login.changed'));
      await me.refetch();
      navigate('/console');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#1d5fd1,#12a2a8)',
      }}
    >
      <Card style={{ width: 420, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          {/* The platform's name broke before its last character beside the language switch: a smaller title, and
              on a phone a break only at its spaces (keep-all), after "智旅 ·" */}
          <Typography.Title level={4} style={{ margin: 0, wordBreak: 'keep-all' }}>
            {t('app.fullName')}
          </Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary">
          {changing ? t('login.changeTitle') : t('login.title')}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        {changing ? (
          <Form layout="vertical" onFinish={change}>
            <Form.Item name="oldPassword" label={t('login.oldPassword')} rules={[{ required: true }]}>
              <Input.Password />
            </Form.Item>
            <Form.Item name="newPassword" label={t('login.newPassword')} rules={[{ required: true, min: 8 }]}>
              <Input.Password />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t('common.save')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={login}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
              <Input autoComplete="username" data-testid="username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="password" />
            </Form.Item>
            {needTotp && (
              <Form.Item name="totp" label={t('login.totp')} rules={[{ required: true, len: 6 }]}>
                <Input inputMode="numeric" maxLength={6} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
            <div style={{ marginTop: 12, textAlign: 'center' }}>
              <Link to="/console/activate" data-testid="activate-link">
                {t('accounts.activateLink')}
              </Link>
            </div>
            {info.data?.demo && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
                {t('login.demo')}
              </Typography.Paragraph>
            )}
          </Form>
        )}
      </Card>
    </div>
  );
}
