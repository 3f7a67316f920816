import { useQuery } from '@tanstack/react-query';
import type { TBusinessProfileView } from '@zhilv/contracts';
import { Alert, Button, Card, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { BusinessProfileDrawer } from '../directory/BusinessProfileDrawer';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** 明码标价: a business account posts its own prices; the portal's directory shows them as posted. */
export function MyPricesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const id = me?.businessId ?? null;
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['business-profile', id],
    queryFn: () => api.get<TBusinessProfileView>(`/api/businesses/${id}/profile`),
    enabled: !!id,
  });
  if (!id) return <Empty description={t('dirAdmin.noBusiness')} />;
  return (
    <Card
      title={`${t('dirAdmin.pricesTitle')}${q.data ? ` · ${q.data.name}` : ''}`}
      extra={
        <Button type="primary" onClick={() => setEditing(true)} data-testid="edit-my-prices">
          {t('common.edit')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('dirAdmin.pricesHint')} style={{ marginBottom: 12 }} />
      <ResponsiveTable
        rowKey={(_, i) => String(i)}
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.prices ?? []}
        columns={[
          { title: t('dirAdmin.item'), render: (_, p) => (p.itemEn ? `${p.item} / ${p.itemEn}` : p.item) },
          { title: t('dirAdmin.price'), align: 'right', render: (_, p) => yuan(p.priceFen) },
          { title: t('dirAdmin.unit'), render: (_, p) => (p.unitEn ? `${p.unit} / ${p.unitEn}` : p.unit) },
        ]}
      />
      <BusinessProfileDrawer businessId={editing ? id : null} pricesOnly onClose={() => setEditing(false)} />
    </Card>
  );
}
