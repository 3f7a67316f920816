import { useQuery } from '@tanstack/react-query';
import {
  HAZARD_STATUS_LABELS,
  HAZARD_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  type THazardStatus,
  type THazardView,
  type TSeverity,
} from '@zhilv/contracts';
import { Button, Card, Input, message, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, label, nameIn } from '../../lib/format';
import { download, HazardStatusTag, SeverityTag } from './parts';

type TPage = { items: THazardView[]; total: number };

/**
 * 隐患台账: the hazards the reader may see — a grid worker their grids', a department its own, leaders all, a
 * business its own — filtered by status, severity, overdue and county, exported to Excel as filtered.
 */
export function HazardsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [status, setStatus] = useState<THazardStatus | undefined>();
  const [severity, setSeverity] = useState<TSeverity | undefined>();
  const [overdue, setOverdue] = useState<'true' | undefined>();
  const [regionCode, setRegionCode] = useState('');
  const [page, setPage] = useState(1);
  const filter = { status, severity, overdue, regionCode: /^\d{6}$/.test(regionCode) ? regionCode : undefined };
  const q = useQuery({
    queryKey: ['console', 'hazards', filter, page],
    queryFn: () => api.get<TPage>(`/api/hazards${qs({ ...filter, page, pageSize: 20 })}`),
    enabled: !!me.data,
  });
  const isBusiness = me.data?.role === 'business';
  return (
    <Card
      title={isBusiness ? t('inspections.myHazards') : t('inspections.ledger')}
      extra={
        !isBusiness && (
          <Button
            onClick={() =>
              download(`/api/hazards/export${qs(filter)}`, 'hazards.xlsx').catch((e) => message.error(e.message))
            }
            data-testid="hazard-export"
          >
            {t('inspections.export')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<THazardStatus>
          allowClear
          style={{ width: 150 }}
          placeholder={t('inspections.allStatuses')}
          aria-label={t('inspections.allStatuses')}
          value={status}
          onChange={setStatus}
          options={HAZARD_STATUSES.map((s) => ({ value: s, label: label(HAZARD_STATUS_LABELS, s) }))}
        />
        <Select<TSeverity>
          allowClear
          style={{ width: 150 }}
          placeholder={t('inspections.allSeverities')}
          aria-label={t('inspections.allSeverities')}
          value={severity}
          onChange={setSeverity}
          options={SEVERITIES.map((s) => ({ value: s, label: label(SEVERITY_LABELS, s) }))}
        />
        <Select<'true'>
          allowClear
          style={{ width: 130 }}
          placeholder={t('inspections.overdueFilter')}
          aria-label={t('inspections.overdueFilter')}
          value={overdue}
          onChange={setOverdue}
          options={[{ value: 'true', label: t('inspections.overdue') }]}
        />
        {!isBusiness && (
          <Input
            style={{ width: 150 }}
            placeholder={t('inspections.countyCode')}
            aria-label={t('inspections.countyCode')}
            value={regionCode}
            onChange={(e) => setRegionCode(e.target.value)}
          />
        )}
      </Space>
      <ResponsiveTable<THazardView>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="hazard-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          {
            title: t('inspections.hazardNo'),
            key: 'no',
            render: (_, h) => (
              <Link to={`/console/hazards/${h.id}`} data-testid="hazard-row">
                {h.hazardNo}
              </Link>
            ),
          },
          { title: t('inspections.business'), key: 'b', render: (_, h) => nameIn(h.business.name, h.business.nameEn) },
          { title: t('inspections.item'), key: 'i', render: (_, h) => nameIn(h.itemText, h.itemTextEn) },
          { title: t('inspections.severity'), key: 's', render: (_, h) => <SeverityTag s={h.severity} /> },
          {
            title: t('inspections.status'),
            key: 'st',
            render: (_, h) => <HazardStatusTag s={h.status} overdue={h.overdue} />,
          },
          { title: t('inspections.dueAt'), key: 'd', render: (_, h) => fmtTime(h.dueAt) },
        ]}
      />
    </Card>
  );
}
