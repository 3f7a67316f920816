import { Button, Card, List } from 'antd-mobile';
import { LocationOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentPosition } from '../../lib/businesses';
import { useLabels } from '../../lib/labels';
import { fmtDistance, positionIfGranted, type TPos, useStations } from './api';
import { OpenTag, ServiceTags } from './StationBits';

/**
 * The home page's nearby stations: nearest three when the browser already shares the position (the home page
 * does not ask on arrival; the button does), otherwise three of the old town's.
 */
export function HomeStations() {
  const { t } = useTranslation();
  const { name, en } = useLabels();
  const navigate = useNavigate();
  const [pos, setPos] = useState<TPos | null>(null);
  useEffect(() => {
    void positionIfGranted(currentPosition).then(setPos);
  }, []);
  const q = useStations({ near: pos, limit: 3 });
  const list = q.data ?? [];
  return (
    <Card
      title={
        <span className="zlp-row">
          <LocationOutline /> {pos ? t('portal.stations.homeNearby') : t('portal.stations.homeTitle')}
        </span>
      }
      extra={
        <Button
          size="small"
          fill="none"
          color="primary"
          onClick={() => navigate('/stations')}
          data-testid="home-stations-all"
        >
          {t('portal.stations.homeAll')}
        </Button>
      }
    >
      <List
        style={{ '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0' }}
        data-testid="home-stations"
      >
        {list.map((s) => (
          <List.Item
            key={s.id}
            onClick={() => navigate(`/stations/${s.id}`)}
            description={<ServiceTags services={s.services} compact />}
            extra={
              <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
                <OpenTag s={s} />
                {s.distanceMetres !== undefined && (
                  <span style={{ color: '#1d5fd1', fontSize: 12 }}>{fmtDistance(s.distanceMetres, en)}</span>
                )}
              </span>
            }
          >
            <span style={{ fontSize: 14 }}>{name(s)}</span>
          </List.Item>
        ))}
      </List>
      {!pos && (
        <Button
          block
          size="small"
          onClick={() => void currentPosition().then((p) => (p ? setPos(p) : navigate('/stations')))}
          data-testid="home-stations-locate"
        >
          {t('portal.stations.locate')}
        </Button>
      )}
    </Card>
  );
}
