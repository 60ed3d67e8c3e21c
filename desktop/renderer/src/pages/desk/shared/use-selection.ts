// The rows chosen on the current page for one action on many (see selection.ts), with the anchor of the
// last row clicked or toggled for Shift ranges. Rows that leave the page drop out of the choice.
import { useEffect, useMemo, useRef, useState } from 'react';
import { keepVisible, toggleAll, toggleOne, toggleRange, type Chosen } from './selection';

export function useSelection(items: ReadonlyArray<{ id: string }>) {
  const order = useMemo(() => items.map((item) => item.id), [items]);
  const [chosen, setChosen] = useState<Chosen>(() => new Set());
  const anchor = useRef<string | undefined>(undefined);
  useEffect(() => setChosen((previous) => keepVisible(previous, order)), [order]);

  /** A click (range with Shift) or the x key (Shift+x for a range) on one row. */
  const toggle = (id: string, range = false) => {
    // The updater runs later, when the anchor has already moved on to this row: read it now.
    const from = anchor.current;
    setChosen((previous) => (range ? toggleRange(previous, order, from, id) : toggleOne(previous, id)));
    anchor.current = id;
  };
  return {
    chosen,
    /** Chosen ids in list order. */
    ids: order.filter((id) => chosen.has(id)),
    allChosen: order.length > 0 && order.every((id) => chosen.has(id)),
    toggle,
    toggleAll: () => setChosen((previous) => toggleAll(previous, order)),
    clear: () => setChosen(new Set()),
    remove: (ids: readonly string[]) =>
      setChosen((previous) => {
        const next = new Set(previous);
        for (const id of ids) next.delete(id);
        return next;
      }),
  };
}
