// Live video on the server's own origin: a viewer's WebSocket to /live/<camera>?token=… is joined to the
// relay that pulls the camera, so a browser never talks to a relay (or any other host) directly. The
// ticket is checked here too, so a bad one never reaches a relay. Backpressure passes through: while the
// viewer is slow, reading from the relay pauses, and the relay skips that viewer to the next keyframe.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { verifyRelayToken } from '../../../stream-relay/protocol';
import type { Logger } from '../../logger';
import { relaySigningKey } from '../../relays/signing-key';
import type { RelayDirectory } from './relay-directory';

const LIVE_PATH = /^\/live\/([0-9a-f-]{36})$/;
const SOCKET_IO_PATH = '/socket.io/';
/** Above this many unsent bytes towards the viewer, stop reading from the relay until it drains. */
const HIGH_WATER = 1 << 20;
const CONNECT_TIMEOUT_MS = 5_000;

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachLiveProxy(httpServer: HttpServer, deps: { directory: RelayDirectory; signingSecret: string; log: Logger }) {
  const viewers = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const key = relaySigningKey(deps.signingSecret);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://server');
    if (url.pathname.startsWith(SOCKET_IO_PATH)) return;
    socket.on('error', () => socket.destroy());
    const cameraId = LIVE_PATH.exec(url.pathname)?.[1];
    if (!cameraId) return refuse(socket, 404, 'Not Found');
    const token = url.searchParams.get('token');
    if (!verifyRelayToken(key, token, { cam: cameraId, grant: 'live' })) return refuse(socket, 401, 'Unauthorized');
    void join(req, socket, head, cameraId, token!);
  };

  const join = async (req: IncomingMessage, socket: Duplex, head: Buffer, cameraId: string, token: string) => {
    let relayUrl: string;
    try {
      const camera = await deps.directory.camera(cameraId);
      if (!camera) return refuse(socket, 404, 'Not Found');
      relayUrl = (await deps.directory.relayOf(camera)).url;
    } catch {
      return refuse(socket, 503, 'Service Unavailable');
    }
    const upstream = new WebSocket(`${relayUrl.replace(/^http/, 'ws')}/live/${cameraId}?token=${encodeURIComponent(token)}`, {
      perMessageDeflate: false,
      handshakeTimeout: CONNECT_TIMEOUT_MS,
    });
    upstream.once('unexpected-response', (_request, response) => {
      refuse(socket, response.statusCode === 401 ? 401 : 503, response.statusCode === 401 ? 'Unauthorized' : 'Service Unavailable');
      upstream.terminate();
    });
    upstream.once('error', (error) => {
      deps.log.debug({ err: error, cameraId }, 'relay live connection failed');
      if (socket.writable && !socket.destroyed) refuse(socket, 503, 'Service Unavailable');
    });
    upstream.once('open', () => {
      if (socket.destroyed) return upstream.terminate();
      viewers.handleUpgrade(req, socket, head, (viewer) => pipe(viewer, upstream));
    });
  };

  const pipe = (viewer: WebSocket, upstream: WebSocket) => {
    let paused = false;
    upstream.on('message', (data: Buffer, isBinary) => {
      if (viewer.readyState !== WebSocket.OPEN) return;
      viewer.send(data, { binary: isBinary }, () => {
        if (paused && viewer.bufferedAmount < HIGH_WATER / 2) {
          paused = false;
          upstream.resume();
        }
      });
      if (!paused && viewer.bufferedAmount > HIGH_WATER) {
        paused = true;
        upstream.pause();
      }
    });
    const closeBoth = () => {
      if (viewer.readyState === WebSocket.OPEN) viewer.close();
      if (upstream.readyState === WebSocket.OPEN || upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
    };
    upstream.on('close', closeBoth);
    viewer.on('close', closeBoth);
    viewer.on('error', closeBoth);
    upstream.on('error', closeBoth);
  };

  httpServer.on('upgrade', onUpgrade);
  return {
    close() {
      httpServer.off('upgrade', onUpgrade);
      for (const client of viewers.clients) client.terminate();
      viewers.close();
    },
  };
}
