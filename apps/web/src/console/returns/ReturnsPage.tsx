import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RETURN_OUTCOMES,
  RETURN_STATUS_LABELS,
  RETURN_STATUSES,
  type TReturnOutcome,
  type TReturnRequestView,
  type TReturnStatus,
} from '@zhilv/contracts';
import { Button, Card, Form, Input, InputNumber, Modal, message, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, isEn, label } from '../../lib/format';
import { PledgeCard } from './PledgeCard';
import { Countdown, category, Details, STATUS_COLOR, useNow, yuan } from './parts';

type TPage = { items: TReturnRequestView[]; total: number; page: number; pageSize: number };

/**
 * 退货申请: the shop signs its pledge, answers its own within the local rule's hours (a refund or an exchange, or a
 * refusal) and records the refund or exchange done; the department the work order went to records 先行赔付.
 */
export function ReturnsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const now = useNow();
  const role = me.data?.role;
  const isShop = role === 'business';
  const [status, setStatus] = useState<TReturnStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<{ r: TReturnRequestView; decision: 'accept' | 'refuse' } | null>(null);
  const [paying, setPaying] = useState<TReturnRequestView | null>(null);
  const [completing, setCompleting] = useState<TReturnRequestView | null>(null);
  const [completeForm] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [answerForm] = Form.useForm<{ note?: string; outcome?: TReturnOutcome }>();
  const [payForm] = Form.useForm<{ amount: number; note: string }>();
  const q = useQuery({
    queryKey: ['console', 'returns', status, page],
    queryFn: () => api.get<TPage>(`/api/returns${qs({ status, page, pageSize: 20 })}`),
    enabled: !!me.data,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['console', 'returns'] });
  const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));

  const sendAnswer = async () => {
    if (!answering) return;
    const v = await answerForm.validateFields();
    setBusy(true);
    try {
      const r = await api.post<TReturnRequestView>(`/api/returns/${answering.r.id}/answer`, {
        decision: answering.decision,
        ...(answering.decision === 'accept' ? { outcome: v.outcome ?? 'refund' } : {}),
        note: v.note?.trim() ?? '',
      });
      message.success(
        r.status === 'escalated'
          ? t('returns.refusedDone', { no: r.workOrderTrackingNo ?? '' })
          : t('returns.acceptedDone'),
      );
      setAnswering(null);
      answerForm.resetFields();
      await refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const sendComplete = async () => {
    if (!completing) return;
    const v = await completeForm.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/returns/${completing.id}/complete`, { note: v.note?.trim() ?? '' });
      message.success(t('returnsLocal.completedDone'));
      setCompleting(null);
      completeForm.resetFields();
      await refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const sendCompensation = async () => {
    if (!paying) return;
    const v = await payForm.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/returns/${paying.id}/compensation`, {
        amountFen: Math.round(v.amount * 100),
        note: v.note.trim(),
      });
      message.success(t('returns.compensatedDone'));
      setPaying(null);
      payForm.resetFields();
      await refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('returns.title')}
      extra={
        <Select<TReturnStatus>
          allowClear
          placeholder={t('returns.allStatuses')}
          aria-label={t('returns.allStatuses')}
          style={{ width: 180 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={RETURN_STATUSES.filter((s) => s !== 'refused').map((s) => ({
            value: s,
            label: label(RETURN_STATUS_LABELS, s),
          }))}
          data-testid="returns-status-filter"
        />
      }
    >
      {isShop && <PledgeCard />}
      <p style={{ color: '#666', marginTop: 0 }}>{isShop ? t('returns.shopHint') : t('returns.deptHint')}</p>
      {(role === 'dispatcher' || role === 'leader') && (
        <p>
          <Link to="/console/returns/fund">{t('returnsLocal.fundTitle')}</Link>
        </p>
      )}
      <ResponsiveTable<TReturnRequestView>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="returns-table"
        expandable={{ expandedRowRender: (r) => <Details r={r} /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        onRow={(r) => ({ 'data-testid': 'return-row', 'data-tracking': r.trackingNo }) as object}
        columns={[
          {
            title: t('returns.trackingNo'),
            key: 'no',
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.trackingNo}
                <div>
                  <Tag color={STATUS_COLOR[r.status]} data-testid="return-row-status">
                    {label(RETURN_STATUS_LABELS, r.status)}
                  </Tag>
                </div>
              </span>
            ),
          },
          ...(isShop
            ? []
            : [
                {
                  title: t('returns.shop'),
                  key: 'shop',
                  render: (_: unknown, r: TReturnRequestView) => (isEn() && r.businessNameEn) || r.businessName,
                },
              ]),
          {
            title: t('returns.item'),
            key: 'item',
            render: (_, r) => (
              <span>
                {r.item}
                <div style={{ color: '#5f6368', fontSize: 12 }}>{category(r.goodsCategory, r)}</div>
              </span>
            ),
          },
          { title: t('returns.amount'), key: 'amount', align: 'right', render: (_, r) => yuan(r.amountFen) },
          {
            title: t('returns.purchasedOn'),
            key: 'day',
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.purchasedOn}
                <div style={{ color: '#5f6368', fontSize: 12 }}>
                  {t('returns.filedAt')} {fmtTime(r.createdAt)}
                </div>
              </span>
            ),
          },
          {
            title: t('returns.tourist'),
            key: 'tourist',
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.touristName ?? '—'}
                <div style={{ color: '#5f6368', fontSize: 12 }}>{r.touristPhoneMasked}</div>
              </span>
            ),
          },
          { title: t('returns.deadline'), key: 'deadline', render: (_, r) => <Countdown r={r} now={now} /> },
          {
            title: t('returns.workOrder'),
            key: 'wo',
            render: (_, r) =>
              r.workOrderId ? (
                <Link to={`/console/work-orders/${r.workOrderId}`} data-testid="return-work-order">
                  {r.workOrderTrackingNo}
                </Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('returns.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space>
                {r.can.answer && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setAnswering({ r, decision: 'accept' })}
                      data-testid="return-accept"
                    >
                      {t('returns.accept')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setAnswering({ r, decision: 'refuse' })}
                      data-testid="return-refuse"
                    >
                      {t('returns.refuse')}
                    </Button>
                  </>
                )}
                {r.can.complete && (
                  <Button size="small" type="primary" onClick={() => setCompleting(r)} data-testid="return-complete">
                    {t('returnsLocal.complete')}
                  </Button>
                )}
                {r.can.compensate && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setPaying(r);
                      payForm.setFieldsValue({ amount: r.amountFen / 100 });
                    }}
                    data-testid="return-compensate"
                  >
                    {t('returns.compensate')}
                  </Button>
                )}
                {r.compensationFen != null && (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t('returns.compensate')} {yuan(r.compensationFen)}
                  </span>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!answering}
        title={answering?.decision === 'refuse' ? t('returns.refuseTitle') : t('returns.acceptTitle')}
        okText={answering?.decision === 'refuse' ? t('returns.refuse') : t('returns.accept')}
        okButtonProps={{ danger: answering?.decision === 'refuse', loading: busy, id: 'return-answer-ok' }}
        onOk={sendAnswer}
        onCancel={() => setAnswering(null)}
        destroyOnHidden
      >
        {answering?.decision === 'refuse' && <p style={{ color: '#d4380d' }}>{t('returns.refuseWarning')}</p>}
        <Form form={answerForm} layout="vertical" initialValues={{ outcome: 'refund' }}>
          {answering?.decision === 'accept' && (
            <Form.Item name="outcome" label={t('returnsLocal.outcome')}>
              <Radio.Group
                aria-label={t('returnsLocal.outcome')}
                options={RETURN_OUTCOMES.map((o) => ({ value: o, label: t(`returnsLocal.${o}`) }))}
                data-testid="return-outcome"
              />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={answering?.decision === 'refuse' ? t('returns.refuseReason') : t('returns.acceptNote')}
            rules={
              answering?.decision === 'refuse'
                ? [{ required: true, min: 2, whitespace: true, message: t('returns.refuseReasonRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="return-answer-note" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!completing}
        title={t('returnsLocal.completeTitle')}
        okText={t('returnsLocal.complete')}
        okButtonProps={{ loading: busy, id: 'return-complete-ok' }}
        onOk={sendComplete}
        onCancel={() => setCompleting(null)}
        destroyOnHidden
      >
        {completing?.outcome && (
          <p>
            {t('returnsLocal.outcome')}：{t(`returnsLocal.${completing.outcome}`)}
          </p>
        )}
        <Form form={completeForm} layout="vertical">
          <Form.Item name="note" label={t('returnsLocal.completeNote')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="return-complete-note" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!paying}
        title={t('returns.compensateTitle')}
        okText={t('returns.compensate')}
        okButtonProps={{ loading: busy, id: 'return-compensate-ok' }}
        onOk={sendCompensation}
        onCancel={() => setPaying(null)}
        destroyOnHidden
      >
        {paying && <p>{t('returns.compensateHint', { amount: yuan(paying.amountFen) })}</p>}
        <Form form={payForm} layout="vertical">
          <Form.Item
            name="amount"
            label={t('returns.compensationAmount')}
            rules={[
              { required: true, message: t('returns.required') },
              {
                validator: (_, v) =>
                  v > 0 && paying && Math.round(v * 100) <= paying.amountFen
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('returns.compensationTooMuch'))),
              },
            ]}
          >
            <InputNumber
              min={0.01}
              step={1}
              precision={2}
              prefix="¥"
              style={{ width: 200 }}
              data-testid="return-compensation-amount"
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('returns.compensationNote')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('returns.required') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="return-compensation-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
