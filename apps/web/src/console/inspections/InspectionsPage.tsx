import { useQuery } from '@tanstack/react-query';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type TInspectionKind, type TInspectionView } from '@zhilv/contracts';
import { Button, Card, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, label, nameIn } from '../../lib/format';
import { OutboxBanner, useOnline } from './parts';

type TPage = { items: TInspectionView[]; total: number };

/** 检查记录: my inspections (the field roles' home) or all I may see; what waits on the phone above them. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const field = ['grid_worker', 'department_staff', 'department_head', 'leader'].includes(me.data?.role ?? '');
  const [mine, setMine] = useState(me.data?.role === 'grid_worker');
  const [kind, setKind] = useState<TInspectionKind | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['console', 'inspections', mine, kind, page],
    queryFn: () =>
      api.get<TPage>(`/api/inspections${qs({ mine: mine ? 'true' : undefined, kind, page, pageSize: 20 })}`),
    enabled: !!me.data,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {field && <OutboxBanner online={online} />}
      <Card
        title={t('inspections.listTitle')}
        extra={
          field && (
            <Link to="/console/inspections/new">
              <Button type="primary" data-testid="insp-new">
                {t('inspections.new')}
              </Button>
            </Link>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {field && (
            <span>
              <Switch size="small" checked={mine} onChange={setMine} aria-label={t('inspections.onlyMine')} />{' '}
              {t('inspections.onlyMine')}
            </span>
          )}
          <Select<TInspectionKind>
            allowClear
            style={{ width: 160 }}
            placeholder={t('inspections.allKinds')}
            aria-label={t('inspections.allKinds')}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: label(INSPECTION_KIND_LABELS, k) }))}
          />
        </Space>
        <ResponsiveTable<TInspectionView>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          data-testid="insp-table"
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('inspections.business'),
              key: 'b',
              render: (_, r) => (
                <Link to={`/console/inspections/${r.id}`} data-testid="insp-row">
                  {nameIn(r.business.name, r.business.nameEn)}
                </Link>
              ),
            },
            { title: t('inspections.kind'), key: 'k', render: (_, r) => label(INSPECTION_KIND_LABELS, r.kind) },
            {
              title: t('inspections.result'),
              key: 'r',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={r.result === 'pass' ? 'green' : 'red'}>{t(`inspections.${r.result}`)}</Tag>
                  {r.hazardIds.length > 0 && <Tag>{t('inspections.hazardsN', { n: r.hazardIds.length })}</Tag>}
                  {r.night && <Tag color="purple">{t('inspections.night')}</Tag>}
                  {r.weekend && <Tag color="purple">{t('inspections.weekend')}</Tag>}
                  {r.kind === 'mystery' && !r.publishedAt && <Tag>{t('inspections.unpublished')}</Tag>}
                </Space>
              ),
            },
            { title: t('inspections.submittedAt'), key: 's', render: (_, r) => fmtTime(r.submittedAt) },
            { title: t('inspections.inspector'), key: 'i', render: (_, r) => r.inspector.name },
          ]}
        />
      </Card>
    </Space>
  );
}
