// Single-key shortcuts for the desk (j/k, Enter, a, r, f, m, x, Shift+C, /, ?). Keys typed into a field are
// the operator's text, never commands; keys with Ctrl/Alt/Meta belong to the browser. A letter is named in
// lower case, with `Shift+` when Shift is held, so Caps Lock changes nothing.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** The name a shortcut map uses for a key press: `j`, `Shift+c`, `Enter`, `?`. */
export function shortcutName(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  if (!/^[a-z]$/i.test(event.key)) return event.key;
  const letter = event.key.toLowerCase();
  return event.shiftKey ? `Shift+${letter}` : letter;
}

/** Calls the handler named by the key pressed; `enabled` false switches them all off (e.g. behind a dialog). */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const latest = useRef(map);
  latest.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      // Enter on a focused button or link is that control's own click.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a, summary')) return;
      const handler = latest.current[shortcutName(event)];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
