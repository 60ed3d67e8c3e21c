// Every camera matching a filter (a county has hundreds: the pages are fetched one after another), kept
// current on camera events like any live query.
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, type Query } from '../../api/client';
import type { Camera, CameraPage } from '../../api/types';
import { useEvents } from '../../hooks/use-realtime';

const PAGE_SIZE = 500;
/** A list longer than this is cut (a county holds about a thousand; a city's ten thousand is not a list). */
const MAX_PAGES = 6;
const COALESCE_MS = 1000;

export interface CameraList {
  cameras: Camera[];
  total: number;
}

export function useCameraList(query: Query, enabled: boolean): UseQueryResult<CameraList> {
  const client = useQueryClient();
  const key = ['wall-cameras', query] as const;
  const result = useQuery<CameraList>({
    queryKey: key,
    enabled,
    queryFn: async () => {
      const cameras: Camera[] = [];
      let total = 0;
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const answer = await api.get<CameraPage>('/api/cameras', { ...query, page, pageSize: PAGE_SIZE });
        cameras.push(...answer.items);
        total = answer.total;
        if (cameras.length >= total || answer.items.length === 0) break;
      }
      return { cameras, total };
    },
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keyText = JSON.stringify(key);
  useEvents(['camera.'], () => {
    if (timer.current || !enabled) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.invalidateQueries({ queryKey: JSON.parse(keyText) as unknown[], exact: true });
    }, COALESCE_MS);
  });
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  return result;
}
