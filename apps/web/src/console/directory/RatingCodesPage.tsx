import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RATING_DIMENSIONS,
  RATING_TARGET_LABELS,
  RATING_TARGET_TYPES,
  type TRatingCodeRow,
  type TRatingTargetType,
  type TStaffRating,
} from '@zhilv/contracts';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Form,
  Image,
  Input,
  List,
  message,
  Popconfirm,
  Rate,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { label } from '../../lib/format';

type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };
type TTargetRatings = TPage<TStaffRating> & {
  target: { code: string; targetType: TRatingTargetType; name: string; nameEn: string | null };
  average: number | null;
  count: number;
  dimensions: Record<string, number>;
};

/** Saves a PDF answered to a POST (the multi-page sheet), under a readable name. */
async function savePdf(codes: string[]) {
  const blob = await api.postBlob('/api/ratings/codes/sheets.pdf', { codes });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `服务评价二维码-${codes.length}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * 服务评价二维码: every business, station and practitioner with its rating code and average; print one sheet or
 * a selection (one A4 page each); deactivate a code and issue a new one (a sheet went missing or was copied).
 * A business account sees only its own code and what tourists said.
 */
export function RatingCodesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm();
  const [filter, setFilter] = useState<{ targetType?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<TRatingCodeRow | null>(null);
  const [printing, setPrinting] = useState(false);
  const [replacing, setReplacing] = useState<string | null>(null);
  const qc = useQueryClient();
  const en = i18n.language === 'en';
  const canPrint = me.data?.role === 'system_admin' || me.data?.role === 'business';
  const list = useQuery({
    queryKey: ['rating-codes', filter, page],
    queryFn: () => api.get<TPage<TRatingCodeRow>>(`/api/ratings/codes${qs({ ...filter, ...page })}`),
  });
  const printSelected = async () => {
    setPrinting(true);
    try {
      await savePdf(selected);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setPrinting(false);
    }
  };
  /** 停用并换新码: the old code stops working at once; the new one is printed and posted in its place. */
  const replace = async (r: TRatingCodeRow) => {
    setReplacing(r.code);
    try {
      const fresh = await api.post<TRatingCodeRow>(`/api/ratings/codes/${r.code}/replace`);
      setSelected((s) => s.filter((c) => c !== r.code));
      if (open?.code === r.code) setOpen(null);
      await qc.invalidateQueries({ queryKey: ['rating-codes'] });
      message.success(t('ratings.replaced', { old: r.code, code: fresh.code }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setReplacing(null);
    }
  };
  const name = (r: { name: string; nameEn: string | null }) => (en && r.nameEn ? r.nameEn : r.name);
  return (
    <Card title={t('ratings.title')}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')));
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        {me.data?.role !== 'business' && (
          <Form.Item name="targetType">
            <Select
              placeholder={t('ratings.targetType')}
              aria-label={t('ratings.targetType')}
              allowClear
              style={{ width: 150 }}
              options={RATING_TARGET_TYPES.map((k) => ({ value: k, label: label(RATING_TARGET_LABELS, k) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="q">
          <Input placeholder={t('ratings.q')} aria-label={t('ratings.q')} allowClear data-testid="rating-codes-q" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({});
              }}
            >
              {t('common.reset')}
            </Button>
            {canPrint && (
              <Button
                disabled={!selected.length}
                loading={printing}
                onClick={printSelected}
                data-testid="print-selected"
              >
                {t('ratings.printSelected', { n: selected.length })}
              </Button>
            )}
          </Space>
        </Form.Item>
      </Form>
      <ResponsiveTable<TRatingCodeRow>
        rowKey="code"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowSelection={
          canPrint
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), preserveSelectedRowKeys: true }
            : undefined
        }
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('ratings.name'), render: (_, r) => name(r) },
          {
            title: t('ratings.targetType'),
            render: (_, r) => (
              <Space size={4}>
                <Tag>{label(RATING_TARGET_LABELS, r.targetType)}</Tag>
                {en ? r.kind.en : r.kind.zh}
              </Space>
            ),
          },
          { title: t('ratings.code'), dataIndex: 'code', render: (c) => <code data-testid="rating-code">{c}</code> },
          {
            title: t('ratings.average'),
            render: (_, r) =>
              r.count ? (
                <Space size={4}>
                  <Rate disabled allowHalf value={Math.round((r.average ?? 0) * 2) / 2} style={{ fontSize: 12 }} />
                  {r.average?.toFixed(1)}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('ratings.count'), dataIndex: 'count' },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setOpen(r)} data-testid="show-ratings">
                  {t('ratings.view')}
                </Button>
                {canPrint && (
                  <Button size="small" href={`/api/ratings/codes/${r.code}/sheet.pdf`} data-testid="print-one">
                    {t('ratings.print')}
                  </Button>
                )}
                {canPrint && (
                  <Popconfirm
                    title={t('ratings.replaceTitle')}
                    description={<div style={{ maxWidth: 320 }}>{t('ratings.replaceConfirm', { code: r.code })}</div>}
                    okText={t('ratings.replaceOk')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => replace(r)}
                  >
                    <Button size="small" danger loading={replacing === r.code} data-testid="replace-code">
                      {t('ratings.replace')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} size={560} title={open ? name(open) : ''} destroyOnHidden>
        {open && <TargetRatings row={open} />}
      </Drawer>
    </Card>
  );
}

/** What tourists said about one target: averages per dimension and the newest ratings (phones masked). */
function TargetRatings({ row }: { row: TRatingCodeRow }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [page, setPage] = useState(1);
  const data = useQuery({
    queryKey: ['rating-codes', row.code, 'ratings', page],
    queryFn: () => api.get<TTargetRatings>(`/api/ratings/codes/${row.code}/ratings${qs({ page, pageSize: 10 })}`),
  });
  const dims = RATING_DIMENSIONS[row.targetType];
  const d = data.data;
  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title={t('ratings.summary', { avg: d?.average?.toFixed(1) ?? '—', n: d?.count ?? 0 })}
        description={dims.map((x) => `${en ? x.en : x.zh} ${d?.dimensions[x.code]?.toFixed(1) ?? '—'}`).join(' · ')}
      />
      <List<TStaffRating>
        loading={data.isLoading}
        dataSource={d?.items ?? []}
        locale={{ emptyText: t('ratings.none') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: d?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        renderItem={(r) => (
          <List.Item extra={r.workOrderId ? <Tag color="red">{t('ratings.complaint')}</Tag> : null}>
            <List.Item.Meta
              title={
                <Space>
                  <Rate disabled value={r.overall} style={{ fontSize: 12 }} />
                  <span style={{ color: '#5f6368', fontWeight: 'normal' }}>
                    {r.touristPhoneMasked ?? '—'} · {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
                  </span>
                </Space>
              }
              description={
                <>
                  {r.comment ?? <span style={{ color: '#6b7280' }}>{t('ratings.noComment')}</span>}
                  {r.photoIds.length > 0 && (
                    <div style={{ marginTop: 8 }}>
                      <Image.PreviewGroup>
                        <Space wrap size={6}>
                          {r.photoIds.map((p) => (
                            <Image
                              key={p}
                              src={`/api/files/${p}`}
                              width={64}
                              height={64}
                              style={{ objectFit: 'cover', borderRadius: 4 }}
                              data-testid="rating-photo"
                            />
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
