import type { UseQueryResult } from '@tanstack/react-query';
import { Button, DotLoading, ErrorBlock, List, PullToRefresh } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { usePortalMe } from '../lib/usePortalMe';
import { LoginRequired } from './LoginRequired';

type TProps<T> = {
  /** The tourist's own list; enabled only once signed in. */
  query: UseQueryResult<{ items: T[] }>;
  loginTitle: string;
  empty: { title: string; description?: string; action: string; onAction: () => void };
  children: (item: T) => ReactNode;
};

/**
 * A tourist's own list (my reservations, returns, ratings …) through its states: sign in first, error with retry,
 * loading, empty with the way to make the first one, else the list with pull-to-refresh.
 */
export function MyList<T>({ query, loginTitle, empty, children }: TProps<T>) {
  const { t } = useTranslation();
  const { me, tourist } = usePortalMe();
  const items = query.data?.items ?? [];
  if (me.isLoading) return null;
  if (!tourist) return <LoginRequired title={loginTitle} />;
  if (query.isError)
    return (
      <ErrorBlock status="default" title={errorMessage(query.error)} description="">
        <Button onClick={() => void query.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  if (query.isLoading)
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  if (!items.length)
    return (
      <ErrorBlock status="empty" title={empty.title} description={empty.description ?? ''}>
        <Button color="primary" onClick={empty.onAction}>
          {empty.action}
        </Button>
      </ErrorBlock>
    );
  return (
    <PullToRefresh onRefresh={async () => void (await query.refetch())}>
      <List>{items.map(children)}</List>
    </PullToRefresh>
  );
}
