import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CREDIT_CATEGORY_LABELS,
  CREDIT_EVIDENCE_LABELS,
  CREDIT_GRADE_LABELS,
  type TCreditGrade,
} from '@zhilv/contracts';
import { Button, Card, Empty, message, Space, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ChartFigure } from '../../components/ChartFigure';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useCreditFile, useCreditSettings, usePledgeTemplates } from './api';
import { EntryCard } from './EntryCard';
import { ScoreChart } from './ScoreChart';

export const GRADE_COLOR: Record<string, string> = {
  A: 'green',
  B: 'blue',
  C: 'orange',
  D: 'red',
  ungraded: 'default',
};

/** A business's own credit file (信用档案): the route for a business account (its id from the session). */
export function MyCreditPage() {
  const me = useMe().data;
  const { t } = useTranslation();
  if (!me?.businessId) return <Empty description={t('dirAdmin.noBusiness')} />;
  return <CreditFile type="business" id={me.businessId} />;
}

/** Staff: any file by type and id. */
export function CreditFilePage() {
  const { type, id } = useParams();
  return <CreditFile type={type ?? 'business'} id={id ?? ''} />;
}

/**
 * The file: score = base + the events in force, each event a row with its rule (and version) and evidence, so every
 * point on the screen is explained; the history chart; the listings and their procedure; the pledges.
 */
function CreditFile({ type, id }: { type: string; id: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe().data;
  const q = useCreditFile(type, id);
  const s = useCreditSettings().data;
  const f = q.data;
  const l = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  if (q.isLoading) return <Card loading />;
  if (!f) return <Empty description={q.error?.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card title={`${t('creditMod.file')} · ${en && f.nameEn ? f.nameEn : f.name}`} extra={<code>{f.key}</code>}>
        <Space size={32} wrap>
          <Statistic title={t('creditMod.score')} value={f.score} valueStyle={{ fontSize: 32 }} />
          <div>
            <div className="ant-statistic-title">{t('creditMod.grade')}</div>
            <Tag color={GRADE_COLOR[f.grade]} style={{ fontSize: 18, padding: '4px 10px' }} data-testid="file-grade">
              {l(CREDIT_GRADE_LABELS[f.grade as TCreditGrade])}
            </Tag>
          </div>
          <span data-testid="file-score" style={{ display: 'none' }}>
            {f.score}
          </span>
          <span className="zl-muted">{t('creditMod.formula', { base: f.baseScore })}</span>
        </Space>
        {s && f.history.length > 1 && (
          <ChartFigure
            summary={t('charts.score', { n: f.history.length, score: f.score, grade: f.grade })}
            points={{
              head: [t('charts.date'), t('charts.scoreCol'), t('charts.grade')],
              rows: f.history.map((p) => [p.at.slice(0, 10), p.score, p.grade]),
            }}
          >
            <ScoreChart history={f.history} thresholds={[s.gradeAMin, s.gradeBMin, s.gradeCMin]} />
          </ChartFigure>
        )}
      </Card>
      <Card title={t('creditMod.events')}>
        <ResponsiveTable
          rowKey="id"
          pagination={false}
          dataSource={f.events}
          columns={[
            { title: t('creditMod.effective'), render: (_, e) => fmtTime(e.effectiveAt) },
            {
              title: t('creditMod.rule'),
              render: (_, e) => (
                <Link to={`/console/credit/rules#${e.ruleCode}`} data-testid="event-rule">
                  {en ? e.ruleNameEn : e.ruleName} (v{e.ruleVersion})
                </Link>
              ),
            },
            { title: t('creditMod.category'), render: (_, e) => l(CREDIT_CATEGORY_LABELS[e.category]) },
            {
              title: t('creditMod.points'),
              align: 'right',
              render: (_, e) => (
                <b style={{ color: e.points < 0 ? '#cf1322' : '#237804' }} data-testid="event-points">
                  {e.points > 0 ? `+${e.points}` : e.points}
                </b>
              ),
            },
            {
              title: t('creditMod.evidence'),
              render: (_, e) =>
                e.evidenceType === 'work_order' && me?.role !== 'business' ? (
                  <Link to={`/console/work-orders/${e.evidenceId}`}>
                    {l(CREDIT_EVIDENCE_LABELS[e.evidenceType])} {e.documentNo}
                  </Link>
                ) : (
                  `${l(CREDIT_EVIDENCE_LABELS[e.evidenceType])} ${e.documentNo ?? e.evidenceId}`
                ),
            },
            { title: t('creditMod.department'), render: (_, e) => e.departmentName ?? t('creditMod.system') },
            { title: t('creditMod.validUntil'), render: (_, e) => (e.validUntil ? fmtTime(e.validUntil) : '—') },
            {
              title: t('creditMod.state'),
              render: (_, e) => (
                <Space size={4} wrap>
                  <Tag color={e.inForce ? 'blue' : 'default'}>
                    {e.repairedAt
                      ? t('creditMod.repaired')
                      : e.inForce
                        ? t('creditMod.inForce')
                        : t('creditMod.expired')}
                  </Tag>
                  {!e.public && <Tag>{t('creditMod.internal')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {f.listings.length > 0 && (
        <Card title={t('creditMod.listings')}>
          {f.listings.map((e) => (
            <EntryCard key={e.id} e={e} />
          ))}
        </Card>
      )}
      {type === 'business' && <Pledges businessId={id} signed={f.pledges} own={me?.businessId === id} />}
    </Space>
  );
}

function Pledges({
  signed,
  own,
}: {
  businessId: string;
  signed: { templateId: string; title: string; titleEn: string; status: string; signedAt: string }[];
  own: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const templates = usePledgeTemplates().data ?? [];
  const qc = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  const sign = useMutation({
    // one key per template while the page is open: a double tap or a retry signs once
    mutationFn: (templateId: string) =>
      api.post('/api/credit/pledges', { templateId, agreed: true }, { idempotencyKey: `${key}-${templateId}` }),
    onSuccess: () => {
      message.success(t('creditMod.done'));
      qc.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  const done = new Set(signed.map((p) => p.templateId));
  return (
    <Card title={t('creditMod.pledges')}>
      {signed.map((p) => (
        <div key={p.templateId} style={{ marginBottom: 6 }}>
          <Tag color={p.status === 'broken' ? 'red' : 'green'}>
            {p.status === 'broken' ? t('creditMod.pledgeBroken') : t('creditMod.pledgeInForce')}
          </Tag>
          {en ? p.titleEn : p.title} · {fmtTime(p.signedAt)}
        </div>
      ))}
      {own &&
        templates
          .filter((x) => !done.has(x.id))
          .map((x) => (
            <Card key={x.id} size="small" style={{ marginTop: 8 }} title={en ? x.titleEn : x.title}>
              <p>{en ? x.bodyEn : x.body}</p>
              <Button
                type="primary"
                loading={sign.isPending}
                onClick={() => sign.mutate(x.id)}
                data-testid={`sign-${x.code}`}
              >
                {t('creditMod.signPledge')}
              </Button>
            </Card>
          ))}
      {!signed.length && !own && <Empty description={t('creditMod.noPledges')} />}
    </Card>
  );
}
