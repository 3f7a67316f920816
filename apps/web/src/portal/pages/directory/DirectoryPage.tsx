import type { TBusinessBadge, TBusinessKind, TDirectoryItem } from '@zhilv/contracts';
import { BUSINESS_BADGE_LABELS, BUSINESS_BADGES, BUSINESS_KIND_LABELS, BUSINESS_KINDS } from '@zhilv/contracts';
import {
  Button,
  DotLoading,
  Dropdown,
  type DropdownRef,
  ErrorBlock,
  InfiniteScroll,
  List,
  SearchBar,
  Selector,
  Tabs,
} from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { useCounties, useDirectory, yuan } from './api';
import { BusinessTags, RatingLine } from './BusinessTags';

/** Two lines at most: long price lists must not push the headline price off a phone screen. */
const CLAMP2: React.CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
};

function Item({ b }: { b: TDirectoryItem }) {
  const { t } = useTranslation();
  const { name, en } = useLabels();
  const navigate = useNavigate();
  const county = en ? (b.countyNameEn ?? b.countyName) : b.countyName;
  const h = b.headlinePrice;
  const rest = b.prices.slice(1);
  return (
    <List.Item
      onClick={() => navigate(`/businesses/${b.id}`)}
      data-testid="dir-item"
      description={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
          <BusinessTags b={b} badges={b.badges} />
          <RatingLine rating={b.rating} />
          {rest.length > 0 && (
            <span className="zlp-muted" style={CLAMP2}>
              {rest.map((p) => `${en && p.itemEn ? p.itemEn : p.item} ${yuan(p.priceFen)}`).join(' · ')}
            </span>
          )}
        </div>
      }
      extra={
        <span
          style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 2, maxWidth: 120 }}
        >
          {h ? (
            <>
              <span style={{ color: '#c2410c', fontWeight: 600 }} data-testid="headline-price">
                {yuan(h.priceFen)}
                <span style={{ fontSize: 11, fontWeight: 400 }}>/{en && h.unitEn ? h.unitEn : h.unit}</span>
              </span>
              <span className="zlp-muted" style={{ fontSize: 11, textAlign: 'right' }}>
                {en && h.itemEn ? h.itemEn : h.item}
              </span>
            </>
          ) : (
            <span className="zlp-muted">{t('portal.dir.noPrices')}</span>
          )}
          {county && (
            <span className="zlp-muted" style={{ fontSize: 12, textAlign: 'right' }}>
              {county}
            </span>
          )}
        </span>
      }
    >
      <span data-testid="dir-name">{name(b)}</span>
    </List.Item>
  );
}

/** 商户名录: businesses by kind and county, searchable, with grade, badges, rating and posted prices. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const { label, en } = useLabels();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') ?? undefined) as TBusinessKind | undefined;
  const region = params.get('region') ?? undefined;
  const badge = (params.get('badge') ?? undefined) as TBusinessBadge | undefined;
  const q = params.get('q') ?? undefined;
  const [text, setText] = useState(q ?? '');
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );
  const counties = useCounties();
  const dropdown = useRef<DropdownRef>(null);
  const list = useDirectory({ kind, region, badge, q });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const countyLabel = (c: { name: string; nameEn: string | null }) => (en && c.nameEn ? c.nameEn : c.name);
  const picked = counties.data?.find((c) => c.code === region);

  let body: React.ReactNode;
  if (list.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (list.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(list.error)} description="">
        <Button onClick={() => void list.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (!items.length) body = <ErrorBlock status="empty" title={t('portal.dir.empty')} description="" />;
  else
    body = (
      <>
        <div className="zlp-muted" style={{ padding: '8px 16px 0' }} data-testid="dir-total">
          {t('portal.dir.total', { n: total })}
        </div>
        <List mode="card" style={{ margin: '8px 12px' }}>
          {items.map((b) => (
            <Item key={b.id} b={b} />
          ))}
        </List>
        <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={!!list.hasNextPage}>
          {list.hasNextPage ? <DotLoading /> : <span className="zlp-muted">{t('portal.common.noMore')}</span>}
        </InfiniteScroll>
      </>
    );

  return (
    <>
      <PageNav title={t('portal.dir.title')} back="/" />
      <div style={{ background: '#fff' }}>
        <div style={{ padding: '8px 12px 0' }}>
          <SearchBar
            placeholder={t('portal.dir.search')}
            value={text}
            onChange={setText}
            onSearch={(v) => set('q', v.trim() || undefined)}
            onClear={() => set('q', undefined)}
            data-testid="dir-search"
          />
        </div>
        <Tabs activeKey={kind ?? 'all'} onChange={(k) => set('kind', k === 'all' ? undefined : k)}>
          <Tabs.Tab title={t('portal.dir.all')} key="all" />
          {BUSINESS_KINDS.map((k) => (
            <Tabs.Tab title={label(BUSINESS_KIND_LABELS, k)} key={k} />
          ))}
        </Tabs>
        <Dropdown ref={dropdown}>
          <Dropdown.Item key="county" title={picked ? countyLabel(picked) : t('portal.dir.county')}>
            <div style={{ padding: 12 }} data-testid="county-options">
              <Selector
                columns={2}
                value={[region ?? '']}
                onChange={(v) => {
                  set('region', v[0] || undefined);
                  dropdown.current?.close();
                }}
                options={[
                  { label: t('portal.dir.allCounties'), value: '' },
                  ...(counties.data ?? []).map((c) => ({ label: countyLabel(c), value: c.code })),
                ]}
              />
            </div>
          </Dropdown.Item>
          <Dropdown.Item key="badge" title={badge ? label(BUSINESS_BADGE_LABELS, badge) : t('portal.dir.badge')}>
            <div style={{ padding: 12 }}>
              <Selector
                columns={2}
                value={[badge ?? '']}
                onChange={(v) => {
                  set('badge', v[0] || undefined);
                  dropdown.current?.close();
                }}
                options={[
                  { label: t('portal.dir.anyBadge'), value: '' },
                  ...BUSINESS_BADGES.map((b) => ({ label: label(BUSINESS_BADGE_LABELS, b), value: b })),
                ]}
              />
            </div>
          </Dropdown.Item>
        </Dropdown>
      </div>
      {body}
    </>
  );
}
