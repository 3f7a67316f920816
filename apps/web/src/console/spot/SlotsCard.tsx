import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TSlot, TSpotSettings } from '@zhilv/contracts';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Popconfirm,
  Radio,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { errorText, showOnField } from '../../lib/form-errors';
import { fmtTimeAs, inZone } from '../../lib/format';
import { spotApi } from './api';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const STATE_COLOR: Record<TSlot['state'], string> = {
  open: 'green',
  sold_out: 'orange',
  closed: 'red',
  ended: 'default',
  sales_paused: 'gold',
};
export const todayInZone = () => inZone(new Date()).format('YYYY-MM-DD');

/** 改配额: a slot's quota in a dialog, the API's refusal (below what is booked, over the daily capacity) on the field. */
function QuotaDialog(props: { slot: TSlot | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ quota: number }>();
  const [busy, setBusy] = useState(false);
  const slot = props.slot;
  const save = async ({ quota }: { quota: number }) => {
    if (!slot) return;
    setBusy(true);
    try {
      await spotApi.setQuota(slot.id, quota);
      message.success(t('field.spot.quotaSaved'));
      props.onSaved();
    } catch (e) {
      if (!showOnField(form, e, () => ['quota'])) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!slot}
      title={
        slot
          ? `${t('field.spot.editQuota')} · ${fmtTimeAs(slot.startsAt, 'HH:mm')}–${fmtTimeAs(slot.endsAt, 'HH:mm')}`
          : ''
      }
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: 'quota-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ quota: slot?.quota }} preserve={false}>
        <Form.Item
          name="quota"
          label={t('field.spot.quota')}
          rules={[{ required: true }]}
          extra={slot ? `${t('field.spot.booked')}: ${slot.quota - slot.remaining}` : undefined}
        >
          <InputNumber
            min={0}
            max={1_000_000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="quota-input"
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type TPublishValues = {
  range: [Dayjs, Dayjs];
  mode: 'default' | 'custom';
  slots?: { start: string; end: string; quota: number }[];
};

/** 发布时段: a range of days, the default plan (opening hours in slot-length pieces) or slots of one's own. */
function PublishForm(props: { spotId: string; settings: TSpotSettings; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TPublishValues>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const mode = Form.useWatch('mode', form);
  const today = dayjs(todayInZone());
  const submit = async (v: TPublishValues) => {
    setBusy(true);
    setNote(null);
    try {
      const r = await spotApi.publish(props.spotId, {
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        slots: v.mode === 'custom' ? v.slots : undefined,
      });
      const skipped = r.skippedClosedDays.length
        ? ` · ${t('field.spot.skipped', { days: r.skippedClosedDays.join(', ') })}`
        : '';
      setNote({ ok: true, text: t('field.spot.published', { days: r.days, slots: r.slots }) + skipped });
      props.onDone();
    } catch (e) {
      // "slots.2" (outside the hours) is that row's start; "from"/"to" are the range; "slots" as a whole is a note.
      const on = showOnField(form, e, (p) =>
        p[0] === 'from' || p[0] === 'to'
          ? ['range']
          : p[0] === 'slots' && typeof p[1] === 'number'
            ? ['slots', p[1], (p[2] as string) ?? 'start']
            : null,
      );
      if (!on) setNote({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const s = props.settings;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        range: [today, today.add(6, 'day')],
        mode: 'default',
        slots: [{ start: s.opensAt, end: s.closesAt, quota: Math.min(s.dailyCapacity, 100) }],
      }}
      data-testid="publish-form"
    >
      <Form.Item name="range" label={t('field.spot.publishRange')} rules={[{ required: true }]}>
        <DatePicker.RangePicker
          style={{ width: '100%', maxWidth: 360 }}
          disabledDate={(d) => d.isBefore(today, 'day') || d.isAfter(today.add(91, 'day'), 'day')}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item name="mode">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'default', label: t('field.spot.publishDefault') },
            { value: 'custom', label: t('field.spot.publishCustom') },
          ]}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        />
      </Form.Item>
      {mode === 'custom' && (
        <Form.List name="slots">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'start']}
                    label={t('field.spot.start')}
                    rules={[{ required: true, pattern: TIME, message: 'HH:mm' }]}
                  >
                    <Input placeholder="HH:mm" maxLength={5} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'end']}
                    label={t('field.spot.end')}
                    rules={[{ required: true, pattern: TIME, message: 'HH:mm' }]}
                  >
                    <Input placeholder="HH:mm" maxLength={5} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quota']} label={t('field.spot.quota')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 110 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                      ✕
                    </Button>
                  )}
                </Space>
              ))}
              <Button onClick={() => add({ start: '', end: '', quota: 0 })} style={{ marginBottom: 16 }}>
                {t('field.spot.addSlot')}
              </Button>
            </>
          )}
        </Form.List>
      )}
      {note && <Alert type={note.ok ? 'success' : 'error'} showIcon message={note.text} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="publish-submit">
        {t('field.spot.publish')}
      </Button>
    </Form>
  );
}

