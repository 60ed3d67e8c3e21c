// Which view goes on which screen of a command room, from a settings file beside the app (or the file named
// by CANTEEN_SCREENS). Validated with zod: a bad file is reported, and the room falls back to one big
// screen rather than a black wall.
import fs from 'node:fs';
import { z } from 'zod';

export const VIEWS = ['bigscreen', 'wall', 'desk', 'patrol'] as const;

export const ScreensConfig = z.object({
  /** The server that serves the renderer and the API, e.g. http://10.1.2.3:8080 */
  serverUrl: z.url().default('http://127.0.0.1:8080'),
  screens: z
    .array(
      z.object({
        /** Index into the displays, primary first (0), as the operating system orders the rest. */
        display: z.number().int().min(0).default(0),
        view: z.enum(VIEWS),
        /** Kiosk: fullscreen, no window frame, no way out but the keyboard shortcut the room knows. */
        kiosk: z.boolean().default(true),
      }),
    )
    .min(1)
    .default([{ display: 0, view: 'bigscreen', kiosk: true }]),
  /** Reload a renderer that has not answered for this long. */
  hangSeconds: z.number().int().min(5).max(600).default(30),
});
export type ScreensConfig = z.infer<typeof ScreensConfig>;

export function loadScreensConfig(file: string): { config: ScreensConfig; problem?: string } {
  let raw: unknown = {};
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { config: ScreensConfig.parse({}), problem: `${file}: ${(error as Error).message}` };
    }
  }
  const parsed = ScreensConfig.safeParse(raw);
  if (!parsed.success) {
    return {
      config: ScreensConfig.parse({}),
      problem: `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    };
  }
  return { config: parsed.data };
}
