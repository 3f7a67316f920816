import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { fmtTime, isEn } from '../../lib/format';
import { useLiveInvalidate } from '../../lib/sse';

type TNotification = {
  id: string;
  titleZh: string;
  titleEn: string;
  objectType: string | null;
  objectId: string | null;
  createdAt: string;
  read: boolean;
};

/** 我的通知: every account's own notices as a page (the volunteer's home; the bell shows the latest twelve). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ unread: number; items: TNotification[] }>('/api/notifications'),
  });
  useLiveInvalidate('/api/notifications/stream', 'notification', [['notifications']]);
  const open = async (n: TNotification) => {
    if (!n.read) await api.post(`/api/notifications/${n.id}/read`).catch(() => undefined);
    qc.invalidateQueries({ queryKey: ['notifications'] });
    if (n.objectType === 'work_order' && n.objectId) navigate(`/console/work-orders/${n.objectId}`);
  };
  return (
    <Card
      title={
        <span>
          {t('menu.notifications')} <Badge count={q.data?.unread ?? 0} />
        </span>
      }
      styles={{ body: { padding: 12 } }}
    >
      {q.isLoading ? (
        <Spin />
      ) : !q.data?.items.length ? (
        <Empty description={t('field.notifications.empty')} />
      ) : (
        <List
          dataSource={q.data.items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              actions={
                n.read
                  ? []
                  : [
                      <Button key="read" size="small" type="link" onClick={() => open(n)}>
                        {t('field.notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Typography.Link onClick={() => open(n)} strong={!n.read}>
                    {isEn() ? n.titleEn : n.titleZh}
                  </Typography.Link>
                }
                description={fmtTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
