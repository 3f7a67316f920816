import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUSINESS_BADGE_LABELS,
  BUSINESS_BADGES,
  type TBusinessProfileView,
  type TPostedPriceInput,
} from '@zhilv/contracts';
import { Button, Divider, Drawer, Form, Input, InputNumber, message, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../lib/api';
import { label } from '../../lib/format';

type TPriceRow = { item: string; itemEn?: string | null; yuan: number; unit: string; unitEn?: string | null };
type TValues = {
  openingHours?: string | null;
  intro?: string | null;
  introEn?: string | null;
  licenseNo?: string | null;
  badges: string[];
  prices: TPriceRow[];
};

const toFen = (yuan: number) => Math.round(yuan * 100);

/**
 * 公示信息 / Public profile: what the portal's directory and credit record show of a business — hours, intro in
 * both languages, licence number, badges — and its posted prices (明码标价). `pricesOnly` for a business's own
 * account: it edits its prices, not its badges or licence.
 */
export function BusinessProfileDrawer({
  businessId,
  pricesOnly = false,
  onClose,
}: {
  businessId: string | null;
  pricesOnly?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();
  const [saving, setSaving] = useState(false);
  const q = useQuery({
    queryKey: ['business-profile', businessId],
    queryFn: () => api.get<TBusinessProfileView>(`/api/businesses/${businessId}/profile`),
    enabled: !!businessId,
  });
  useEffect(() => {
    if (!q.data) return;
    form.setFieldsValue({
      openingHours: q.data.openingHours,
      intro: q.data.intro,
      introEn: q.data.introEn,
      licenseNo: q.data.licenseNo,
      badges: q.data.badges,
      prices: q.data.prices.map((p) => ({ ...p, yuan: p.priceFen / 100 })),
    });
  }, [q.data, form]);

  const save = async (v: TValues) => {
    if (!businessId) return;
    setSaving(true);
    try {
      if (!pricesOnly)
        await api.put(`/api/businesses/${businessId}/profile`, {
          openingHours: v.openingHours || null,
          intro: v.intro || null,
          introEn: v.introEn || null,
          licenseNo: v.licenseNo || null,
          badges: v.badges ?? [],
        });
      const prices: TPostedPriceInput[] = (v.prices ?? []).map((p) => ({
        item: p.item,
        itemEn: p.itemEn || null,
        priceFen: toFen(p.yuan),
        unit: p.unit,
        unitEn: p.unitEn || null,
      }));
      await api.put(`/api/businesses/${businessId}/prices`, { prices });
      message.success(t('dirAdmin.saved'));
      await qc.invalidateQueries({ queryKey: ['business-profile', businessId] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.field) message.error(`${e.message} (${e.field})`);
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={!!businessId}
      title={
        <span>
          {t(pricesOnly ? 'dirAdmin.pricesTitle' : 'dirAdmin.title')}
          {q.data ? ` · ${q.data.name}` : ''}
        </span>
      }
      width={680}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="profile-save">
          {t('common.save')}
        </Button>
      }
    >
      {q.isLoading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} preserve={false}>
          {!pricesOnly && (
            <>
              <Form.Item name="openingHours" label={t('dirAdmin.hours')} extra={t('dirAdmin.hoursHint')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="intro" label={t('dirAdmin.intro')}>
                <Input.TextArea rows={3} maxLength={1000} showCount />
              </Form.Item>
              <Form.Item name="introEn" label={t('dirAdmin.introEn')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="licenseNo" label={t('dirAdmin.licence')}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="badges" label={t('dirAdmin.badges')}>
                <Select
                  mode="multiple"
                  allowClear
                  options={BUSINESS_BADGES.map((b) => ({ value: b, label: label(BUSINESS_BADGE_LABELS, b) }))}
                />
              </Form.Item>
              <Divider />
            </>
          )}
          <Typography.Title level={5}>{t('dirAdmin.prices')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('dirAdmin.pricesHint')}</Typography.Paragraph>
          <Form.List name="prices">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[name, 'item']} rules={[{ required: true, max: 40 }]} noStyle>
                      <Input placeholder={t('dirAdmin.item')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'itemEn']} rules={[{ max: 80 }]} noStyle>
                      <Input placeholder={t('dirAdmin.itemEn')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'yuan']} rules={[{ required: true }]} noStyle>
                      <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'unit']} rules={[{ required: true, max: 20 }]} noStyle>
                      <Input placeholder={t('dirAdmin.unit')} style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'unitEn']} rules={[{ max: 30 }]} noStyle>
                      <Input placeholder={t('dirAdmin.unitEn')} style={{ width: 80 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('dirAdmin.remove')} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 30}
                  onClick={() => add({ item: '', yuan: 0, unit: '' })}
                  data-testid="price-add"
                >
                  {t('dirAdmin.addPrice')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
