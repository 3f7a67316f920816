import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FINDING_LABELS, REFUSAL_GROUND_LABELS, type TWorkOrderDetail } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, PullToRefresh, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../../lib/api';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { errorMessage, showError } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { OrderFacts } from './OrderFacts';
import { RateCard } from './RateCard';
import { SupplyCard } from './SupplyCard';
import { Timeline } from './Timeline';

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label } = useLabels();
  const qc = useQueryClient();
  const { me, tourist } = usePortalMe();
  const q = useQuery({
    queryKey: ['portal', 'order', id],
    queryFn: () => api.get<TWorkOrderDetail>(`/api/work-orders/${id}`),
    enabled: !!me.data,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const act = (path: string, okText: string) => async (body: object) => {
    try {
      const n = await api.post<TWorkOrderDetail>(`/api/work-orders/${id}/${path}`, body);
      qc.setQueryData(['portal', 'order', id], n);
      void qc.invalidateQueries({ queryKey: ['portal', 'mine'] });
      Toast.show({ icon: 'success', content: okText });
    } catch (e) {
      showError(e);
    }
  };
  const o = q.data;
  const can = (action: string, status: TWorkOrderDetail['status']) =>
    o?.status === status && (o.allowedActions.length === 0 || o.allowedActions.includes(action));

  let body: React.ReactNode;
  if (me.isLoading || q.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (!me.data) body = <LoginRequired title={t('portal.orders.loginTitle')} />;
  else if (q.isError || !o)
    body = (
      <ErrorBlock
        status="default"
        title={
          q.error instanceof ApiError && q.error.status === 404 ? t('portal.detail.notFound') : errorMessage(q.error)
        }
        description=""
      >
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else
    body = (
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        <div className="zlp-section">
          <OrderFacts order={o} />
        </div>
        {o.refusalGround && (
          <div className="zlp-section">
            <Card title={t('woProcedure.refusalTitle')}>
              <p data-testid="order-refusal-ground" style={{ margin: 0, lineHeight: 1.7 }}>
                {t('woProcedure.refusalGround', { g: label(REFUSAL_GROUND_LABELS, o.refusalGround) })}
              </p>
            </Card>
          </div>
        )}
        {o.answer && (
          <div className="zlp-section">
            <Card
              title={t('portal.detail.answer')}
              extra={<span className="zlp-muted">{fmtTime(o.answeredAt ?? o.resolvedAt ?? o.respondedAt)}</span>}
            >
              {o.finding === 'unfounded' && (
                <p data-testid="order-finding" className="zlp-muted" style={{ marginTop: 0 }}>
                  {t('woProcedure.finding', { f: label(FINDING_LABELS, o.finding) })}
                </p>
              )}
              <p data-testid="order-answer" style={{ margin: 0, lineHeight: 1.7, whiteSpace: 'pre-wrap' }}>
                {o.answer}
              </p>
            </Card>
          </div>
        )}
        {tourist && can('supply_material', 'awaiting_material') && (
          <div className="zlp-section">
            <SupplyCard order={o} onSupply={act('supply-material', t('portal.detail.sent'))} />
          </div>
        )}
        {tourist && can('rate', 'resolved') && (
          <div className="zlp-section">
            <RateCard
              order={o}
              onRate={(b) =>
                act(
                  'rate',
                  b.satisfaction === 'unsatisfied' && o.reopenCount < 1
                    ? t('portal.detail.reopened')
                    : t('portal.detail.sent'),
                )(b)
              }
            />
          </div>
        )}
        {o.satisfaction && (
          <div className="zlp-section">
            <Card>
              <div data-testid="my-rating">
                {t('portal.detail.rated', { s: t(`portal.satisfaction.${o.satisfaction}`) })}
              </div>
              {o.satisfactionReason && (
                <div className="zlp-muted">{t('portal.detail.ratedReason', { r: o.satisfactionReason })}</div>
              )}
            </Card>
          </div>
        )}
        <div className="zlp-section" style={{ paddingBottom: 16 }}>
          <Card title={t('portal.detail.timeline')}>
            <Timeline entries={o.timeline} />
          </Card>
        </div>
      </PullToRefresh>
    );
  return (
    <>
      <PageNav title={t('portal.detail.title')} back="/orders" />
      {body}
    </>
  );
}
