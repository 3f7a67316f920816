import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_GRID_MAX_LOAD, type TCoverage } from '@zhilv/contracts';
import { Alert, Button, Card, Col, InputNumber, message, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { nameIn } from '../../lib/format';

/**
 * Coverage (覆盖情况): what the grids do not yet cover — businesses without a grid or a 包保 official, grid workers
 * over their load, grids without a worker — and the greedy move list that would even the load; the admin applies a
 * move with one click (an audited reassignment).
 */
export function CoveragePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const admin = me.data?.role === 'system_admin';
  const [maxLoad, setMaxLoad] = useState(DEFAULT_GRID_MAX_LOAD);
  const [applied, setApplied] = useState<Set<string>>(new Set());
  const q = useQuery({
    queryKey: ['grid-coverage', maxLoad],
    queryFn: () => api.get<TCoverage>(`/api/grids/coverage${qs({ maxLoad })}`),
  });
  const c = q.data;
  const apply = async (m: TCoverage['suggestedMoves'][number]) => {
    try {
      // the move keeps the business's 包保 official; only the grid changes
      const g = await api.get<{ businesses: { id: string; guarantorUserId: string | null }[] }>(
        `/api/grids/${m.fromGridId ?? m.toGridId}`,
      );
      const guarantor = g.businesses.find((b) => b.id === m.businessId)?.guarantorUserId ?? null;
      await api.put(`/api/grid-assignments/${m.businessId}`, { gridId: m.toGridId, guarantorUserId: guarantor });
      setApplied((s) => new Set(s).add(m.businessId));
      message.success(t('grids.applied'));
      qc.invalidateQueries({ queryKey: ['grid-coverage'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('grids.coverageTitle')}
        </Typography.Title>
        <Space>
          <Typography.Text>{t('grids.maxLoad')}</Typography.Text>
          <InputNumber
            min={1}
            max={100}
            value={maxLoad}
            onChange={(v) => v && setMaxLoad(v)}
            aria-label={t('grids.maxLoad')}
          />
        </Space>
      </Space>
      {!c ? (
        <Spin />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['totalGrids', c.totals.grids],
                ['totalBusinesses', c.totals.businesses],
                ['totalWorkers', c.totals.workers],
                ['unassigned', c.totals.unassigned],
                ['noGuarantor', c.totals.noGuarantor],
                ['overloaded', c.overloadedWorkers.length],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} md={4} key={k}>
                <Card size="small">
                  <Statistic title={t(`grids.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('grids.moves')}>
            <Alert type="info" showIcon message={t('grids.movesHint')} style={{ marginBottom: 8 }} />
            <ResponsiveTable
              rowKey="businessId"
              dataSource={c.suggestedMoves}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('grids.letters.business'), dataIndex: 'businessName' },
                { title: t('grids.from'), render: (_, m) => m.fromGridName ?? t('grids.unassigned') },
                { title: t('grids.to'), dataIndex: 'toGridName' },
                ...(admin
                  ? [
                      {
                        key: 'actions',
                        render: (_: unknown, m: TCoverage['suggestedMoves'][number]) => (
                          <Button size="small" disabled={applied.has(m.businessId)} onClick={() => apply(m)}>
                            {applied.has(m.businessId) ? t('grids.applied') : t('grids.apply')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Card size="small" title={`${t('grids.overloaded')} (> ${c.maxLoad})`}>
                <ResponsiveTable
                  rowKey="userId"
                  dataSource={c.overloadedWorkers}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('grids.person'), dataIndex: 'displayName' },
                    { title: t('grids.load'), dataIndex: 'load', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('grids.gridsWithoutWorker')}>
                <ResponsiveTable
                  rowKey="id"
                  dataSource={c.gridsWithoutWorker}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    {
                      title: t('grids.name'),
                      render: (_, g) => <Link to={`/console/grids/${g.id}`}>{nameIn(g.name, g.nameEn)}</Link>,
                    },
                    { title: t('grids.businessCount'), dataIndex: 'businesses', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('grids.withoutGrid')}>
                <ResponsiveTable
                  rowKey="id"
                  dataSource={c.businessesWithoutGrid}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('grids.letters.business'), render: (_, b) => nameIn(b.name, b.nameEn) },
                    { title: t('grids.region'), dataIndex: 'regionCode' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('grids.withoutGuarantor')}>
                <ResponsiveTable
                  rowKey="id"
                  dataSource={c.businessesWithoutGuarantor}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('grids.letters.business'), render: (_, b) => nameIn(b.name, b.nameEn) },
                    {
                      title: t('grids.grid'),
                      render: (_, b) =>
                        b.gridId ? <Link to={`/console/grids/${b.gridId}`}>{t('grids.letters.open')}</Link> : '—',
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('grids.byCounty')}>
            <ResponsiveTable
              rowKey="regionCode"
              dataSource={c.byCounty}
              pagination={false}
              columns={[
                { title: t('grids.county'), render: (_, r) => r.regionName ?? r.regionCode },
                { title: t('grids.totalGrids'), dataIndex: 'grids', align: 'right' },
                { title: t('grids.totalBusinesses'), dataIndex: 'businesses', align: 'right' },
                { title: t('grids.withGrid'), dataIndex: 'withGrid', align: 'right' },
                { title: t('grids.withGuarantorCount'), dataIndex: 'withGuarantor', align: 'right' },
                { title: t('grids.totalWorkers'), dataIndex: 'workers', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
