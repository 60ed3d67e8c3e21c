// WebSocket viewers for the relay's tests: a normal one that collects what it receives, the refusal a bad
// token gets, and a viewer that upgrades by hand and then never reads (a stalled browser tab).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';

export interface Viewer {
  readonly ws: WebSocket;
  readonly messages: Buffer[];
  bytes(): number;
  /** Everything received so far, as one buffer. */
  received(): Buffer;
  /** Resolves once at least `bytes` more bytes than now have arrived. */
  waitForBytes(bytes: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function liveUrl(relayUrl: string, cameraId: string, token?: string): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return `${relayUrl.replace(/^http/, 'ws')}/live/${cameraId}${query}`;
}

export async function openViewer(url: string, timeoutMs = 10_000): Promise<Viewer> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const messages: Buffer[] = [];
  let total = 0;
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    messages.push(data);
    total += data.length;
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('viewer did not connect')), timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  ws.on('error', () => undefined);
  return {
    ws,
    messages,
    bytes: () => total,
    received: () => Buffer.concat(messages),
    waitForBytes: (bytes, wait = 15_000) => {
      const target = total + bytes;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (total < target) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${total} of ${target} bytes within ${wait} ms`));
        }, wait);
        waiters.add(check);
        check();
      });
    },
    close: () => ws.terminate(),
  };
}

/** The HTTP status a WebSocket upgrade is refused with, and the bytes of video received (must be none). */
export function refusedStatus(url: string): Promise<{ status: number; videoBytes: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let videoBytes = 0;
    ws.on('message', (data: Buffer) => (videoBytes += data.length));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, videoBytes });
      ws.terminate();
    });
    ws.once('open', () => {
      setTimeout(() => {
        ws.terminate();
        resolve({ status: 101, videoBytes });
      }, 500);
    });
    ws.once('error', (error) => {
      if (!error.message.includes('Unexpected server response')) reject(error);
    });
  });
}

/** Upgrades to the live WebSocket by hand and then stops reading: the relay's writes back up. */
export async function openPausedViewer(host: string, port: number, path: string): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  // Read only the 101 answer, then nothing more.
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
  return socket;
}
