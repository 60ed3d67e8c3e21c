// One viewer's WebSocket as a sink of a live stream: binary messages, its unsent bytes (bufferedAmount) as
// the backlog the stream caps.
import { WebSocket } from 'ws';
import type { LiveSink, LiveStream } from './live-stream';

export class LiveViewer implements LiveSink {
  constructor(
    readonly socket: WebSocket,
    private readonly stream: Pick<LiveStream, 'addSink' | 'removeSink'>,
  ) {}

  backlogBytes(): number {
    return this.socket.bufferedAmount;
  }

  send(data: Buffer): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data, { binary: true });
  }

  attach(): void {
    this.stream.addSink(this);
  }

  detach(): void {
    this.stream.removeSink(this);
  }
}
