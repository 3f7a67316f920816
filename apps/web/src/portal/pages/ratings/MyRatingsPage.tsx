import { Button, List, Rate, Tag } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MyList } from '../../components/MyList';
import { PageNav } from '../../components/PageNav';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { useMyRatings } from './api';

/** 我的评价: every rating with its stars and comment; one that became a complaint links to the order. */
export function MyRatingsPage() {
  const { t } = useTranslation();
  const { name } = useLabels();
  const navigate = useNavigate();
  const { tourist } = usePortalMe();
  const list = useMyRatings(!!tourist);
  const body = (
    <MyList
      query={list}
      loginTitle={t('portal.rate.loginTitle')}
      empty={{ title: t('portal.rate.mineEmpty'), action: t('portal.rate.entry'), onAction: () => navigate('/rate') }}
    >
      {(r) => (
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
      )}
    </MyList>
  );
  return (
    <>
      <PageNav title={t('portal.rate.mine')} />
      {body}
    </>
  );
}
