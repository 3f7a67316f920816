import { useQuery } from '@tanstack/react-query';
import {
  type TAvailability,
  type TBooking,
  type TSpotSettings,
  type TVisitorDocumentType,
  VISITOR_DOCUMENT_LABELS,
  VISITOR_DOCUMENT_TYPES,
} from '@zhilv/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, message, Result, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { showOnField } from '../../lib/form-errors';
import { fmtTime, isEn, label } from '../../lib/format';

type TForm = {
  spotId: string;
  slotId: string;
  name: string;
  documentType: TVisitorDocumentType;
  idNumber: string;
  nationality?: string;
};

const newKey = () => `proxy-${crypto.randomUUID()}`;

/**
 * 代预约 (seed 002 task 4): staff at a scenic spot's gate, or a volunteer at a station, book today's slot for an
 * elderly or offline visitor who cannot book on a phone. The places come from the slot's walk-in places first.
 * A spot's own account books only its spot; a volunteer any reservable spot.
 */
export function ProxyBookingPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [form] = Form.useForm<TForm>();
  const spotId = Form.useWatch('spotId', form);
  const documentType = Form.useWatch('documentType', form);
  const [done, setDone] = useState<TBooking | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled form: a retry after a lost answer returns the same booking.
  const key = useRef(newKey());
  const ownSpot = me?.role === 'business' ? me.businessId : null;
  const spots = useQuery({
    queryKey: ['proxy', 'spots'],
    queryFn: () => api.get<TSpotSettings[]>('/api/reservations/spots'),
  });
  const chosen = ownSpot ?? spotId;
  const avail = useQuery({
    queryKey: ['proxy', 'availability', chosen],
    enabled: !!chosen,
    queryFn: () => api.get<TAvailability>(`/api/reservations/spots/${chosen}/availability?days=1`),
  });
  const slots = (avail.data?.days[0]?.slots ?? []).filter((s) => s.state === 'open' || s.state === 'sold_out');
  const submit = async (v: TForm) => {
    setBusy(true);
    try {
      const b = await api.post<TBooking>(
        `/api/reservations/slots/${v.slotId}/proxy-bookings`,
        {
          visitors: [
            {
              name: v.name,
              documentType: v.documentType,
              idNumber: v.idNumber,
              ...(v.documentType === 'passport' ? { nationality: v.nationality } : {}),
            },
          ],
        },
        { idempotencyKey: key.current },
      );
      setDone(b);
      key.current = newKey();
      form.resetFields(['name', 'idNumber', 'nationality']);
      void avail.refetch();
    } catch (e) {
      key.current = newKey();
      // visitors.0.idNumber → idNumber: the form has one visitor
      const toForm = (p: (string | number)[]) => (p[0] === 'visitors' ? p.slice(2) : p);
      if (!showOnField(form, e, toForm)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('visitors.proxy.title')} style={{ maxWidth: 720 }} data-testid="proxy-booking">
      <Alert type="info" showIcon message={t('visitors.proxy.intro')} style={{ marginBottom: 16 }} />
      {done && (
        <Result
          status="success"
          title={t('visitors.proxy.booked', { code: done.ticketCode })}
          subTitle={`${(isEn() && done.spotNameEn) || done.spotName} · ${fmtTime(done.startsAt)}`}
          extra={
            <Descriptions size="small" column={1}>
              {done.visitors.map((v) => (
                <Descriptions.Item key={v.idNumberMasked} label={v.name}>
                  {label(VISITOR_DOCUMENT_LABELS, v.documentType)} {v.idNumberMasked}
                </Descriptions.Item>
              ))}
            </Descriptions>
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ documentType: 'resident_id' }}>
        {!ownSpot && (
          <Form.Item name="spotId" label={t('visitors.proxy.spot')} rules={[{ required: true }]}>
            <Select
              data-testid="proxy-spot"
              loading={spots.isLoading}
              options={(spots.data ?? [])
                .filter((s) => s.reservable)
                .map((s) => ({ value: s.spotId, label: (isEn() && s.nameEn) || s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="slotId" label={t('visitors.proxy.slot')} rules={[{ required: true }]}>
          <Select
            data-testid="proxy-slot"
            loading={avail.isLoading}
            notFoundContent={t('visitors.proxy.noSlots')}
            options={slots.map((s) => ({
              value: s.id,
              label: t('visitors.proxy.slotLabel', {
                time: fmtTime(s.startsAt),
                online: s.remaining,
                walkIn: s.walkInRemaining,
              }),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('visitors.proxy.name')} rules={[{ required: true, max: 40 }]}>
          <Input maxLength={40} data-testid="proxy-name" />
        </Form.Item>
        <Form.Item name="documentType" label={t('visitors.proxy.documentType')} rules={[{ required: true }]}>
          <Select
            data-testid="proxy-doc"
            options={VISITOR_DOCUMENT_TYPES.map((d) => ({ value: d, label: label(VISITOR_DOCUMENT_LABELS, d) }))}
          />
        </Form.Item>
        {documentType === 'passport' && (
          <Form.Item name="nationality" label={t('visitors.proxy.nationality')} rules={[{ required: true, len: 3 }]}>
            <Input maxLength={3} placeholder="GBR" />
          </Form.Item>
        )}
        <Form.Item name="idNumber" label={t('visitors.proxy.idNumber')} rules={[{ required: true, max: 40 }]}>
          <Input maxLength={40} autoComplete="off" data-testid="proxy-id" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="proxy-submit">
          {t('visitors.proxy.submit')}
        </Button>
      </Form>
    </Card>
  );
}
