// One window per configured screen: placed on its display, fullscreen or kiosk, showing one view of the
// renderer the server serves. It keeps itself alive all night: a crashed renderer is reloaded at once, a hung
// one after `hangSeconds`; navigation away from the server and new windows are refused.
import { BrowserWindow, type Display } from 'electron';

export interface ScreenWindowOptions {
  serverUrl: string;
  view: string;
  kiosk: boolean;
  display: Display;
  preload: string;
  hangSeconds: number;
  log: (message: string) => void;
}

export function viewUrl(serverUrl: string, view: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/#/${view}`;
}

export function openScreenWindow(options: ScreenWindowOptions): BrowserWindow {
  const { bounds } = options.display;
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    fullscreen: true,
    kiosk: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b1220',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      // A wall is never "in the background": keep timers and video running when another window has focus.
      backgroundThrottling: false,
      additionalArguments: [`--canteen-view=${options.view}`],
    },
  });
  const url = viewUrl(options.serverUrl, options.view);
  const origin = new URL(options.serverUrl).origin;
  const contents = window.webContents;

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== origin) event.preventDefault();
  });
  contents.on('render-process-gone', (_event, details) => {
    options.log(`${options.view}: renderer gone (${details.reason}); reloading`);
    if (!window.isDestroyed()) void window.loadURL(url);
  });
  let hangTimer: NodeJS.Timeout | undefined;
  window.on('unresponsive', () => {
    options.log(`${options.view}: renderer not responding`);
    hangTimer ??= setTimeout(() => {
      hangTimer = undefined;
      if (window.isDestroyed()) return;
      options.log(`${options.view}: still hung after ${options.hangSeconds} s; reloading`);
      contents.forcefullyCrashRenderer();
      void window.loadURL(url);
    }, options.hangSeconds * 1000);
  });
  window.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });
  // The server may not be up yet when the room powers on: try again until it is.
  contents.on('did-fail-load', (_event, code, description, failedUrl) => {
    if (failedUrl !== url || window.isDestroyed()) return;
    options.log(`${options.view}: could not load (${code} ${description}); retrying in 5 s`);
    setTimeout(() => !window.isDestroyed() && void window.loadURL(url), 5_000);
  });
  void window.loadURL(url);
  return window;
}
