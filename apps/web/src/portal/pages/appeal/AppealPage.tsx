import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Button, DotLoading } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Consent } from '../../components/Consent';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { usePortalMe } from '../../lib/usePortalMe';
import { AppealDone } from './AppealDone';
import { AppealForm } from './AppealForm';

/** 提交诉求: sign-in, then the privacy notice once, then the form, then the tracking number. */
export function AppealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, tourist } = usePortalMe();
  const [done, setDone] = useState<TWorkOrderDetail | null>(null);
  const [round, setRound] = useState(0);
  let body: React.ReactNode;
  if (me.isLoading)
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
  else body = <AppealForm key={round} onDone={setDone} />;
  return (
    <>
      <PageNav title={t('portal.appeal.title')} back={null} />
      {body}
    </>
  );
}
