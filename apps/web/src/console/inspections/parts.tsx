import { useQueryClient } from '@tanstack/react-query';
import { HAZARD_STATUS_LABELS, SEVERITY_LABELS, type THazardStatus, type TSeverity } from '@zhilv/contracts';
import { Alert, Button, Image, List, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { label } from '../../lib/format';
import { discard, flushOutbox, outboxList, type TOutboxEntry } from './offline';

export function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * What waits on this phone to be sent, said plainly; sent by itself when the network returns (the `online` event,
 * and every 30 s while anything waits), or at once with the button.
 */
export function OutboxBanner({ tick = 0, online }: { tick?: number; online: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [entries, setEntries] = useState<TOutboxEntry[]>([]);
  const [sending, setSending] = useState(false);
  const reload = useCallback(async () => setEntries(await outboxList()), []);
  const send = useCallback(async () => {
    setSending(true);
    try {
      const r = await flushOutbox();
      if (r.sent.length) await qc.invalidateQueries({ queryKey: ['console', 'inspections'] });
    } finally {
      setSending(false);
      await reload();
    }
  }, [qc, reload]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the parent's "the outbox changed"
  useEffect(() => {
    void reload();
  }, [reload, tick]);
  useEffect(() => {
    if (online && entries.some((e) => !e.error)) void send();
  }, [online, entries, send]);
  useEffect(() => {
    if (!entries.length) return;
    const id = setInterval(() => navigator.onLine && void send(), 30_000);
    return () => clearInterval(id);
  }, [entries.length, send]);
  if (!entries.length)
    return online ? null : (
      <Alert type="warning" showIcon message={t('inspections.offlineNow')} data-testid="insp-offline" />
    );
  return (
    <Alert
      type={online ? 'info' : 'warning'}
      showIcon
      data-testid="insp-outbox"
      message={t('inspections.waiting', { n: entries.length })}
      description={
        <List
          size="small"
          dataSource={entries}
          renderItem={(e) => (
            <List.Item
              actions={
                e.error
                  ? [
                      <Button key="d" size="small" danger onClick={() => discard(e.key).then(reload)}>
                        {t('inspections.discard')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={0}>
                <span>{e.businessName}</span>
                <span style={{ fontSize: 12, color: e.error ? '#cf1322' : 'rgba(0, 0, 0, 0.62)' }}>
                  {e.error ?? new Date(e.createdAt).toLocaleString()}
                </span>
              </Space>
            </List.Item>
          )}
        />
      }
      action={
        online ? (
          <Button size="small" loading={sending} onClick={send}>
            {t('inspections.sendNow')}
          </Button>
        ) : undefined
      }
    />
  );
}

const SEVERITY_COLOR: Record<TSeverity, string> = { major: 'red', general: 'orange', minor: 'gold' };
const STATUS_COLOR: Record<THazardStatus, string> = { open: 'processing', answered: 'warning', closed: 'success' };

export const SeverityTag = ({ s }: { s: TSeverity }) => (
  <Tag color={SEVERITY_COLOR[s]}>{label(SEVERITY_LABELS, s)}</Tag>
);
export function HazardStatusTag({ s, overdue }: { s: THazardStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[s]} data-testid="hazard-status">
        {label(HAZARD_STATUS_LABELS, s)}
      </Tag>
      {overdue && <Tag color="error">{t('inspections.overdue')}</Tag>}
    </Space>
  );
}

export function Photos({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {ids.map((id) => (
          <Image key={id} src={`/api/files/${id}`} width={72} height={72} style={{ objectFit: 'cover' }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** Downloads a file answer (the ledger, statistics, the order PDF) under its name. */
export async function download(url: string, name: string) {
  const res = await fetch(url, { credentials: 'include' });
  if (!res.ok) throw new Error((await res.json().catch(() => ({})))?.message ?? res.statusText);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}
