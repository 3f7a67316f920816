import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EVALUATION_GRADE_LABELS,
  SELF_ASSESSMENT_QUESTIONS,
  SELF_ASSESSMENT_SCALE,
  type TEvaluation,
  type TEvaluationWeights,
  type TEvaluationWeightsInput,
  type TSelfAssessment,
} from '@zhilv/contracts';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, message, Radio, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';

const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const useWeights = () =>
  useQuery({
    queryKey: ['credit', 'evaluation', 'weights'],
    queryFn: () => api.get<TEvaluationWeights>('/api/credit/evaluation/weights'),
  });

/**
 * 三方评价 for staff: the weights (the system admin edits them; each edit is a new version), the run for a year
 * (system admin), and the year's results — government, self-assessment, tourists, total and grade — searchable,
 * as cards on a phone.
 */
export function EvaluationPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe().data;
  const admin = me?.role === 'system_admin';
  const qc = useQueryClient();
  const [year, setYear] = useState(thisYear());
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['credit', 'evaluation', 'list', year, q],
    queryFn: () =>
      api.get<TEvaluation[]>(`/api/credit/evaluations?year=${year}${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  });
  const run = useMutation({
    mutationFn: () => api.post<{ evaluated: number; skipped: number }>('/api/credit/evaluations/run', { year }),
    onSuccess: (r) => {
      message.success(t('creditMod.evalRunDone', { n: r.evaluated, skipped: r.skipped }));
      qc.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  const part = (v: number | null) => (v === null ? '—' : v);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <WeightsCard admin={admin} />
      <Card title={t('creditMod.evalResults')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <InputNumber
            aria-label={t('creditMod.evalYear')}
            addonBefore={t('creditMod.evalYear')}
            min={2000}
            max={thisYear()}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="eval-year"
          />
          <Input.Search
            allowClear
            aria-label={t('creditMod.evalSearch')}
            placeholder={t('creditMod.evalSearch')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 220, maxWidth: '100%' }}
          />
          {admin && (
            <Button
              type="primary"
              loading={run.isPending}
              data-testid="eval-run"
              onClick={() =>
                Modal.confirm({
                  title: t('creditMod.evalRunConfirm', { year }),
                  onOk: () => run.mutateAsync(),
                })
              }
            >
              {t('creditMod.evalRun')}
            </Button>
          )}
        </Space>
        <ResponsiveTable
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('creditMod.subject'), render: (_, r) => r.businessName },
            { title: t('creditMod.evalGovernment'), align: 'right', render: (_, r) => part(r.government) },
            { title: t('creditMod.evalSelf'), align: 'right', render: (_, r) => r.selfAssessment },
            { title: t('creditMod.evalTourist'), align: 'right', render: (_, r) => part(r.tourist) },
            { title: t('creditMod.evalTotal'), align: 'right', render: (_, r) => r.total },
            {
              title: t('creditMod.grade'),
              render: (_, r) => (
                <Tag color={GRADE_COLOR[r.grade]}>
                  {en ? EVALUATION_GRADE_LABELS[r.grade].en : EVALUATION_GRADE_LABELS[r.grade].zh}
                </Tag>
              ),
            },
            {
              title: t('creditMod.evalInputs'),
              render: (_, r) =>
                t('creditMod.evalInputsText', {
                  inspections: r.inputs.inspections,
                  failed: r.inputs.failedInspections,
                  cases: r.inputs.cases,
                  ratings: r.inputs.ratings,
                  avg: r.inputs.ratingAverage ?? '—',
                  complaints: r.inputs.complaints,
                  perThousand: r.inputs.complaintsPerThousand ?? '—',
                }),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function WeightsCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const w = useWeights();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: TEvaluationWeightsInput) => api.put('/api/credit/evaluation/weights', v),
    onSuccess: () => {
      message.success(t('creditMod.done'));
      qc.invalidateQueries({ queryKey: ['credit', 'evaluation'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  if (!w.data) return <Card loading />;
  const fields = ['government', 'selfAssessment', 'tourist', 'gradeAMin', 'gradeBMin', 'gradeCMin'] as const;
  return (
    <Card title={`${t('creditMod.evalWeights')} · v${w.data.version}`}>
      <p style={{ color: '#666', marginTop: 0 }}>{t('creditMod.evalFormula')}</p>
      <Form
        key={w.data.version}
        layout="inline"
        initialValues={w.data}
        disabled={!admin}
        onFinish={(v: TEvaluationWeightsInput) => save.mutate(v)}
      >
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={t(`creditMod.ew_${f}`)} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={100} data-testid={`weight-${f}`} />
          </Form.Item>
        ))}
        {admin && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="weights-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** The business's own questionnaire for the year (企业自评), until the year is evaluated. */
export function SelfAssessmentPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const year = thisYear();
  const qc = useQueryClient();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const q = useQuery({
    queryKey: ['credit', 'evaluation', 'self', year],
    queryFn: () =>
      api.get<{ assessment: TSelfAssessment | null; locked: boolean }>(`/api/credit/self-assessments/${year}`),
  });
  const submit = useMutation({
    mutationFn: (answers: number[]) =>
      api.put<TSelfAssessment>(`/api/credit/self-assessments/${year}`, { answers }, { idempotencyKey: key }),
    onSuccess: (r) => {
      message.success(t('creditMod.selfSaved', { score: r.score }));
      setKey(crypto.randomUUID());
      qc.invalidateQueries({ queryKey: ['credit', 'evaluation'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  if (!q.data) return <Card loading />;
  const a = q.data.assessment;
  const initial = Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((x, i) => [x.code, a?.answers[i]]));
  return (
    <Card title={t('creditMod.selfTitle', { year })}>
      {a && (
        <Alert
          style={{ marginBottom: 12 }}
          type={q.data.locked ? 'info' : 'success'}
          message={t(q.data.locked ? 'creditMod.selfLocked' : 'creditMod.selfCurrent', { score: a.score })}
        />
      )}
      <Form
        layout="vertical"
        initialValues={initial}
        disabled={q.data.locked}
        onFinish={(v: Record<string, number>) => submit.mutate(SELF_ASSESSMENT_QUESTIONS.map((x) => v[x.code]))}
      >
        {SELF_ASSESSMENT_QUESTIONS.map((x, i) => (
          <Form.Item
            key={x.code}
            name={x.code}
            label={`${i + 1}. ${en ? x.en : x.zh}`}
            rules={[{ required: true, message: t('creditMod.selfRequired') }]}
          >
            <Radio.Group
              aria-label={en ? x.en : x.zh}
              data-testid={`self-${x.code}`}
              options={SELF_ASSESSMENT_SCALE.map((s) => ({ value: s.value, label: en ? s.en : s.zh }))}
            />
          </Form.Item>
        ))}
        {!q.data.locked && (
          <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="self-submit">
            {t('common.submit')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
