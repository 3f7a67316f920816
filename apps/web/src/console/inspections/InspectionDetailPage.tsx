import { useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_KIND_LABELS, SEVERITY_LABELS, type THazardView, type TInspectionView } from '@zhilv/contracts';
import { Alert, Button, Card, Descriptions, Input, List, message, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, label, nameIn } from '../../lib/format';
import { HazardStatusTag, Photos } from './parts';

/** One inspection as recorded: the version's items with their outcomes, the hazards it raised, confirmation. */
export function InspectionDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const q = useQuery({
    queryKey: ['console', 'inspections', id],
    queryFn: () => api.get<TInspectionView>(`/api/inspections/${id}`),
  });
  const hz = useQuery({
    queryKey: ['console', 'inspections', id, 'hazards'],
    enabled: !!q.data?.hazardIds.length,
    queryFn: () => Promise.all((q.data?.hazardIds ?? []).map((h) => api.get<THazardView>(`/api/hazards/${h}`))),
  });
  const act = async (path: string, body: object = {}) => {
    try {
      await api.post(path, body);
      message.success(t('inspections.done'));
      await qc.invalidateQueries({ queryKey: ['console', 'inspections'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  if (q.isError) return <Alert type="error" message={(q.error as Error).message} />;
  const i = q.data;
  if (!i) return <Card loading />;
  const isBusiness = me.data?.role === 'business';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={`${t('inspections.detailTitle')} · ${nameIn(i.business.name, i.business.nameEn)}`}
        data-testid="insp-detail"
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('inspections.kind')}>{label(INSPECTION_KIND_LABELS, i.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.result')}>
            <Tag color={i.result === 'pass' ? 'green' : 'red'} data-testid="insp-result">
              {t(`inspections.${i.result}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.checklist')}>
            {nameIn(i.checklist.name, i.checklist.nameEn)} v{i.checklist.version}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.inspector')}>{i.inspector.name}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.startedAt')}>{fmtTime(i.startedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.submittedAt')}>{fmtTime(i.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.place')}>
            {i.distanceM === null ? '—' : t('inspections.distance', { m: i.distanceM })}
            {i.farFromBusiness && (
              <Tag color="red" style={{ marginLeft: 6 }}>
                {t('inspections.far')}
              </Tag>
            )}
            {i.night && <Tag color="purple">{t('inspections.night')}</Tag>}
            {i.weekend && <Tag color="purple">{t('inspections.weekend')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.confirmation')}>
            {i.confirmedByName
              ? `${i.confirmedByName} · ${fmtTime(i.confirmedAt)} · ${t(`inspections.via_${i.confirmedVia}`)}`
              : t('inspections.notConfirmed')}
          </Descriptions.Item>
        </Descriptions>
        {i.notes && <p>{i.notes}</p>}
        <Photos ids={i.photoIds} />
        {isBusiness && !i.confirmedAt && (
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input placeholder={t('inspections.confirmedBy')} value={name} onChange={(e) => setName(e.target.value)} />
            <Button
              type="primary"
              disabled={!name.trim()}
              onClick={() => act(`/api/inspections/${i.id}/confirm`, { name })}
            >
              {t('inspections.confirm')}
            </Button>
          </Space.Compact>
        )}
        {!isBusiness && i.kind === 'mystery' && !i.publishedAt && (
          <Button style={{ marginTop: 12 }} onClick={() => act(`/api/inspections/${i.id}/publish`)}>
            {t('inspections.publish')}
          </Button>
        )}
      </Card>
      <Card title={t('inspections.items')} size="small">
        <List
          dataSource={i.results}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={r.outcome === 'pass' ? 'green' : r.outcome === 'fail' ? 'red' : 'default'}>
                    {t(`inspections.${r.outcome === 'not_applicable' ? 'na' : r.outcome}`)}
                  </Tag>
                  <span>{nameIn(r.text, r.textEn)}</span>
                  {r.outcome === 'fail' && <Tag>{label(SEVERITY_LABELS, r.severity)}</Tag>}
                </Space>
                {r.note && <span style={{ color: '#666' }}>{r.note}</span>}
                <Photos ids={r.photoIds} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {!!hz.data?.length && (
        <Card title={t('inspections.hazards')} size="small">
          <List
            dataSource={hz.data}
            renderItem={(h) => (
              <List.Item>
                <Link to={`/console/hazards/${h.id}`} data-testid="insp-hazard-link">
                  {h.hazardNo}
                </Link>
                <Space>
                  <HazardStatusTag s={h.status} overdue={h.overdue} />
                  <span>{fmtTime(h.dueAt)}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
