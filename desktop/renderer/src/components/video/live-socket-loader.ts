// The WebSocket loader mpegts.js uses for a live tile, replacing its own: when a tile is torn down while its
// socket is still connecting, closing it fires a late `error` event, and mpegts.js's loader — its callbacks
// already cleared by destroy — throws its own exception object from that event (an uncaught error with no
// message, seen on the wall when tiles switch quickly). This loader detaches its handlers before closing.
import mpegts from 'mpegts.js';

const { LoaderStatus, LoaderErrors } = mpegts;

export class LiveSocketLoader extends mpegts.BaseLoader {
  static isSupported(): boolean {
    return typeof WebSocket !== 'undefined';
  }

  private socket: WebSocket | null = null;
  private receivedLength = 0;

  constructor() {
    super('live-socket-loader');
    // mpegts.js stashes small chunks before demuxing, as it does for its own WebSocket loader.
    this._needStash = true;
  }

  override open(dataSource: { url: string }): void {
    const socket = new WebSocket(dataSource.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this._status = LoaderStatus.kConnecting;
    socket.onopen = () => {
      this._status = LoaderStatus.kBuffering;
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      const byteStart = this.receivedLength;
      this.receivedLength += event.data.byteLength;
      this.onDataArrival?.(event.data, byteStart, this.receivedLength);
    };
    socket.onclose = () => {
      this._status = LoaderStatus.kComplete;
      this.onComplete?.(0, this.receivedLength - 1);
    };
    socket.onerror = () => {
      this._status = LoaderStatus.kError;
      // mpegts.js's typings name the error type as its whole table of types; the value is one of them.
      this.onError?.(LoaderErrors.EXCEPTION as unknown as typeof LoaderErrors, { code: -1, msg: 'live video socket failed' });
    };
  }

  override abort(): void {
    const socket = this.socket;
    this.socket = null;
    this._status = LoaderStatus.kComplete;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
  }

  override destroy(): void {
    this.abort();
    super.destroy();
  }
}
