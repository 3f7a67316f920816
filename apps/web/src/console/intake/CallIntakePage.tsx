import {
  CALL_MAX_AGE_HOURS,
  CATEGORY_IDS,
  CATEGORY_LABELS,
  KIND_LABELS,
  type TCategoryId,
  type TWorkOrderDetail,
  WORK_ORDER_KINDS,
} from '@zhilv/contracts';
import { Alert, Button, Card, Col, DatePicker, Form, Input, message, Radio, Result, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BusinessSelect } from '../../components/BusinessSelect';
import { api } from '../../lib/api';
import { errorText, showOnField } from '../../lib/form-errors';
import { inZone, label, ZONE } from '../../lib/format';

/**
 * The picker shows the prefecture's wall clock whatever the device's zone (times are Asia/Shanghai everywhere in
 * the console): its value is that wall time, read back in the zone when sent.
 */
const wallNow = () => dayjs(inZone(new Date()).format('YYYY-MM-DDTHH:mm'));
const fromWall = (d: Dayjs) => dayjs.tz(d.format('YYYY-MM-DDTHH:mm'), ZONE).toISOString();

type TValues = {
  source: 'hotline' | 'walk_in';
  callerPhone: string;
  calledAt: Dayjs;
  kind: (typeof WORK_ORDER_KINDS)[number];
  category: TCategoryId;
  text: string;
  businessId?: string;
};

/**
 * 热线/窗口受理: the dispatcher logs a call or a visitor at the counter as a work order. The time of call is the
 * order's start (its deadlines run from it); the category is the dispatcher's, offered from the classifier as the
 * text is typed; the business is picked from the directory. One Idempotency-Key per call: a double click is one order.
 */
export function CallIntakePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<TValues>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TWorkOrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [suggested, setSuggested] = useState<TCategoryId | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const categoryTouched = useRef(false);

  const suggest = async () => {
    const text = (form.getFieldValue('text') as string | undefined)?.trim();
    if (!text || text.length < 5) return;
    try {
      const c = await api.post<{ category: TCategoryId }>('/api/work-orders/classify', { text });
      setSuggested(c.category);
      if (!categoryTouched.current) form.setFieldsValue({ category: c.category });
    } catch {
      /* a suggestion only: the dispatcher picks the category anyway */
    }
  };
  const submit = async (v: TValues) => {
    setBusy(true);
    setError(null);
    try {
      const o = await api.post<TWorkOrderDetail>(
        '/api/work-orders/calls',
        {
          source: v.source,
          callerPhone: v.callerPhone.trim(),
          calledAt: fromWall(v.calledAt),
          kind: v.kind,
          category: v.category,
          text: v.text,
          businessId: v.businessId,
        },
        { idempotencyKey: key },
      );
      setDone(o);
      message.success(t('field.intake.done', { no: o.trackingNo }));
    } catch (e) {
      // the server names the field; its "not valid" is said here in the field's own words
      if (!showOnField(form, e, undefined, { callerPhone: t('field.intake.callerPhoneInvalid') }))
        setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const another = () => {
    setDone(null);
    setSuggested(null);
    categoryTouched.current = false;
    form.resetFields();
    form.setFieldsValue({ calledAt: wallNow() });
    setKey(crypto.randomUUID());
  };

  if (done)
    return (
      <Card>
        <Result
          status="success"
          title={<span data-testid="intake-done">{t('field.intake.done', { no: done.trackingNo })}</span>}
          subTitle={`${label(KIND_LABELS, done.kind)} · ${done.reporterPhoneMasked ?? ''}`}
          extra={
            <Space wrap>
              <Link to={`/console/work-orders/${done.id}`}>
                <Button type="primary">{t('field.intake.open')}</Button>
              </Link>
              <Button onClick={another} data-testid="intake-another">
                {t('field.intake.another')}
              </Button>
            </Space>
          }
        />
      </Card>
    );
  const now = wallNow();
  return (
    <Card title={t('field.intake.title')} style={{ maxWidth: 880 }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} closable />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ source: 'hotline', kind: 'complaint', calledAt: wallNow() }}
        onValuesChange={(changed) => {
          if ('category' in changed) categoryTouched.current = true;
        }}
        data-testid="intake-form"
      >
        <Form.Item name="source" label={t('field.intake.source')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'hotline', label: t('field.intake.hotline') },
              { value: 'walk_in', label: t('field.intake.walkIn') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="callerPhone"
              label={t('field.intake.callerPhone')}
              extra={t('field.intake.callerPhoneHint')}
              rules={[{ required: true }, { pattern: /^[\d\s-]{7,16}$/, message: t('field.intake.callerPhoneHint') }]}
            >
              <Input inputMode="tel" maxLength={16} autoComplete="off" data-testid="intake-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="calledAt"
              label={t('field.intake.calledAt')}
              extra={t('field.intake.calledAtHint')}
              rules={[{ required: true }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) =>
                  d.isAfter(now, 'day') || d.isBefore(now.subtract(CALL_MAX_AGE_HOURS, 'hour'), 'day')
                }
                data-testid="intake-called-at"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('field.intake.kind')} rules={[{ required: true }]}>
              <Select options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS, k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('field.intake.category')}
              rules={[{ required: true }]}
              extra={suggested ? t('field.intake.suggested', { name: label(CATEGORY_LABELS, suggested) }) : undefined}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={CATEGORY_IDS.map((c) => ({ value: c, label: label(CATEGORY_LABELS, c) }))}
                data-testid="intake-category"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="text" label={t('field.intake.text')} rules={[{ required: true, min: 5, max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount onBlur={suggest} data-testid="intake-text" />
        </Form.Item>
        <Form.Item name="businessId" label={t('field.intake.business')}>
          <BusinessSelect placeholder={t('field.intake.businessPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="intake-submit">
          {t('field.intake.submit')}
        </Button>
      </Form>
    </Card>
  );
}
