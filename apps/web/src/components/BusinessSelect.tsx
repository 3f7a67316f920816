import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../lib/api';
import { isEn } from '../lib/format';

export type TBusinessHit = {
  id: string;
  name: string;
  nameEn?: string | null;
  kind: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
};

const nameOf = (b: TBusinessHit) => (isEn() && b.nameEn) || b.name;

/**
 * A business from the directory, searched by name as one types (the public search, 300 ms after the last key).
 * `onPick` also hands over the whole hit (its coordinates, for a report's place).
 */
export function BusinessSelect(props: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  onPick?: (b: TBusinessHit | null) => void;
  placeholder?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<TBusinessHit[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const seq = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (q: string) => {
    clearTimeout(timer.current);
    const text = q.trim();
    if (!text) return;
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const r = await api.get<TBusinessHit[]>(`/api/businesses/search${qs({ q: text })}`);
        if (mine === seq.current) setHits(r);
      } catch {
        if (mine === seq.current) setHits([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 300);
  };
  return (
    <Select
      id={props.id}
      showSearch
      allowClear
      value={props.value}
      placeholder={props.placeholder}
      filterOption={false}
      onSearch={search}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('common.none')}
      onChange={(id: string | undefined) => {
        props.onChange?.(id);
        props.onPick?.(hits.find((h) => h.id === id) ?? null);
      }}
      options={hits.map((b) => ({
        value: b.id,
        label: nameOf(b),
        title: [nameOf(b), b.address].filter(Boolean).join(' · '),
      }))}
      optionRender={(o) => {
        const b = hits.find((h) => h.id === o.value);
        return (
          <div data-testid="business-option" style={{ whiteSpace: 'normal' }}>
            <div>{o.label}</div>
            {b?.address && <div style={{ color: '#5f6368', fontSize: 12 }}>{b.address}</div>}
          </div>
        );
      }}
      style={{ width: '100%' }}
      data-testid="business-select"
    />
  );
}
