// GET /live/<camera>?token=… upgraded to a WebSocket of binary MPEG-TS. The token is checked before the
// upgrade (401, nothing sent), then the camera (404). Pings find viewers that went away without closing.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from './logger';
import type { Relay } from './relay';

const LIVE_ROUTE = /^\/live\/([0-9a-fA-F-]{36})$/;
/** A viewer that has not answered the previous ping by the next one is dropped. */
const PING_INTERVAL_MS = 30_000;

function refuse(socket: Duplex, status: number, reason: string, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function attachLiveEndpoint(server: Server, relay: Relay, log: Logger) {
  // Viewers send nothing but control frames: a tiny payload limit.
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.debug({ err: error }, 'viewer socket error during upgrade'));
    const url = new URL(req.url ?? '/', 'http://relay');
    const cameraId = LIVE_ROUTE.exec(url.pathname)?.[1]?.toLowerCase();
    if (!cameraId) return refuse(socket, 404, 'Not Found', 'not_found', 'no such endpoint');
    const claims = relay.keys.verify(url.searchParams.get('token'), { cam: cameraId, grant: 'live' });
    if (!claims) return refuse(socket, 401, 'Unauthorized', 'unauthorized', 'a valid live token for this camera is required');
    const camera = relay.camera(cameraId);
    if (!camera) return refuse(socket, 404, 'Not Found', 'not_found', 'this relay does not run that camera');
    const format = claims.fmt ?? camera.defaultFormat;
    if (!camera.offers(format))
      return refuse(socket, 409, 'Conflict', 'format_unavailable', `this camera is offered as ${camera.defaultFormat} only`);

    sockets.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', () => undefined);
      camera.addViewer(ws, format, claims.sub, claims.ss === 1);
    });
  });

  const pinger = setInterval(() => {
    for (const ws of sockets.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);

  return {
    close(): void {
      clearInterval(pinger);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
