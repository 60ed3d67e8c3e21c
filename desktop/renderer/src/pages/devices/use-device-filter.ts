// The device filter lives in the URL (#/devices?state=offline&unbound=1&q=…), so a reload or a link keeps it.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEVICE_STATES, type DeviceFilter, type DeviceState } from './device-filters';

export function useDeviceFilter(): [DeviceFilter, (patch: Partial<DeviceFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<DeviceFilter>(() => {
    const state = params.get('state') ?? '';
    return {
      state: (DEVICE_STATES as readonly string[]).includes(state) ? (state as DeviceState) : 'all',
      unboundOnly: params.get('unbound') === '1',
      q: params.get('q') ?? '',
    };
  }, [params]);
  const update = useCallback(
    (patch: Partial<DeviceFilter>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          const set = (name: string, value: string) => (value ? next.set(name, value) : next.delete(name));
          if (patch.state !== undefined) set('state', patch.state === 'all' ? '' : patch.state);
          if (patch.unboundOnly !== undefined) set('unbound', patch.unboundOnly ? '1' : '');
          if (patch.q !== undefined) set('q', patch.q);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update];
}
