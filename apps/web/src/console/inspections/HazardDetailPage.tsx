import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CATEGORY_IDS, CATEGORY_LABELS, type THazardView } from '@zhilv/contracts';
import { Alert, Button, Card, Descriptions, Input, InputNumber, message, Select, Space, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, label, nameIn } from '../../lib/format';
import { download, HazardStatusTag, Photos, SeverityTag } from './parts';

/**
 * One hazard: the finding, its rectification order (PDF), the business's answer with evidence photos, and the
 * supervisor's re-inspection (accept closes it; reject sets a new deadline). A major one may raise a work order
 * or be referred for a law-enforcement case.
 */
export function HazardDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const [answer, setAnswer] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [days, setDays] = useState<number | null>(null);
  const [category, setCategory] = useState<string>('safety');
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['console', 'hazards', id],
    queryFn: () => api.get<THazardView>(`/api/hazards/${id}`),
  });
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
      message.success(t('inspections.done'));
      setNote('');
      await qc.invalidateQueries({ queryKey: ['console', 'hazards'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (q.isError) return <Alert type="error" message={(q.error as Error).message} />;
  const h = q.data;
  if (!h) return <Card loading />;
  const role = me.data?.role;
  const isBusiness = role === 'business';
  const reviewer = role === 'leader' || h.supervisorUserId === me.data?.id || role === 'department_head';
  const sendAnswer = () =>
    run(async () => {
      const ids: string[] = [];
      for (const f of files) ids.push((await api.upload<{ id: string }>('/api/files', f, f.name)).id);
      await api.post(`/api/hazards/${h.id}/answer`, { text: answer, photoIds: ids });
      setAnswer('');
      setFiles([]);
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={`${t('inspections.hazard')} ${h.hazardNo}`}
        extra={
          <Button
            onClick={() =>
              download(`/api/hazards/${h.id}/order.pdf`, `${h.hazardNo}.pdf`).catch((e) => message.error(e.message))
            }
            data-testid="hazard-pdf"
          >
            {t('inspections.orderPdf')}
          </Button>
        }
        data-testid="hazard-detail"
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('inspections.business')}>
            {nameIn(h.business.name, h.business.nameEn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.status')}>
            <HazardStatusTag s={h.status} overdue={h.overdue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.item')}>{nameIn(h.itemText, h.itemTextEn)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.severity')}>
            <SeverityTag s={h.severity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.legalBasis')}>{h.legalBasis || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.dueAt')}>
            {fmtTime(h.dueAt)} {h.round > 1 ? t('inspections.round', { n: h.round }) : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.finding')}>{h.description || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.inspection')}>
            <Link to={`/console/inspections/${h.inspectionId}`}>{t('inspections.open')}</Link>
          </Descriptions.Item>
          {h.referralNo && <Descriptions.Item label={t('inspections.referralNo')}>{h.referralNo}</Descriptions.Item>}
          {h.workOrderId && (
            <Descriptions.Item label={t('inspections.workOrder')}>
              <Link to={`/console/work-orders/${h.workOrderId}`}>{t('inspections.open')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Photos ids={h.photoIds} />
      </Card>
      {h.answerText && (
        <Card title={t('inspections.answer')} size="small">
          <p data-testid="hazard-answer-text">{h.answerText}</p>
          <Photos ids={h.answerPhotoIds} />
          <div style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>{fmtTime(h.answeredAt)}</div>
        </Card>
      )}
      {isBusiness && h.status === 'open' && (
        <Card title={t('inspections.answerTitle')} size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              placeholder={t('inspections.answerPlaceholder')}
              data-testid="hazard-answer"
            />
            <input
              type="file"
              accept="image/*"
              multiple
              data-testid="hazard-evidence"
              onChange={(e) => setFiles([...files, ...Array.from(e.target.files ?? [])])}
            />
            <span style={{ fontSize: 12 }}>{t('inspections.photosTaken', { n: files.length })}</span>
            <Button
              type="primary"
              block
              loading={busy}
              disabled={!answer.trim() || !files.length}
              onClick={sendAnswer}
              data-testid="hazard-answer-send"
            >
              {t('inspections.sendAnswer')}
            </Button>
          </Space>
        </Card>
      )}
      {!isBusiness && reviewer && h.status === 'answered' && (
        <Card title={t('inspections.reviewTitle')} size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('inspections.reviewNote')}
            />
            <Space wrap>
              <Button
                type="primary"
                loading={busy}
                data-testid="hazard-accept"
                onClick={() => run(() => api.post(`/api/hazards/${h.id}/review`, { decision: 'accept', note }))}
              >
                {t('inspections.accept')}
              </Button>
              <InputNumber min={1} max={90} value={days} onChange={setDays} placeholder={t('inspections.newDays')} />
              <Button
                danger
                loading={busy}
                data-testid="hazard-reject"
                onClick={() =>
                  run(() =>
                    api.post(`/api/hazards/${h.id}/review`, { decision: 'reject', note, ...(days ? { days } : {}) }),
                  )
                }
              >
                {t('inspections.reject')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {!isBusiness && h.severity === 'major' && h.status !== 'closed' && (
        <Card title={t('inspections.escalateTitle')} size="small">
          <Space wrap>
            {!h.workOrderId && (
              <>
                <Select
                  style={{ width: 200 }}
                  value={category}
                  onChange={setCategory}
                  options={CATEGORY_IDS.map((c) => ({ value: c, label: label(CATEGORY_LABELS, c) }))}
                />
                <Button
                  loading={busy}
                  onClick={() => run(() => api.post(`/api/hazards/${h.id}/work-order`, { category, note }))}
                >
                  {t('inspections.raiseWorkOrder')}
                </Button>
              </>
            )}
            {!h.referralNo && (
              <Button
                danger
                loading={busy}
                onClick={() =>
                  run(() => api.post(`/api/hazards/${h.id}/referral`, { note: note || t('inspections.referDefault') }))
                }
              >
                {t('inspections.refer')}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Card title={t('inspections.history')} size="small">
        <Timeline
          items={h.history.map((e) => ({
            children: (
              <span>
                {fmtTime(e.at)} {t(`inspections.h_${e.action}`)} {e.note}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
