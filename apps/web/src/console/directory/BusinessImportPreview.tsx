import type { TImportPreview, TImportPreviewRow, TImportRowStatus } from '@zhilv/contracts';
import { Alert, Button, Drawer, Grid, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../lib/api';
import { showImportResult, type TImportResult } from './ImportResult';

const STATUS_COLOR: Record<TImportRowStatus, string> = {
  new: 'green',
  changed: 'blue',
  unchanged: 'default',
  invalid: 'red',
};
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '∅' : String(v));

/**
 * An Excel import in two steps: the file is previewed (nothing written) — new, changed, unchanged and invalid
 * rows, each changed field's old and new value, each bad field's error — and only then confirmed. The
 * confirmation sends the same file with the preview's token; the server refuses another file, or the same file
 * after the records it changes were edited meanwhile, and the preview is shown afresh.
 */
export function BusinessImportPreview(props: {
  file: File | null;
  preview: TImportPreview | null;
  fieldLabels: Record<string, string>;
  onPreview: (p: TImportPreview | null) => void;
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<TImportRowStatus | 'all'>('all');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const screens = Grid.useBreakpoint();
  const p = props.preview;
  const field = (f: string) => props.fieldLabels[f] ?? f;
  const confirm = async () => {
    if (!props.file || !p) return;
    setBusy(true);
    try {
      const r = await api.upload<TImportResult>(`/api/businesses/import?token=${p.token}`, props.file, props.file.name);
      showImportResult(t, r, { fieldLabels: props.fieldLabels });
      props.onApplied();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // the data moved on since the preview: show what the file would do now
        setStale(true);
        props.onPreview(
          await api.upload<TImportPreview>('/api/businesses/import/preview', props.file, props.file.name),
        );
      } else {
        const data = e instanceof ApiError ? (e.data as Partial<TImportResult> | undefined) : undefined;
        if (data?.errors?.length)
          showImportResult(t, data as TImportResult, { refused: true, fieldLabels: props.fieldLabels });
        else showImportResult(t, { created: 0, updated: 0, errors: [] }, { refused: true });
      }
    } finally {
      setBusy(false);
    }
  };
  const wide: TableColumnsType<TImportPreviewRow> = [
    { title: t('admin.row'), dataIndex: 'row', width: 56 },
    {
      title: t('desk.import.what'),
      dataIndex: 'status',
      render: (s: TImportRowStatus) => <Tag color={STATUS_COLOR[s]}>{t(`desk.import.status.${s}`)}</Tag>,
    },
    { title: t('admin.name'), dataIndex: 'name', render: (v) => v ?? '—' },
    { title: t('admin.uscc'), dataIndex: 'uscc', render: (v) => v ?? '—' },
    { title: t('desk.import.details'), render: (_, r) => <RowDetails row={r} field={field} /> },
  ];
  // a phone: one row a line, what happens to it first
  const narrow: TableColumnsType<TImportPreviewRow> = [
    {
      // a phone: one row a line, what happens to it first
      title: t('desk.import.details'),
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <Tag color={STATUS_COLOR[r.status]}>{t(`desk.import.status.${r.status}`)}</Tag>
            <Typography.Text strong>{r.name ?? '—'}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('admin.row')} {r.row} · {r.uscc ?? '—'}
          </Typography.Text>
          <RowDetails row={r} field={field} />
        </Space>
      ),
    },
  ];
  const rows = (p?.rows ?? []).filter((r) => filter === 'all' || r.status === filter);
  const writes = p ? p.counts.new + p.counts.changed : 0;
  return (
    <Drawer
      open={!!p}
      onClose={props.onClose}
      width="min(960px, 100vw)"
      title={t('desk.import.title', { name: props.file?.name ?? '' })}
      extra={
        <Button
          type="primary"
          loading={busy}
          disabled={!p || p.counts.invalid > 0 || writes === 0}
          onClick={confirm}
          data-testid="import-confirm"
        >
          {t('desk.import.confirm', { n: writes })}
        </Button>
      }
    >
      {p && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {stale && <Alert type="warning" showIcon message={t('desk.import.stale')} />}
          {p.counts.invalid > 0 ? (
            <Alert type="error" showIcon message={t('desk.import.fixFirst', { n: p.counts.invalid })} />
          ) : (
            <Alert
              type="info"
              showIcon
              message={t('desk.import.summary', {
                created: p.counts.new,
                updated: p.counts.changed,
                same: p.counts.unchanged,
              })}
            />
          )}
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as TImportRowStatus | 'all')}
            data-testid="import-filter"
            options={[
              { value: 'all', label: `${t('desk.import.all')} ${p.rows.length}` },
              ...(['new', 'changed', 'unchanged', 'invalid'] as const).map((s) => ({
                value: s,
                label: `${t(`desk.import.status.${s}`)} ${p.counts[s]}`,
              })),
            ]}
          />
          <Table<TImportPreviewRow>
            size="small"
            rowKey="row"
            dataSource={rows}
            scroll={screens.md ? { x: 'max-content' } : undefined}
            pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
            data-testid="import-preview"
            columns={screens.md ? wide : narrow}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** A row's field errors, or its changed fields with the stored value struck through and the file's beside it. */
function RowDetails({ row: r, field }: { row: TImportPreviewRow; field: (f: string) => string }) {
  if (r.errors.length)
    return (
      <Space direction="vertical" size={0}>
        {r.errors.map((e) => (
          <Typography.Text key={e.field} type="danger">
            {field(e.field)}：{e.message}
          </Typography.Text>
        ))}
      </Space>
    );
  if (!r.changes.length) return <>—</>;
  return (
    <Space direction="vertical" size={0}>
      {r.changes.map((c) => (
        <Typography.Text key={c.field}>
          {field(c.field)}：
          <Typography.Text delete type="secondary">
            {show(c.before)}
          </Typography.Text>
          {' → '}
          <Typography.Text strong>{show(c.after)}</Typography.Text>
        </Typography.Text>
      ))}
    </Space>
  );
}
