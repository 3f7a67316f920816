import type { TMe } from '@zhilv/contracts';
import { Button, Form, Input, NoticeBar, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../lib/api';
import { useSetMe } from '../../lib/auth';
import { PageNav } from '../components/PageNav';
import { errorMessage } from '../lib/errors';
import { isPhone } from '../lib/format';
import { safeNext, usePortalMe } from '../lib/usePortalMe';

type TErr = { phone?: string; code?: string; form?: string };

/** Phone + one-time code. In demo mode the server hands the code back and we show it. */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const setMe = useSetMe();
  const { tourist } = usePortalMe();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [err, setErr] = useState<TErr>({});
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!wait) return;
    const h = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(h);
  }, [wait]);
  useEffect(() => {
    if (tourist && !busy) navigate(next, { replace: true });
  }, [tourist, busy, next, navigate]);

  const fail = (e: unknown) => {
    const msg = errorMessage(e);
    const field = e instanceof ApiError ? e.field : undefined;
    setErr(field === 'phone' ? { phone: msg } : field === 'code' ? { code: msg } : { form: msg });
  };
  const send = async () => {
    if (!isPhone(phone)) return setErr({ phone: t('portal.login.invalidPhone') });
    setErr({});
    setSending(true);
    try {
      const r = await api.post<{ sent: true; demoCode?: string }>('/api/auth/code', { phone });
      setDemoCode(r.demoCode ?? null);
      setWait(60);
      Toast.show({ content: t('portal.login.sent') });
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };
  const login = async () => {
    if (!isPhone(phone)) return setErr({ phone: t('portal.login.invalidPhone') });
    if (!/^\d{6}$/.test(code)) return setErr({ code: t('portal.login.invalidCode') });
    setErr({});
    setBusy(true);
    try {
      const me = await api.post<TMe>('/api/auth/tourist-login', { phone, code });
      setMe(me);
      Toast.show({ icon: 'success', content: t('portal.login.welcome') });
      navigate(next, { replace: true });
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  };
  return (
    <>
      <PageNav title={t('portal.login.title')} />
      <p className="zlp-muted" style={{ padding: '12px 16px 0', margin: 0 }}>
        {t('portal.login.intro')}
      </p>
      {demoCode && (
        <div className="zlp-section">
          <NoticeBar
            color="alert"
            wrap
            style={{ borderRadius: 8 }}
            content={<span data-testid="demo-code">{t('portal.login.demoCode', { code: demoCode })}</span>}
            extra={
              <Button size="mini" color="warning" fill="outline" onClick={() => setCode(demoCode)}>
                {t('portal.login.fillDemo')}
              </Button>
            }
          />
        </div>
      )}
      <Form
        layout="horizontal"
        mode="card"
        style={{ marginTop: 12 }}
        footer={
          <>
            {err.form && (
              <div className="zlp-error" style={{ marginBottom: 8 }} data-testid="login-error">
                {err.form}
              </div>
            )}
            <Button block color="primary" size="large" loading={busy} onClick={login} data-testid="login-submit">
              {t('portal.login.submit')}
            </Button>
          </>
        }
      >
        <Form.Item
          label={t('portal.login.phone')}
          description={err.phone && <span className="zlp-error">{err.phone}</span>}
        >
          <Input
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={11}
            value={phone}
            onChange={(v) => setPhone(v.replace(/\D/g, ''))}
            placeholder={t('portal.login.phonePlaceholder')}
            clearable
            data-testid="phone"
          />
        </Form.Item>
        <Form.Item
          label={t('portal.login.code')}
          description={err.code && <span className="zlp-error">{err.code}</span>}
          extra={
            <Button
              size="small"
              color="primary"
              fill="outline"
              loading={sending}
              disabled={wait > 0}
              onClick={send}
              data-testid="get-code"
            >
              {wait ? t('portal.login.resend', { s: wait }) : t('portal.login.getCode')}
            </Button>
          }
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
            onEnterPress={login}
            placeholder={t('portal.login.codePlaceholder')}
            data-testid="code"
          />
        </Form.Item>
      </Form>
    </>
  );
}
