import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { fmtTime } from '../../lib/format';

type TAudit = {
  id: number;
  at: string;
  actorRole: string | null;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  result: string;
  ip: string | null;
  after: unknown;
};

/** The audit log, read-only for the audit admin (the database itself refuses changes to it). */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <SearchTable<TAudit>
      queryKey="audit"
      url="/api/audit-logs"
      fields={
        <>
          <Form.Item name="action">
            <Input placeholder={t('admin.action')} allowClear />
          </Form.Item>
          <Form.Item name="objectType">
            <Input placeholder={t('admin.objectType')} allowClear />
          </Form.Item>
          <Form.Item name="objectId">
            <Input placeholder={t('admin.objectId')} allowClear />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('admin.at'), dataIndex: 'at', render: fmtTime },
        { title: t('admin.actor'), dataIndex: 'actorRole' },
        { title: t('admin.action'), dataIndex: 'action' },
        { title: t('admin.objectType'), dataIndex: 'objectType' },
        {
          title: t('admin.objectId'),
          dataIndex: 'objectId',
          render: (v) => (
            <Typography.Text copyable={!!v} style={{ fontSize: 12 }}>
              {v ?? '—'}
            </Typography.Text>
          ),
        },
        { title: t('admin.result'), dataIndex: 'result' },
        { title: t('admin.ip'), dataIndex: 'ip' },
      ]}
    />
  );
}
