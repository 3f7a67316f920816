import type { TWorkOrderDetail, TWorkOrderSummary } from '@zhilv/contracts';
import { api } from '../../lib/api';

export type TDuplicate = TWorkOrderSummary & { score: number };
export type TDepartment = { id: string; code: string; name: string; nameEn: string; active?: boolean };

export const getWorkOrder = (id: string) => api.get<TWorkOrderDetail>(`/api/work-orders/${id}`);
export const getDuplicates = (id: string) => api.get<TDuplicate[]>(`/api/work-orders/${id}/duplicates`);
export const getDepartments = () => api.get<TDepartment[]>('/api/departments');
export const actOn = (id: string, action: string, body: object = {}) =>
  api.post<TWorkOrderDetail>(`/api/work-orders/${id}/${action.replaceAll('_', '-')}`, body);
