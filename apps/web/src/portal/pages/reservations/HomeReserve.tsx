import { Button, Card, List } from 'antd-mobile';
import { CalendarOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { spotName, useSpots } from './api';
import { LevelTag } from './LevelTag';

/** The home page's 预约 entry: how busy the reservable spots are now, and the way to book. */
export function HomeReserve() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const spots = useSpots();
  const top = (spots.data ?? []).slice(0, 3);
  return (
    <Card
      title={
        <span className="zlp-row">
          <CalendarOutline /> {t('portal.resv.homeTitle')}
        </span>
      }
      extra={
        <Button size="small" color="primary" onClick={() => navigate('/reserve')} data-testid="entry-reserve">
          {t('portal.resv.homeBtn')}
        </Button>
      }
    >
      {top.length > 0 ? (
        <List style={{ '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0' }}>
          {top.map((s) => (
            <List.Item
              key={s.spotId}
              onClick={() => navigate(`/reserve/${s.spotId}`)}
              extra={<LevelTag occupancy={s.occupancy} />}
            >
              <span style={{ fontSize: 14 }}>{spotName(s, i18n.language === 'en')}</span>
            </List.Item>
          ))}
        </List>
      ) : (
        <div className="zlp-muted">{t('portal.resv.homeDesc')}</div>
      )}
    </Card>
  );
}
