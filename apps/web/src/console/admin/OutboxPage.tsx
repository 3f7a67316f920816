import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { fmtTime } from '../../lib/format';

type TSms = { id: string; phone: string; template: string; text: string; createdAt: string; status: string };

/** The demo SMS provider's outbox: codes and notices sent to tourists, phones masked. */
export function OutboxPage() {
  const { t } = useTranslation();
  return (
    <SearchTable<TSms>
      queryKey="outbox"
      url="/api/admin/outbox"
      refetchInterval={5000}
      columns={[
        { title: t('admin.sentAt'), dataIndex: 'createdAt', render: fmtTime },
        { title: t('admin.phone'), dataIndex: 'phone' },
        { title: t('admin.template'), dataIndex: 'template' },
        {
          title: t('admin.text'),
          dataIndex: 'text',
          render: (v) => <Typography.Text style={{ maxWidth: 520 }}>{v}</Typography.Text>,
        },
      ]}
    />
  );
}
