import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { isEn } from '../../lib/format';
import { spotApi } from './api';
import { CapacityCard } from './CapacityCard';
import { ClosedDaysCard } from './ClosedDaysCard';
import { SlotsCard } from './SlotsCard';

/**
 * 预约与闭园设置: the scenic spot's own account sets its capacity, its time slots and quotas, and its closed days.
 * A spot not yet set up for reservations starts with the capacity form (saving it makes the spot reservable);
 * another business's account is told the page is not for it.
 */
export function SpotSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const spotId = me.data?.businessId ?? '';
  const q = useQuery({
    queryKey: ['spot', spotId, 'settings'],
    queryFn: () => spotApi.settings(spotId),
    enabled: !!spotId,
    retry: false,
  });
  if (me.isLoading || (spotId && q.isLoading)) return <Spin style={{ display: 'block', margin: '20vh auto' }} />;
  const notSetUp = q.error instanceof ApiError && q.error.status === 404;
  if (!spotId || (q.isError && !notSetUp))
    return (
      <Card>
        <Empty description={t('field.spot.notSpot')} />
      </Card>
    );
  const s = q.data ?? null;
  return (
    <Row gutter={[16, 16]}>
      {s && (
        <Col span={24}>
          <Alert
            type="info"
            showIcon
            message={`${(isEn() && s.nameEn) || s.name} · ${s.opensAt}–${s.closesAt}`}
            data-testid="spot-name"
          />
        </Col>
      )}
      <Col xs={24} xl={10}>
        <CapacityCard
          spotId={spotId}
          settings={s}
          onSaved={(saved) => {
            qc.setQueryData(['spot', spotId, 'settings'], saved);
            qc.invalidateQueries({ queryKey: ['spot', spotId] });
          }}
        />
      </Col>
      {s && (
        <Col xs={24} xl={14}>
          <SlotsCard spotId={spotId} settings={s} />
        </Col>
      )}
      {s && (
        <Col span={24}>
          <ClosedDaysCard spotId={spotId} />
        </Col>
      )}
    </Row>
  );
}
