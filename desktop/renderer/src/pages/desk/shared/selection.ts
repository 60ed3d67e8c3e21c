// Which rows of a list are chosen for one action on many: a click toggles one row, a Shift-click sets every
// row from the last one clicked (the anchor) to this one as this one becomes, Gmail-style.

export type Chosen = ReadonlySet<string>;

export function toggleOne(chosen: Chosen, id: string): Set<string> {
  const next = new Set(chosen);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Sets the rows between the anchor and `id` (both included, in list order) to the opposite of `id`'s state. */
export function toggleRange(chosen: Chosen, order: readonly string[], anchor: string | undefined, id: string): Set<string> {
  const from = anchor === undefined ? -1 : order.indexOf(anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleOne(chosen, id);
  const on = !chosen.has(id);
  const next = new Set(chosen);
  for (const row of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
    if (on) next.add(row);
    else next.delete(row);
  }
  return next;
}

/** Every row of the page when any is not chosen yet; none when all are. */
export function toggleAll(chosen: Chosen, order: readonly string[]): Set<string> {
  const all = order.length > 0 && order.every((id) => chosen.has(id));
  return all ? new Set() : new Set(order);
}

/** The choices still on the page (rows that left it, e.g. triaged by someone else, cannot stay chosen). */
export function keepVisible(chosen: Chosen, order: readonly string[]): Chosen {
  const visible = new Set(order);
  const kept = [...chosen].filter((id) => visible.has(id));
  return kept.length === chosen.size ? chosen : new Set(kept);
}
