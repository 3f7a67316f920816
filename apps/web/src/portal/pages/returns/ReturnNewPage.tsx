import { useQueryClient } from '@tanstack/react-query';
import { NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Consent } from '../../components/Consent';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { usePortalMe } from '../../lib/usePortalMe';
import { returnsKey } from './api';
import { ReturnForm } from './ReturnForm';

/** 申请无理由退货. */
export function ReturnNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me, tourist } = usePortalMe();
  return (
    <>
      <PageNav title={t('portal.returns.new')} back="/returns" />
      {me.isLoading ? null : !tourist ? (
        <LoginRequired title={t('portal.returns.loginTitle')} />
      ) : !tourist.consentVersion ? (
        <Consent />
      ) : (
        <>
          <div className="zlp-section">
            <NoticeBar wrap color="info" content={t('portal.returns.rule')} style={{ borderRadius: 8 }} />
          </div>
          <ReturnForm
            onDone={(r) => {
              void qc.invalidateQueries({ queryKey: returnsKey });
              navigate(`/returns/${r.id}`, { replace: true });
            }}
          />
        </>
      )}
    </>
  );
}
