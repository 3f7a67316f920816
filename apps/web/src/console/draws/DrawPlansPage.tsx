import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUSINESS_KIND_LABELS,
  BUSINESS_KINDS,
  DRAW_GRADE_LABELS,
  DRAW_GRADES,
  type TDrawGrade,
  type TDrawPlanSummary,
} from '@zhilv/contracts';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, isEn, label } from '../../lib/format';
import { useRegionNames } from '../master-data/RegionSelect';
import { fail, PlanStatus } from './parts';

type TPage = { items: TDrawPlanSummary[]; total: number };
type TDept = { id: string; name: string; nameEn: string };
type TForm = {
  name: string;
  departmentIds: string[];
  period: [Dayjs, Dayjs];
  kinds: string[];
  countyCodes: string[];
  grades: TDrawGrade[];
  ratios: Record<TDrawGrade, number>;
  inspectorsPerTarget: number;
  taskWorkingDays: number;
};

export const PLANNER_ROLES = ['department_head', 'leader', 'system_admin'];

/** 抽查计划: the plans of the reader's departments (all for leaders); planners start a new one. */
export function DrawPlansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TForm>();
  const regions = useRegionNames();
  const q = useQuery({
    queryKey: ['console', 'draw-plans', page],
    queryFn: () => api.get<TPage>(`/api/draws/plans${qs({ page, pageSize: 20 })}`),
    enabled: !!me.data,
  });
  const depts = useQuery({ queryKey: ['departments'], queryFn: () => api.get<TDept[]>('/api/departments') });
  const counties = [...regions.entries()].filter(([code]) => /^\d{4}(?!00)\d{2}$/.test(code));
  const planner = PLANNER_ROLES.includes(me.data?.role ?? '');

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<{ id: string }>('/api/draws/plans', {
        name: v.name.trim(),
        departmentIds: v.departmentIds,
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
        kinds: v.kinds ?? [],
        countyCodes: v.countyCodes ?? [],
        grades: v.grades ?? [],
        ratios: Object.fromEntries(DRAW_GRADES.map((g) => [g, (v.ratios?.[g] ?? 0) / 100])),
        inspectorsPerTarget: v.inspectorsPerTarget,
        taskWorkingDays: v.taskWorkingDays,
      });
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['console', 'draw-plans'] });
      nav(`/console/draws/plans/${r.id}`);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('draws.plans.title')}
      extra={
        planner && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="new-plan">
            {t('draws.plans.new')}
          </Button>
        )
      }
    >
      <p style={{ color: '#666', marginTop: 0 }}>{t('draws.plans.intro')}</p>
      <ResponsiveTable<TDrawPlanSummary>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ 'data-testid': 'plan-row', 'data-name': r.name }) as object}
        columns={[
          {
            title: t('draws.plans.name'),
            key: 'name',
            render: (_, r) => <Link to={`/console/draws/plans/${r.id}`}>{r.name}</Link>,
          },
          { title: t('draws.plans.status'), key: 'status', render: (_, r) => <PlanStatus status={r.status} /> },
          {
            title: t('draws.plans.departments'),
            key: 'depts',
            render: (_, r) => r.departments.map((d) => (isEn() ? d.en : d.zh)).join('、'),
          },
          { title: t('draws.plans.period'), key: 'period', render: (_, r) => `${r.periodStart} – ${r.periodEnd}` },
          {
            title: t('draws.plans.progress'),
            key: 'progress',
            render: (_, r) => (r.taskCount ? `${r.doneCount} / ${r.taskCount}` : '—'),
          },
          { title: t('draws.plans.drawnAt'), key: 'drawnAt', render: (_, r) => fmtTime(r.drawnAt) },
        ]}
      />
      <Modal
        open={open}
        title={t('draws.plans.new')}
        onCancel={() => setOpen(false)}
        onOk={() => void create()}
        confirmLoading={busy}
        okText={t('common.save')}
        width={640}
      >
        <Form<TForm>
          form={form}
          layout="vertical"
          initialValues={{
            inspectorsPerTarget: 2,
            taskWorkingDays: 20,
            departmentIds: me.data?.departmentId ? [me.data.departmentId] : [],
            ratios: { A: 3, B: 5, C: 10, D: 20, ungraded: 5 },
          }}
        >
          <Form.Item name="name" label={t('draws.plans.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="plan-name" />
          </Form.Item>
          <Form.Item name="departmentIds" label={t('draws.plans.departments')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              data-testid="plan-departments"
              options={(depts.data ?? []).map((d) => ({ value: d.id, label: isEn() ? d.nameEn : d.name }))}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="period" label={t('draws.plans.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="plan-period" />
          </Form.Item>
          <Form.Item name="kinds" label={t('draws.plans.kinds')} extra={t('draws.plans.emptyMeansAll')}>
            <Select
              mode="multiple"
              allowClear
              options={BUSINESS_KINDS.map((k) => ({ value: k, label: label(BUSINESS_KIND_LABELS, k) }))}
            />
          </Form.Item>
          <Form.Item name="countyCodes" label={t('draws.plans.counties')} extra={t('draws.plans.emptyMeansAll')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              options={counties.map(([code, name]) => ({ value: code, label: `${name} ${code}` }))}
            />
          </Form.Item>
          <Form.Item name="grades" label={t('draws.plans.grades')} extra={t('draws.plans.emptyMeansAll')}>
            <Select
              mode="multiple"
              allowClear
              options={DRAW_GRADES.map((g) => ({ value: g, label: label(DRAW_GRADE_LABELS, g) }))}
            />
          </Form.Item>
          <Form.Item label={t('draws.plans.ratios')} extra={t('draws.plans.ratiosHint')}>
            <Space wrap>
              {DRAW_GRADES.map((g) => (
                <Form.Item key={g} name={['ratios', g]} noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={0}
                    max={100}
                    addonBefore={label(DRAW_GRADE_LABELS, g)}
                    addonAfter="%"
                    style={{ width: 190 }}
                    data-testid={`ratio-${g}`}
                  />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Space wrap>
            <Form.Item name="inspectorsPerTarget" label={t('draws.plans.perTarget')} rules={[{ required: true }]}>
              <InputNumber min={2} max={5} />
            </Form.Item>
            <Form.Item name="taskWorkingDays" label={t('draws.plans.workingDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={120} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
