// A real Chromium for the renderer's tests: the one inside @sparticuz/chromium (WebGL2 through SwiftShader,
// H.264 for Media Source Extensions), or Debian's when CHROMIUM_PATH names it. Every page is watched for
// requests that leave the server's origin: a command room's network reaches nothing else.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROOT } from './server-process';
import type { startTestServer, TestServer } from './test-server';

export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

async function executablePath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist; unset it to use @sparticuz/chromium`);
    return fromEnv;
  }
  try {
    return await sparticuz.executablePath();
  } catch (error) {
    throw new Error(
      `No Chromium for the browser tests (${(error as Error).message}). Run \`npm ci\` (it installs @sparticuz/chromium) ` +
        'or set CHROMIUM_PATH to a Chromium binary, e.g. `apt-get install chromium` and CHROMIUM_PATH=/usr/bin/chromium.',
    );
  }
}

// @sparticuz/chromium's defaults are for a Lambda: one process (which ends with its last page) and web
// security off. The tests want the browser a user has.
const UNWANTED_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/** One browser per test file. */
export async function launchBrowser(): Promise<Browser> {
  const usingSparticuz = !process.env.CHROMIUM_PATH;
  return chromium.launch({
    executablePath: await executablePath(),
    args: [
      ...(usingSparticuz
        ? sparticuz.args.filter((arg) => !UNWANTED_ARGS.has(arg))
        : ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader']),
      '--autoplay-policy=no-user-gesture-required',
    ],
    headless: true,
  });
}

export interface BrowserWithTestServer {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * A test server and a browser for the enclosing describe: started in beforeAll, closed in afterAll. Read
 * them through the returned object's getters inside hooks and tests (they are not there before beforeAll).
 */
export function useBrowserWithTestServer(options: Parameters<typeof startTestServer>[0] = {}): BrowserWithTestServer {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // Imported here, so files that only want a browser do not load the server's modules.
    const { startTestServer } = await import('./test-server');
    server = await startTestServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('The test server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll');
      return browser;
    },
  };
}

export interface WatchedContext {
  context: BrowserContext;
  /** URLs requested outside the server's origin (there should be none). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  newPage(): Promise<Page>;
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const WALL_SCREEN = { viewport: { width: 1920, height: 1080 } };

export async function newWatchedContext(
  browser: Browser,
  origin: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<WatchedContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...WALL_SCREEN, ...options });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const allowed = new URL(origin);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== allowed.host) foreignRequests.push(request.url());
  });
  return {
    context,
    foreignRequests,
    pageErrors,
    async newPage() {
      const page = await context.newPage();
      // The message and where it was thrown, so a failure names its source.
      page.on('pageerror', (error) => pageErrors.push(`${error.message} @ ${error.stack?.split('\n')[1]?.trim() ?? '?'}`));
      return page;
    },
  };
}

/** Logs in through the login form and waits for the landing page. */
export async function loginThroughForm(page: Page, origin: string, username: string, password: string, target = '/'): Promise<void> {
  await page.goto(`${origin}/#/login?next=${encodeURIComponent(target)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

export interface LoggedInPages {
  /** A page in a new watched context, logged in through the form and landed on `target`. */
  open(
    username: string,
    target: string,
    options?: {
      context?: Parameters<Browser['newContext']>[0];
      /** The browser's clock starts here (the server's test clock, so both share one day). */
      clockAt?: Date;
      /** Default timeout of the page's actions. */
      timeout?: number;
    },
  ): Promise<Page>;
  /** Closes every page opened so far, then fails if any threw an error or reached outside the server. */
  closeAll(): Promise<void>;
}

/** Logged-in pages against a test rig's server, each a user on their own screen. */
export function loggedInPages(rig: { readonly browser: Browser; readonly server: { url: string } }, password: string): LoggedInPages {
  const contexts: WatchedContext[] = [];
  return {
    async open(username, target, options = {}) {
      const watched = await newWatchedContext(rig.browser, rig.server.url, options.context);
      contexts.push(watched);
      if (options.clockAt) await watched.context.clock.install({ time: options.clockAt });
      const page = await watched.newPage();
      page.setDefaultTimeout(options.timeout ?? 20_000);
      await loginThroughForm(page, rig.server.url, username, password, target);
      return page;
    },
    async closeAll() {
      const closed = contexts.splice(0);
      for (const watched of closed) await watched.context.close();
      for (const watched of closed) {
        expect(watched.pageErrors).toEqual([]);
        expect(watched.foreignRequests).toEqual([]);
      }
    },
  };
}

/**
 * Waits until the big screen's map has settled: maplibre idle (nothing moving, its last frame drawn) — given
 * `afterIdle` (a count read before an action), idle again since — and deck.gl, which draws on its own canvas,
 * drawing no new frame between two looks.
 */
export async function mapSettled(map: Locator, afterIdle = 0): Promise<number> {
  let lastFrames: string | null = null;
  await expect
    .poll(async () => {
      const [idle, frames] = await Promise.all([map.getAttribute('data-idle'), map.getAttribute('data-frames')]);
      const still = frames === lastFrames;
      lastFrames = frames;
      return Number(idle ?? 0) > afterIdle && still;
    })
    .toBe(true);
  return Number(await map.getAttribute('data-idle'));
}

/** A box on the screen, as Playwright measures one. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes on the screen overlap. */
export const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
