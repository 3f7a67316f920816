import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Button, DotLoading } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { Consent } from '../../components/Consent';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { showError } from '../../lib/errors';
import { usePortalMe } from '../../lib/usePortalMe';
import { usePresetBusiness } from '../directory/usePresetBusiness';
import type { TComplaintPrefill } from '../ratings/api';
import { AppealDone } from './AppealDone';
import { AppealForm, type TAppealPrefill } from './AppealForm';

/** 提交诉求: sign-in, then the privacy notice once, then the form, then the tracking number. */
export function AppealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, tourist } = usePortalMe();
  const [done, setDone] = useState<TWorkOrderDetail | null>(null);
  const [round, setRound] = useState(0);
  // A low rating turned into a complaint arrives with its text and business; the order is then linked to it.
  const fromRating = (useLocation().state as { ratingPrefill?: TComplaintPrefill } | null)?.ratingPrefill;
  // "Complain about this business" on a business page arrives as ?businessId=…: the form opens with it chosen.
  const preset = usePresetBusiness();
  const initial: TAppealPrefill | undefined =
    fromRating && round === 0
      ? {
          kind: 'complaint',
          text: fromRating.text,
          business: fromRating.business ? { ...fromRating.business, lng: null, lat: null } : null,
        }
      : preset.business && round === 0
        ? { kind: 'complaint', business: preset.business }
        : undefined;
  const onDone = async (o: TWorkOrderDetail) => {
    if (fromRating && round === 0)
      await api.post(`/api/ratings/${fromRating.ratingId}/work-order`, { workOrderId: o.id }).catch(showError);
    setDone(o);
  };
  let body: React.ReactNode;
  if (me.isLoading || preset.loading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (!tourist)
    body = (
      <LoginRequired
        title={t('portal.appeal.loginTitle')}
        description={t('portal.appeal.loginDesc')}
        extra={
          <Button block fill="outline" onClick={() => navigate('/suggestion-box')}>
            {t('portal.appeal.toBox')}
          </Button>
        }
      />
    );
  else if (!tourist.consentVersion) body = <Consent />;
  else if (done)
    body = (
      <AppealDone
        order={done}
        onAnother={() => {
          setDone(null);
          setRound(round + 1);
        }}
      />
    );
  else body = <AppealForm key={round} onDone={onDone} initial={initial} />;
  return (
    <>
      <PageNav title={t('portal.appeal.title')} back={null} />
      {body}
    </>
  );
}
