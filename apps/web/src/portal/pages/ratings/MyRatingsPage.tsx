import { Button, DotLoading, ErrorBlock, List, PullToRefresh, Rate, Tag } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { useMyRatings } from './api';

/** 我的评价: every rating with its stars and comment; one that became a complaint links to the order. */
export function MyRatingsPage() {
  const { t } = useTranslation();
  const { name } = useLabels();
  const navigate = useNavigate();
  const { me, tourist } = usePortalMe();
  const list = useMyRatings(!!tourist);
  const items = list.data?.items ?? [];
  let body: React.ReactNode;
  if (me.isLoading) body = null;
  else if (!tourist) body = <LoginRequired title={t('portal.rate.loginTitle')} />;
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
  else if (!items.length)
    body = (
      <ErrorBlock status="empty" title={t('portal.rate.mineEmpty')} description="">
        <Button color="primary" onClick={() => navigate('/rate')}>
          {t('portal.rate.entry')}
        </Button>
      </ErrorBlock>
    );
  else
    body = (
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <List>
          {items.map((r) => (
            <List.Item
              key={r.id}
              data-testid="my-rating"
              description={
                <>
                  {r.comment && <div style={{ whiteSpace: 'pre-wrap', color: '#333' }}>{r.comment}</div>}
                  <div>{dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}</div>
                </>
              }
              extra={
                r.workOrderId ? (
                  <Button
                    size="mini"
                    color="primary"
                    fill="outline"
                    onClick={() => navigate(`/orders/${r.workOrderId}`)}
                    data-testid="rating-order"
                  >
                    {t('portal.rate.viewComplaint')}
                  </Button>
                ) : r.offerComplaint ? (
                  <Tag color="warning">{t('portal.rate.low')}</Tag>
                ) : null
              }
            >
              <div>{name({ name: r.targetName, nameEn: r.targetNameEn })}</div>
              <Rate readOnly value={r.overall} style={{ '--star-size': '14px' }} />
            </List.Item>
          ))}
        </List>
      </PullToRefresh>
    );
  return (
    <>
      <PageNav title={t('portal.rate.mine')} />
      {body}
    </>
  );
}
