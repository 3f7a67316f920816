import { EffectScatterChart, LinesChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stopLabels } from './stopLabels';

echarts.use([MapChart, ScatterChart, EffectScatterChart, LinesChart, GeoComponent, TooltipComponent, CanvasRenderer]);

export type TGeoPoint = { id: string; name: string; lng: number; lat: number; kind?: string; highlight?: boolean };

type TProps = {
  points: TGeoPoint[];
  /** Join the points in order (a route). */
  line?: boolean;
  onPick?: (id: string) => void;
  height?: number;
  focus?: { lng: number; lat: number; zoom?: number };
  /** The phone's position. */
  you?: { lng: number; lat: number };
};

type TCountyFeature = { properties: { name: string; name_en: string; adcode: string } };

const MAP = 'lijiang';
/** Colours by kind (business kinds, stations); other kinds take the last one. */
const KIND_COLOURS: Record<string, string> = {
  scenic_spot: '#e8542f',
  hotel: '#1d5fd1',
  homestay: '#12a2a8',
  travel_agency: '#7a5af5',
  shop: '#f08c2e',
  restaurant: '#d9367c',
  transport: '#2f8f46',
  entertainment: '#b8860b',
  online_operator: '#5b6b7f',
  station: '#c8161d',
  micro_station: '#e0651f',
};
const OTHER = '#3b7dd8';
export const colourOfKind = (kind?: string) => (kind && KIND_COLOURS[kind]) || OTHER;

/** Fetched and registered once per page load, whichever map asks first. */
let loading: Promise<Record<string, string>> | null = null;
function loadLijiang(): Promise<Record<string, string>> {
  loading ??= fetch('/geo/lijiang.json')
    .then((r) => {
      if (!r.ok) throw new Error(`geo ${r.status}`);
      return r.json();
    })
    .then((json: { features: TCountyFeature[] }) => {
      // biome-ignore lint/suspicious/noExplicitAny: echarts' GeoJSON type is stricter than the file's declared shape
      echarts.registerMap(MAP, json as any);
      return Object.fromEntries(json.features.map((f) => [f.properties.name, f.properties.name_en]));
    })
    .catch((e) => {
      loading = null;
      throw e;
    });
  return loading;
}

/**
 * The prefecture's county map (GeoJSON shipped in the repo, no tile server) with points on it: businesses,
 * stations, a route's stops. Counties are labelled in the language on screen; points take their kind's colour;
 * highlighted points pulse; drag and pinch to move and zoom; tapping a point calls onPick with its id.
 * Import it lazily: it carries echarts (its own chunk).
 */
export function GeoMap({ points, line, onPick, height = 320, focus, you }: TProps) {
  const { t, i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [names, setNames] = useState<Record<string, string> | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadLijiang().then(
      (n) => live && setNames(n),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!el.current || !names) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      if (id) pick.current?.(id);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [names]);

  const en = i18n.language === 'en';
  // Callers often pass fresh arrays and objects each render: redraw (and reset the view) only when they change.
  const key = JSON.stringify([points, line, focus, you]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for points, line, focus and you
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !names) return;
    // `seq`: the point's place in `points` (a route's stop number), whether it is highlighted or not.
    // `routeLabels`: a route's stop numbers with the stops at one place on screen labelled once ("5·6").
    let routeLabels: (string | null)[] | null = null;
    const data = (ps: TGeoPoint[]) =>
      ps.map((p) => {
        const seq = points.indexOf(p) + 1;
        const shared = routeLabels?.[seq - 1] ?? null;
        return {
          id: p.id,
          seq,
          name: p.name,
          value: [p.lng, p.lat],
          itemStyle: { color: colourOfKind(p.kind) },
          ...(routeLabels ? { stopLabel: shared, label: { show: shared !== null } } : {}),
        };
      });
    const plain = points.filter((p) => !p.highlight);
    const lit = points.filter((p) => p.highlight);
    const series: Record<string, unknown>[] = [];
    if (line && points.length > 1) {
      series.push({
        type: 'lines',
        coordinateSystem: 'geo',
        polyline: true,
        silent: true,
        lineStyle: { color: '#c8161d', width: 3, opacity: 0.8 },
        data: [{ coords: points.map((p) => [p.lng, p.lat]) }],
      });
    }
    series.push({
      id: 'points',
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: 12,
      itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
      label: {
        show: points.length <= 10,
        position: 'right',
        fontSize: 10,
        color: '#333',
        formatter: line ? (p: { data: { stopLabel?: string | null } }) => p.data.stopLabel ?? '' : '{b}',
      },
      // Labels of points that are near but not at one place are moved apart rather than drawn over each other.
      labelLayout: { moveOverlap: 'shiftY' },
      emphasis: { scale: 1.6 },
      data: data(plain),
    });
    if (lit.length) {
      series.push({
        type: 'effectScatter',
        coordinateSystem: 'geo',
        symbolSize: 16,
        rippleEffect: { scale: 3, brushType: 'stroke' },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: true, position: 'top', fontSize: 12, fontWeight: 'bold', color: '#111', formatter: '{b}' },
        zlevel: 1,
        data: data(lit),
      });
    }
    if (you) {
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'circle',
        symbolSize: 14,
        silent: true,
        itemStyle: { color: '#1677ff', borderColor: '#fff', borderWidth: 3, shadowBlur: 6, shadowColor: '#1677ff' },
        label: { show: true, position: 'bottom', fontSize: 10, color: '#1677ff', formatter: t('portal.geo.you') },
        data: [{ name: t('portal.geo.you'), value: [you.lng, you.lat] }],
      });
    }
    chart.setOption(
      {
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (p: { name: string; seriesType: string }) => (p.seriesType === 'lines' ? '' : p.name),
        },
        geo: {
          map: MAP,
          roam: true,
          scaleLimit: { min: 0.8, max: 40 },
          nameMap: en ? names : undefined,
          ...(focus ? { center: [focus.lng, focus.lat], zoom: focus.zoom ?? 4 } : {}),
          label: { show: true, fontSize: en ? 9 : 11, color: '#5b6b7f' },
          itemStyle: { areaColor: '#eef5ff', borderColor: '#8fb3e8', borderWidth: 1 },
          emphasis: { label: { color: '#1d5fd1' }, itemStyle: { areaColor: '#dce9ff' } },
          select: { disabled: true },
        },
        series,
      },
      true,
    );
    if (!line) return;
    // Where the stops fall on screen is known only once drawn: group them, then draw their numbers; again after
    // every pan and pinch, as the groups change with the zoom.
    const relabel = () => {
      const px = points.map((p) => {
        const [x, y] = chart.convertToPixel({ geoIndex: 0 }, [p.lng, p.lat]) as number[];
        return { x, y };
      });
      routeLabels = stopLabels(px);
      chart.setOption({ series: [{ id: 'points', data: data(plain) }] });
      if (el.current) el.current.dataset.stopLabels = routeLabels.filter((l) => l !== null).join('|');
    };
    relabel();
    chart.on('georoam', relabel);
    return () => {
      chart.off('georoam', relabel);
    };
  }, [names, key, en, t]);

  if (failed) {
    return (
      <div className="zlp-muted" style={{ height, display: 'grid', placeItems: 'center' }} data-testid="geo-map-failed">
        {t('portal.geo.failed')}
      </div>
    );
  }
  return (
    <div
      ref={el}
      style={{ height, width: '100%', background: '#f7faff', borderRadius: 8, touchAction: 'none' }}
      data-testid="geo-map"
      role="img"
      aria-label={t('portal.geo.label')}
    />
  );
}
