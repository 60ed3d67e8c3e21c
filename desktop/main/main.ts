// The Electron main process of a command room: one window per configured screen, the display kept awake, and
// software WebGL (SwiftShader) allowed where no GPU is found, so the map still draws on a plain PC.
import path from 'node:path';
import { app, powerSaveBlocker, screen } from 'electron';
import { loadScreensConfig } from './screens-config';
import { openScreenWindow } from './screen-window';

export function configureChromium(): void {
  // Only a fallback: with a working GPU Chromium keeps using it.
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
  app.commandLine.appendSwitch('ignore-gpu-blocklist');
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
}

export async function startDesktop(options: { configFile: string; preload: string; log?: (message: string) => void }) {
  const log = options.log ?? ((message: string) => console.warn(`[desktop] ${message}`));
  await app.whenReady();
  const { config, problem } = loadScreensConfig(options.configFile);
  if (problem) log(`screen settings not usable, showing one big screen: ${problem}`);
  powerSaveBlocker.start('prevent-display-sleep');
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id)];
  const windows = config.screens.map((entry) => {
    const display = displays[entry.display] ?? displays[0]!;
    if (!displays[entry.display]) log(`display ${entry.display} not found; ${entry.view} opens on the primary display`);
    return openScreenWindow({
      ...entry,
      display,
      serverUrl: config.serverUrl,
      preload: options.preload,
      hangSeconds: config.hangSeconds,
      log,
    });
  });
  app.on('window-all-closed', () => app.quit());
  return { config, windows };
}

/** Entry point when Electron runs this file (bundled to desktop/dist/main.cjs). */
export function run(): void {
  configureChromium();
  const configFile = process.env.CANTEEN_SCREENS ?? path.join(app.getPath('userData'), 'screens.json');
  void startDesktop({ configFile, preload: path.join(__dirname, 'preload.cjs') });
}
