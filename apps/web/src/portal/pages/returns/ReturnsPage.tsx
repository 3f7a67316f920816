import { useQuery } from '@tanstack/react-query';
import { RETURN_STATUS_LABELS } from '@zhilv/contracts';
import { Button, DotLoading, ErrorBlock, List, NoticeBar, PullToRefresh, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fmtTime } from '../../../lib/format';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { usePortalMe } from '../../lib/usePortalMe';
import { listMyReturns, returnsKey, STATUS_COLOR, yuan } from './api';

/** 我的退货申请: every request with its state; a waiting one shows the shop's deadline. */
export function ReturnsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { label, name } = useLabels();
  const { me, tourist } = usePortalMe();
  const list = useQuery({ queryKey: returnsKey, queryFn: listMyReturns, enabled: !!tourist });
  const items = list.data?.items ?? [];
  const newButton = (
    <Button size="mini" fill="none" color="primary" onClick={() => navigate('/returns/new')} data-testid="return-new">
      {t('portal.returns.new')}
    </Button>
  );
  let body: React.ReactNode;
  if (me.isLoading) body = null;
  else if (!tourist) body = <LoginRequired title={t('portal.returns.loginTitle')} />;
  else if (list.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(list.error)} description="">
        <Button onClick={() => void list.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (list.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (!items.length)
    body = (
      <ErrorBlock status="empty" title={t('portal.returns.empty')} description={t('portal.returns.rule')}>
        <Button color="primary" onClick={() => navigate('/returns/new')}>
          {t('portal.returns.new')}
        </Button>
      </ErrorBlock>
    );
  else
    body = (
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <List>
          {items.map((r) => (
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
          ))}
        </List>
      </PullToRefresh>
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
