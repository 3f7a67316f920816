import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Button, Card, Result, Space, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The tracking number, big enough to write down, and where to go next. */
export function AppealDone({ order, onAnother }: { order: TWorkOrderDetail; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(order.trackingNo);
      Toast.show({ content: t('portal.appeal.copied') });
    } catch {
      /* no clipboard on insecure origins: the number is selectable */
    }
  };
  return (
    <div className="zlp-section">
      <Card>
        <Result status="success" title={t('portal.appeal.success')} description={t('portal.appeal.successDesc')} />
        <div style={{ textAlign: 'center', paddingBottom: 8 }}>
          <div className="zlp-muted" data-testid="tracking-no">
            {t('portal.appeal.trackingNo', { no: order.trackingNo })}
          </div>
          <div className="zlp-track" style={{ margin: '8px 0' }}>
            {order.trackingNo}
          </div>
          <Button size="mini" fill="outline" onClick={copy}>
            {t('portal.appeal.copy')}
          </Button>
        </div>
        <Space direction="vertical" block style={{ marginTop: 16 }}>
          <Button
            block
            color="primary"
            size="large"
            onClick={() => navigate(`/orders/${order.id}`)}
            data-testid="view-order"
          >
            {t('portal.appeal.view')}
          </Button>
          <Button block onClick={onAnother}>
            {t('portal.appeal.another')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
