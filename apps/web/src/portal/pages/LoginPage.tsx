import { COMMON_CALLING_CODES, MOBILE_FORMATS, type TMe } from '@zhilv/contracts';
import { Button, Form, Input, NoticeBar, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../lib/api';
import { useSetMe } from '../../lib/auth';
import { PageNav } from '../components/PageNav';
import { errorMessage } from '../lib/errors';
import { isEmail, isPhone } from '../lib/format';
import { safeNext, usePortalMe } from '../lib/usePortalMe';

type TErr = { phone?: string; email?: string; code?: string; form?: string };

/**
 * Phone + one-time code, the phone from any country (its calling code chosen first; +86 by default), or an
 * e-mail address for visitors whose phone takes no SMS from a mainland gateway. In demo mode the server hands the
 * code back and we show it.
 */
export function PortalLoginPage() {
  const { t, i18n } = useTranslation();
  const [cc, setCc] = useState<string>('86');
  const [byEmail, setByEmail] = useState(false);
  const [email, setEmail] = useState('');
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
    setErr(
      field === 'phone'
        ? { phone: msg }
        : field === 'email'
          ? { email: msg }
          : field === 'code'
            ? { code: msg }
            : { form: msg },
    );
  };
  // The number as the server reads it: a mainland number alone, any other with its +code. A country not in the
  // list is typed whole with its + (+49 151 …), which then wins over the list.
  const fullPhone = phone.startsWith('+') || cc === '86' ? phone : `+${cc}${phone}`;
  const address = () => (byEmail ? { email: email.trim() } : { phone: fullPhone });
  const badAddress = () => {
    if (byEmail) return isEmail(email) ? null : setErr({ email: t('portal.login.invalidEmail') });
    return isPhone(fullPhone) ? null : setErr({ phone: t('portal.login.invalidPhone') });
  };
  const send = async () => {
    if (badAddress() === undefined) return;
    setErr({});
    setSending(true);
    try {
      const r = await api.post<{ sent: true; demoCode?: string }>('/api/auth/code', address());
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
    if (badAddress() === undefined) return;
    if (!/^\d{6}$/.test(code)) return setErr({ code: t('portal.login.invalidCode') });
    setErr({});
    setBusy(true);
    try {
      const me = await api.post<TMe>('/api/auth/tourist-login', { ...address(), code });
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
        {byEmail ? (
          <Form.Item
            label={t('portal.login.email')}
            description={err.email && <span className="zlp-error">{err.email}</span>}
          >
            <Input
              type="email"
              autoComplete="email"
              maxLength={254}
              value={email}
              onChange={setEmail}
              placeholder={t('portal.login.emailPlaceholder')}
              clearable
              data-testid="email"
            />
          </Form.Item>
        ) : (
          <Form.Item
            label={t('portal.login.phone')}
            description={err.phone && <span className="zlp-error">{err.phone}</span>}
          >
            <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <select
                aria-label={t('portal.login.countryCode')}
                value={cc}
                onChange={(e) => setCc(e.target.value)}
                data-testid="country-code"
                style={{ border: 'none', background: 'transparent', fontSize: 15, maxWidth: 120 }}
              >
                {COMMON_CALLING_CODES.map((c) => (
                  <option key={c} value={c}>
                    +{c} {i18n.language.startsWith('en') ? MOBILE_FORMATS[c].en : MOBILE_FORMATS[c].zh}
                  </option>
                ))}
              </select>
              <Input
                type="tel"
                inputMode="numeric"
                autoComplete="tel-national"
                maxLength={16}
                value={phone}
                onChange={(v) => setPhone(v.replace(/(?!^\+)\D/g, ''))}
                placeholder={cc === '86' ? t('portal.login.phonePlaceholder') : t('portal.login.phonePlaceholderIntl')}
                clearable
                data-testid="phone"
              />
            </div>
          </Form.Item>
        )}
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
      <div style={{ padding: '4px 16px 16px' }}>
        <Button
          fill="none"
          size="small"
          color="primary"
          onClick={() => {
            setByEmail(!byEmail);
            setErr({});
            setDemoCode(null);
            setWait(0);
          }}
          data-testid="toggle-email"
        >
          {byEmail ? t('portal.login.usePhone') : t('portal.login.useEmail')}
        </Button>
      </div>
    </>
  );
}
