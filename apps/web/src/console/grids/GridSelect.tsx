import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../lib/api';
import { nameIn } from '../../lib/format';

type TGridOption = { id: string; code: string; name: string; nameEn: string | null; workerName: string | null };

/**
 * The grid a business belongs to (its grid worker looks after it), among the grids of the business's county —
 * the first six digits of its region code. Searchable by code, name or worker.
 */
export function GridSelect(props: {
  regionCode?: string | null;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const county = props.regionCode?.slice(0, 6);
  const q = useQuery({
    queryKey: ['grids', 'options', county],
    queryFn: () =>
      api.get<{ items: TGridOption[] }>(`/api/grids${qs({ regionCode: county, pageSize: 200 })}`).then((r) => r.items),
    enabled: !!county,
    staleTime: 60_000,
  });
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      loading={q.isLoading}
      disabled={!county}
      placeholder={county ? t('admin.gridPick') : t('admin.gridNeedsRegion')}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={(q.data ?? []).map((g) => ({
        value: g.id,
        label: `${g.code} ${nameIn(g.name, g.nameEn)}${g.workerName ? ` · ${g.workerName}` : ''}`,
      }))}
      data-testid="business-grid"
    />
  );
}
