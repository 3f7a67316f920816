import { BUSINESS_BADGE_LABELS, BUSINESS_KIND_LABELS, type TBusinessBadge } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { useCreditRecord } from './api';
import { useGradeText } from './BusinessTags';

/** A business's public credit record. What later capabilities will fill (credit grade, inspections, the
 * dishonest list) says "none yet" plainly rather than showing a made-up value. */
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
  const pending = (
    <span className="zlp-muted" data-testid="pending">
      {t('portal.dir.pending')}
    </span>
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
            {pending}
            <span>{t('portal.credit.inspections')}</span>
            {pending}
            <span>{t('portal.credit.dishonest')}</span>
            {pending}
          </div>
          <div className="zlp-muted" style={{ marginTop: 8, fontSize: 12 }}>
            {t('portal.credit.pendingNote')}
          </div>
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