/** 时段与配额: one day's slots with their quotas and bookings; change a quota, deactivate a slot, publish more. */
export function SlotsCard(props: { spotId: string; settings: TSpotSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [day, setDay] = useState(todayInZone());
  const [editing, setEditing] = useState<TSlot | null>(null);
  const q = useQuery({
    queryKey: ['spot', props.spotId, 'day', day],
    queryFn: () => spotApi.availability(props.spotId, day, 1),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['spot', props.spotId] });
  const d = q.data?.days[0];
  const stateTag = (s: TSlot) =>
    s.quota === 0 ? (
      <Tag>{t('field.spot.deactivated')}</Tag>
    ) : (
      <Tag color={STATE_COLOR[s.state]}>{t(`field.spot.states.${s.state}`)}</Tag>
    );
  const deactivate = async (s: TSlot) => {
    try {
      await spotApi.setQuota(s.id, 0);
      message.success(t('field.spot.deactivated'));
      refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card title={t('field.spot.slots')} data-testid="spot-slots">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('field.spot.day')}</span>
        <DatePicker
          value={dayjs(day)}
          allowClear={false}
          inputReadOnly
          onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
          data-testid="slots-day"
        />
        {d?.closed && <Tag color="red">{`${t('field.spot.closed')}：${d.closedReason ?? ''}`}</Tag>}
      </Space>
      <ResponsiveTable<TSlot>
        rowKey="id"
        loading={q.isLoading}
        dataSource={d?.slots ?? []}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('field.spot.noSlots') }}
        cardTitle={(s) => (
          <Space wrap>
            <strong data-testid="slot-time">
              {fmtTimeAs(s.startsAt, 'HH:mm')}–{fmtTimeAs(s.endsAt, 'HH:mm')}
            </strong>
            {stateTag(s)}
          </Space>
        )}
        cardBody={(s) => (
          <span>
            {t('field.spot.quota')} <strong data-testid="slot-quota">{s.quota}</strong> · {t('field.spot.booked')}{' '}
            {s.quota - s.remaining} · {t('field.spot.remaining')} {s.remaining}
          </span>
        )}
        columns={[
          {
            title: t('field.spot.time'),
            key: 'time',
            render: (_, s) => (
              <strong data-testid="slot-time" style={{ whiteSpace: 'nowrap' }}>
                {fmtTimeAs(s.startsAt, 'HH:mm')}–{fmtTimeAs(s.endsAt, 'HH:mm')}
              </strong>
            ),
          },
          {
            title: t('field.spot.quota'),
            dataIndex: 'quota',
            render: (v) => <span data-testid="slot-quota">{v}</span>,
          },
          { title: t('field.spot.booked'), key: 'booked', render: (_, s) => s.quota - s.remaining },
          { title: t('field.spot.remaining'), dataIndex: 'remaining' },
          {
            title: t('field.spot.state'),
            dataIndex: 'state',
            render: (_, s) => stateTag(s),
          },
          {
            key: 'actions',
            render: (_, s) =>
              s.state === 'ended' ? null : (
                <Space style={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => setEditing(s)} data-testid="slot-edit">
                    {t('field.spot.editQuota')}
                  </Button>
                  {s.quota > 0 && (
                    <Popconfirm title={t('field.spot.deactivateConfirm')} onConfirm={() => deactivate(s)}>
                      <Button size="small" danger>
                        {t('field.spot.deactivate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 16, paddingTop: 16 }}>
        <h4 style={{ marginTop: 0 }}>{t('field.spot.publish')}</h4>
        <PublishForm spotId={props.spotId} settings={props.settings} onDone={refresh} />
      </div>
      <QuotaDialog
        slot={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
    </Card>
  );
}
