import { useQueryClient } from '@tanstack/react-query';
import {
  ROUTE_THEME_LABELS,
  ROUTE_THEMES,
  type TRoute,
  type TRouteStop,
  type TRouteSummary,
  type TStation,
} from '@zhilv/contracts';
import { Button, Form, Input, InputNumber, List, message, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDrawer } from '../../components/EditDrawer';
import { SearchTable } from '../../components/SearchTable';
import { api, qs } from '../../lib/api';
import { label } from '../../lib/format';

type TStopDraft = Omit<TRouteStop, 'seq'> & { key: string };
type TPick = { value: string; label: string; stop: Omit<TStopDraft, 'key' | 'note' | 'noteEn'> };
let keySeq = 0;
const nextKey = () => `s${++keySeq}`;

/** Search businesses and stations for a stop: "商户 名称" / "驿站 名称". */
function PlacePicker({ onPick }: { onPick: (s: TPick['stop']) => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<TPick[]>([]);
  const search = async (q: string) => {
    if (!q.trim()) return setOptions([]);
    const [biz, st] = await Promise.all([
      api.get<{ id: string; name: string; nameEn: string | null; lng: number | null; lat: number | null }[]>(
        `/api/businesses/search${qs({ q })}`,
      ),
      api.get<{ items: TStation[] }>(`/api/stations/manage${qs({ q, pageSize: 10 })}`),
    ]);
    setOptions([
      ...st.items.map((s) => ({
        value: `st:${s.id}`,
        label: `${t('routesAdmin.station')} · ${s.name}`,
        stop: { stationId: s.id, businessId: null, name: s.name, nameEn: s.nameEn, lng: s.lng, lat: s.lat },
      })),
      ...biz
        .filter((b) => b.lng !== null && b.lat !== null)
        .map((b) => ({
          value: `b:${b.id}`,
          label: `${t('routesAdmin.business')} · ${b.name}`,
          stop: { businessId: b.id, stationId: null, name: b.name, nameEn: b.nameEn, lng: b.lng!, lat: b.lat! },
        })),
    ]);
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      value={null}
      placeholder={t('routesAdmin.searchPlace')}
      options={options}
      onChange={(v) => {
        const o = options.find((x) => x.value === v);
        if (o) onPick(o.stop);
      }}
      style={{ width: '100%' }}
      data-testid="stop-search"
    />
  );
}

/** 旅游线路 administration: list with drafts, editor with an ordered stop list, publish/unpublish. */
export function RoutesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<TRoute | Record<string, never> | null>(null);
  const [stops, setStops] = useState<TStopDraft[]>([]);
  const [free, setFree] = useState<{ name?: string; nameEn?: string; lng?: number; lat?: number }>({});
  const [form] = Form.useForm();
  const themes = ROUTE_THEMES.map((th) => ({ value: th, label: label(ROUTE_THEME_LABELS, th) }));
  const refresh = () => qc.invalidateQueries({ queryKey: ['routes'] });
  const open = async (r: TRouteSummary | null) => {
    form.resetFields();
    setFree({});
    if (!r) {
      form.setFieldsValue({ theme: 'red' });
      setStops([]);
      setEditing({});
      return;
    }
    const full = await api.get<TRoute>(`/api/routes/${r.id}`);
    form.setFieldsValue(full);
    setStops(full.stops.map(({ seq: _seq, ...s }) => ({ ...s, key: nextKey() })));
    setEditing(full);
  };
  const move = (i: number, d: -1 | 1) =>
    setStops((ss) => {
      const n = [...ss];
      [n[i], n[i + d]] = [n[i + d], n[i]];
      return n;
    });
  const patch = (i: number, p: Partial<TStopDraft>) =>
    setStops((ss) => ss.map((s, j) => (j === i ? { ...s, ...p } : s)));
  const save = async (v: Record<string, unknown>) => {
    const body = {
      name: v.name,
      nameEn: v.nameEn || null,
      theme: v.theme,
      summary: v.summary ?? '',
      summaryEn: v.summaryEn || null,
      durationMinutes: v.durationMinutes ?? null,
      stops: stops.map((s, i) =>
        s.businessId || s.stationId
          ? { seq: i + 1, businessId: s.businessId, stationId: s.stationId, note: s.note, noteEn: s.noteEn }
          : { seq: i + 1, name: s.name, nameEn: s.nameEn, lng: s.lng, lat: s.lat, note: s.note, noteEn: s.noteEn },
      ),
    };
    return editing && 'id' in editing ? api.put(`/api/routes/${editing.id}`, body) : api.post('/api/routes', body);
  };
  const publish = async (r: TRouteSummary) => {
    try {
      await api.post(`/api/routes/${r.id}/${r.published ? 'unpublish' : 'publish'}`);
      message.success(t('admin.saved'));
      refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SearchTable<TRouteSummary>
        queryKey="routes"
        url="/api/routes/manage"
        extra={
          <Button type="primary" onClick={() => void open(null)} data-testid="route-create">
            {t('common.create')}
          </Button>
        }
        fields={
          <>
            <Form.Item name="q">
              <Input placeholder={t('admin.name')} allowClear />
            </Form.Item>
            <Form.Item name="theme">
              <Select placeholder={t('routesAdmin.theme')} allowClear options={themes} style={{ width: 140 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('routesAdmin.theme'), dataIndex: 'theme', render: (th) => label(ROUTE_THEME_LABELS, th) },
          {
            title: t('routesAdmin.stops'),
            render: (_, r) => `${r.stopCount} · ${r.stopNames.slice(0, 3).join(' → ')}`,
          },
          { title: t('routesAdmin.duration'), dataIndex: 'durationMinutes', render: (m) => (m ? `${m} min` : '—') },
          {
            title: t('routesAdmin.status'),
            render: (_, r) =>
              r.published ? <Tag color="green">{t('routesAdmin.published')}</Tag> : <Tag>{t('routesAdmin.draft')}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" onClick={() => void open(r)} data-testid="route-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" onClick={() => void publish(r)} data-testid="route-publish">
                  {r.published ? t('routesAdmin.unpublish') : t('routesAdmin.publish')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <EditDrawer
        open={!!editing}
        existing={!!editing && 'id' in editing}
        width={640}
        form={form}
        onClose={() => setEditing(null)}
        onSave={save}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
        saveTestId="route-save"
        after={
          <>
            <Typography.Title level={5}>
              {t('routesAdmin.stops')} ({stops.length})
            </Typography.Title>
            <List
              size="small"
              bordered
              dataSource={stops}
              locale={{ emptyText: t('routesAdmin.noStops') }}
              renderItem={(s, i) => (
                <List.Item
                  data-testid="stop-row"
                  actions={[
                    <Button key="up" size="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label="up">
                      ↑
                    </Button>,
                    <Button
                      key="down"
                      size="small"
                      disabled={i === stops.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label="down"
                    >
                      ↓
                    </Button>,
                    <Button key="rm" size="small" danger onClick={() => setStops((ss) => ss.filter((_, j) => j !== i))}>
                      {t('routesAdmin.remove')}
                    </Button>,
                  ]}
                >
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <div>
                      <b>{i + 1}.</b> {s.name}{' '}
                      <Tag>
                        {s.stationId
                          ? t('routesAdmin.station')
                          : s.businessId
                            ? t('routesAdmin.business')
                            : t('routesAdmin.place')}
                      </Tag>
                    </div>
                    <Input
                      size="small"
                      placeholder={t('routesAdmin.note')}
                      value={s.note ?? ''}
                      onChange={(e) => patch(i, { note: e.target.value || null })}
                      style={{ marginTop: 4 }}
                    />
                  </div>
                </List.Item>
              )}
            />
            <div style={{ marginTop: 12 }}>
              <PlacePicker
                onPick={(p) => setStops((ss) => [...ss, { ...p, note: null, noteEn: null, key: nextKey() }])}
              />
            </div>
            <Space.Compact style={{ marginTop: 8, width: '100%' }}>
              <Input
                placeholder={t('routesAdmin.placeName')}
                value={free.name ?? ''}
                onChange={(e) => setFree((f) => ({ ...f, name: e.target.value }))}
              />
              <InputNumber
                placeholder={t('admin.lng')}
                value={free.lng}
                onChange={(v) => setFree((f) => ({ ...f, lng: v ?? undefined }))}
                step={0.0001}
                style={{ width: 130 }}
              />
              <InputNumber
                placeholder={t('admin.lat')}
                value={free.lat}
                onChange={(v) => setFree((f) => ({ ...f, lat: v ?? undefined }))}
                step={0.0001}
                style={{ width: 130 }}
              />
              <Button
                disabled={!free.name || free.lng === undefined || free.lat === undefined}
                onClick={() => {
                  setStops((ss) => [
                    ...ss,
                    {
                      key: nextKey(),
                      businessId: null,
                      stationId: null,
                      name: free.name!,
                      nameEn: null,
                      lng: free.lng!,
                      lat: free.lat!,
                      note: null,
                      noteEn: null,
                    },
                  ]);
                  setFree({});
                }}
              >
                {t('routesAdmin.addPlace')}
              </Button>
            </Space.Compact>
          </>
        }
      >
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="theme" label={t('routesAdmin.theme')} rules={[{ required: true }]}>
            <Select options={themes} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('routesAdmin.durationMin')}>
            <InputNumber min={10} max={10080} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('routesAdmin.summary')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="summaryEn" label={t('routesAdmin.summaryEn')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </EditDrawer>
    </>
  );
}
