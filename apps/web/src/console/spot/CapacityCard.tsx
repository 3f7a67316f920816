import type { TSpotSettings, TSpotSettingsRequest } from '@zhilv/contracts';
import { Button, Card, Col, Form, Input, InputNumber, message, Row, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../lib/form-errors';
import { spotApi } from './api';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 容量与开放时间: instant and daily capacity, hours, slot length, party size, grace and the occupancy levels. */
export function CapacityCard(props: {
  spotId: string;
  settings: TSpotSettings | null;
  onSaved: (s: TSpotSettings) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const s = props.settings;
  useEffect(() => {
    form.setFieldsValue(
      s
        ? { ...s }
        : {
            opensAt: '08:00',
            closesAt: '18:00',
            averageStayMinutes: 180,
            slotMinutes: 60,
            maxPartySize: 5,
            checkInGraceMinutes: 30,
            thresholds: { warningPct: 80, stopSalesPct: 80, stopEntryPct: 100, localAlertPct: null },
            walkInPct: 0,
            reservable: true,
          },
    );
  }, [s, form]);
  const save = async (v: TSpotSettingsRequest & { dailyCapacity?: number | null }) => {
    setBusy(true);
    try {
      const body = { ...v, dailyCapacity: v.dailyCapacity ?? undefined };
      const saved = await spotApi.save(props.spotId, body);
      message.success(t('field.spot.saved'));
      props.onSaved(saved);
    } catch (e) {
      const invalid = {
        'thresholds.stopSalesPct': t('field.spot.thresholdsOrder'),
        closesAt: t('field.spot.closesAfterOpens'),
      };
      if (!showOnField(form, e, undefined, invalid)) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const num = (name: string | string[], label: string, min: number, max: number, extra?: string, required = true) => (
    <Col xs={12} md={8}>
      <Form.Item name={name} label={label} rules={required ? [{ required: true }] : []} extra={extra}>
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  const time = (name: string, label: string) => (
    <Col xs={12} md={8}>
      <Form.Item name={name} label={label} rules={[{ required: true, pattern: TIME, message: 'HH:mm' }]}>
        <Input placeholder="HH:mm" maxLength={5} inputMode="numeric" />
      </Form.Item>
    </Col>
  );
  return (
    <Card title={t('field.spot.capacity')} data-testid="spot-capacity">
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={12}>
          {num('instantCapacity', t('field.spot.instantCapacity'), 1, 1_000_000)}
          {num('dailyCapacity', t('field.spot.dailyCapacity'), 1, 10_000_000, t('field.spot.dailyCapacityHint'), false)}
          {num('averageStayMinutes', t('field.spot.averageStayMinutes'), 10, 1440)}
          {time('opensAt', t('field.spot.opensAt'))}
          {time('closesAt', t('field.spot.closesAt'))}
          {num('slotMinutes', t('field.spot.slotMinutes'), 15, 1440)}
          {num('maxPartySize', t('field.spot.maxPartySize'), 1, 50)}
          {num('checkInGraceMinutes', t('field.spot.checkInGraceMinutes'), 0, 240)}
          <Col xs={12} md={8}>
            <Form.Item name="reservable" label={t('field.spot.reservable')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {num(['thresholds', 'warningPct'] as unknown as string, t('field.spot.warningPct'), 1, 200)}
          {num(['thresholds', 'stopSalesPct'] as unknown as string, t('field.spot.stopSalesPct'), 1, 200)}
          {num(['thresholds', 'stopEntryPct'] as unknown as string, t('field.spot.stopEntryPct'), 1, 200)}
        </Row>
        {s && (
          <p style={{ color: '#666', marginTop: 0 }} data-testid="spot-turnover">
            {t('visitors.capacity.turnover', { turnover: s.turnover, daily: s.instantCapacity * s.turnover })}
          </p>
        )}
        {/* Local choices, not national rules: labelled so that nobody takes them for LB/T 034-2014's. */}
        <Card size="small" type="inner" title={t('visitors.capacity.localTitle')} style={{ marginBottom: 16 }}>
          <p style={{ color: '#666', marginTop: 0 }}>{t('visitors.capacity.localIntro')}</p>
          <Row gutter={12}>
            {num(
              ['thresholds', 'localAlertPct'] as unknown as string,
              t('visitors.capacity.localAlertPct'),
              1,
              200,
              t('visitors.capacity.localAlertHint'),
              false,
            )}
            {num('walkInPct', t('visitors.capacity.walkInPct'), 0, 50, t('visitors.capacity.walkInHint'))}
          </Row>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="capacity-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
