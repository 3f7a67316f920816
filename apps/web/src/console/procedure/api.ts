import type {
  TDispute,
  TDisputeReviewRequest,
  THolderStatsItem,
  TTimeRequest,
  TWorkOrderDetail,
  TWorkOrderProcedure,
} from '@zhilv/contracts';
import { api, qs } from '../../lib/api';

export const getProcedure = (id: string) => api.get<TWorkOrderProcedure>(`/api/work-orders/${id}/procedure`);
export const getTimeRequests = (status?: string) =>
  api.get<{ items: TTimeRequest[] }>(`/api/work-orders/time-requests${qs(status ? { status } : {})}`);
export const decideTime = (orderId: string, approve: boolean, note: string) =>
  api.post<TWorkOrderDetail>(`/api/work-orders/${orderId}/decide-time`, { approve, note });
export const endSuspension = (orderId: string, reason: string) =>
  api.post<TWorkOrderDetail>(`/api/work-orders/${orderId}/end-suspension`, { reason });
export const getHolderStats = (params: { from: string; to: string }) =>
  api.get<{ items: THolderStatsItem[] }>(`/api/statistics/work-orders/holders${qs(params)}`);
export const getDisputes = (status?: string) =>
  api.get<{ items: TDispute[] }>(`/api/work-orders/disputes${qs(status ? { status } : {})}`);
export const reviewDispute = (orderId: string, body: TDisputeReviewRequest) =>
  api.post<TWorkOrderDetail>(`/api/work-orders/${orderId}/review-dispute`, body);
