import { Modal, Table } from 'antd';
import type { TFunction } from 'i18next';

export type TImportResult = {
  created: number;
  updated: number;
  errors: { row: number; field: string; message: string }[];
};

/**
 * Shows an import's outcome: the counts, and the row errors with the field named as on the screen. `refused`
 * when the server wrote nothing because of those errors (all-or-nothing imports answer 422 with them).
 */
export function showImportResult(
  t: TFunction,
  r: TImportResult,
  opts: { refused?: boolean; fieldLabels?: Record<string, string> } = {},
) {
  const show = opts.refused ? Modal.error : Modal.info;
  show({
    width: 680,
    title: opts.refused
      ? t('admin.importRefused', { errors: r.errors.length })
      : t('admin.importResult', { created: r.created, updated: r.updated, errors: r.errors.length }),
    content: r.errors.length ? (
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.field}`}
        pagination={r.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={r.errors}
        columns={[
          { title: t('admin.row'), dataIndex: 'row', width: 60 },
          { title: t('admin.field'), dataIndex: 'field', render: (f: string) => opts.fieldLabels?.[f] ?? f },
          { title: t('admin.message'), dataIndex: 'message' },
        ]}
      />
    ) : null,
  });
}
