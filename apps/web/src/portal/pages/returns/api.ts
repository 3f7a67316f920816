import type { TReturnRequestView, TReturnStatus } from '@zhilv/contracts';
import { api } from '../../../lib/api';

export const returnsKey = ['portal', 'returns'];

export const listMyReturns = () => api.get<{ items: TReturnRequestView[]; total: number }>('/api/returns?pageSize=100');
export const getReturn = (id: string) => api.get<TReturnRequestView>(`/api/returns/${id}`);

export const STATUS_COLOR: Record<TReturnStatus, string> = {
  submitted: 'primary',
  accepted: 'success',
  refunded: 'success',
  exchanged: 'success',
  refused: 'danger',
  escalated: 'warning',
  compensated: 'success',
};

/** ¥ with two decimals from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** "12.5" or "12.50" yuan typed by a person → fen; null when it is not an amount of money. */
export function toFen(s: string): number | null {
  const v = s.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(v)) return null;
  const [int, dec = ''] = v.split('.');
  const fen = Number(int) * 100 + Number(dec.padEnd(2, '0'));
  return fen > 0 ? fen : null;
}
