import { useInfiniteQuery } from '@tanstack/react-query';
import { CATEGORY_LABELS, STATUS_LABELS, type TCategoryId, type TWorkOrderStatus } from '@zhilv/contracts';
import { Button, Card, DotLoading, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../../lib/api';
import { fmtTimeAs } from '../../../lib/format';
import { useLabels } from '../../lib/labels';

type TClosed = {
  id: string;
  trackingNo: string;
  category: TCategoryId | null;
  status: TWorkOrderStatus;
  text: string;
  answer: string | null;
  businessName: string | null;
  departmentName: string | null;
  /** resolved, or closed without resolution: the day the department finished with it */
  finishedAt: string | null;
};
type TPage = { items: TClosed[]; total: number; page: number; pageSize: number };

/**
 * Finished orders as the server anonymised them: what was asked, who answered, what they said, its status and
 * the day it was finished. No rating: that is the tourist's own, shown on their order, not to the public.
 */
export function ClosedOrders() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const list = useInfiniteQuery({
    queryKey: ['portal', 'public-orders'],
    queryFn: ({ pageParam }) => api.get<TPage>(`/api/public/work-orders${qs({ page: pageParam, pageSize: 10 })}`),
    initialPageParam: 1,
    getNextPageParam: (l) => (l.page * l.pageSize < l.total ? l.page + 1 : undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('portal.public.recent')}>
      <div className="zlp-muted">{t('portal.public.recentNote')}</div>
      {list.isLoading && <DotLoading color="primary" />}
      {!list.isLoading && items.length === 0 && <div className="zlp-muted">{t('portal.public.empty')}</div>}
      {items.map((o) => (
        <div key={o.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '10px 0' }} data-testid="public-order">
          <div className="zlp-row" style={{ flexWrap: 'wrap' }}>
            <Tag color="primary" fill="outline">
              {label(CATEGORY_LABELS, o.category)}
            </Tag>
            <Tag color={o.status === 'unfounded' ? 'default' : 'success'} fill="outline" data-testid="public-status">
              {label(STATUS_LABELS, o.status)}
            </Tag>
            <span className="zlp-muted" data-testid="public-date">
              {o.trackingNo} · {t('portal.fixes.finishedOn', { d: fmtTimeAs(o.finishedAt, 'YYYY-MM-DD') })}
            </span>
          </div>
          {o.businessName && (
            <div className="zlp-muted" style={{ marginTop: 4 }}>
              {o.businessName}
            </div>
          )}
          <div style={{ marginTop: 6, lineHeight: 1.6 }}>{o.text}</div>
          {o.answer && (
            <div style={{ marginTop: 6, background: '#f5f7fa', padding: 8, borderRadius: 6, lineHeight: 1.6 }}>
              <span className="zlp-muted">{o.departmentName ?? ''}</span>
              <div>{o.answer}</div>
            </div>
          )}
        </div>
      ))}
      {list.hasNextPage && (
        <Button block fill="none" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('portal.common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
