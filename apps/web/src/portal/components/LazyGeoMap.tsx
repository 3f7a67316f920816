import { DotLoading } from 'antd-mobile';
import { type ComponentProps, lazy, Suspense } from 'react';
import type { GeoMap } from './GeoMap';

const Inner = lazy(() => import('./GeoMap').then((m) => ({ default: m.GeoMap })));

/** GeoMap behind React.lazy: pages that show a map do not carry echarts in their own chunk. */
export function LazyGeoMap(props: ComponentProps<typeof GeoMap>) {
  return (
    <Suspense
      fallback={
        <div style={{ height: props.height ?? 320, display: 'grid', placeItems: 'center' }}>
          <DotLoading />
        </div>
      }
    >
      <Inner {...props} />
    </Suspense>
  );
}
