import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';

/** 问题上报: grid workers and frontline staff report a problem with its place and photos. */
export function FrontlineReportPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const locate = () =>
    navigator.geolocation?.getCurrentPosition((p) =>
      form.setFieldsValue({ lng: +p.coords.longitude.toFixed(6), lat: +p.coords.latitude.toFixed(6) }),
    );
  const submit = async (v: { text: string; lng: number; lat: number }) => {
    try {
      const o = await api.post<TWorkOrderDetail>(
        '/api/work-orders/frontline',
        { text: v.text, location: { lng: v.lng, lat: v.lat }, photoIds },
        { idempotencyKey: key },
      );
      setResult({ ok: true, text: t('report.done', { no: o.trackingNo }) });
      form.resetFields();
      setPhotoIds([]);
      setKey(crypto.randomUUID());
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Card title={t('report.title')} style={{ maxWidth: 640 }}>
      {result && (
        <Alert type={result.ok ? 'success' : 'error'} message={result.text} style={{ marginBottom: 16 }} showIcon />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="text" label={t('report.text')} rules={[{ required: true, min: 5 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space align="end" wrap>
          <Form.Item name="lng" label={t('admin.lng')} rules={[{ required: true }]}>
            <InputNumber min={73} max={136} step={0.0001} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('admin.lat')} rules={[{ required: true }]}>
            <InputNumber min={3} max={54} step={0.0001} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item>
            <Button onClick={locate}>{t('report.useLocation')}</Button>
          </Form.Item>
        </Space>
        <Form.Item label={t('wo.photos')}>
          <Upload
            listType="picture-card"
            accept="image/jpeg,image/png,image/webp"
            maxCount={6}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const r = await api.upload<{ id: string }>('/api/files', file as Blob);
                setPhotoIds((ids) => [...ids, r.id]);
                onSuccess?.(r);
              } catch (e) {
                onError?.(e as Error);
              }
            }}
          >
            +
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
