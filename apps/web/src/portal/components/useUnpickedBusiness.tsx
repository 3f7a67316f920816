import { Dialog } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TBizHit } from '../lib/businesses';
import { useLabels } from '../lib/labels';

export type TBizSearch = { q: string; hits: TBizHit[] | null };

/**
 * A name typed in the business search is not a business chosen: the form would go out without one and nobody
 * would say so. `confirm` asks first — offering the result that matches, sending without, or going back to
 * pick — and answers the business to send (or null), or 'back'. Pass `onSearchChange` to the BusinessPicker.
 */
export function useUnpickedBusiness(biz: TBizHit | null, setBiz: (b: TBizHit) => void) {
  const { t } = useTranslation();
  const { name } = useLabels();
  const [search, setSearch] = useState<TBizSearch>({ q: '', hits: null });
  const onSearchChange = useCallback((s: TBizSearch) => setSearch(s), []);
  const confirm = async (): Promise<TBizHit | null | 'back'> => {
    if (biz || !search.q) return biz;
    const q = search.q.toLowerCase();
    const hits = search.hits ?? [];
    const match =
      hits.find((h) => h.name.toLowerCase() === q || h.nameEn?.toLowerCase() === q) ??
      (hits.length === 1 ? hits[0] : null);
    const answer = await new Promise<'pick' | 'without' | 'back'>((resolve) => {
      const d = Dialog.show({
        title: t('portal.fixes.appeal.notPickedTitle'),
        content: (
          <div style={{ lineHeight: 1.6 }} data-testid="unpicked-business">
            {t('portal.fixes.appeal.notPicked', { q: search.q })}
            {t('portal.fixes.appeal.notPickedHint')}
          </div>
        ),
        closeOnMaskClick: true,
        onClose: () => resolve('back'),
        actions: [
          ...(match
            ? [{ key: 'pick', text: t('portal.fixes.appeal.pickThis', { name: name(match) }), bold: true }]
            : []),
          { key: 'back', text: t('portal.fixes.appeal.back'), bold: !match },
          { key: 'without', text: t('portal.fixes.appeal.without') },
        ],
        onAction: (a) => {
          resolve(a.key as 'pick' | 'without' | 'back');
          d.close();
        },
      });
    });
    if (answer === 'pick' && match) {
      setBiz(match);
      return match;
    }
    return answer === 'without' ? null : 'back';
  };
  return { onSearchChange, confirm };
}
