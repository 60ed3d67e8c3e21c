// What no request may carry in any field, whatever its route's schema says: control characters (PostgreSQL
// refuses NUL in text and JSON, and none of them belongs in a name, a note or a search) and nesting deeper
// than any request of ours needs. Checked on params, query and body before a route does any work.
import { invalidInput } from '../errors';

/** C0 controls but tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** No request of ours nests deeper (a checklist's answers are four levels down). */
export const MAX_INPUT_DEPTH = 16;

/** Throws 400 naming the first field that holds a control character, or the place nesting goes too deep. */
export function assertCleanInput(root: string, value: unknown): void {
  // Iterative, so a body nested a million levels deep cannot overflow the stack.
  const stack: Array<{ path: string; value: unknown; depth: number }> = [{ path: root, value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (CONTROL.test(item.value)) throw refused(item.path, 'control_character', 'Text may not contain control characters');
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_INPUT_DEPTH) throw refused(item.path, 'too_deep', `Input nests deeper than ${MAX_INPUT_DEPTH} levels`);
    for (const [key, child] of Object.entries(item.value)) {
      const path = `${item.path}.${key}`;
      if (CONTROL.test(key)) throw refused(item.path, 'control_character', 'Field names may not contain control characters');
      stack.push({ path, value: child, depth: item.depth + 1 });
    }
  }
}

const refused = (path: string, code: string, message: string) => invalidInput(message, [{ path, code, message }]);
