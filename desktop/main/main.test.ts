// The command-room shell with Electron mocked (its binary cannot be downloaded here): one kiosk window per
// configured screen on the right display, a crashed or hung renderer reloaded, navigation kept on the server,
// the display kept awake, software WebGL allowed, and a bad settings file falling back to one big screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeWebContents extends EventEmitter {
  openHandler: (() => { action: string }) | undefined;
  crashed = 0;
  setWindowOpenHandler(handler: () => { action: string }) {
    this.openHandler = handler;
  }
  forcefullyCrashRenderer() {
    this.crashed += 1;
  }
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const displays = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
];
const electron = {
  app: {
    whenReady: vi.fn(() => Promise.resolve()),
    on: vi.fn(),
    quit: vi.fn(),
    getPath: vi.fn(() => os.tmpdir()),
    commandLine: { appendSwitch: vi.fn() },
  },
  powerSaveBlocker: { start: vi.fn(() => 1) },
  screen: { getPrimaryDisplay: () => displays[0], getAllDisplays: () => displays },
  BrowserWindow: FakeWindow,
  contextBridge: { exposeInMainWorld: vi.fn() },
};
vi.mock('electron', () => electron);

const { startDesktop, configureChromium } = await import('./main');
const { desktopBridge, exposeBridge } = await import('./preload');

describe('the command-room shell', () => {
  let dir: string;
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-desktop-'));
    FakeWindow.all = [];
    logs.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const writeConfig = (value: unknown) => {
    const file = path.join(dir, 'screens.json');
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('opens one secure kiosk window per configured screen, on its display, showing its view', async () => {
    const configFile = writeConfig({
      serverUrl: 'http://10.1.2.3:8080/',
      screens: [
        { display: 0, view: 'desk', kiosk: false },
        { display: 1, view: 'bigscreen' },
      ],
    });
    await startDesktop({ configFile, preload: '/app/preload.cjs', log });
    expect(FakeWindow.all).toHaveLength(2);
    const [desk, big] = FakeWindow.all as [FakeWindow, FakeWindow];
    expect(desk.loaded).toEqual(['http://10.1.2.3:8080/#/desk']);
    expect(big.loaded).toEqual(['http://10.1.2.3:8080/#/bigscreen']);
    expect(big.options).toMatchObject({ x: 1920, y: 0, width: 3840, height: 2160, fullscreen: true, kiosk: true });
    expect(desk.options).toMatchObject({ kiosk: false });
    expect(big.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/app/preload.cjs',
    });
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('reloads a crashed renderer at once and a hung one after the configured time', async () => {
    await startDesktop({ configFile: writeConfig({ screens: [{ view: 'wall' }], hangSeconds: 20 }), preload: 'p', log });
    const window = FakeWindow.all[0]!;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.loaded).toHaveLength(2);

    window.emit('unresponsive');
    vi.advanceTimersByTime(19_000);
    expect(window.loaded).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.crashed).toBe(1);
    expect(window.loaded).toHaveLength(3);

    // A renderer that recovers by itself is left alone.
    window.emit('unresponsive');
    window.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(window.loaded).toHaveLength(3);
  });

  it('retries while the server is not up yet, and keeps the page on the server', async () => {
    await startDesktop({
      configFile: writeConfig({ serverUrl: 'http://cc.local:8080', screens: [{ view: 'bigscreen' }] }),
      preload: 'p',
      log,
    });
    const window = FakeWindow.all[0]!;
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://cc.local:8080/#/bigscreen');
    vi.advanceTimersByTime(5_000);
    expect(window.loaded).toHaveLength(2);

    const away = { preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', home, 'http://cc.local:8080/#/wall');
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(window.webContents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('falls back to one big screen on the primary display when the settings are bad or name a missing display', async () => {
    await startDesktop({ configFile: writeConfig('{ not json'), preload: 'p', log });
    expect(FakeWindow.all).toHaveLength(1);
    expect(FakeWindow.all[0]!.loaded[0]).toMatch(/#\/bigscreen$/);
    expect(logs.join('\n')).toMatch(/screen settings not usable/);

    FakeWindow.all = [];
    await startDesktop({ configFile: writeConfig({ screens: [{ display: 5, view: 'wall' }] }), preload: 'p', log });
    expect(FakeWindow.all[0]!.options).toMatchObject({ x: 0, width: 1920 });
    expect(logs.join('\n')).toMatch(/display 5 not found/);
  });

  it('allows software WebGL where there is no GPU, and hands the page only its view', () => {
    configureChromium();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-unsafe-swiftshader');
    expect(desktopBridge(['electron', '--canteen-view=wall'])).toEqual({ shell: 'electron', view: 'wall' });
    exposeBridge(['electron']);
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('canteenDesktop', { shell: 'electron', view: 'bigscreen' });
  });
});
