import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PRACTITIONER_KIND_LABELS, PRACTITIONER_KINDS } from '@zhilv/contracts';
import { Button, Form, Input, message, Select, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDrawer } from '../../components/EditDrawer';
import { SearchTable } from '../../components/SearchTable';
import { ApiError, api } from '../../lib/api';
import { label } from '../../lib/format';
import { RegionSelect, useRegionNames } from '../master-data/RegionSelect';
import { showImportResult, type TImportResult } from './ImportResult';

type TKind = (typeof PRACTITIONER_KINDS)[number];
type TPractitioner = {
  id: string;
  name: string;
  kind: TKind;
  licenseNo: string | null;
  /** masked by the server: only the first and last four characters */
  idNumber: string | null;
  /** masked by the server */
  phone: string | null;
  businessId: string | null;
  businessName: string | null;
  regionCode: string | null;
};
type TBusinessHit = { id: string; name: string };

/** Picks a business by name through the public search; shows the current one while nothing is typed. */
function BusinessSelect(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  current?: TBusinessHit | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['business-search', q],
    queryFn: () => api.get<TBusinessHit[]>(`/api/businesses/search?q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
  });
  const options = [...(props.current ? [props.current] : []), ...(hits.data ?? [])]
    .filter((b, i, all) => all.findIndex((x) => x.id === b.id) === i)
    .map((b) => ({ value: b.id, label: b.name }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={options}
      loading={hits.isFetching}
      placeholder={t('admin.searchBusiness')}
      notFoundContent={null}
    />
  );
}

export function PractitionersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const regionNames = useRegionNames();
  const [editing, setEditing] = useState<Partial<TPractitioner> | null>(null);
  const [form] = Form.useForm();
  const kinds = PRACTITIONER_KINDS.map((k) => ({ value: k, label: label(PRACTITIONER_KIND_LABELS, k) }));
  const fieldLabels: Record<string, string> = {
    name: t('admin.name'),
    kind: t('admin.kind'),
    licenseNo: t('admin.license'),
    idNumber: t('admin.idNumber'),
    phone: t('admin.phone'),
    businessUscc: t('admin.businessUscc'),
    regionCode: t('admin.region'),
    file: t('admin.file'),
  };
  const edit = (p: Partial<TPractitioner>) => {
    form.resetFields();
    // Personal data comes back masked: the fields start empty and stay unchanged unless something is typed.
    form.setFieldsValue({ ...p, idNumber: undefined, phone: undefined });
    setEditing(p);
  };
  const save = async (v: Record<string, unknown>) => {
    // Empty optional fields are sent as null (cleared), except personal data: empty means "keep as stored".
    const body = Object.fromEntries(
      Object.entries(v)
        .map(([k, x]) => [k, x === undefined || x === '' ? null : x])
        .filter(([k, x]) => x !== null || !['idNumber', 'phone', 'name', 'kind'].includes(k as string)),
    );
    return editing?.id ? api.put(`/api/practitioners/${editing.id}`, body) : api.post('/api/practitioners', body);
  };
  const upload = async (file: Blob) => {
    try {
      showImportResult(t, await api.upload<TImportResult>('/api/practitioners/import', file, 'import.xlsx'), {
        fieldLabels,
      });
      qc.invalidateQueries({ queryKey: ['practitioners'] });
    } catch (e) {
      const data = e instanceof ApiError ? (e.data as Partial<TImportResult> | undefined) : undefined;
      if (data?.errors?.length) showImportResult(t, data as TImportResult, { refused: true, fieldLabels });
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SearchTable<TPractitioner>
        queryKey="practitioners"
        url="/api/practitioners"
        exportUrl="/api/practitioners/export"
        extra={
          <>
            <Upload accept=".xlsx" showUploadList={false} customRequest={({ file }) => upload(file as Blob)}>
              <Button>{t('common.import')}</Button>
            </Upload>
            <Button type="primary" onClick={() => edit({})}>
              {t('common.create')}
            </Button>
          </>
        }
        fields={
          <>
            <Form.Item name="q">
              <Input placeholder={`${t('admin.name')} / ${t('admin.license')}`} allowClear />
            </Form.Item>
            <Form.Item name="kind">
              <Select placeholder={t('admin.kind')} allowClear options={kinds} style={{ width: 140 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.kind'), dataIndex: 'kind', render: (k) => label(PRACTITIONER_KIND_LABELS, k) },
          { title: t('admin.license'), dataIndex: 'licenseNo', render: (v) => v ?? '—' },
          { title: t('admin.idNumber'), dataIndex: 'idNumber', render: (v) => v ?? '—' },
          { title: t('admin.phone'), dataIndex: 'phone', render: (v) => v ?? '—' },
          { title: t('admin.business'), dataIndex: 'businessName', render: (v) => v ?? '—' },
          {
            title: t('admin.region'),
            dataIndex: 'regionCode',
            render: (c: string | null) => (c ? (regionNames.get(c) ?? c) : '—'),
          },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Button type="link" onClick={() => edit(p)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <EditDrawer
        open={!!editing}
        existing={!!editing?.id}
        name={editing?.name}
        form={form}
        onClose={() => setEditing(null)}
        onSave={save}
        onSaved={() => {
          setEditing(null);
          qc.invalidateQueries({ queryKey: ['practitioners'] });
        }}
      >
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
          <Select options={kinds} />
        </Form.Item>
        <Form.Item name="licenseNo" label={t('admin.license')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('admin.idNumber')}
          rules={[{ len: 18 }]}
          extra={editing?.idNumber ? t('admin.keepBlank', { v: editing.idNumber }) : undefined}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('admin.phone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/ }]}
          extra={editing?.phone ? t('admin.keepBlank', { v: editing.phone }) : undefined}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="businessId" label={t('admin.business')}>
          <BusinessSelect
            current={editing?.businessId ? { id: editing.businessId, name: editing.businessName ?? '' } : null}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.region')}>
          <RegionSelect />
        </Form.Item>
      </EditDrawer>
    </>
  );
}
