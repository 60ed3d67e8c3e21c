// Observed and online seconds of one camera in a period, each worked out by hand on a one-day window
// (86,400 s) from 00:00 to 24:00 UTC on 1 March 2025.
import { describe, expect, it } from 'vitest';
import { cameraAvailability } from './camera-availability';

const day = { start: '2025-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z' };
const at = (time: string) => `2025-03-01T${time}Z`;
const HOUR = 3600;

describe('cameraAvailability', () => {
  it('counts a whole day online when the camera was online at the start and nothing changed', () => {
    expect(cameraAvailability(day, 'online', [])).toEqual({ observedSeconds: 24 * HOUR, onlineSeconds: 24 * HOUR });
  });

  it('counts a whole day observed but not online for a camera offline (or never reporting) throughout', () => {
    expect(cameraAvailability(day, 'offline', [])).toEqual({ observedSeconds: 24 * HOUR, onlineSeconds: 0 });
    expect(cameraAvailability(day, 'unknown', [])).toEqual({ observedSeconds: 24 * HOUR, onlineSeconds: 0 });
  });

  it('observes nothing of a camera with no known status and no transitions', () => {
    expect(cameraAvailability(day, null, [])).toEqual({ observedSeconds: 0, onlineSeconds: 0 });
  });

  it('counts offline → online → offline: online 06:00–18:00 only', () => {
    const history = [
      { at: at('06:00:00'), status: 'online' },
      { at: at('18:00:00'), status: 'offline' },
    ];
    expect(cameraAvailability(day, 'offline', history)).toEqual({ observedSeconds: 24 * HOUR, onlineSeconds: 12 * HOUR });
  });

  it('counts a transition exactly at the start from the start, and one exactly at the end not at all', () => {
    expect(cameraAvailability(day, 'offline', [{ at: day.start, status: 'online' }])).toEqual({
      observedSeconds: 24 * HOUR,
      onlineSeconds: 24 * HOUR,
    });
    expect(cameraAvailability(day, 'online', [{ at: day.end, status: 'offline' }])).toEqual({
      observedSeconds: 24 * HOUR,
      onlineSeconds: 24 * HOUR,
    });
  });

  it('observes a camera added mid-period from when it was added only', () => {
    // Added at 20:00 with no status yet ('unknown'), online from 22:30: observed 4 h, online 1.5 h.
    const history = [
      { at: at('20:00:00'), status: 'unknown' },
      { at: at('22:30:00'), status: 'online' },
    ];
    expect(cameraAvailability(day, null, history)).toEqual({ observedSeconds: 4 * HOUR, onlineSeconds: 1.5 * HOUR });
  });

  it('lets transitions before the start decide the status at the start, in time order whatever the input order', () => {
    const history = [
      { at: at('12:00:00'), status: 'frozen' },
      { at: '2025-02-28T09:00:00Z', status: 'offline' },
      { at: '2025-02-28T10:00:00Z', status: 'online' },
      { at: '2025-03-05T00:00:00Z', status: 'offline' },
    ];
    expect(cameraAvailability(day, null, history)).toEqual({ observedSeconds: 24 * HOUR, onlineSeconds: 12 * HOUR });
  });

  it('rounds each total down to whole seconds, so online never exceeds observed', () => {
    const window = { start: at('00:00:00'), end: at('00:00:10.900') };
    expect(cameraAvailability(window, 'offline', [{ at: at('00:00:00.500'), status: 'online' }])).toEqual({
      observedSeconds: 10,
      onlineSeconds: 10,
    });
    expect(cameraAvailability({ start: day.end, end: day.start }, 'online', [])).toEqual({ observedSeconds: 0, onlineSeconds: 0 });
  });
});
