// The camera online rate from a camera's status history: how long, within a period, the camera's status was
// known (observed time) and how long it was 'online' (online time). Unit: whole seconds (camera-seconds once
// summed over cameras); a quarter of 2,000 cameras is about 1.6e10, far inside a double's exact integers.
//
// The status is a step function: `statusAtStart` holds from the window's start until the first transition,
// each transition's status from its instant (included) until the next one. A transition at or before the
// start replaces `statusAtStart` (the latest one wins); one at or after the end changes nothing. While the
// status is null (not known yet: before the camera existed or before its history began) the time is not
// observed. Any known status counts as observed — 'unknown' (a camera that never reported) and the faults
// (offline, frozen, blurred, covered) are observed and not online.
import { instantMs } from '../calendar/dates';

export type Instant = Date | string | number;

export interface CameraStatusTransition {
  /** When the camera took the status. */
  at: Instant;
  status: string;
}

export interface CameraAvailability {
  /** Seconds within the window with a known status. */
  observedSeconds: number;
  /** Seconds within the window with the status 'online' (never more than observedSeconds). */
  onlineSeconds: number;
}

/**
 * One camera's observed and online seconds in the window [start, end). `statusAtStart` is the status in force
 * at `start` (null when none is known); `transitions` may come in any order. Each total is rounded down to a
 * whole second, so online ≤ observed always holds.
 */
export function cameraAvailability(
  window: { start: Instant; end: Instant },
  statusAtStart: string | null,
  transitions: readonly CameraStatusTransition[],
): CameraAvailability {
  const start = instantMs(window.start, 'window start');
  const end = instantMs(window.end, 'window end');
  if (end <= start) return { observedSeconds: 0, onlineSeconds: 0 };
  const steps = transitions
    .map((transition, index) => ({ at: instantMs(transition.at, 'transition'), status: transition.status, index }))
    // Same instant: the later in the input wins (it is applied last).
    .sort((a, b) => a.at - b.at || a.index - b.index);

  let status = statusAtStart;
  let since = start;
  let observedMs = 0;
  let onlineMs = 0;
  const close = (until: number) => {
    if (until <= since) return;
    if (status !== null) observedMs += until - since;
    if (status === 'online') onlineMs += until - since;
  };
  for (const step of steps) {
    if (step.at >= end) break;
    if (step.at > start) {
      close(step.at);
      since = step.at;
    }
    status = step.status;
  }
  close(end);
  return { observedSeconds: Math.floor(observedMs / 1000), onlineSeconds: Math.floor(onlineMs / 1000) };
}
