import { useTranslation } from 'react-i18next';
import { fmtPct } from '../../lib/format';
import { useLabels } from '../../lib/labels';

export type TRateRow = {
  id: string;
  name: string;
  nameEn?: string | null;
  volume: number;
  resolvedRate: number;
  unfoundedRate: number;
  satisfactionRate: number | null;
  ranked: boolean;
};

/** Ranked rows by resolved rate first, numbered; then the rows with too few orders, unnumbered and marked. */
export function RatesTable({ rows, minToRank }: { rows: TRateRow[]; minToRank: number }) {
  const { t } = useTranslation();
  const { name } = useLabels();
  const ranked = rows
    .filter((r) => r.ranked)
    .sort((a, b) => b.resolvedRate - a.resolvedRate || (b.satisfactionRate ?? 0) - (a.satisfactionRate ?? 0));
  const unranked = rows.filter((r) => !r.ranked).sort((a, b) => b.volume - a.volume);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="zlp-table" data-testid="rates-table">
        <thead>
          <tr>
            <th>{t('portal.public.name')}</th>
            <th>{t('portal.public.volume')}</th>
            <th>{t('portal.public.resolved')}</th>
            <th>{t('portal.public.unfounded')}</th>
            <th>{t('portal.public.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((r, i) => (
            <tr key={r.id} data-testid="public-rate">
              <td className="zlp-name">
                <span className="zlp-rank">{i + 1}</span>
                {name(r)}
              </td>
              <td>{r.volume}</td>
              <td>{fmtPct(r.resolvedRate)}</td>
              <td>{fmtPct(r.unfoundedRate)}</td>
              <td>{fmtPct(r.satisfactionRate)}</td>
            </tr>
          ))}
          {unranked.length > 0 && (
            <tr>
              <td colSpan={5} className="zlp-muted" style={{ textAlign: 'left', background: '#fafbfc' }}>
                {t('portal.public.unrankedNote', { n: minToRank })}
              </td>
            </tr>
          )}
          {unranked.map((r) => (
            <tr key={r.id} className="zlp-unranked" data-testid="public-rate-unranked">
              <td className="zlp-name">
                <span className="zlp-rank" style={{ color: '#6b7280' }}>
                  —
                </span>
                {name(r)}
              </td>
              <td>{r.volume}</td>
              <td colSpan={3} style={{ textAlign: 'center' }}>
                {t('portal.public.unranked')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
