import { useQuery } from '@tanstack/react-query';
import { DRAW_RESULT_LABELS, type TPublicDrawResult, type TPublicDrawSummary } from '@zhilv/contracts';
import { DotLoading, ErrorBlock, List, NoticeBar, SearchBar, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, qs } from '../../../lib/api';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';

/** 双随机、一公开: published inspection results (only the legally public fields) and every draw, to verify. */
export function DrawResultsPage() {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const colon = i18n.language === 'en' ? ': ' : '：';
  const navigate = useNavigate();
  const [tab, setTab] = useState('results');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['portal', 'draw-results', q],
    queryFn: () =>
      api.get<{ items: TPublicDrawResult[]; total: number }>(
        `/api/public/draw-results${qs({ q: q || undefined, pageSize: 50 })}`,
      ),
  });
  const draws = useQuery({
    queryKey: ['portal', 'draws'],
    queryFn: () => api.get<TPublicDrawSummary[]>('/api/public/draws'),
    enabled: tab === 'draws',
  });
  const loading = (
    <div style={{ textAlign: 'center', padding: 32 }}>
      <DotLoading color="primary" />
    </div>
  );
  return (
    <>
      <PageNav title={t('portal.draws.title')} back="/" />
      <div className="zlp-section">
        <NoticeBar content={t('portal.draws.intro')} color="info" wrap style={{ borderRadius: 8 }} />
      </div>
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('portal.draws.results')} key="results" />
        <Tabs.Tab title={t('portal.draws.records')} key="draws" />
      </Tabs>
      {tab === 'results' ? (
        <>
          <div className="zlp-section">
            <SearchBar
              placeholder={t('portal.draws.search')}
              value={text}
              onChange={setText}
              onSearch={(v) => setQ(v.trim())}
              onClear={() => setQ('')}
            />
          </div>
          {results.isLoading ? (
            loading
          ) : results.isError ? (
            <ErrorBlock status="default" title={errorMessage(results.error)} description="" />
          ) : !results.data?.items.length ? (
            <ErrorBlock status="empty" title={t('portal.draws.none')} description="" />
          ) : (
            <List mode="card" style={{ margin: '8px 12px' }}>
              {results.data.items.map((r, i) => (
                <List.Item
                  // biome-ignore lint/suspicious/noArrayIndexKey: public results carry no id by law (only the public fields)
                  key={i}
                  data-testid="draw-result"
                  description={
                    <div style={{ lineHeight: 1.6 }}>
                      <div>
                        {t('portal.draws.uscc')}
                        {colon}
                        {r.uscc}
                      </div>
                      <div>
                        {t('portal.draws.date')}
                        {colon}
                        {r.inspectedOn} · {r.departments.join('、')}
                      </div>
                      {r.problems && (
                        <div>
                          {t('portal.draws.problems')}
                          {colon}
                          {r.problems}
                        </div>
                      )}
                      {r.handling && (
                        <div>
                          {t('portal.draws.handling')}
                          {colon}
                          {r.handling}
                        </div>
                      )}
                    </div>
                  }
                  extra={
                    <Tag color={r.result === 'compliant' ? 'success' : 'warning'} fill="outline">
                      {label(DRAW_RESULT_LABELS, r.result)}
                    </Tag>
                  }
                >
                  {r.businessName}
                </List.Item>
              ))}
            </List>
          )}
        </>
      ) : draws.isLoading ? (
        loading
      ) : !draws.data?.length ? (
        <ErrorBlock status="empty" title={t('portal.draws.noDraws')} description="" />
      ) : (
        <List mode="card" style={{ margin: '8px 12px' }}>
          {draws.data.map((d) => (
            <List.Item
              key={d.id}
              data-testid="draw-record"
              onClick={() => navigate(`/draws/${d.id}/verify`)}
              description={`${d.departments.join('、')} · ${fmtTime(d.drawnAt)} · ${t('portal.draws.poolSize', { n: d.targetCount })}`}
            >
              {d.name}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
