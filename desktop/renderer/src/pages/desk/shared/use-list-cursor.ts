// The keyboard cursor of a list (j/k): it follows the item opened through the URL and moves one row at a
// time, starting from the top (or the bottom, going up) when it is on no row of the page.
import { useEffect, useState } from 'react';

export function useListCursor(items: ReadonlyArray<{ id: string }>, openId: string | undefined) {
  const [cursorId, setCursorId] = useState<string | undefined>(openId);
  useEffect(() => {
    if (openId) setCursorId(openId);
  }, [openId]);
  const move = (step: number) => {
    if (items.length === 0) return;
    const index = items.findIndex((item) => item.id === cursorId);
    const next = index < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + step));
    setCursorId(items[next]!.id);
  };
  return { cursorId, setCursorId, move };
}
