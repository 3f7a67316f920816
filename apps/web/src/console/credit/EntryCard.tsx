import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DISHONEST_STATUS_LABELS, DISHONEST_TIER_LABELS, type TDishonestEntry } from '@zhilv/contracts';
import { Button, Card, Checkbox, Descriptions, Form, Input, message, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { download, Photos } from '../inspections/parts';

const STATUS_COLOR: Record<string, string> = {
  proposed: 'default',
  noticed: 'orange',
  listed: 'red',
  withdrawn: 'default',
  exited: 'green',
  repaired: 'green',
};

/**
 * One dishonest-list entry with the step its reader may take now: the head serves the notice and decides, the
 * business objects within the window and applies for repair. The server decides; buttons only offer what it allows.
 */
export function EntryCard({ e }: { e: TDishonestEntry }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe().data;
  const qc = useQueryClient();
  const [form, setForm] = useState<null | 'objection' | 'decision' | 'repair' | 'repairDecision'>(null);
  // One Idempotency-Key per opened form: a double tap or a retry on a weak network is one submission.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [proofFiles, setProofFiles] = useState<File[]>([]);
  const open = (f: typeof form) => {
    setForm(f);
    setKey(crypto.randomUUID());
    setProofFiles([]);
  };
  const done = () => {
    message.success(t('creditMod.done'));
    setForm(null);
    qc.invalidateQueries({ queryKey: ['credit'] });
  };
  const step = useMutation({
    mutationFn: async (x: { url: string; body?: unknown; files?: File[] }) => {
      const opts = { idempotencyKey: key };
      if (!x.files) return api.post(x.url, x.body, opts);
      // the proof photos first (the files module checks them), then the application naming them
      const proofFileIds: string[] = [];
      for (const f of x.files) proofFileIds.push((await api.upload<{ id: string }>('/api/files', f, f.name)).id);
      return api.post(x.url, { ...(x.body as object), proofFileIds }, opts);
    },
    onSuccess: done,
    onError: (err: Error) => message.error(err.message),
  });
  const base = `/api/credit/dishonest-entries/${e.id}`;
  const isHead = me?.role === 'department_head';
  const isBiz = me?.role === 'business';
  const windowOpen =
    e.status === 'noticed' && !e.objectedAt && !!e.objectionDueAt && new Date(e.objectionDueAt) > new Date();
  const pendingRepair = e.repairs.find((r) => r.status === 'submitted');
  const l = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`entry-${e.id}`}
      title={
        <Space wrap>
          <Tag color={e.tier === 'serious' ? 'red' : 'orange'}>{l(DISHONEST_TIER_LABELS[e.tier])}</Tag>
          <span>{e.businessName}</span>
          <span data-testid="entry-status">
            <Tag color={STATUS_COLOR[e.status]}>{l(DISHONEST_STATUS_LABELS[e.status])}</Tag>
          </span>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('creditMod.legalBasis')}>{e.legalBasis}</Descriptions.Item>
        <Descriptions.Item label={t('creditMod.decisionNo')}>{e.decisionNo}</Descriptions.Item>
        <Descriptions.Item label={t('creditMod.reason')} span={2}>
          {e.reason}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditMod.department')}>{e.departmentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('creditMod.objectionDue')}>
          {e.objectionDueAt ? fmtTime(e.objectionDueAt) : '—'}
        </Descriptions.Item>
        {e.objection && (
          <Descriptions.Item label={t('creditMod.objection')} span={2}>
            {e.objection}
            {e.objectionDecision && ` → ${t(`creditMod.objection_${e.objectionDecision}`)}`}
          </Descriptions.Item>
        )}
        {e.listedAt && (
          <Descriptions.Item label={t('creditMod.period')} span={2}>
            {fmtTime(e.listedAt)} — {e.periodEndsAt ? fmtTime(e.periodEndsAt) : '—'}
          </Descriptions.Item>
        )}
        {e.repairs.map((r) => (
          <Descriptions.Item key={r.id} label={t('creditMod.repair')} span={2}>
            <span data-testid="repair-status">{t(`creditMod.repair_${r.status}`)}</span> · {r.proof} ·{' '}
            {t('creditMod.repairDue')} {fmtTime(r.dueAt)}
            {r.decisionNote && ` · ${r.decisionNote}`}
            {r.proofFileIds.length > 0 && (
              <div style={{ marginTop: 4 }} data-testid="repair-proof-photos">
                <Photos ids={r.proofFileIds} />
              </div>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {e.noticedAt && (
          <Button
            data-testid="notice-pdf"
            onClick={() =>
              download(`${base}/notice.pdf`, `${t('creditMod.noticePdfName')}-${e.decisionNo}.pdf`).catch((err) =>
                message.error(err.message),
              )
            }
          >
            {t('creditMod.noticePdf')}
          </Button>
        )}
        {isHead && e.status === 'proposed' && (
          <Button type="primary" data-testid="serve-notice" onClick={() => step.mutate({ url: `${base}/notice` })}>
            {t('creditMod.serveNotice')}
          </Button>
        )}
        {isHead && e.status === 'noticed' && (e.objectedAt || !windowOpen) && (
          <Button type="primary" data-testid="decide" onClick={() => open('decision')}>
            {t('creditMod.decide')}
          </Button>
        )}
        {isBiz && windowOpen && (
          <Button type="primary" data-testid="object" onClick={() => open('objection')}>
            {t('creditMod.object')}
          </Button>
        )}
        {isBiz && e.status === 'listed' && !pendingRepair && (
          <Button type="primary" data-testid="apply-repair" onClick={() => open('repair')}>
            {t('creditMod.applyRepair')}
          </Button>
        )}
        {isHead && pendingRepair && (
          <Button type="primary" data-testid="decide-repair" onClick={() => open('repairDecision')}>
            {t('creditMod.decideRepair')}
          </Button>
        )}
      </Space>
      {form === 'objection' && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) => step.mutate({ url: `${base}/objection`, body: v })}
        >
          <Form.Item name="objection" label={t('creditMod.objection')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} data-testid="objection-text" />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={step.isPending} data-testid="objection-submit">
            {t('common.submit')}
          </Button>
        </Form>
      )}
      {(form === 'decision' || form === 'repairDecision') && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v: { decision: string; note: string }) =>
            step.mutate({
              url: form === 'decision' ? `${base}/decision` : `/api/credit/repairs/${pendingRepair?.id}/decision`,
              body: v,
            })
          }
        >
          <Form.Item name="note" label={t('creditMod.decisionNote')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} data-testid="decision-note" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="decision" noStyle>
              <span />
            </Form.Item>
            <DecisionButtons form={form} accept={e.objectedAt != null} loading={step.isPending} />
          </Space>
        </Form>
      )}
      {form === 'repair' && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            step.mutate({
              url: `${base}/repairs`,
              body: { ...v, proofFileId: null, commitmentSigned: v.commitmentSigned === true },
              files: proofFiles,
            })
          }
        >
          <Form.Item name="proof" label={t('creditMod.proof')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} data-testid="repair-proof" />
          </Form.Item>
          <Form.Item
            label={t('creditMod.proofPhotos')}
            htmlFor={`proof-photos-${e.id}`}
            extra={t('creditMod.proofPhotosHint', { n: proofFiles.length })}
          >
            <input
              id={`proof-photos-${e.id}`}
              type="file"
              accept="image/*"
              multiple
              data-testid="repair-proof-files"
              onChange={(ev) => setProofFiles([...proofFiles, ...Array.from(ev.target.files ?? [])].slice(0, 10))}
            />
          </Form.Item>
          <Form.Item name="trainingRecord" label={t('creditMod.training')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="repair-training" />
          </Form.Item>
          <Form.Item
            name="commitment"
            label={t('creditMod.commitment')}
            initialValue={t('creditMod.commitmentText')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="commitmentSigned" valuePropName="checked" rules={[{ required: true }]}>
            <Checkbox data-testid="repair-sign">{t('creditMod.signCommitment')}</Checkbox>
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={step.isPending} data-testid="repair-submit">
            {t('common.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Accept / reject: for a decision on a listing, "reject" lists it; "accept" (withdraw) needs an objection to accept. */
function DecisionButtons({ form, accept, loading }: { form: string; accept: boolean; loading: boolean }) {
  const { t } = useTranslation();
  const f = Form.useFormInstance();
  const submit = (decision: 'accept' | 'reject') => {
    f.setFieldValue('decision', decision);
    f.submit();
  };
  if (form === 'repairDecision')
    return (
      <>
        <Button type="primary" loading={loading} onClick={() => submit('accept')} data-testid="repair-approve">
          {t('creditMod.approveRepair')}
        </Button>
        <Button danger loading={loading} onClick={() => submit('reject')} data-testid="repair-reject">
          {t('creditMod.rejectRepair')}
        </Button>
      </>
    );
  return (
    <>
      <Button danger type="primary" loading={loading} onClick={() => submit('reject')} data-testid="decide-list">
        {accept ? t('creditMod.rejectObjection') : t('creditMod.listNow')}
      </Button>
      {accept && (
        <Button loading={loading} onClick={() => submit('accept')} data-testid="decide-withdraw">
          {t('creditMod.acceptObjection')}
        </Button>
      )}
    </>
  );
}
