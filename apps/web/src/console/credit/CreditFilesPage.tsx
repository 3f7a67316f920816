import { CREDIT_GRADE_LABELS, type TCreditGrade } from '@zhilv/contracts';
import { Card, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useCreditFiles } from './api';
import { GRADE_COLOR } from './CreditFilePage';

/** Staff: every business's credit file, lowest score first, filtered by grade or name / USCC. */
export function CreditFilesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useCreditFiles({ q: q || undefined, grade, page });
  return (
    <Card title={t('creditMod.files')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('creditMod.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
          data-testid="files-search"
        />
        <Select
          allowClear
          placeholder={t('creditMod.grade')}
          style={{ width: 160 }}
          value={grade}
          onChange={(v) => {
            setGrade(v);
            setPage(1);
          }}
          options={(['A', 'B', 'C', 'D', 'ungraded'] as TCreditGrade[]).map((g) => ({
            value: g,
            label: en ? CREDIT_GRADE_LABELS[g].en : CREDIT_GRADE_LABELS[g].zh,
          }))}
        />
      </Space>
      <ResponsiveTable
        rowKey="subjectId"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          {
            title: t('creditMod.subject'),
            render: (_, r) => (
              <Link to={`/console/credit/files/${r.subjectType}/${r.subjectId}`} data-testid="file-link">
                {r.name}
              </Link>
            ),
          },
          { title: 'USCC', render: (_, r) => <code>{r.key}</code> },
          { title: t('creditMod.score'), align: 'right', render: (_, r) => r.score },
          {
            title: t('creditMod.grade'),
            render: (_, r) => <Tag color={GRADE_COLOR[r.grade]}>{r.grade === 'ungraded' ? '—' : r.grade}</Tag>,
          },
          { title: t('creditMod.eventCount'), align: 'right', render: (_, r) => r.events },
        ]}
      />
    </Card>
  );
}
