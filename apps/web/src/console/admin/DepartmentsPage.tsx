import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, currentLang, qs } from '../../lib/api';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ id: string; code: string; name: string; nameEn: string }[]>('/api/departments'),
  });
  return (
    <Card
      title={t('menu.departments')}
      extra={<Button href={`/api/departments/export${qs({ lang: currentLang() })}`}>{t('common.export')}</Button>}
    >
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: t('admin.code'), dataIndex: 'code' },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.nameEn'), dataIndex: 'nameEn' },
        ]}
        footer={() => t('common.total', { n: q.data?.length ?? 0 })}
      />
    </Card>
  );
}
