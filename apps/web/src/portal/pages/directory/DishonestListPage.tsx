import { useQuery } from '@tanstack/react-query';
import { DISHONEST_TIER_LABELS, type TPublicDishonestEntry } from '@zhilv/contracts';
import { Card, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../lib/api';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';

/** 失信名单公示: the entries listed now, with only the fields the rules make public. */
export function DishonestListPage() {
  const { t } = useTranslation();
  const { label, en } = useLabels();
  const q = useQuery({
    queryKey: ['portal', 'dishonest-list'],
    queryFn: () => api.get<TPublicDishonestEntry[]>('/api/credit/dishonest-list'),
  });
  return (
    <>
      <PageNav title={t('portal.creditPub.listTitle')} back="/credit" />
      <div className="zlp-section zlp-muted" style={{ fontSize: 12 }}>
        {t('portal.creditPub.listNote')}
      </div>
      {q.isLoading && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <DotLoading color="primary" />
        </div>
      )}
      {q.error && <ErrorBlock status="default" title={errorMessage(q.error)} description="" />}
      {q.data && !q.data.length && (
        <div className="zlp-section zlp-muted" data-testid="list-empty">
          {t('portal.creditPub.listEmpty')}
        </div>
      )}
      {q.data?.map((d) => (
        <div className="zlp-section" key={d.id}>
          <Card
            title={<span data-testid="listed-name">{en && d.businessNameEn ? d.businessNameEn : d.businessName}</span>}
            extra={
              <Tag color={d.tier === 'serious' ? 'danger' : 'warning'}>{label(DISHONEST_TIER_LABELS, d.tier)}</Tag>
            }
          >
            <div className="zlp-kv">
              <span>{t('portal.credit.uscc')}</span>
              <span style={{ fontFamily: 'monospace' }}>{d.uscc}</span>
              <span>{t('portal.creditPub.reason')}</span>
              <span>{d.reason}</span>
              <span>{t('portal.creditPub.basis')}</span>
              <span>{d.legalBasis}</span>
              <span>{t('portal.creditPub.decisionNo')}</span>
              <span>{d.decisionNo}</span>
              <span>{t('portal.creditPub.department')}</span>
              <span>{d.departmentName ?? '—'}</span>
              <span>{t('portal.creditPub.period')}</span>
              <span>
                {d.listedAt.slice(0, 10)} — {d.periodEndsAt.slice(0, 10)}
              </span>
            </div>
          </Card>
        </div>
      ))}
      <div className="zlp-section" style={{ paddingBottom: 24 }}>
        <Link to="/credit">{t('portal.credit.title')}</Link>
      </div>
    </>
  );
}
