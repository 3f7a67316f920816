import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  KIND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  type TWorkOrderSummary,
  WORK_ORDER_KINDS,
  WORK_ORDER_SOURCES,
  WORK_ORDER_STATUSES,
} from '@zhilv/contracts';
import { Badge, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SearchTable } from '../../components/SearchTable';
import { StatusTag } from '../../components/StatusTag';
import { fmtTime, label } from '../../lib/format';
import { useLiveInvalidate } from '../../lib/sse';
import { Deadline } from './Deadline';

const options = <K extends string>(ids: readonly K[], labels: Record<K, { zh: string; en: string }>) =>
  ids.map((id) => ({ value: id, label: label(labels, id) }));

/** The live queue: the server scopes it to the role (all, the department's, the business's). */
export function WorkOrderListPage() {
  const { t } = useTranslation();
  useLiveInvalidate('/api/work-orders/events', 'work-order', [['work-orders']]);
  return (
    <SearchTable<TWorkOrderSummary>
      queryKey="work-orders"
      url="/api/work-orders"
      rowClassName={(r) => (r.overdue ? 'zl-overdue' : '')}
      extra={<Badge status="processing" text={t('wo.live')} />}
      fields={
        <>
          <Form.Item name="q">
            <Input placeholder={`${t('wo.trackingNo')} / ${t('wo.keyword')}`} allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="status">
            <Select
              placeholder={t('wo.status')}
              allowClear
              style={{ width: 130 }}
              options={options(WORK_ORDER_STATUSES, STATUS_LABELS)}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              placeholder={t('wo.kind')}
              allowClear
              style={{ width: 110 }}
              options={options(WORK_ORDER_KINDS, KIND_LABELS)}
            />
          </Form.Item>
          <Form.Item name="category">
            <Select
              placeholder={t('wo.category')}
              allowClear
              style={{ width: 180 }}
              options={options(CATEGORY_IDS, CATEGORY_LABELS)}
            />
          </Form.Item>
          <Form.Item name="source">
            <Select
              placeholder={t('wo.source')}
              allowClear
              style={{ width: 120 }}
              options={options(WORK_ORDER_SOURCES, SOURCE_LABELS)}
            />
          </Form.Item>
          <Form.Item name="overdue">
            <Select
              placeholder={t('wo.overdue')}
              allowClear
              style={{ width: 110 }}
              options={[{ value: 'true', label: t('wo.overdueOnly') }]}
            />
          </Form.Item>
        </>
      }
      columns={[
        {
          title: t('wo.trackingNo'),
          dataIndex: 'trackingNo',
          fixed: 'left',
          render: (v, r) => (
            <Link to={`/console/work-orders/${r.id}`} data-testid="order-link">
              {v}
            </Link>
          ),
        },
        { title: t('wo.status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
        // the deadline next to the status: at 1440 px, at the table's end, it sat off-screen
        {
          title: t('wo.resolutionDue'),
          dataIndex: 'resolutionDueAt',
          render: (v, r) => (
            <Space direction="vertical" size={2}>
              <Deadline
                at={v}
                stopped={!['pending', 'dispatched', 'handling', 'awaiting_material'].includes(r.status)}
              />
              {r.overdue && (
                <Tag color="red">
                  {t('wo.overdue')}
                  {r.urgeCount ? ` · ${r.urgeCount}` : ''}
                </Tag>
              )}
            </Space>
          ),
        },
        {
          title: `${t('wo.kind')} / ${t('wo.category')}`,
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <span>{label(KIND_LABELS, r.kind)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {label(CATEGORY_LABELS, r.category)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('wo.text'),
          dataIndex: 'text',
          render: (v: string) => (
            <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: v }}>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('wo.business'), dataIndex: 'businessName', render: (v) => v ?? '—' },
        { title: t('wo.department'), dataIndex: 'departmentName', render: (v) => v ?? '—' },
        {
          title: `${t('wo.createdAt')} / ${t('wo.source')}`,
          dataIndex: 'createdAt',
          render: (v, r) => (
            <Space direction="vertical" size={0}>
              <span>{fmtTime(v)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {label(SOURCE_LABELS, r.source)}
              </Typography.Text>
            </Space>
          ),
        },
      ]}
    />
  );
}
