// The camera list's filters live in the URL (#/wall?status=…&county=…&school=…&q=…), so a drill-down from
// another page opens the wall already filtered and a reload keeps the filter.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Camera } from '../../api/types';

export const CAMERA_STATUSES = ['online', 'offline', 'frozen', 'blurred', 'covered', 'unknown'] as const;

export interface WallFilters {
  status: Camera['status'] | undefined;
  county: string | undefined;
  school: string | undefined;
  q: string;
  /** Camera ids a link asks the wall to show. */
  cameras: string[];
  /** A camera's recording a link asks the wall to play from a moment (#/wall?playback=<camera>&at=<ISO instant>). */
  playback: { cameraId: string; at: number } | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FilterPatch = Partial<Record<'status' | 'county' | 'school' | 'q' | 'cameras' | 'playback' | 'at', string | undefined>>;

function playbackOf(params: URLSearchParams): WallFilters['playback'] {
  const cameraId = params.get('playback');
  const at = Date.parse(params.get('at') ?? '');
  return cameraId && UUID.test(cameraId) && Number.isFinite(at) ? { cameraId, at } : undefined;
}

export function useWallFilters(): [WallFilters, (patch: FilterPatch) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<WallFilters>(() => {
    const status = params.get('status');
    const county = params.get('county');
    const school = params.get('school');
    return {
      status: (CAMERA_STATUSES as readonly string[]).includes(status ?? '') ? (status as Camera['status']) : undefined,
      county: county && /^\d{6}$/.test(county) ? county : undefined,
      school: school && UUID.test(school) ? school : undefined,
      q: params.get('q') ?? '',
      cameras: (params.get('cameras') ?? '')
        .split(',')
        .filter((id) => UUID.test(id))
        .slice(0, 16),
      playback: playbackOf(params),
    };
  }, [params]);
  const update = useCallback(
    (patch: FilterPatch) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(patch)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}
