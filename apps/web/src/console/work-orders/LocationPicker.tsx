import { ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([ScatterChart, GeoComponent, CanvasRenderer]);

export type TPoint = { lng: number; lat: number };
type TCountyFeature = { properties: { name: string; name_en: string } };

const MAP = 'lijiang';
/** The prefecture's counties (GeoJSON in the repo: no tile server is reachable), fetched once per page load. */
let loading: Promise<Record<string, string>> | null = null;
function loadMap() {
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

/** A tap that moved less than this is a pick; more is a drag of the map. */
const TAP_SLOP_PX = 8;

/**
 * 地图点选: the prefecture's county map; a tap on it picks that place (the pin moves there), drag and pinch move and
 * zoom. `business` is drawn as a second marker when the report names one with coordinates. Import it lazily: it
 * carries echarts.
 */
export default function LocationPicker(props: {
  value: TPoint | null;
  onChange: (p: TPoint) => void;
  business?: (TPoint & { name: string }) | null;
  /** a place to show up close (the phone's position, the business's): the view moves there and zooms in */
  focus?: TPoint | null;
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const pick = useRef(props.onChange);
  pick.current = props.onChange;
  const [names, setNames] = useState<Record<string, string> | null>(null);
  const [failed, setFailed] = useState(false);
  // bumped when a chart is (re)made, so the markers are drawn on it
  const [ready, setReady] = useState(0);
  const en = i18n.language === 'en';

  useEffect(() => {
    let live = true;
    loadMap().then(
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
    chart.setOption({
      geo: {
        map: MAP,
        roam: true,
        top: 8,
        bottom: 8,
        scaleLimit: { min: 0.8, max: 60 },
        nameMap: en ? names : undefined,
        label: { show: true, fontSize: en ? 9 : 11, color: '#5b6b7f' },
        itemStyle: { areaColor: '#eef5ff', borderColor: '#8fb3e8', borderWidth: 1 },
        emphasis: { disabled: true },
        select: { disabled: true },
      },
      series: [],
    });
    setReady((n) => n + 1);
    const zr = chart.getZr();
    let down: [number, number] | null = null;
    zr.on('mousedown', (e) => {
      down = [e.offsetX, e.offsetY];
    });
    zr.on('click', (e) => {
      const moved = down ? Math.hypot(e.offsetX - down[0], e.offsetY - down[1]) : 0;
      down = null;
      if (moved > TAP_SLOP_PX) return;
      const px = [e.offsetX, e.offsetY];
      if (!chart.containPixel('geo', px)) return;
      const [lng, lat] = chart.convertFromPixel('geo', px) as number[];
      pick.current({ lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [names, en]);

  const { value, business } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` is a new chart to draw the markers on
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !names) return;
    const series: Record<string, unknown>[] = [];
    if (business)
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 12,
        silent: true,
        animation: false,
        itemStyle: { color: '#f08c2e', borderColor: '#fff', borderWidth: 2 },
        label: { show: true, position: 'right', fontSize: 11, color: '#333', formatter: '{b}' },
        data: [{ name: business.name, value: [business.lng, business.lat] }],
      });
    if (value)
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 36,
        symbolOffset: [0, '-50%'],
        animation: false,
        silent: true,
        itemStyle: { color: '#c8161d' },
        zlevel: 1,
        data: [{ value: [value.lng, value.lat] }],
      });
    // Only the markers change: the map's view (where the worker dragged and zoomed to) stays.
    chart.setOption({ series }, { replaceMerge: ['series'] });
  }, [names, value, business, ready]);

  const { focus } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` is a new chart to move
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !focus) return;
    chart.setOption({ geo: { center: [focus.lng, focus.lat], zoom: 8 } });
  }, [focus, ready]);

  if (failed)
    return (
      <div style={{ height: props.height ?? 300, display: 'grid', placeItems: 'center', color: '#5f6368' }}>
        {t('field.report.mapFailed')}
      </div>
    );
  return (
    <div
      ref={el}
      style={{
        height: props.height ?? 300,
        width: '100%',
        background: '#f7faff',
        borderRadius: 8,
        touchAction: 'none',
      }}
      data-testid="location-map"
      role="img"
      aria-label={t('field.report.mapLabel')}
    />
  );
}
