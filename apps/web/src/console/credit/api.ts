import { useQuery } from '@tanstack/react-query';
import type {
  TCreditFile,
  TCreditFileRow,
  TCreditRule,
  TCreditSettings,
  TDishonestEntry,
  TPledgeTemplate,
} from '@zhilv/contracts';
import { api, qs } from '../../lib/api';

export const useCreditFile = (type: string | undefined, id: string | undefined | null) =>
  useQuery({
    queryKey: ['credit', 'file', type, id],
    queryFn: () => api.get<TCreditFile>(`/api/credit/files/${type}/${id}`),
    enabled: !!type && !!id,
  });

export const useCreditFiles = (f: { type: 'business' | 'practitioner'; q?: string; grade?: string; page: number }) =>
  useQuery({
    queryKey: ['credit', 'files', f],
    queryFn: () =>
      api.get<{ items: TCreditFileRow[]; total: number }>(`/api/credit/files${qs({ ...f, pageSize: 20 })}`),
  });

export const useCreditRules = () =>
  useQuery({ queryKey: ['credit', 'rules'], queryFn: () => api.get<TCreditRule[]>('/api/credit/rules') });

export const useCreditSettings = () =>
  useQuery({ queryKey: ['credit', 'settings'], queryFn: () => api.get<TCreditSettings>('/api/credit/settings') });

export const useDishonestEntries = () =>
  useQuery({
    queryKey: ['credit', 'entries'],
    queryFn: () => api.get<TDishonestEntry[]>('/api/credit/dishonest-entries'),
  });

export const usePledgeTemplates = () =>
  useQuery({
    queryKey: ['credit', 'templates'],
    queryFn: () => api.get<TPledgeTemplate[]>('/api/credit/pledge-templates'),
  });
