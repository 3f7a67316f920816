import { GOODS_CATEGORIES, type TReturnRequestView, type TReturnStatus } from '@zhilv/contracts';
import { Image, Space, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtTime, isEn } from '../../lib/format';

export const STATUS_COLOR: Record<TReturnStatus, string> = {
  submitted: 'blue',
  accepted: 'green',
  refunded: 'green',
  exchanged: 'green',
  refused: 'red',
  escalated: 'orange',
  compensated: 'cyan',
};
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
/** The goods category's name: the catalogue's (in the view), else the default list's, else its code. */
export const category = (code: string, r?: Pick<TReturnRequestView, 'goodsCategoryName' | 'goodsCategoryNameEn'>) => {
  if (r?.goodsCategoryName) return (isEn() && r.goodsCategoryNameEn) || r.goodsCategoryName;
  const c = GOODS_CATEGORIES.find((x) => x.code === code);
  return c ? (isEn() ? c.en : c.zh) : code;
};

/** Re-renders every 30 s, so a deadline counts down on screen. */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function Countdown({ r, now }: { r: TReturnRequestView; now: number }) {
  const { t } = useTranslation();
  const due = r.status === 'submitted' ? r.shopDueAt : r.status === 'accepted' ? r.refundDueAt : null;
  if (!due) return <span style={{ color: '#5f6368' }}>—</span>;
  const left = new Date(due).getTime() - now;
  if (left <= 0) return <Tag color="red">{t('returns.overdue')}</Tag>;
  const h = Math.floor(left / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  const text = h >= 24 ? t('returns.leftDays', { d: Math.floor(h / 24), h: h % 24 }) : t('returns.leftHours', { h, m });
  return (
    <span data-testid="return-countdown" style={{ color: h < 12 ? '#d4380d' : undefined, whiteSpace: 'nowrap' }}>
      {r.status === 'accepted' && <div style={{ fontSize: 12 }}>{t('returnsLocal.refundDue')}</div>}
      {text}
      <div style={{ color: '#5f6368', fontSize: 12 }}>{fmtTime(due)}</div>
    </span>
  );
}

export function Details({ r }: { r: TReturnRequestView }) {
  const { t } = useTranslation();
  return (
    <Space align="start" size={32} wrap>
      <div style={{ maxWidth: 520 }}>
        <p>
          <b>{t('returns.reason')}：</b>
          {r.reason}
        </p>
        <p>
          <b>{t('returnsLocal.invoiceNo')}：</b>
          {r.invoiceNo ?? '—'}
        </p>
        {r.outcome && (
          <p>
            <b>{t('returnsLocal.outcome')}：</b>
            {t(`returnsLocal.${r.outcome}`)}
            {r.refundDueAt && ` · ${t('returnsLocal.refundDue')} ${fmtTime(r.refundDueAt)}`}
          </p>
        )}
        {r.shopNote && (
          <p>
            <b>{t('returns.shopNote')}：</b>
            {r.shopNote}
          </p>
        )}
        <Timeline
          items={r.timeline.map((e) => ({
            color: e.action === 'refused' || e.action === 'silence' || e.action === 'refund_overdue' ? 'red' : 'blue',
            children: (
              <span data-testid="return-step">
                {t(`returns.step.${e.action}`)} · {fmtTime(e.at)}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </div>
      {r.receiptFileId && (
        <div>
          <div style={{ marginBottom: 4 }}>{t('returns.receipt')}</div>
          <Image src={`/api/files/${r.receiptFileId}`} width={120} alt={t('returns.receipt')} />
        </div>
      )}
    </Space>
  );
}
