import { useInfiniteQuery } from '@tanstack/react-query';
import { KIND_LABELS, type TWorkOrderSummary } from '@zhilv/contracts';
import { Button, DotLoading, ErrorBlock, InfiniteScroll, List, PullToRefresh, SearchBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../../lib/api';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { StatusIcon } from '../../components/StatusIcon';
import { StatusTag } from '../../components/StatusTag';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';

type TPage = { items: TWorkOrderSummary[]; total: number; page: number; pageSize: number };
const PAGE_SIZE = 20;

export function OrdersPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { tourist, me } = usePortalMe();
  const q = params.get('q') ?? '';
  const list = useInfiniteQuery({
    queryKey: ['portal', 'mine', q],
    queryFn: ({ pageParam }) =>
      api.get<TPage>(`/api/work-orders/mine${qs({ q, page: pageParam, pageSize: PAGE_SIZE })}`),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: !!tourist,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const search = (v: string) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true });

  let body: React.ReactNode;
  if (me.isLoading) body = null;
  else if (!tourist) body = <LoginRequired title={t('portal.orders.loginTitle')} />;
  else if (list.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(list.error)} description="">
        <Button onClick={() => void list.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (list.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (items.length === 0)
    body = (
      <ErrorBlock status="empty" title={t('portal.orders.empty')} description="">
        {!q && (
          <Button color="primary" onClick={() => navigate('/appeal')}>
            {t('portal.orders.emptyAction')}
          </Button>
        )}
      </ErrorBlock>
    );
  else
    body = (
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <List className="zlp-order-list">
          {items.map((o) => (
            <List.Item
              key={o.id}
              onClick={() => navigate(`/orders/${o.id}`)}
              description={
                <span>
                  {label(KIND_LABELS, o.kind)} · {fmtTime(o.createdAt)}
                  {o.businessName ? ` · ${o.businessName}` : ''}
                </span>
              }
              extra={
                <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
                  <StatusTag status={o.status} />
                  {o.overdue && (
                    <Tag color="danger" fill="outline">
                      <StatusIcon tone="attention" />
                      {t('portal.orders.overdue')}
                    </Tag>
                  )}
                </span>
              }
              data-testid="my-order"
            >
              <div className="zlp-muted">{o.trackingNo}</div>
              <div className="zlp-ellipsis">{o.text}</div>
            </List.Item>
          ))}
        </List>
        <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={!!list.hasNextPage} />
      </PullToRefresh>
    );
  return (
    <>
      <PageNav title={t('portal.orders.title')} back={null} />
      {tourist && (
        <div style={{ padding: '8px 12px', background: '#fff' }}>
          <SearchBar
            key={q}
            defaultValue={q}
            placeholder={t('portal.orders.search')}
            onSearch={search}
            onClear={() => search('')}
            data-testid="orders-search"
          />
        </div>
      )}
      {body}
    </>
  );
}
