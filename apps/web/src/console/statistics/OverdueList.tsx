import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  KIND_LABELS,
  SLA_CLOCK_LABELS,
  type TSlaClock,
  type TWorkOrderKind,
  type TWorkOrderStatus,
} from '@zhilv/contracts';
import {
  Button,
  type ButtonProps,
  Card,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  message,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../components/StatusTag';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, isEn, label, nameIn } from '../../lib/format';

type TStage = 'overdue' | 'urge_2' | 'report_leader';
export type TOverdueItem = {
  id: string;
  trackingNo: string;
  kind: TWorkOrderKind;
  status: TWorkOrderStatus;
  departmentName: string | null;
  businessName: string | null;
  overdueClock: TSlaClock;
  deadlineAt: string;
  overdueMinutes: number;
  stage: TStage;
  urgeCount: number;
};
const OPEN: TWorkOrderStatus[] = ['pending', 'dispatched', 'handling', 'awaiting_material'];
const STAGE_COLOR: Record<TStage, string> = { overdue: 'orange', urge_2: 'volcano', report_leader: 'red' };

/** "2 天 5 小时" / "2 d 5 h": how long past the deadline, in the reader's language. */
export function fmtOverdue(minutes: number) {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (isEn()) return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
  return d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分钟` : `${m} 分钟`;
}

/** The urge button: asks for the reason (it goes on the order's timeline and to the department). */
function UrgeButton({ item, onDone }: { item: TOverdueItem; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await api.post(`/api/work-orders/${item.id}/urge`, { reason });
      message.success(t('desk.overdue.urged', { no: item.trackingNo }));
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        danger
        size="small"
        onClick={() => {
          form.setFieldsValue({ reason: t('desk.overdue.defaultReason') });
          setOpen(true);
        }}
        data-testid={`urge-${item.trackingNo}`}
      >
        {t('desk.overdue.urge')}
      </Button>
      <Modal
        open={open}
        title={`${t('desk.overdue.urge')} · ${item.trackingNo}`}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('desk.overdue.urge')}
        okButtonProps={{ loading: busy, danger: true, 'data-testid': 'urge-confirm' } as ButtonProps}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="reason" label={t('desk.overdue.reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} data-testid="urge-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function StageTag({ stage }: { stage: TStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLOR[stage]}>{t(`desk.overdue.stage.${stage}`)}</Tag>;
}

/**
 * The overdue list (督办): every open order past a deadline, with its status, the clock it broke, how long ago,
 * the escalation stage, the department — and the urge button. Cards on a phone, a table on a desk.
 */
export function OverdueList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const [filter, setFilter] = useState<Record<string, string>>({});
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ id: string; name: string; nameEn: string }[]>('/api/departments'),
    enabled: me.data?.role !== 'department_head',
  });
  const q = useQuery({
    queryKey: ['stats-overdue', filter],
    queryFn: () => api.get<{ items: TOverdueItem[] }>(`/api/statistics/work-orders/overdue${qs(filter)}`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['stats-overdue'] });
  const items = q.data?.items ?? [];
  const apply = (v: Record<string, string | undefined>) =>
    setFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Record<string, string>);
  const filters = (
    <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 8, marginBottom: 12 }}>
      {me.data?.role !== 'department_head' && (
        <Form.Item name="departmentId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('wo.department')}
            style={{ width: 200 }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: nameIn(d.name, d.nameEn) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="clock">
        <Select
          allowClear
          placeholder={t('desk.overdue.clock')}
          style={{ width: 130 }}
          options={(['response', 'resolution'] as const).map((c) => ({ value: c, label: label(SLA_CLOCK_LABELS, c) }))}
        />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t('wo.status')}
          style={{ width: 130 }}
          options={OPEN.map((s) => ({ value: s, label: <StatusTag status={s} /> }))}
        />
      </Form.Item>
      <Form.Item name="q">
        <Input allowClear placeholder={t('wo.trackingNo')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
  const total = <Typography.Text type="secondary">{t('common.total', { n: items.length })}</Typography.Text>;
  if (!screens.md)
    return (
      <>
        {filters}
        {total}
        {!items.length && !q.isLoading && <Empty description={t('desk.overdue.none')} />}
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="overdue-cards">
          {items.map((o) => (
            <Card
              key={o.id}
              size="small"
              title={<Link to={`/console/work-orders/${o.id}`}>{o.trackingNo}</Link>}
              extra={<StatusTag status={o.status} />}
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong type="danger">
                  {t('desk.overdue.late', {
                    clock: label(SLA_CLOCK_LABELS, o.overdueClock),
                    d: fmtOverdue(o.overdueMinutes),
                  })}
                </Typography.Text>
                <Space wrap size={4}>
                  <StageTag stage={o.stage} />
                  <Tag>{label(KIND_LABELS, o.kind)}</Tag>
                  {o.urgeCount > 0 && <Tag>{t('desk.overdue.urges', { n: o.urgeCount })}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {o.departmentName ?? t('desk.overdue.noDepartment')}
                  {o.businessName ? ` · ${o.businessName}` : ''}
                </Typography.Text>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('desk.overdue.deadline')} {fmtTime(o.deadlineAt)}
                  </Typography.Text>
                  <UrgeButton item={o} onDone={refresh} />
                </Space>
              </Space>
            </Card>
          ))}
        </Space>
      </>
    );
  return (
    <>
      {filters}
      <Table<TOverdueItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          {
            title: t('wo.trackingNo'),
            dataIndex: 'trackingNo',
            render: (v, r) => <Link to={`/console/work-orders/${r.id}`}>{v}</Link>,
          },
          { title: t('wo.status'), dataIndex: 'status', render: (s) => <StatusTag status={s} /> },
          {
            title: t('desk.overdue.overdueFor'),
            dataIndex: 'overdueMinutes',
            sorter: (a, b) => a.overdueMinutes - b.overdueMinutes,
            defaultSortOrder: 'descend',
            render: (m: number, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong type="danger">
                  {fmtOverdue(m)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {label(SLA_CLOCK_LABELS, r.overdueClock)} · {fmtTime(r.deadlineAt)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('desk.overdue.stageCol'),
            dataIndex: 'stage',
            render: (s: TStage, r) => (
              <Space size={4}>
                <StageTag stage={s} />
                {r.urgeCount > 0 && <Tag>{t('desk.overdue.urges', { n: r.urgeCount })}</Tag>}
              </Space>
            ),
          },
          { title: t('wo.kind'), dataIndex: 'kind', render: (k) => label(KIND_LABELS, k) },
          { title: t('wo.department'), dataIndex: 'departmentName', render: (v) => v ?? '—' },
          {
            title: t('wo.business'),
            dataIndex: 'businessName',
            render: (v: string | null) => (
              <Typography.Text style={{ maxWidth: 200 }} ellipsis={{ tooltip: v }}>
                {v ?? '—'}
              </Typography.Text>
            ),
          },
          // kept in view however wide the table: urging is what the list is for
          { title: t('common.actions'), fixed: 'right', render: (_, r) => <UrgeButton item={r} onDone={refresh} /> },
        ]}
      />
    </>
  );
}
