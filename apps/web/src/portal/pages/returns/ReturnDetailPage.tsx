import { useQuery } from '@tanstack/react-query';
import { GOODS_CATEGORIES, RETURN_STATUS_LABELS, type TReturnRequestView } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, List, NoticeBar, Steps, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fmtTime } from '../../../lib/format';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { getReturn, STATUS_COLOR, yuan } from './api';

const WARN = new Set(['refused', 'silence', 'refund_overdue']);

function ReturnTimeline({ r }: { r: TReturnRequestView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const steps = r.timeline;
  return (
    <Steps direction="vertical" current={steps.length - 1} style={{ '--title-font-size': '15px' }}>
      {steps.map((e, i) => (
        <Steps.Step
          key={`${e.action}-${e.at}`}
          status={WARN.has(e.action) ? 'error' : i === steps.length - 1 ? 'process' : 'finish'}
          title={t(`portal.returns.step.${e.action}`)}
          description={
            <div data-testid="return-step" data-action={e.action}>
              <div>{fmtTime(e.at)}</div>
              {e.note && <div style={{ color: '#555', marginTop: 2, whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              {e.action === 'escalated' && r.workOrderId && (
                <Button
                  size="mini"
                  color="primary"
                  fill="outline"
                  style={{ marginTop: 6 }}
                  onClick={() => navigate(`/orders/${r.workOrderId}`)}
                  data-testid="return-work-order"
                >
                  {t('portal.returns.viewOrder', { no: r.workOrderTrackingNo ?? '' })}
                </Button>
              )}
            </div>
          }
        />
      ))}
    </Steps>
  );
}

/** One request: its facts, the receipt, what the shop and the department did. */
export function ReturnDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { label, name, en } = useLabels();
  const { me, tourist } = usePortalMe();
  const q = useQuery({ queryKey: ['portal', 'returns', id], queryFn: () => getReturn(id), enabled: !!tourist });
  const r = q.data;
  let body: React.ReactNode = null;
  if (me.isLoading) body = null;
  else if (!tourist) body = <LoginRequired title={t('portal.returns.loginTitle')} />;
  else if (q.isError) body = <ErrorBlock status="default" title={errorMessage(q.error)} description="" />;
  else if (!r)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else {
    const cat = GOODS_CATEGORIES.find((c) => c.code === r.goodsCategory);
    body = (
      <>
        {r.status === 'submitted' && (
          <div className="zlp-section">
            <NoticeBar wrap color="info" content={t('portal.returns.waiting', { at: fmtTime(r.shopDueAt) })} />
          </div>
        )}
        {r.status === 'accepted' && r.refundDueAt && (
          <div className="zlp-section">
            <NoticeBar
              wrap
              color="success"
              content={t('portal.returnsLocal.acceptedNotice', {
                outcome: t(`portal.returnsLocal.${r.outcome ?? 'refund'}`),
                at: fmtTime(r.refundDueAt),
              })}
            />
          </div>
        )}
        {r.status === 'compensated' && r.compensationFen && (
          <div className="zlp-section">
            <NoticeBar
              wrap
              color="success"
              content={t('portal.returns.compensatedNotice', { amount: yuan(r.compensationFen) })}
              data-testid="return-compensated"
            />
          </div>
        )}
        <List mode="card" header={t('portal.returns.facts')}>
          <List.Item
            extra={
              <Tag color={STATUS_COLOR[r.status]} data-testid="return-detail-status">
                {label(RETURN_STATUS_LABELS, r.status)}
              </Tag>
            }
          >
            <span data-testid="return-tracking-no">{r.trackingNo}</span>
          </List.Item>
          <List.Item extra={name({ name: r.businessName ?? '—', nameEn: r.businessNameEn })}>
            {t('portal.returns.shop')}
          </List.Item>
          <List.Item extra={r.item}>{t('portal.returns.item')}</List.Item>
          <List.Item
            extra={
              r.goodsCategoryName
                ? (en && r.goodsCategoryNameEn) || r.goodsCategoryName
                : cat
                  ? en
                    ? cat.en
                    : cat.zh
                  : r.goodsCategory
            }
          >
            {t('portal.returns.category')}
          </List.Item>
          <List.Item extra={r.invoiceNo ?? '—'}>{t('portal.returnsLocal.invoiceNo')}</List.Item>
          {r.outcome && (
            <List.Item extra={t(`portal.returnsLocal.${r.outcome}`)}>{t('portal.returnsLocal.outcome')}</List.Item>
          )}
          <List.Item extra={yuan(r.amountFen)}>{t('portal.returns.amount')}</List.Item>
          <List.Item extra={r.purchasedOn}>{t('portal.returns.purchasedOn')}</List.Item>
          <List.Item description={r.reason}>{t('portal.returns.reason')}</List.Item>
          {r.workOrderId && (
            <List.Item
              clickable
              onClick={() => navigate(`/orders/${r.workOrderId}`)}
              extra={r.workOrderTrackingNo}
              description={t('portal.returnsLocal.registered')}
            >
              {t('portal.returnsLocal.workOrder')}
            </List.Item>
          )}
          {r.receiptFileId && (
            <List.Item>
              <div>{t('portal.returns.receipt')}</div>
              <img
                src={`/api/files/${r.receiptFileId}`}
                alt={t('portal.returns.receipt')}
                style={{ marginTop: 8, maxWidth: 160, maxHeight: 160, borderRadius: 6, objectFit: 'cover' }}
              />
            </List.Item>
          )}
        </List>
        <Card title={t('portal.returns.progress')} style={{ margin: 12 }}>
          <ReturnTimeline r={r} />
        </Card>
      </>
    );
  }
  return (
    <>
      <PageNav title={t('portal.returns.detail')} back="/returns" />
      {body}
    </>
  );
}
