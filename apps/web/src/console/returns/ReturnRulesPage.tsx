import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TGoodsCatalogueEntry, TGoodsCatalogueItem, TReturnPledgeView, TReturnRules } from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, message, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { fmtTime, nameIn } from '../../lib/format';

const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));

/**
 * 无理由退货的本地规则 (system admin): the shop's hours to answer and the hours to refund or exchange — local rules,
 * labelled so —, the goods catalogue (in or out of scope) and who signed the return pledge.
 */
export function ReturnRulesPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <RulesCard />
      <CatalogueCard />
      <Card title={t('returnsLocal.pledgesTitle')}>
        <PledgeList />
      </Card>
    </Space>
  );
}

function RulesCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['return-rules'], queryFn: () => api.get<TReturnRules>('/api/returns/rules') });
  const [form] = Form.useForm<TReturnRules>();
  if (!q.data) return <Card loading />;
  return (
    <Card title={t('returnsLocal.rulesTitle')}>
      <Alert type="info" showIcon message={t('returnsLocal.localHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={q.data}
        style={{ maxWidth: 420 }}
        onFinish={async (v) => {
          try {
            qc.setQueryData(['return-rules'], await api.put<TReturnRules>('/api/admin/return-rules', v));
            message.success(t('returnsLocal.saved'));
          } catch (e) {
            fail(e);
          }
        }}
      >
        <Form.Item
          name="shopAnswerHours"
          label={t('returnsLocal.shopAnswerHours')}
          extra={<Tag color="gold">{t('returnsLocal.localRule')}</Tag>}
          rules={[{ required: true, message: t('returnsLocal.required') }]}
        >
          <InputNumber
            min={1}
            max={720}
            precision={0}
            addonAfter={t('returnsLocal.hours')}
            aria-label={t('returnsLocal.shopAnswerHours')}
            data-testid="return-shop-hours"
          />
        </Form.Item>
        <Form.Item
          name="refundHours"
          label={t('returnsLocal.refundHours')}
          extra={<Tag color="gold">{t('returnsLocal.localRule')}</Tag>}
          rules={[{ required: true, message: t('returnsLocal.required') }]}
        >
          <InputNumber
            min={1}
            max={720}
            precision={0}
            addonAfter={t('returnsLocal.hours')}
            aria-label={t('returnsLocal.refundHours')}
            data-testid="return-refund-hours"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="return-rules-save">
          {t('returnsLocal.save')}
        </Button>
      </Form>
    </Card>
  );
}

function CatalogueCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['return-catalogue'],
    queryFn: () => api.get<{ items: TGoodsCatalogueItem[] }>('/api/returns/catalogue'),
  });
  const [editing, setEditing] = useState<Partial<TGoodsCatalogueItem> | null>(null);
  const [form] = Form.useForm<TGoodsCatalogueEntry>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api.put('/api/admin/return-goods', v);
      message.success(t('returnsLocal.saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['return-catalogue'] });
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card
      title={t('returnsLocal.catalogueTitle')}
      extra={
        <Button
          onClick={() => {
            setEditing({ inScope: true, sort: 0 });
            form.setFieldsValue({ code: '', nameZh: '', nameEn: '', inScope: true, sort: 0 });
          }}
          data-testid="return-goods-add"
        >
          {t('returnsLocal.add')}
        </Button>
      }
    >
      <p style={{ color: '#666', marginTop: 0 }}>{t('returnsLocal.catalogueHint')}</p>
      <ResponsiveTable<TGoodsCatalogueItem>
        rowKey="code"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: t('returnsLocal.name'), key: 'name', render: (_, c) => nameIn(c.nameZh, c.nameEn) },
          { title: t('returnsLocal.code'), key: 'code', dataIndex: 'code' },
          {
            title: t('returnsLocal.inScope'),
            key: 'scope',
            render: (_, c) =>
              c.inScope ? (
                <Tag color="green">{t('returnsLocal.in')}</Tag>
              ) : (
                <Tag color="red">{t('returnsLocal.out')}</Tag>
              ),
          },
          { title: t('returnsLocal.sort'), key: 'sort', dataIndex: 'sort' },
          {
            title: t('returnsLocal.actions'),
            key: 'edit',
            render: (_, c) => (
              <Button
                size="small"
                onClick={() => {
                  setEditing(c);
                  form.setFieldsValue({
                    code: c.code,
                    nameZh: c.nameZh,
                    nameEn: c.nameEn,
                    inScope: c.inScope,
                    sort: c.sort,
                  });
                }}
              >
                {t('returnsLocal.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.code ? t('returnsLocal.edit') : t('returnsLocal.add')}
        okText={t('returnsLocal.save')}
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label={t('returnsLocal.code')}
            extra={t('returnsLocal.codeRule')}
            rules={[
              { required: true, message: t('returnsLocal.required') },
              { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('returnsLocal.codeRule') },
            ]}
          >
            <Input disabled={!!editing?.code} maxLength={40} />
          </Form.Item>
          <Form.Item
            name="nameZh"
            label={t('returnsLocal.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('returnsLocal.required') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('returnsLocal.nameEn')}
            rules={[{ required: true, whitespace: true, message: t('returnsLocal.required') }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="inScope" label={t('returnsLocal.inScope')} valuePropName="checked">
            <Switch aria-label={t('returnsLocal.inScope')} />
          </Form.Item>
          <Form.Item name="sort" label={t('returnsLocal.sort')}>
            <InputNumber min={0} max={1000} precision={0} aria-label={t('returnsLocal.sort')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function PledgeList() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['return-pledges'],
    queryFn: () => api.get<{ items: TReturnPledgeView[] }>('/api/admin/return-pledges'),
  });
  return (
    <ResponsiveTable<TReturnPledgeView>
      rowKey="businessId"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20 }}
      size="small"
      data-testid="return-pledges"
      columns={[
        { title: t('returnsLocal.business'), key: 'b', render: (_, p) => nameIn(p.businessName, p.businessNameEn) },
        {
          title: t('returnsLocal.signedAt'),
          key: 'at',
          render: (_, p) =>
            p.signedAt ? fmtTime(p.signedAt) : <Tag color="default">{t('returnsLocal.notSigned')}</Tag>,
        },
      ]}
    />
  );
}
