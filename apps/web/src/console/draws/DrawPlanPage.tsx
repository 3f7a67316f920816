import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUSINESS_KIND_LABELS,
  DRAW_GRADE_LABELS,
  DRAW_GRADES,
  type TBusinessKind,
  type TDrawPlanDetail,
  type TDrawTaskView,
} from '@zhilv/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Spin, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { fmtTime, isEn, label } from '../../lib/format';
import { fail, Hash, PlanStatus, resultLabel, TaskStatus } from './parts';

/** A plan: its parameters, the freeze (pools and hashes), the draw with the public value, its tasks, publication. */
export function DrawPlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [drawing, setDrawing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ publicValue: string }>();
  const key = ['console', 'draw-plan', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<TDrawPlanDetail>(`/api/draws/plans/${id}`) });
  const p = q.data;

  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      const next = await api.post<TDrawPlanDetail>(`/api/draws/plans/${id}/${path}`, body);
      qc.setQueryData(key, next);
      await qc.invalidateQueries({ queryKey: ['console', 'draw-plans'] });
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (q.isLoading) return <Spin />;
  if (!p) return <Alert type="error" message={t('draws.plan.notFound')} />;
  const step =
    p.status === 'draft' ? 0 : p.status === 'frozen' ? 1 : p.tasks.some((x) => x.status === 'published') ? 3 : 2;
  const kinds = p.kinds.length
    ? p.kinds.map((k) => label(BUSINESS_KIND_LABELS, k as TBusinessKind)).join('、')
    : t('common.all');

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <span data-testid="plan-title">
            {p.name} <PlanStatus status={p.status} />
          </span>
        }
        extra={<Link to="/console/draws/plans">{t('common.back')}</Link>}
      >
        <Steps
          size="small"
          current={step}
          responsive
          items={[
            { title: t('draws.plan.stepDraft') },
            { title: t('draws.plan.stepFrozen') },
            { title: t('draws.plan.stepDrawn') },
            { title: t('draws.plan.stepPublished') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('draws.plans.departments')}>
            {p.departments.map((d) => (isEn() ? d.en : d.zh)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.period')}>
            {p.periodStart} – {p.periodEnd}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.kinds')}>{kinds}</Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.counties')}>
            {p.countyCodes.length ? p.countyCodes.join('、') : t('common.all')}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.grades')}>
            {p.grades.length ? p.grades.map((g) => label(DRAW_GRADE_LABELS, g)).join('、') : t('common.all')}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.ratios')}>
            {DRAW_GRADES.map((g) => `${label(DRAW_GRADE_LABELS, g)} ${Math.round(p.ratios[g] * 1000) / 10}%`).join(
              '；',
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.perTarget')}>{p.inspectorsPerTarget}</Descriptions.Item>
          <Descriptions.Item label={t('draws.plans.workingDays')}>{p.taskWorkingDays}</Descriptions.Item>
          <Descriptions.Item label={t('draws.plan.pools')}>
            {p.targetPoolSize === null
              ? '—'
              : t('draws.plan.poolSizes', { targets: p.targetPoolSize, inspectors: p.inspectorPoolSize })}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          {p.mayFreeze && (
            <Popconfirm title={t('draws.plan.freezeConfirm')} onConfirm={() => void act('freeze')}>
              <Button type="primary" loading={busy} data-testid="freeze">
                {t('draws.plan.freeze')}
              </Button>
            </Popconfirm>
          )}
          {p.mayDraw && (
            <Button type="primary" onClick={() => setDrawing(true)} data-testid="draw">
              {t('draws.plan.draw')}
            </Button>
          )}
          {p.mayPublish && (
            <Popconfirm title={t('draws.plan.publishConfirm')} onConfirm={() => void act('publish')}>
              <Button loading={busy} data-testid="publish">
                {t('draws.plan.publish')}
              </Button>
            </Popconfirm>
          )}
          {p.status === 'drawn' && (
            <a href={`/draws/${p.id}/verify`} target="_blank" rel="noreferrer" data-testid="verify-link">
              {t('draws.plan.verifyLink')}
            </a>
          )}
        </Space>
      </Card>

      {p.status !== 'draft' && (
        <Card title={t('draws.plan.record')} size="small">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('draws.plan.algorithm')}>{p.algorithm}</Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.frozenAt')}>{fmtTime(p.frozenAt)}</Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.planHash')}>
              <Hash value={p.planHash} />
            </Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.targetPoolHash')}>
              <Hash value={p.targetPoolHash} />
            </Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.inspectorPoolHash')}>
              <Hash value={p.inspectorPoolHash} />
            </Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.publicValue')}>
              <span data-testid="public-value">{p.publicValue ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.seed')}>
              <Hash value={p.seed} />
            </Descriptions.Item>
            <Descriptions.Item label={t('draws.plan.drawnAt')}>{fmtTime(p.drawnAt)}</Descriptions.Item>
            {p.byGrade && (
              <Descriptions.Item label={t('draws.plan.byGrade')}>
                {DRAW_GRADES.filter((g) => p.byGrade?.[g].pool).map((g) => (
                  <Tag key={g}>
                    {label(DRAW_GRADE_LABELS, g)} {p.byGrade?.[g].drawn}/{p.byGrade?.[g].pool}
                  </Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          {p.unassigned.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              message={t('draws.plan.unassigned', { n: p.unassigned.length })}
            />
          )}
        </Card>
      )}

      {p.tasks.length > 0 && (
        <Card title={t('draws.plan.tasks', { n: p.tasks.length })} size="small">
          <TaskTable tasks={p.tasks} />
        </Card>
      )}

      <Modal
        open={drawing}
        title={t('draws.plan.draw')}
        onCancel={() => setDrawing(false)}
        confirmLoading={busy}
        okText={t('draws.plan.drawNow')}
        onOk={async () => {
          const v = await form.validateFields();
          if (await act('draw', { publicValue: v.publicValue.trim() })) setDrawing(false);
        }}
      >
        <p style={{ color: '#666' }}>{t('draws.plan.publicValueHint')}</p>
        <Form form={form} layout="vertical">
          <Form.Item
            name="publicValue"
            label={t('draws.plan.publicValue')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input data-testid="public-value-input" placeholder="2026-12-01 福彩3D 517" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export function TaskTable({
  tasks,
  actions,
}: {
  tasks: TDrawTaskView[];
  actions?: (r: TDrawTaskView) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable<TDrawTaskView>
      rowKey="id"
      dataSource={tasks}
      size="small"
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20 }}
      onRow={(r) => ({ 'data-testid': 'task-row', 'data-business': r.businessName }) as object}
      columns={[
        {
          title: t('draws.task.business'),
          key: 'business',
          render: (_, r) => (
            <span>
              {(isEn() && r.businessNameEn) || r.businessName}
              <div style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>{r.uscc}</div>
            </span>
          ),
        },
        { title: t('draws.task.status'), key: 'status', render: (_, r) => <TaskStatus status={r.status} /> },
        {
          title: t('draws.task.inspectors'),
          key: 'inspectors',
          render: (_, r) => r.inspectors.map((i) => `${i.name}（${i.certificateNo ?? '—'}）`).join('、'),
        },
        { title: t('draws.task.dueAt'), key: 'due', render: (_, r) => fmtTime(r.dueAt) },
        { title: t('draws.task.result'), key: 'result', render: (_, r) => resultLabel(r.result) },
        { title: t('draws.task.inspectedAt'), key: 'inspectedAt', render: (_, r) => fmtTime(r.inspectedAt) },
        { title: t('draws.task.publishBy'), key: 'publishBy', render: (_, r) => fmtTime(r.publishedAt ?? r.publishBy) },
        ...(actions ? [{ key: 'actions', render: (_: unknown, r: TDrawTaskView) => actions(r) }] : []),
      ]}
    />
  );
}
