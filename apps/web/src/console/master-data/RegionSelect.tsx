import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { api } from '../../lib/api';

type TRegion = { code: string; name: string; level: number; children: TRegion[] };
type TOption = { value: string; title: string; children: TOption[] };

const useRegionTree = () =>
  useQuery({ queryKey: ['regions'], queryFn: () => api.get<TRegion[]>('/api/regions/tree'), staleTime: 3_600_000 });

/** Region code → name, for list columns that only hold the code. */
export function useRegionNames(): Map<string, string> {
  const q = useRegionTree();
  return useMemo(() => {
    const m = new Map<string, string>();
    const walk = (ns: TRegion[]) => {
      for (const n of ns) {
        m.set(n.code, n.name);
        walk(n.children);
      }
    };
    walk(q.data ?? []);
    return m;
  }, [q.data]);
}

/** A region picker over the GB/T 2260 tree (prefecture → county → township), searchable by name or code. */
export function RegionSelect(props: { value?: string | null; onChange?: (v: string | undefined) => void }) {
  const q = useRegionTree();
  const options = useMemo(() => {
    const toOption = (n: TRegion): TOption => ({
      value: n.code,
      title: `${n.name} ${n.code}`,
      children: n.children.map(toOption),
    });
    return (q.data ?? []).map(toOption);
  }, [q.data]);
  return (
    <TreeSelect
      value={props.value ?? undefined}
      onChange={props.onChange}
      treeData={options}
      loading={q.isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandedKeys={options.map((o) => o.value)}
      style={{ width: '100%' }}
    />
  );
}
