import { STATION_KIND_LABELS, STATION_SERVICE_LABELS, type TStation, type TStationService } from '@zhilv/contracts';
import { Space, Tag } from 'antd-mobile';
import {
  AddSquareOutline,
  CompassOutline,
  FileOutline,
  GiftOutline,
  GlobalOutline,
  HeartOutline,
  SearchOutline,
  SendOutline,
  SmileOutline,
  TeamOutline,
  TruckOutline,
  UserContactOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels';

/** An icon per service, so a row of services reads at a glance. */
export const SERVICE_ICONS: Record<TStationService, ReactNode> = {
  water: <GiftOutline />,
  first_aid: <AddSquareOutline />,
  parking: <TruckOutline />,
  rest: <SmileOutline />,
  consultation: <CompassOutline />,
  mediation: <TeamOutline />,
  charging: <SendOutline />,
  care: <HeartOutline />,
  lost_found: <SearchOutline />,
  wifi: <GlobalOutline />,
  errands: <FileOutline />,
  drivers_guides_home: <UserContactOutline />,
};

/** Services as tags with their icons; `compact` shows icons only (the name stays as the tooltip and label). */
export function ServiceTags({ services, compact }: { services: TStationService[]; compact?: boolean }) {
  const { label } = useLabels();
  return (
    <Space wrap style={{ '--gap': '4px' }}>
      {services.map((s) =>
        // icons only: an image named by the service (antd-mobile's Tag does not pass a role on); with its name
        // shown, the text names it and the icon is decoration
        compact ? (
          <span key={s} role="img" aria-label={label(STATION_SERVICE_LABELS, s)} data-testid={`svc-${s}`}>
            <Tag color="#fdecea" fill="solid" style={{ color: '#a8071a', fontSize: 13 }}>
              <span aria-hidden>{SERVICE_ICONS[s]}</span>
            </Tag>
          </span>
        ) : (
          <Tag key={s} color="#fdecea" fill="solid" style={{ color: '#a8071a', fontSize: 12 }} data-testid={`svc-${s}`}>
            <span aria-hidden>{SERVICE_ICONS[s]}</span> {label(STATION_SERVICE_LABELS, s)}
          </Tag>
        ),
      )}
    </Space>
  );
}

export function OpenTag({ s }: { s: Pick<TStation, 'openNow'> }) {
  const { t } = useTranslation();
  return s.openNow ? (
    <Tag color="success" fill="outline" data-testid="open-now">
      {t('portal.stations.openNow')}
    </Tag>
  ) : (
    <Tag color="default" fill="outline" data-testid="closed-now">
      {t('portal.stations.closedNow')}
    </Tag>
  );
}

export function KindTag({ s }: { s: Pick<TStation, 'kind'> }) {
  const { label } = useLabels();
  return (
    <Tag color={s.kind === 'station' ? 'danger' : 'warning'} fill="outline">
      {label(STATION_KIND_LABELS, s.kind)}
    </Tag>
  );
}

export function Hours({ s }: { s: Pick<TStation, 'allDay' | 'opensAt' | 'closesAt'> }) {
  const { t } = useTranslation();
  return (
    <span data-testid="station-hours">
      {s.allDay ? t('portal.stations.allDay') : t('portal.stations.hours', { from: s.opensAt, to: s.closesAt })}
    </span>
  );
}
