import type { TMe } from '@zhilv/contracts';
import { Button, Card, Space } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { useSetMe } from '../../lib/auth';
import { showError } from '../lib/errors';
import { CONSENT_VERSION, PrivacyNotice } from './PrivacyNotice';

/** Shown before the first submission: agreeing records the version and time on the server. */
export function Consent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const [busy, setBusy] = useState(false);
  const agree = async () => {
    setBusy(true);
    try {
      setMe(await api.post<TMe>('/api/auth/consent', { version: CONSENT_VERSION }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="zlp-section">
      <Card title={t('portal.consent.title')}>
        <p className="zlp-muted" style={{ margin: '0 0 4px' }}>
          {t('portal.consent.lead')}
        </p>
        <PrivacyNotice />
        <Space direction="vertical" block style={{ marginTop: 16 }}>
          <Button block color="primary" size="large" loading={busy} onClick={agree} data-testid="consent-agree">
            {t('portal.consent.agree')}
          </Button>
          <Button block fill="none" onClick={() => navigate('/')}>
            {t('portal.consent.decline')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
