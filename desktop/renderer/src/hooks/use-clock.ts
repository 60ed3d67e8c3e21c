// The current time, ticking: the big screen's header clock (each second), how long ago a device kept alive.
import { useEffect, useState } from 'react';

export function useClock(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
