import {
  BUSINESS_BADGE_LABELS,
  BUSINESS_KIND_LABELS,
  CREDIT_CATEGORY_LABELS,
  DISHONEST_TIER_LABELS,
  EVALUATION_GRADE_LABELS,
  type TBusinessBadge,
} from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { useCreditRecord } from './api';
import { useGradeText } from './BusinessTags';
import { CreditGradeTag } from './CreditGradeTag';

/** A business's public credit record: the credit grade, the public events in force with their rules, its entries on
 * the public dishonest list, its pledges. Inspection results (not built yet) say "none yet" plainly. */
export function CreditRecordPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { name, label, en } = useLabels();
  const gradeText = useGradeText();
  const navigate = useNavigate();
  const q = useCreditRecord(id);
  const r = q.data;
  if (q.isLoading)
    return (
      <>
        <PageNav title={t('portal.credit.record')} />
        <div style={{ textAlign: 'center', padding: 48 }}>
          <DotLoading color="primary" />
        </div>
      </>
    );
  if (!r)
    return (
      <>
        <PageNav title={t('portal.credit.record')} />
        <ErrorBlock status="default" title={errorMessage(q.error)} description="" />
      </>
    );
  return (
    <>
      <PageNav title={t('portal.credit.record')} />
      <div className="zlp-section">
        <Card title={<span data-testid="record-name">{name(r)}</span>}>
          <div className="zlp-kv">
            <span>{t('portal.credit.uscc')}</span>
            <span data-testid="record-uscc" style={{ fontFamily: 'monospace' }}>
              {r.uscc}
            </span>
            <span>{t('portal.credit.licence')}</span>
            <span>{r.licenseNo ?? t('portal.credit.noLicence')}</span>
            <span>{t('portal.credit.kind')}</span>
            <span>{label(BUSINESS_KIND_LABELS, r.kind)}</span>
            <span>{t('portal.credit.grade')}</span>
            <span>{gradeText(r) ?? '—'}</span>
            <span>{t('portal.credit.badges')}</span>
            <span>
              {r.badges.length
                ? r.badges.map((b) => (
                    <Tag key={b} color="danger" fill="outline" style={{ marginRight: 4 }}>
                      {label(BUSINESS_BADGE_LABELS, b as TBusinessBadge)}
                    </Tag>
                  ))
                : '—'}
            </span>
            <span>{t('portal.dir.county')}</span>
            <span>{(en ? (r.countyNameEn ?? r.countyName) : r.countyName) ?? '—'}</span>
            <span>{t('portal.dir.address')}</span>
            <span>{r.address || '—'}</span>
          </div>
        </Card>
      </div>
      <div className="zlp-section">
        <Card title={t('portal.credit.public')}>
          <div className="zlp-kv">
            <span>{t('portal.dir.creditGrade')}</span>
            <span data-testid="record-credit-grade">
              <CreditGradeTag grade={r.creditGrade} />
            </span>
            <span>{t('portal.creditPub.evaluation')}</span>
            <span data-testid="record-evaluation">
              {r.evaluation
                ? t('portal.creditPub.evaluationGrade', {
                    year: r.evaluation.year,
                    grade: label(EVALUATION_GRADE_LABELS, r.evaluation.grade),
                  })
                : t('portal.creditPub.evaluationNone')}
            </span>
            <span>{t('portal.credit.inspections')}</span>
            <span className="zlp-muted" data-testid="pending">
              {t('portal.dir.pending')}
            </span>
            <span>{t('portal.credit.dishonest')}</span>
            <span data-testid="record-dishonest">
              {r.dishonestList.length
                ? r.dishonestList.map((d) => (
                    <div key={d.id}>
                      <Tag color="danger">{label(DISHONEST_TIER_LABELS, d.tier)}</Tag> {d.reason}（{d.decisionNo}，
                      {d.listedAt.slice(0, 10)}—{d.periodEndsAt.slice(0, 10)}）
                    </div>
                  ))
                : t('portal.creditPub.notListed')}
            </span>
          </div>
        </Card>
      </div>
      <div className="zlp-section">
        <Card title={t('portal.creditPub.events')}>
          {r.events.length ? (
            r.events.map((e) => (
              <div key={e.id} className="zlp-kv" style={{ marginBottom: 8 }} data-testid="record-event">
                <span>{e.effectiveAt.slice(0, 10)}</span>
                <span>
                  <b style={{ color: e.points < 0 ? '#cf1322' : '#237804' }}>
                    {e.points > 0 ? `+${e.points}` : e.points}
                  </b>{' '}
                  {en ? e.ruleNameEn : e.ruleName} · {label(CREDIT_CATEGORY_LABELS, e.category)}
                  {e.documentNo ? ` · ${e.documentNo}` : ''} · {e.departmentName ?? t('portal.creditPub.system')}
                </span>
              </div>
            ))
          ) : (
            <span className="zlp-muted">{t('portal.creditPub.noEvents')}</span>
          )}
        </Card>
      </div>
      <div className="zlp-section">
        <Card title={t('portal.creditPub.pledges')}>
          {r.pledges.length ? (
            r.pledges.map((p) => (
              <div key={p.id} data-testid="record-pledge">
                <Tag color="success">{t('portal.creditPub.pledged')}</Tag> {en ? p.titleEn : p.title} ·{' '}
                {p.signedAt.slice(0, 10)}
              </div>
            ))
          ) : (
            <span className="zlp-muted">{t('portal.creditPub.noPledges')}</span>
          )}
        </Card>
      </div>
      <div className="zlp-section" style={{ paddingBottom: 24 }}>
        <Button block fill="outline" onClick={() => navigate(`/businesses/${r.id}`)} data-testid="to-business">
          {t('portal.credit.toBusiness')}
        </Button>
      </div>
    </>
  );
}
