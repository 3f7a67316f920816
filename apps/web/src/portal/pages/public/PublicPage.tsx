import { useQuery } from '@tanstack/react-query';
import { Button, Card, DotLoading, ErrorBlock, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../../lib/api';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { ClosedOrders } from './ClosedOrders';
import { RatesTable, type TRateRow } from './RatesTable';

type TBy = 'department' | 'business';
/** The map says "rows"; the server wraps them with the ranking threshold. Accept both. */
type TRates = TRateRow[] | { minOrdersToRank?: number; items: TRateRow[] };

/** 办理公开: honest rates (resolved and closed-unresolved apart; small samples unranked) and closed orders. */
export function PublicPage() {
  const { t } = useTranslation();
  const [by, setBy] = useState<TBy>('department');
  const rates = useQuery({
    queryKey: ['portal', 'public-rates', by],
    queryFn: () => api.get<TRates>(`/api/public/work-orders/rates${qs({ by })}`),
  });
  const rows = Array.isArray(rates.data) ? rates.data : (rates.data?.items ?? []);
  const minToRank = (!Array.isArray(rates.data) && rates.data?.minOrdersToRank) || 5;
  return (
    <>
      <PageNav title={t('portal.public.title')} back="/" />
      <p className="zlp-muted" style={{ padding: '12px 16px 0', margin: 0, lineHeight: 1.6 }}>
        {t('portal.public.intro')}
      </p>
      <div className="zlp-section">
        <Card bodyStyle={{ padding: 0 }} headerStyle={{ padding: 0 }}>
          <Tabs activeKey={by} onChange={(k) => setBy(k as TBy)}>
            <Tabs.Tab title={t('portal.public.byDepartment')} key="department" />
            <Tabs.Tab title={t('portal.public.byBusiness')} key="business" />
          </Tabs>
          {rates.isLoading ? (
            <div style={{ textAlign: 'center', padding: 24 }}>
              <DotLoading color="primary" />
            </div>
          ) : rates.isError ? (
            <ErrorBlock status="default" title={errorMessage(rates.error)} description="">
              <Button onClick={() => void rates.refetch()}>{t('portal.common.retry')}</Button>
            </ErrorBlock>
          ) : rows.length === 0 ? (
            <ErrorBlock status="empty" title={t('portal.public.empty')} description="" />
          ) : (
            <RatesTable rows={rows} minToRank={minToRank} />
          )}
        </Card>
      </div>
      <div className="zlp-section" style={{ paddingBottom: 16 }}>
        <ClosedOrders />
      </div>
    </>
  );
}
