// The one bridge between the renderer and the desktop: which view this window shows and that it runs in the
// command-room shell. Nothing else of Node or Electron reaches the page.
import { contextBridge } from 'electron';

export function desktopBridge(argv: readonly string[]) {
  const view = argv.find((arg) => arg.startsWith('--canteen-view='))?.slice('--canteen-view='.length) ?? 'bigscreen';
  return Object.freeze({ shell: 'electron' as const, view });
}

export function exposeBridge(argv: readonly string[] = process.argv): void {
  contextBridge.exposeInMainWorld('canteenDesktop', desktopBridge(argv));
}
