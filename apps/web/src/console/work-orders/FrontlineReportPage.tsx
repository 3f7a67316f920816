import { AimOutlined, ShopOutlined } from '@ant-design/icons';
import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, Space, Spin, Typography, Upload } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BusinessSelect, type TBusinessHit } from '../../components/BusinessSelect';
import { api } from '../../lib/api';
import { errorText, showOnField } from '../../lib/form-errors';
import { isEn } from '../../lib/format';
import type { TPoint } from './LocationPicker';

/** The map carries echarts: its own chunk, loaded when the report opens. */
const LocationPicker = lazy(() => import('./LocationPicker'));

type TValues = { text: string; businessId?: string; location?: TPoint };

/** The report's place as one form field: the map (tap to pick), the phone's position, the business's, a readout. */
function PlaceField(props: {
  value?: TPoint;
  onChange?: (p: TPoint) => void;
  business: (TPoint & { name: string }) | null;
  onLocateFailed: () => void;
}) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [focus, setFocus] = useState<TPoint | null>(null);
  const { value, business } = props;
  // a place from the phone or the business: picked, and shown up close on the map
  const onChange = (p: TPoint, close = false) => {
    props.onChange?.(p);
    if (close) setFocus(p);
  };
  const locate = () => {
    if (!navigator.geolocation) return props.onLocateFailed();
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        onChange({ lng: +p.coords.longitude.toFixed(6), lat: +p.coords.latitude.toFixed(6) }, true);
      },
      () => {
        setLocating(false);
        props.onLocateFailed();
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };
  return (
    <div>
      <Suspense fallback={<Spin style={{ display: 'block', padding: 60 }} />}>
        <LocationPicker value={value ?? null} onChange={(p) => onChange(p)} business={business} focus={focus} />
      </Suspense>
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<AimOutlined />} onClick={locate} loading={locating} data-testid="locate">
          {locating ? t('field.report.locating') : t('field.report.locate')}
        </Button>
        {business && (
          <Button
            icon={<ShopOutlined />}
            onClick={() => onChange({ lng: business.lng, lat: business.lat }, true)}
            data-testid="use-business-place"
          >
            {t('field.report.useBusiness')}
          </Button>
        )}
      </Space>
      <div style={{ marginTop: 6 }} data-testid="picked-place">
        {value ? (
          <Typography.Text>
            {t('field.report.picked', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('field.report.none')}</Typography.Text>
        )}
      </div>
    </div>
  );
}

/** 问题上报: grid workers and frontline staff report a problem: what, which business, where (a tap on the map). */
export function FrontlineReportPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<TValues>();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [result, setResult] = useState<{ ok: true; no: string; id: string } | { ok: false; text: string } | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [biz, setBiz] = useState<TBusinessHit | null>(null);
  const bizPoint = biz && biz.lng != null && biz.lat != null ? { lng: biz.lng, lat: biz.lat } : null;

  const setPlace = (p: TPoint) => {
    form.setFieldsValue({ location: p });
    form.validateFields(['location']).catch(() => undefined);
  };
  const submit = async (v: TValues) => {
    setBusy(true);
    try {
      const o = await api.post<TWorkOrderDetail>(
        '/api/work-orders/frontline',
        { text: v.text, businessId: v.businessId, location: v.location, photoIds },
        { idempotencyKey: key },
      );
      setResult({ ok: true, no: o.trackingNo, id: o.id });
      form.resetFields();
      setBiz(null);
      setPhotoIds([]);
      setKey(crypto.randomUUID());
    } catch (e) {
      const on = showOnField(form, e, (p) => (p[0] === 'location' ? ['location'] : p));
      if (!on) setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('report.title')} style={{ maxWidth: 720 }} styles={{ body: { padding: 16 } }}>
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 16 }}
          data-testid="report-result"
          message={
            result.ok ? (
              <span>
                {t('report.done', { no: result.no })}{' '}
                <Link to={`/console/work-orders/${result.id}`}>{t('common.view')}</Link>
              </span>
            ) : (
              result.text
            )
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="text" label={t('report.text')} rules={[{ required: true, min: 5 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="report-text" />
        </Form.Item>
        <Form.Item name="businessId" label={t('field.report.business')}>
          <BusinessSelect
            placeholder={t('field.report.businessPlaceholder')}
            onPick={(b) => {
              setBiz(b);
              // A business with coordinates places the report there until the worker taps elsewhere.
              if (b && b.lng != null && b.lat != null && !form.getFieldValue('location'))
                setPlace({ lng: b.lng, lat: b.lat });
            }}
          />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('field.report.place')}
          extra={t('field.report.placeHint')}
          rules={[{ required: true, message: t('field.report.placeRequired') }]}
        >
          <PlaceField
            business={bizPoint ? { ...bizPoint, name: (isEn() && biz?.nameEn) || biz?.name || '' } : null}
            onLocateFailed={() => setResult({ ok: false, text: t('field.report.locateFailed') })}
          />
        </Form.Item>
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
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="report-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
