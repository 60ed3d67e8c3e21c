// A value that follows the given one once it has stopped changing, so a search box does not send a request
// per keystroke.
import { useEffect, useState } from 'react';

/** The value after the user pauses typing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
