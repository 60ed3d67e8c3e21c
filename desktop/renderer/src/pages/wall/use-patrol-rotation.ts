// The patrol rotation: the wall's tiles cycle through the cameras of today's patrol plan (canteen by canteen,
// in the plan's order of priority), a page every N seconds, until paused or stopped. Cameras are asked for a
// canteen at a time, only as far ahead as the next page needs.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Camera, CameraPage, PatrolPlan } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

export const ROTATION_SECONDS = [10, 20, 30, 60, 120] as const;

type PlanItem = PatrolPlan['items'][number];

export type RotationStatus =
  { kind: 'idle' } | { kind: 'loading' } | { kind: 'empty' } | { kind: 'showing'; item: PlanItem; position: number; total: number };

export interface Rotation {
  running: boolean;
  paused: boolean;
  seconds: number;
  status: RotationStatus;
  setSeconds: (seconds: number) => void;
  start: () => void;
  pause: () => void;
  resume: () => void;
  stop: () => void;
}

interface Queue {
  planId: string;
  cameras: Array<{ camera: Camera; item: PlanItem }>;
  /** Plan items whose cameras are in `cameras`. */
  loadedItems: number;
  cursor: number;
}

export function usePatrolRotation(layout: number, show: (cameras: Camera[]) => void): Rotation {
  const [running, setRunning] = useState(false);
  const [paused, setPaused] = useState(false);
  const [seconds, setSeconds] = useState<number>(ROTATION_SECONDS[1]);
  const [status, setStatus] = useState<RotationStatus>({ kind: 'idle' });
  const plan = useLiveQuery<PatrolPlan>('/api/patrol/plan', undefined, { enabled: running });
  const queue = useRef<Queue | null>(null);
  const busy = useRef(false);
  const showLatest = useRef(show);
  showLatest.current = show;

  const step = useCallback(
    async (items: PlanItem[], planId: string) => {
      if (busy.current) return;
      busy.current = true;
      try {
        if (queue.current?.planId !== planId) queue.current = { planId, cameras: [], loadedItems: 0, cursor: 0 };
        const q = queue.current;
        while (q.cameras.length < q.cursor + layout && q.loadedItems < items.length) {
          const item = items[q.loadedItems]!;
          const page = await api.get<CameraPage>('/api/cameras', { canteen: item.canteen.id, pageSize: 64 });
          q.cameras.push(...page.items.map((camera) => ({ camera, item })));
          q.loadedItems += 1;
        }
        if (q.cameras.length === 0) {
          setStatus({ kind: 'empty' });
          return;
        }
        if (q.cursor >= q.cameras.length) q.cursor = 0;
        const shown = q.cameras.slice(q.cursor, q.cursor + layout);
        showLatest.current(shown.map((entry) => entry.camera));
        const first = shown[0]!.item;
        setStatus({ kind: 'showing', item: first, position: items.indexOf(first) + 1, total: items.length });
        q.cursor += layout;
      } catch {
        // A failed look-up is tried again at the next tick.
      } finally {
        busy.current = false;
      }
    },
    [layout],
  );

  const items = plan.data?.items;
  const planId = plan.data?.plan.id;
  useEffect(() => {
    if (!running || paused || !items || !planId) return;
    if (queue.current?.planId !== planId || queue.current.cursor === 0) void step(items, planId);
    const timer = setInterval(() => void step(items, planId), seconds * 1000);
    return () => clearInterval(timer);
  }, [running, paused, items, planId, seconds, step]);

  return {
    running,
    paused,
    seconds,
    status: running && !plan.data ? { kind: 'loading' } : status,
    setSeconds,
    start: () => {
      queue.current = null;
      setStatus({ kind: 'loading' });
      setPaused(false);
      setRunning(true);
    },
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    stop: () => {
      setRunning(false);
      setPaused(false);
      setStatus({ kind: 'idle' });
    },
  };
}
