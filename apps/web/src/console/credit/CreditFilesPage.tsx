import { CREDIT_GRADE_LABELS, type TCreditGrade } from '@zhilv/contracts';
import { Card, Input, Segmented, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useCreditFiles } from './api';
import { GRADE_COLOR } from './CreditFilePage';

/**
 * Staff: every business's credit file (by USCC) or every practitioner's (guides by licence number), lowest score
 * first, filtered by grade or name / key. On a phone the table is cards (ResponsiveTable).
 */
export function CreditFilesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [type, setType] = useState<'business' | 'practitioner'>('business');
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useCreditFiles({ type, q: q || undefined, grade, page });
  const practitioner = type === 'practitioner';
  return (
    <Card title={practitioner ? t('creditMod.practitionerFiles') : t('creditMod.files')}>
      <Segmented
        block
        style={{ marginBottom: 12, maxWidth: 420 }}
        value={type}
        onChange={(v) => {
          setType(v as 'business' | 'practitioner');
          setPage(1);
        }}
        options={[
          { value: 'business', label: t('creditMod.typeBusiness') },
          { value: 'practitioner', label: t('creditMod.typePractitioner') },
        ]}
        data-testid="files-type"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={practitioner ? t('creditMod.searchPractitioner') : t('creditMod.searchPlaceholder')}
          placeholder={practitioner ? t('creditMod.searchPractitioner') : t('creditMod.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="files-search"
        />
        <Select
          allowClear
          aria-label={t('creditMod.grade')}
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
          {
            title: practitioner ? t('creditMod.licenseNo') : 'USCC',
            render: (_, r) => <code>{r.key ?? '—'}</code>,
          },
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
