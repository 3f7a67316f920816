import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAvailability } from '@zhilv/contracts';
import {
  Alert,
  Button,
  Calendar,
  Card,
  Form,
  Grid,
  Input,
  List,
  Modal,
  message,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../lib/form-errors';
import { spotApi } from './api';
import { todayInZone } from './SlotsCard';

type TDay = TAvailability['days'][number];
const booked = (d: TDay | undefined) => (d ? d.slots.reduce((n, s) => n + s.quota - s.remaining, 0) : 0);

/** One day: close it with a reason (its bookings are voided), or reopen it. The API's refusals show on the field. */
function DayDialog(props: {
  spotId: string;
  day: string | null;
  info: TDay | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { day, info } = props;
  const run = async (what: 'close' | 'reopen', reason = '') => {
    if (!day) return;
    setBusy(true);
    setError(null);
    try {
      if (what === 'close') {
        const r = await spotApi.closeDay(props.spotId, day, reason);
        message.success(t('field.spot.closedDone', { n: r.voidedBookings }));
      } else {
        await spotApi.reopenDay(props.spotId, day);
        message.success(t('field.spot.reopened'));
      }
      props.onDone();
    } catch (e) {
      // "day" (in the past) is not a field of the dialog: it shows above the reason
      if (!showOnField(form, e, (p) => (p[0] === 'reason' ? ['reason'] : null))) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!day}
      title={day ?? ''}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="day-error" />}
      {info?.closed ? (
        <>
          <p>
            <Tag color="red">{t('field.spot.closed')}</Tag> {info.closedReason}
          </p>
          <Button type="primary" loading={busy} onClick={() => run('reopen')} data-testid="day-reopen">
            {t('field.spot.reopenDay')}
          </Button>
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => run('close', v.reason)} preserve={false}>
          <Form.Item
            name="reason"
            label={t('field.spot.reason')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input.TextArea
              rows={2}
              maxLength={200}
              placeholder={t('field.spot.reasonPlaceholder')}
              data-testid="day-reason"
            />
          </Form.Item>
          {booked(info) > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('field.spot.closeConfirm', { n: booked(info) })}
              style={{ marginBottom: 12 }}
            />
          )}
          <Button type="primary" danger htmlType="submit" loading={busy} data-testid="day-close">
            {t('field.spot.closeDay')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}

/** 闭园日: the month's calendar with its closed days and their reasons; tap a day to close or reopen it. */
export function ClosedDaysCard(props: { spotId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const phone = Object.keys(screens).length > 0 && !screens.md;
  // the day shown selected (today in the prefecture at first); its month is the one read
  const [value, setValue] = useState(() => dayjs(todayInZone()));
  const month = value.startOf('month');
  const [open, setOpen] = useState<string | null>(null);
  const from = month.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['spot', props.spotId, 'month', from],
    queryFn: () => spotApi.availability(props.spotId, from, month.daysInMonth()),
  });
  const byDay = new Map((q.data?.days ?? []).map((d) => [d.day, d]));
  const closed = (q.data?.days ?? []).filter((d) => d.closed);
  const today = todayInZone();
  const cell = (d: Dayjs) => {
    const info = byDay.get(d.format('YYYY-MM-DD'));
    if (!info?.closed) return null;
    return phone ? (
      <div style={{ height: 6, width: 6, borderRadius: 3, background: '#cf1322', margin: '0 auto' }} />
    ) : (
      <Tag
        color="red"
        style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}
        title={info.closedReason ?? ''}
      >
        {t('field.spot.closed')}
        {info.closedReason ? `：${info.closedReason}` : ''}
      </Tag>
    );
  };
  return (
    <Card title={t('field.spot.closedDays')} data-testid="spot-closed-days">
      <Typography.Paragraph type="secondary">{t('field.spot.closedHint')}</Typography.Paragraph>
      <Calendar
        fullscreen={!phone}
        value={value}
        cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
        disabledDate={(d) => d.format('YYYY-MM-DD') < today}
        onPanelChange={(d) => setValue(d)}
        // antd's own year and month selects have no accessible name (axe: label): the same two, named
        headerRender={({ value: v, onChange }) => (
          <Space style={{ width: '100%', justifyContent: 'flex-end', padding: '8px 0' }}>
            <Select
              size="small"
              aria-label={t('field.spot.year')}
              value={v.year()}
              options={[-1, 0, 1, 2].map((k) => ({
                value: dayjs(today).year() + k,
                label: String(dayjs(today).year() + k),
              }))}
              onChange={(y) => onChange(v.year(y))}
            />
            <Select
              size="small"
              aria-label={t('field.spot.month')}
              value={v.month()}
              options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: v.month(m).format('MMM') }))}
              onChange={(m) => onChange(v.month(m))}
            />
          </Space>
        )}
        onSelect={(d, info) => {
          setValue(d);
          if (info.source === 'date') setOpen(d.format('YYYY-MM-DD'));
        }}
      />
      <h4>{t('field.spot.closedList')}</h4>
      <List
        size="small"
        bordered
        dataSource={closed}
        locale={{ emptyText: t('field.spot.none') }}
        renderItem={(d) => (
          <List.Item
            data-testid="closed-day"
            actions={
              d.day >= today
                ? [
                    <Button key="open" size="small" type="link" onClick={() => setOpen(d.day)}>
                      {t('field.spot.reopenDay')}
                    </Button>,
                  ]
                : []
            }
          >
            <span>
              <strong>{d.day}</strong> <Tag color="red">{t('field.spot.closed')}</Tag> {d.closedReason}
            </span>
          </List.Item>
        )}
      />
      <DayDialog
        spotId={props.spotId}
        day={open}
        info={open ? byDay.get(open) : undefined}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          qc.invalidateQueries({ queryKey: ['spot', props.spotId] });
        }}
      />
    </Card>
  );
}
