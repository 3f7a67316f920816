import { Button, Image, ImageViewer, List, Rate, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MyList } from '../../components/MyList';
import { PageNav } from '../../components/PageNav';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { useMyRatings } from './api';

/** A rating's photos as small thumbnails (served by the access-checked files route); a tap opens them full size. */
function RatingPhotos({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  const urls = ids.map((id) => `/api/files/${id}`);
  return (
    <Space wrap style={{ '--gap': '6px', margin: '6px 0 2px' }}>
      {urls.map((src, i) => (
        <Image
          key={src}
          src={src}
          width={56}
          height={56}
          fit="cover"
          lazy
          style={{ borderRadius: 4, cursor: 'pointer' }}
          onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })}
          data-testid="rating-photo"
        />
      ))}
    </Space>
  );
}

/** 我的评价: every rating with its stars, comment and photos; one that became a complaint links to the order. */
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
              <RatingPhotos ids={r.photoIds} />
              <div data-testid="rating-time">{fmtTime(r.createdAt)}</div>
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
