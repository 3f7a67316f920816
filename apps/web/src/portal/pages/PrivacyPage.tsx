import { Card } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { PageNav } from '../components/PageNav';
import { PrivacyNotice } from '../components/PrivacyNotice';
import { usePortalMe } from '../lib/usePortalMe';

export function PrivacyPage() {
  const { t } = useTranslation();
  const { tourist } = usePortalMe();
  return (
    <>
      <PageNav title={t('portal.consent.title')} />
      <div className="zlp-section" style={{ paddingBottom: 16 }}>
        <Card>
          <PrivacyNotice />
          {tourist?.consentVersion && (
            <p className="zlp-muted" style={{ marginTop: 12 }}>
              {t('portal.consent.agreed', { v: tourist.consentVersion })}
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
