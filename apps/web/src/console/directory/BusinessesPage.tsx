import { useQueryClient } from '@tanstack/react-query';
import { BUSINESS_KIND_LABELS, BUSINESS_KINDS, type TBusinessKind, type TImportPreview } from '@zhilv/contracts';
import { Button, Form, Input, InputNumber, message, Select, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDrawer } from '../../components/EditDrawer';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { label, nameIn } from '../../lib/format';
import { GridSelect } from '../grids/GridSelect';
import { RegionSelect } from '../master-data/RegionSelect';
import { BusinessImportPreview } from './BusinessImportPreview';
import { BusinessProfileDrawer } from './BusinessProfileDrawer';

type TBusiness = {
  id: string;
  name: string;
  nameEn: string | null;
  kind: TBusinessKind;
  uscc: string;
  aLevel: number | null;
  stars: number | null;
  grade: string | null;
  address: string;
  lng: number | null;
  lat: number | null;
  regionCode: string;
  contactName: string | null;
  contactPhone: string | null;
  gridId: string | null;
  gridName: string | null;
  gridNameEn?: string | null;
};

export function BusinessesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Partial<TBusiness> | null>(null);
  const [profileOf, setProfileOf] = useState<string | null>(null);
  const [importFile, setImportFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [form] = Form.useForm();
  const kinds = BUSINESS_KINDS.map((k) => ({ value: k, label: label(BUSINESS_KIND_LABELS, k) }));
  const save = async (v: Record<string, unknown>) => {
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
    return editing?.id ? api.put(`/api/businesses/${editing.id}`, body) : api.post('/api/businesses', body);
  };
  const fieldLabels: Record<string, string> = {
    name: t('admin.name'),
    kind: t('admin.kind'),
    uscc: t('admin.uscc'),
    address: t('admin.address'),
    regionCode: t('admin.region'),
    contactName: t('admin.contact'),
    nameEn: t('admin.nameEn'),
    aLevel: 'A',
    stars: '★',
    grade: t('desk.import.grade'),
    lng: t('admin.lng'),
    lat: t('admin.lat'),
    file: t('admin.file'),
  };
  /** Picking a file previews it; nothing is written until the preview is confirmed. */
  const upload = async (file: File) => {
    try {
      setImportFile(file);
      setPreview(await api.upload<TImportPreview>('/api/businesses/import/preview', file, file.name));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SearchTable<TBusiness>
        queryKey="businesses"
        url="/api/businesses"
        exportUrl="/api/businesses/export"
        extra={
          <>
            <Upload accept=".xlsx" showUploadList={false} customRequest={({ file }) => upload(file as File)}>
              <Button data-testid="business-import">{t('common.import')}</Button>
            </Upload>
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setEditing({});
              }}
            >
              {t('common.create')}
            </Button>
          </>
        }
        fields={
          <>
            <Form.Item name="q">
              <Input placeholder={`${t('admin.name')} / ${t('admin.uscc')}`} allowClear />
            </Form.Item>
            <Form.Item name="kind">
              <Select placeholder={t('admin.kind')} allowClear options={kinds} style={{ width: 150 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('admin.name'), render: (_, b) => nameIn(b.name, b.nameEn) },
          { title: t('admin.kind'), dataIndex: 'kind', render: (k) => label(BUSINESS_KIND_LABELS, k) },
          {
            title: t('admin.level'),
            render: (_, b) => (b.aLevel ? `${b.aLevel}A` : b.stars ? `${b.stars}★` : (b.grade ?? '—')),
          },
          { title: t('admin.uscc'), dataIndex: 'uscc' },
          { title: t('admin.grid'), render: (_, b) => nameIn(b.gridName, b.gridNameEn) },
          { title: t('admin.address'), dataIndex: 'address' },
          { title: t('admin.contact'), render: (_, b) => `${b.contactName ?? ''} ${b.contactPhone ?? ''}` },
          {
            title: t('common.actions'),
            render: (_, b) => (
              <Button
                type="link"
                onClick={() => {
                  form.setFieldsValue(b);
                  setEditing(b);
                }}
              >
                {t('common.edit')}
              </Button>
            ),
          },
          {
            title: t('dirAdmin.title'),
            render: (_, b) => (
              <Button type="link" onClick={() => setProfileOf(b.id)} data-testid="edit-public-profile">
                {t('dirAdmin.edit')}
              </Button>
            ),
          },
        ]}
      />
      <EditDrawer
        open={!!editing}
        existing={!!editing?.id}
        form={form}
        onClose={() => setEditing(null)}
        onSave={save}
        onSaved={() => {
          setEditing(null);
          qc.invalidateQueries({ queryKey: ['businesses'] });
        }}
      >
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
          <Select options={kinds} />
        </Form.Item>
        <Form.Item name="uscc" label={t('admin.uscc')} rules={[{ required: true, len: 18 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="aLevel" label="A">
          <InputNumber min={1} max={5} />
        </Form.Item>
        <Form.Item name="stars" label="★">
          <InputNumber min={1} max={5} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.region')} rules={[{ required: true }]}>
          <RegionSelect />
        </Form.Item>
        <Form.Item noStyle dependencies={['regionCode']}>
          {() => (
            <Form.Item name="gridId" label={t('admin.grid')}>
              <GridSelect regionCode={form.getFieldValue('regionCode')} />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="lng" label={t('admin.lng')}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lat" label={t('admin.lat')}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('admin.contact')}>
          <Input />
        </Form.Item>
      </EditDrawer>
      <BusinessProfileDrawer businessId={profileOf} onClose={() => setProfileOf(null)} />
      <BusinessImportPreview
        file={importFile}
        preview={preview}
        fieldLabels={fieldLabels}
        onPreview={setPreview}
        onClose={() => setPreview(null)}
        onApplied={() => {
          setPreview(null);
          qc.invalidateQueries({ queryKey: ['businesses'] });
        }}
      />
    </>
  );
}
