import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CATEGORY_LABELS, type TCategoryId } from '@zhilv/contracts';
import { Button, Card, message, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../../lib/api';
import { label } from '../../../lib/format';

type TStatus = 'pending' | 'accepted' | 'rejected' | 'all';
type TCorrection = {
  id: string;
  workOrderId: string;
  text: string;
  originalCategory: TCategoryId | null;
  suggestedCategory: TCategoryId | null;
  correctedCategory: TCategoryId;
  correctedAt: string;
  correctedByName: string | null;
  status: Exclude<TStatus, 'all'>;
};

const cat = (c: TCategoryId | null) => (c ? label(CATEGORY_LABELS, c) : '—');
const COLORS = { pending: 'gold', accepted: 'green', rejected: 'default' } as const;

/**
 * Dispatchers' category corrections: accept or reject each; accepted ones export as training rows for
 * `npm run classify:build -- --corrections file.jsonl`. The model never retrains itself from here.
 */
export function ClassifierCorrectionsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<TStatus>('pending');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['classifier-corrections', status, page],
    queryFn: () =>
      api.get<{ items: TCorrection[]; total: number }>(
        `/api/admin/classifier/corrections${qs({ status, page, pageSize: 20 })}`,
      ),
  });
  const review = async (id: string, decision: 'accepted' | 'rejected') => {
    try {
      await api.post(`/api/admin/classifier/corrections/${id}/review`, { decision });
      message.success(t('admin.saved'));
      qc.invalidateQueries({ queryKey: ['classifier-corrections'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('menu.classifierCorrections')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('classifier.correctionsNote')}</Typography.Paragraph>
        {/* In the body, not the card's header: on a phone the header has no room for the title and two buttons. */}
        <Space wrap>
          <Button href="/api/admin/classifier/corrections/export?format=jsonl">{t('classifier.exportJsonl')}</Button>
          <Button href="/api/admin/classifier/corrections/export?format=xlsx">{t('classifier.exportXlsx')}</Button>
        </Space>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as TStatus);
            setPage(1);
          }}
          options={(['pending', 'accepted', 'rejected', 'all'] as const).map((s) => ({
            value: s,
            label: t(`classifier.status.${s}`),
          }))}
        />
        <Table
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('classifier.text'), dataIndex: 'text', width: 360 },
            { title: t('classifier.original'), dataIndex: 'originalCategory', render: cat },
            { title: t('classifier.suggested'), dataIndex: 'suggestedCategory', render: cat },
            { title: t('classifier.corrected'), dataIndex: 'correctedCategory', render: (c) => <b>{cat(c)}</b> },
            { title: t('classifier.by'), dataIndex: 'correctedByName' },
            {
              title: t('classifier.at'),
              dataIndex: 'correctedAt',
              render: (v: string) => new Date(v).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN'),
            },
            {
              title: t('classifier.statusTitle'),
              dataIndex: 'status',
              render: (s: TCorrection['status']) => <Tag color={COLORS[s]}>{t(`classifier.status.${s}`)}</Tag>,
            },
            {
              title: '',
              render: (_, r) =>
                r.status === 'pending' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => review(r.id, 'accepted')}>
                      {t('classifier.accept')}
                    </Button>
                    <Button size="small" onClick={() => review(r.id, 'rejected')}>
                      {t('classifier.reject')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
