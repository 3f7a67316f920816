import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CATEGORY_LABELS, type TClassifyResponse } from '@zhilv/contracts';
import { Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { useLabels } from '../../lib/labels';
import { useDebounced } from '../../lib/useDebounced';

/** While the tourist types: the category the classifier sees, with the words that made it think so. */
export function CategoryHint({ text }: { text: string }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = useDebounced(text.trim(), 600);
  const hint = useQuery({
    queryKey: ['portal', 'classify', q],
    queryFn: ({ signal }) => api.post<TClassifyResponse>('/api/work-orders/classify', { text: q }, { signal }),
    enabled: q.length >= 5,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (text.trim().length < 5 || !hint.data) return null;
  const h = hint.data;
  return (
    <div style={{ marginTop: 8 }} data-testid="category-hint">
      <Space wrap align="center" style={{ '--gap': '4px' }}>
        <Tag color="primary" fill="solid" style={{ fontSize: 13, padding: '3px 6px' }}>
          {t('portal.appeal.hint', { c: label(CATEGORY_LABELS, h.category) })}
        </Tag>
        {h.keywords.slice(0, 5).map((k) => (
          <Tag key={k} color="primary" fill="outline">
            {k}
          </Tag>
        ))}
      </Space>
      <div className="zlp-muted" style={{ marginTop: 4, fontSize: 12 }}>
        {t('portal.appeal.hintNote')}
      </div>
    </div>
  );
}
