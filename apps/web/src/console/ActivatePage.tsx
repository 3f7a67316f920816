import type { TMe } from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, message, QRCode, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LangSwitch } from '../components/LangSwitch';
import { api } from '../lib/api';
import { useSetMe } from '../lib/auth';
import { ConsoleTheme } from './ConsoleTheme';

type TCheck = { username: string; needsTotp: boolean; totpSecret?: string; totpUri?: string };

/**
 * First sign-in of a new or reset staff account: username + the one-time activation code the security admin
 * (or, for admins, the installation command) gave → the holder's own password, and for admin roles an
 * authenticator app enrolled by QR code. Nobody else ever knew the password.
 */
export function ActivatePage() {
  return (
    <ConsoleTheme>
      <ActivateForm />
    </ConsoleTheme>
  );
}

function ActivateForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const [checked, setChecked] = useState<(TCheck & { code: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const check = (v: { username: string; code: string }) =>
    run(async () => {
      const r = await api.post<TCheck>('/api/auth/activation/check', { username: v.username.trim(), code: v.code });
      setChecked({ ...r, code: v.code });
    });
  const activate = (v: { password: string; totp?: string }) =>
    run(async () => {
      if (!checked) return;
      const me = await api.post<TMe>('/api/auth/activate', {
        username: checked.username,
        code: checked.code,
        password: v.password,
        ...(v.totp ? { totp: v.totp } : {}),
      });
      setMe(me);
      message.success(t('accounts.activated'));
      navigate('/console');
    });

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#1d5fd1,#12a2a8)',
        padding: '24px 0',
      }}
    >
      <Card style={{ width: 440, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Title level={4} style={{ margin: 0, wordBreak: 'keep-all' }}>
            {t('accounts.activateTitle')}
          </Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {checked ? t('accounts.setPassword') : t('accounts.activateIntro')}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="activate-error" />
        )}
        {!checked ? (
          <Form layout="vertical" onFinish={check}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
              <Input autoComplete="username" data-testid="activate-username" />
            </Form.Item>
            <Form.Item name="code" label={t('accounts.code')} rules={[{ required: true }]}>
              <Input
                placeholder={t('accounts.codePlaceholder')}
                autoComplete="one-time-code"
                style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                data-testid="activate-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="activate-next">
              {t('accounts.next')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={activate}>
            <Form.Item label={t('login.username')}>
              <Input value={checked.username} disabled />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.newPassword')}
              extra={t('accounts.passwordRule')}
              rules={[{ required: true, min: 8 }]}
            >
              <Input.Password autoComplete="new-password" data-testid="activate-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('accounts.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !v || v === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('accounts.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="activate-confirm" />
            </Form.Item>
            {checked.needsTotp && checked.totpUri && (
              <>
                <Typography.Title level={5}>{t('accounts.enrolTitle')}</Typography.Title>
                <Typography.Paragraph type="secondary">{t('accounts.enrolIntro')}</Typography.Paragraph>
                <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 8 }}>
                  <QRCode value={checked.totpUri} size={180} bordered={false} />
                </div>
                <Typography.Paragraph style={{ textAlign: 'center' }}>
                  {t('accounts.secretKey')}:{' '}
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {checked.totpSecret}
                  </Typography.Text>
                </Typography.Paragraph>
                <Form.Item name="totp" label={t('login.totp')} rules={[{ required: true, len: 6 }]}>
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="activate-totp" />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="activate-submit">
              {t('accounts.activate')}
            </Button>
          </Form>
        )}
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/console/login">{t('accounts.backToLogin')}</Link>
        </div>
      </Card>
    </div>
  );
}
