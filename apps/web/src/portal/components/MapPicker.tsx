import { Button, DotLoading, List, NoticeBar, Popup } from 'antd-mobile';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPosition, DEFAULT_CENTRE, nearbyBusinesses, type TBizHit } from '../lib/businesses';
import { showError } from '../lib/errors';
import { useLabels } from '../lib/labels';
import { PageNav } from './PageNav';

const BusinessMap = lazy(() => import('./BusinessMap').then((m) => ({ default: m.BusinessMap })));

type TProps = {
  visible: boolean;
  onClose: () => void;
  onPick: (b: TBizHit, at: { lng: number; lat: number } | null) => void;
};

/** Full-screen sheet: the phone's position (or the prefecture seat), nearby businesses on a scatter and in a list. */
export function MapPicker({ visible, onClose, onPick }: TProps) {
  const { t } = useTranslation();
  const { name } = useLabels();
  const [pos, setPos] = useState<{ lng: number; lat: number } | null>(null);
  const [items, setItems] = useState<TBizHit[] | null>(null);
  useEffect(() => {
    if (!visible) return;
    let live = true;
    setItems(null);
    (async () => {
      const p = await currentPosition();
      if (!live) return;
      setPos(p);
      try {
        const r = await nearbyBusinesses(p ?? DEFAULT_CENTRE);
        if (live) setItems(r);
      } catch (e) {
        showError(e);
        if (live) setItems([]);
      }
    })();
    return () => {
      live = false;
    };
  }, [visible]);
  const pick = (b: TBizHit) => {
    onPick(b, pos);
    onClose();
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} position="bottom" bodyStyle={{ height: '92vh', overflow: 'auto' }}>
      <PageNav
        title={t('portal.appeal.mapTitle')}
        back={null}
        right={
          <Button size="small" fill="none" onClick={onClose}>
            {t('portal.common.cancel')}
          </Button>
        }
      />
      {!pos && items && <NoticeBar content={t('portal.appeal.mapNoPosition')} color="info" wrap />}
      <div className="zlp-muted" style={{ padding: '8px 12px 0' }}>
        {t('portal.appeal.mapNote')}
      </div>
      {items === null ? (
        <div style={{ textAlign: 'center', padding: 60 }}>
          <DotLoading color="primary" />
        </div>
      ) : (
        <>
          <Suspense fallback={<div className="zlp-map" />}>
            <BusinessMap centre={pos ?? DEFAULT_CENTRE} items={items} nameOf={name} onPick={pick} />
          </Suspense>
          {items.length === 0 && (
            <div className="zlp-muted" style={{ padding: 16 }}>
              {t('portal.appeal.mapEmpty')}
            </div>
          )}
          <List>
            {items.map((b) => (
              <List.Item key={b.id} onClick={() => pick(b)} description={b.address} data-testid="map-business">
                {name(b)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Popup>
  );
}
