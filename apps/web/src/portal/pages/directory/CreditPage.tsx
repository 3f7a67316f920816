import { BUSINESS_KIND_LABELS, type TCreditHit } from '@zhilv/contracts';
import { DotLoading, ErrorBlock, List, NoticeBar, SearchBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { searchCredit } from './api';

/** 信用查询: a business by name or its unified social credit code (USCC), then its public record. */
export function CreditPage() {
  const { t } = useTranslation();
  const { name, label } = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [hits, setHits] = useState<TCreditHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (q.trim().length < 2) return setHits(null);
    let live = true;
    setBusy(true);
    setError(null);
    searchCredit(q.trim())
      .then((r) => live && setHits(r))
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [q]);
  const submit = (v: string) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true });

  return (
    <>
      <PageNav title={t('portal.credit.title')} back="/" />
      <div className="zlp-section">
        <SearchBar
          placeholder={t('portal.credit.placeholder')}
          value={text}
          onChange={setText}
          onSearch={submit}
          onClear={() => submit('')}
          data-testid="credit-search"
        />
        {text.trim().length === 1 && <div className="zlp-error">{t('portal.credit.tooShort')}</div>}
      </div>
      <div className="zlp-section">
        <NoticeBar content={t('portal.credit.note')} color="info" wrap style={{ borderRadius: 8 }} />
        <div style={{ marginTop: 8 }}>
          <Link to="/credit/dishonest-list" data-testid="to-dishonest-list">
            {t('portal.creditPub.listEntry')}
          </Link>
        </div>
      </div>
      {busy ? (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading color="primary" />
        </div>
      ) : error ? (
        <ErrorBlock status="default" title={error} description="" />
      ) : hits && !hits.length ? (
        <ErrorBlock status="empty" title={t('portal.credit.none')} description="" />
      ) : hits ? (
        <List mode="card" style={{ margin: '8px 12px' }}>
          {hits.map((h) => (
            <List.Item
              key={h.id}
              onClick={() => navigate(`/credit/${h.id}`)}
              description={`${label(BUSINESS_KIND_LABELS, h.kind)} · ${h.uscc}`}
              extra={h.countyName ?? ''}
              data-testid="credit-hit"
            >
              {name(h)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </>
  );
}
