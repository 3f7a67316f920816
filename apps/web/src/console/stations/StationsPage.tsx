import { useQueryClient } from '@tanstack/react-query';
import {
  STATION_KIND_LABELS,
  STATION_KINDS,
  STATION_SERVICE_LABELS,
  STATION_SERVICES,
  type TStation,
} from '@zhilv/contracts';
import { Button, Form, Input, InputNumber, message, Popconfirm, Select, Space, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDrawer } from '../../components/EditDrawer';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { label } from '../../lib/format';
import { RegionSelect } from '../master-data/RegionSelect';

type TForm = Omit<Partial<TStation>, 'opensAt' | 'closesAt'> & {
  hours?: [Dayjs, Dayjs];
  allDay?: boolean;
};
const t2d = (s: string) => dayjs(`2000-01-01T${s === '24:00' ? '23:59' : s}`);

/** 红色驿站 administration: query, 共 N 条, edit drawer (services, hours, position), deactivate, Excel export. */
export function StationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<TStation | Record<string, never> | null>(null);
  const [form] = Form.useForm<TForm>();
  const allDay = Form.useWatch('allDay', form);
  const services = STATION_SERVICES.map((s) => ({ value: s, label: label(STATION_SERVICE_LABELS, s) }));
  const kinds = STATION_KINDS.map((k) => ({ value: k, label: label(STATION_KIND_LABELS, k) }));
  const refresh = () => qc.invalidateQueries({ queryKey: ['stations'] });
  const open = (s: TStation | null) => {
    form.resetFields();
    if (s)
      form.setFieldsValue({
        ...s,
        allDay: s.allDay,
        hours: s.allDay ? undefined : [t2d(s.opensAt), t2d(s.closesAt)],
      });
    else form.setFieldsValue({ kind: 'station', services: ['water', 'rest', 'consultation'], allDay: false });
    setEditing(s ?? {});
  };
  const save = async (v: TForm) => {
    const body = {
      code: v.code,
      name: v.name,
      nameEn: v.nameEn || null,
      kind: v.kind,
      services: v.services ?? [],
      opensAt: v.allDay ? '00:00' : (v.hours?.[0]?.format('HH:mm') ?? ''),
      closesAt: v.allDay ? '24:00' : (v.hours?.[1]?.format('HH:mm') ?? ''),
      address: v.address ?? '',
      addressEn: v.addressEn || null,
      lng: v.lng,
      lat: v.lat,
      regionCode: v.regionCode,
      phone: v.phone || null,
    };
    return editing && 'id' in editing ? api.put(`/api/stations/${editing.id}`, body) : api.post('/api/stations', body);
  };
  const toggle = async (s: TStation) => {
    try {
      await api.post(`/api/stations/${s.id}/${s.active ? 'deactivate' : 'activate'}`);
      message.success(t('admin.saved'));
      refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SearchTable<TStation>
        queryKey="stations"
        url="/api/stations/manage"
        exportUrl="/api/stations/export"
        extra={
          <Button type="primary" onClick={() => open(null)} data-testid="station-create">
            {t('common.create')}
          </Button>
        }
        fields={
          <>
            <Form.Item name="q">
              <Input placeholder={t('stations.q')} allowClear data-testid="station-q" />
            </Form.Item>
            <Form.Item name="service">
              <Select placeholder={t('stations.services')} allowClear options={services} style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name="kind">
              <Select placeholder={t('admin.kind')} allowClear options={kinds} style={{ width: 130 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('stations.code'), dataIndex: 'code' },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.kind'), dataIndex: 'kind', render: (k) => label(STATION_KIND_LABELS, k) },
          {
            title: t('stations.services'),
            dataIndex: 'services',
            render: (ss: TStation['services']) => ss.map((s) => label(STATION_SERVICE_LABELS, s)).join('、'),
          },
          {
            title: t('stations.hours'),
            render: (_, s) => (
              <span data-testid="station-row-hours">
                {s.allDay ? t('stations.allDay') : `${s.opensAt}–${s.closesAt}`}
              </span>
            ),
          },
          { title: t('admin.region'), render: (_, s) => s.regionName ?? s.regionCode },
          {
            title: t('stations.status'),
            render: (_, s) =>
              s.active ? <Tag color="green">{t('stations.active')}</Tag> : <Tag>{t('stations.inactive')}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" onClick={() => open(s)} data-testid="station-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={s.active ? t('stations.deactivateConfirm') : t('stations.activateConfirm')}
                  onConfirm={() => toggle(s)}
                >
                  <Button type="link" danger={s.active}>
                    {s.active ? t('stations.deactivate') : t('stations.activate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <EditDrawer<TForm>
        open={!!editing}
        existing={!!editing && 'id' in editing}
        width={520}
        form={form}
        onClose={() => setEditing(null)}
        onSave={save}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
        saveTestId="station-save"
      >
        <Form.Item
          name="code"
          label={t('stations.code')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/ }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
          <Select options={kinds} />
        </Form.Item>
        <Form.Item name="services" label={t('stations.services')}>
          <Select mode="multiple" options={services} />
        </Form.Item>
        <Form.Item name="allDay" label={t('stations.allDay')}>
          <Select
            options={[
              { value: false, label: t('common.no') },
              { value: true, label: t('common.yes') },
            ]}
            style={{ width: 120 }}
          />
        </Form.Item>
        {!allDay && (
          <Form.Item name="hours" label={t('stations.hours')} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} order data-testid="station-hours" />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('admin.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="addressEn" label={t('stations.addressEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.region')} rules={[{ required: true }]}>
          <RegionSelect />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={t('admin.lng')} rules={[{ required: true }]}>
            <InputNumber min={98.5} max={102.5} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('admin.lat')} rules={[{ required: true }]}>
            <InputNumber min={25} max={28.8} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="phone" label={t('stations.phone')}>
          <Input />
        </Form.Item>
      </EditDrawer>
    </>
  );
}
