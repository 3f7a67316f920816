import { BUSINESS_KIND_LABELS, type TBusinessKind } from '@zhilv/contracts';
import { Button, Card, DotLoading, Input, type InputRef, Space, Toast } from 'antd-mobile';
import { CloseCircleFill, EnvironmentOutline, LocationOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPosition, DEFAULT_CENTRE, nearbyBusinesses, searchBusinesses, type TBizHit } from '../lib/businesses';
import { showError } from '../lib/errors';
import { useLabels } from '../lib/labels';
import { useDebounced } from '../lib/useDebounced';
import { MapPicker } from './MapPicker';

type TProps = {
  value: TBizHit | null;
  onChange: (b: TBizHit | null, at?: { lng: number; lat: number } | null) => void;
  withMap?: boolean;
  /** What is typed in the search box and the hits it found, so the form can tell a typed name from a picked one. */
  onSearchChange?: (s: { q: string; hits: TBizHit[] | null }) => void;
};

/**
 * The business an appeal concerns: search by name, the nearest ones, or a dot on the map.
 *
 * A result is chosen by one tap. Pressing a result must not take the focus from the search box: on a phone that
 * blur closes the keyboard, the page jumps by the keyboard's height between the finger going down and coming up,
 * and the tap lands on whatever moved under it — the business was not chosen and the form went out without it.
 * So a press on a result keeps the focus (mousedown's default is the focus change), the click chooses, and only
 * then is the box blurred and the keyboard let go.
 */
export function BusinessPicker({ value, onChange, withMap = true, onSearchChange }: TProps) {
  const { t } = useTranslation();
  const { name, label } = useLabels();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const [hits, setHits] = useState<TBizHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [map, setMap] = useState(false);
  const box = useRef<InputRef>(null);
  useEffect(() => onSearchChange?.({ q: q.trim(), hits }), [q, hits, onSearchChange]);
  useEffect(() => {
    if (!dq) return setHits(null);
    let live = true;
    setBusy(true);
    searchBusinesses(dq)
      .then((r) => live && setHits(r))
      .catch((e) => live && showError(e))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [dq]);
  const nearby = async () => {
    setBusy(true);
    const p = await currentPosition();
    if (!p) Toast.show({ content: t('portal.appeal.mapNoPosition') });
    try {
      setHits(await nearbyBusinesses(p ?? DEFAULT_CENTRE));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const kindOf = (b: TBizHit) => label(BUSINESS_KIND_LABELS, b.kind as TBusinessKind);
  const choose = (b: TBizHit, at?: { lng: number; lat: number } | null) => {
    onChange(b, at);
    setQ('');
    setHits(null);
    box.current?.blur();
  };

  if (value)
    return (
      <Card style={{ background: '#f0f7ff' }} data-testid="picked-business">
        <div className="zlp-row">
          <div className="zlp-grow">
            <div style={{ fontWeight: 500 }}>{name(value)}</div>
            <div className="zlp-muted">
              {kindOf(value)} · {value.address ?? ''}
            </div>
          </div>
          <Button fill="none" size="small" onClick={() => onChange(null, null)} aria-label={t('portal.appeal.remove')}>
            <CloseCircleFill fontSize={20} color="#999" />
          </Button>
        </div>
      </Card>
    );
  return (
    <div>
      <Input
        ref={box}
        placeholder={t('portal.appeal.businessPlaceholder')}
        value={q}
        onChange={setQ}
        clearable
        data-testid="business-search"
      />
      <Space style={{ marginTop: 8 }}>
        <Button size="mini" onClick={nearby}>
          <LocationOutline /> {t('portal.appeal.nearby')}
        </Button>
        {withMap && (
          <Button size="mini" onClick={() => setMap(true)} data-testid="open-map">
            <EnvironmentOutline /> {t('portal.appeal.map')}
          </Button>
        )}
        {busy && <DotLoading />}
      </Space>
      {hits?.length === 0 && (
        <div className="zlp-muted" style={{ marginTop: 8 }}>
          {t('portal.appeal.noBusiness')}
        </div>
      )}
      {hits?.map((b) => (
        <button
          type="button"
          key={b.id}
          className="zlp-biz-option"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => choose(b)}
          data-testid="business-option"
        >
          {name(b)} <span className="zlp-muted">{[kindOf(b), b.address].filter(Boolean).join(' · ')}</span>
        </button>
      ))}
      {withMap && <MapPicker visible={map} onClose={() => setMap(false)} onPick={choose} />}
    </div>
  );
}
