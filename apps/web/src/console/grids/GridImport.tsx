import type { TGridImportPreview } from '@zhilv/contracts';
import { Alert, Button, Drawer, message, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../lib/api';

const COLOR = { new: 'green', changed: 'blue', unchanged: 'default', invalid: 'red' } as const;

/** The grid workbook (grids, members, assignments): previewed first, nothing written, then confirmed with its token. */
export function GridImport(props: { file: File | null; onClose: () => void; onApplied: () => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<TGridImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { file } = props;
  useEffect(() => {
    setPreview(null);
    setError(null);
    if (!file) return;
    api
      .upload<TGridImportPreview>('/api/grids/import/preview', file, file.name)
      .then(setPreview)
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
  }, [file]);
  const confirm = async () => {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await api.upload<{ grids: number; members: number; assignments: number }>(
        `/api/grids/import?token=${preview.token}`,
        file,
        file.name,
      );
      message.success(t('grids.importDone', r));
      props.onApplied();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        setPreview(await api.upload<TGridImportPreview>('/api/grids/import/preview', file, file.name));
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const invalid = preview?.counts.invalid ?? 0;
  return (
    <Drawer
      open={!!file}
      title={t('grids.importPreview')}
      size="large"
      onClose={props.onClose}
      extra={
        <Button type="primary" loading={busy} disabled={!preview || invalid > 0} onClick={confirm}>
          {t('grids.importConfirm')}
        </Button>
      }
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {preview && (
        <>
          <div style={{ marginBottom: 12 }}>
            {Object.entries(preview.counts).map(([k, n]) => (
              <Tag key={k} color={COLOR[k as keyof typeof COLOR]}>
                {k} {n}
              </Tag>
            ))}
          </div>
          <Table
            size="small"
            rowKey={(r) => `${r.sheet}-${r.row}`}
            dataSource={preview.rows}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('grids.sheet'), dataIndex: 'sheet' },
              { title: t('grids.row'), dataIndex: 'row' },
              { title: t('grids.code'), dataIndex: 'key' },
              {
                title: t('grids.status'),
                dataIndex: 'status',
                render: (s) => <Tag color={COLOR[s as keyof typeof COLOR]}>{s}</Tag>,
              },
              {
                title: t('grids.errors'),
                render: (_, r) => r.errors.map((e) => `${e.field}: ${e.message}`).join('；'),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
