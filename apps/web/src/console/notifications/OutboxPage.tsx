import { SMS_TEMPLATE_LABELS } from '@zhilv/contracts';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { fmtTime, label } from '../../lib/format';

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
        {
          title: t('admin.template'),
          dataIndex: 'template',
          render: (v: string) => <span title={v}>{v in SMS_TEMPLATE_LABELS ? label(SMS_TEMPLATE_LABELS, v) : v}</span>,
        },
        {
          title: t('admin.text'),
          dataIndex: 'text',
          render: (v) => <Typography.Text style={{ maxWidth: 520 }}>{v}</Typography.Text>,
        },
      ]}
    />
  );
}
