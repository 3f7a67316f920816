import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFlowReport } from '@zhilv/contracts';
import { Button, Card, Form, Input, Modal, message, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { fmtTime, isEn } from '../../lib/format';

const KEY = ['flow', 'government-reports'];

/**
 * 向当地政府报告: each time a spot's visitors reach the warning level, a report to the local government is due.
 * The command center records it here — to whom, when — as a step with its time; leaders and spots read it.
 */
export function GovernmentReportsCard({ canRecord }: { canRecord: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const reports = useQuery({ queryKey: KEY, queryFn: () => api.get<TFlowReport[]>('/api/reservations/flow-reports') });
  const [open, setOpen] = useState<TFlowReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reportedTo: string; note?: string }>();
  const record = async (v: { reportedTo: string; note?: string }) => {
    if (!open) return;
    setBusy(true);
    try {
      await api.post(`/api/reservations/flow-reports/${open.id}/record`, v);
      message.success(t('visitors.reports.recorded'));
      setOpen(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('visitors.reports.title')} style={{ marginBottom: 16 }} data-testid="government-reports">
      <p style={{ marginTop: 0, color: '#666' }}>{t('visitors.reports.intro')}</p>
      <Table<TFlowReport>
        rowKey="id"
        size="small"
        loading={reports.isLoading}
        dataSource={reports.data ?? []}
        pagination={{ pageSize: 10 }}
        scroll={{ x: true }}
        columns={[
          { title: t('visitors.reports.spot'), key: 'spot', render: (_, r) => (isEn() && r.spotNameEn) || r.spotName },
          { title: t('visitors.reports.raisedAt'), key: 'raised', render: (_, r) => fmtTime(r.raisedAt) },
          {
            title: t('visitors.reports.occupancy'),
            key: 'occ',
            render: (_, r) => `${r.occupancy} / ${r.instantCapacity} (≥ ${r.pct}%)`,
          },
          {
            title: t('visitors.reports.state'),
            key: 'state',
            render: (_, r) =>
              r.reportedAt ? (
                <span>
                  <Tag color="green">{t('visitors.reports.done')}</Tag>
                  {fmtTime(r.reportedAt)} · {r.reportedTo}
                </span>
              ) : (
                <Tag color="orange">{t('visitors.reports.due')}</Tag>
              ),
          },
          ...(canRecord
            ? [
                {
                  title: '',
                  key: 'act',
                  render: (_: unknown, r: TFlowReport) =>
                    !r.reportedAt && (
                      <Button size="small" type="primary" onClick={() => setOpen(r)} data-testid={`record-${r.id}`}>
                        {t('visitors.reports.record')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!open}
        title={t('visitors.reports.record')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
      >
        <Form form={form} layout="vertical" onFinish={record}>
          <Form.Item name="reportedTo" label={t('visitors.reports.reportedTo')} rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t('visitors.reports.reportedToPlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t('visitors.reports.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
