import { Button, Result, Space } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortalMe } from '../lib/usePortalMe';

/** What a visitor sees on a page that needs a phone sign-in; the login comes back here. */
export function LoginRequired({
  title,
  description,
  extra,
}: {
  title: string;
  description?: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { goLogin } = usePortalMe();
  return (
    <Result
      status="info"
      title={title}
      description={
        <Space direction="vertical" block style={{ '--gap': '16px' }}>
          {description && <span>{description}</span>}
          <Button color="primary" onClick={() => goLogin()} data-testid="go-login" block>
            {t('portal.common.login')}
          </Button>
          {extra}
        </Space>
      }
    />
  );
}
