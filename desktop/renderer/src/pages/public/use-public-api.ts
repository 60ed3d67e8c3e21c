// Reads of the public API (no login, no realtime): counties, a school search, one school, a complaint.
// Keys follow useLiveQuery's [path, query] so a write can update what is shown.
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ComplaintStatus, PublicCounties, PublicSchoolDetail, PublicSchoolPage } from '../../api/types';

function usePublicGet<T>(path: string, query: Query = {}, enabled = true, staleTime = 60_000) {
  return useQuery<T>({ queryKey: [path, query], queryFn: () => api.get<T>(path, query), enabled, staleTime });
}

export const schoolKey = (id: string) => [`/api/public/schools/${id}`, {}] as const;

export const useCounties = () => usePublicGet<PublicCounties>('/api/public/counties');

export const useSchoolSearch = (q: string, county: string) =>
  usePublicGet<PublicSchoolPage>('/api/public/schools', { q, county, pageSize: 50 }, q !== '' || county !== '');

export const usePublicSchool = (id: string) => usePublicGet<PublicSchoolDetail>(schoolKey(id)[0]);

/** Always asked again when looked up: the point is to see whether the bureau has answered. */
export const useComplaintStatus = (code: string | undefined) =>
  usePublicGet<ComplaintStatus>(`/api/public/complaints/${code ?? ''}`, {}, Boolean(code), 0);
