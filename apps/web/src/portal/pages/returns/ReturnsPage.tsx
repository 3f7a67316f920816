import { useQuery } from '@tanstack/react-query';
import { RETURN_STATUS_LABELS } from '@zhilv/contracts';
import { Button, List, NoticeBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fmtTime } from '../../../lib/format';
import { MyList } from '../../components/MyList';
import { PageNav } from '../../components/PageNav';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { listMyReturns, returnsKey, STATUS_COLOR, yuan } from './api';

/** 我的退货申请: every request with its state; a waiting one shows the shop's deadline. */
export function ReturnsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { label, name } = useLabels();
  const { tourist } = usePortalMe();
  const list = useQuery({ queryKey: returnsKey, queryFn: listMyReturns, enabled: !!tourist });
  const newButton = (
    <Button size="mini" fill="none" color="primary" onClick={() => navigate('/returns/new')} data-testid="return-new">
      {t('portal.returns.new')}
    </Button>
  );
  const body = (
    <MyList
      query={list}
      loginTitle={t('portal.returns.loginTitle')}
      empty={{
        title: t('portal.returns.empty'),
        description: t('portal.returns.rule'),
        action: t('portal.returns.new'),
        onAction: () => navigate('/returns/new'),
      }}
    >
      {(r) => (
        <List.Item
          key={r.id}
          onClick={() => navigate(`/returns/${r.id}`)}
          description={
            <span>
              {r.status === 'submitted'
                ? t('portal.returns.dueBy', { at: fmtTime(r.shopDueAt) })
                : `${r.trackingNo} · ${fmtTime(r.createdAt)}`}
            </span>
          }
          extra={
            <Tag color={STATUS_COLOR[r.status]} data-testid="return-status">
              {label(RETURN_STATUS_LABELS, r.status)}
            </Tag>
          }
          data-testid="my-return"
        >
          <div>
            {r.item} · {yuan(r.amountFen)}
          </div>
          <div className="zlp-muted">{name({ name: r.businessName ?? '—', nameEn: r.businessNameEn })}</div>
        </List.Item>
      )}
    </MyList>
  );
  return (
    <>
      <PageNav title={t('portal.returns.title')} back="/me" right={tourist ? newButton : undefined} />
      {tourist && (
        <div className="zlp-section">
          <NoticeBar wrap color="info" content={t('portal.returns.rule')} style={{ borderRadius: 8 }} />
        </div>
      )}
      {body}
    </>
  );
}
